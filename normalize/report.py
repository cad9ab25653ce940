"""Per-run counters, the closing summary, and the one place exit codes are computed.

>>> report = Report(check=True)
>>> report.exit_code
0
>>> report.skipped("binary", error=True)
>>> report.exit_code, report.summary()
(2, '1 file seen: 0 would change, 0 unchanged, 1 skipped (1 binary)')
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
    """What happened to every file of a run, as black's ``Report`` counts it.

    ``written``: files were rewritten or copied (``--in-place``, ``--output``), so the summary
    says "changed" rather than "would change".
    """

    check: bool = False
    written: bool = False
    changed: int = 0
    unchanged: int = 0
    cached: int = 0
    errors: int = 0
    skips: Counter[str] = field(default_factory=Counter)
    edits: Counter[str] = field(default_factory=Counter)

    def done(self, outcome: Outcome) -> None:
        if outcome.changed:
            self.changed += 1
        else:
            self.unchanged += 1
        self.cached += outcome.cached
        self.edits.update(outcome.result.edit_counts())

    def skipped(self, reason: str, *, error: bool = False) -> None:
        """Count a file that was not cleaned; ``error`` (unreadable, binary...) makes the exit 2."""
        self.skips[reason] += 1
        self.errors += error

    @property
    def seen(self) -> int:
        return self.changed + self.unchanged + self.skips.total()

    @property
    def exit_code(self) -> int:
        """2 if any input could not be read, else 1 if ``--check`` found a file to change, else 0."""
        if self.errors:
            return EXIT_ERROR
        if self.check and self.changed:
            return EXIT_WOULD_CHANGE
        return EXIT_OK

    def summary(self) -> str:
        """One line: files seen, changed, unchanged (cached), skipped and why, then edits per filter."""
        verb = "changed" if self.written else "would change"
        noun = "file" if self.seen == 1 else "files"
        unchanged = f"{self.unchanged} unchanged" + (f" ({self.cached} cached)" if self.cached else "")
        line = f"{self.seen} {noun} seen: {self.changed} {verb}, {unchanged}"
        if self.skips:
            why = ", ".join(f"{count} {reason}" for reason, count in sorted(self.skips.items()))
            line += f", {self.skips.total()} skipped ({why})"
        if self.edits:
            line += "; edits: " + ", ".join(f"{n} {name}" for name, n in sorted(self.edits.items()))
        return line
