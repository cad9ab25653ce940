"""Per-run counters, the closing summary, and the one place exit codes are computed.

>>> report = Report(check=True)
>>> report.exit_code
0
>>> report.failed("a.txt: binary file (NUL byte at offset 0); skipped")
>>> report.exit_code
2
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from normalize.files import Outcome

EXIT_OK = 0
EXIT_WOULD_CHANGE = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130


@dataclass
class Report:
    """What happened to every file of a run, as black's ``Report`` counts it."""

    check: bool = False
    changed: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    edits: Counter[str] = field(default_factory=Counter)

    def done(self, outcome: Outcome) -> None:
        if outcome.changed:
            self.changed += 1
        else:
            self.unchanged += 1
        self.edits.update(change.filter for change in outcome.result.changes if change.applied)

    def failed(self, message: str) -> None:
        self.errors.append(message)

    @property
    def exit_code(self) -> int:
        """2 if any input could not be read, else 1 if ``--check`` found a file to change, else 0."""
        if self.errors:
            return EXIT_ERROR
        if self.check and self.changed:
            return EXIT_WOULD_CHANGE
        return EXIT_OK

    def summary(self) -> str:
        """One line: files changed, unchanged and failed, then edits per filter."""
        verb = "would change" if self.check else "changed"
        parts = [f"{self.changed} file(s) {verb}", f"{self.unchanged} unchanged"]
        if self.errors:
            parts.append(f"{len(self.errors)} could not be read")
        line = ", ".join(parts)
        if self.edits:
            line += " (edits: " + ", ".join(f"{n} {name}" for name, n in sorted(self.edits.items())) + ")"
        return line
