"""``--report FILE.json`` and ``--report FILE.html``: every changed file of a run with its edits.

Both are built from the change records and nothing else. In JSON each edit is
``dataclasses.asdict(change)`` plus its 1-based ``line`` and ``column`` in the file (the position
``--explain`` prints); the HTML page is described in :mod:`normalize.html_report`.

>>> from normalize import clean
>>> report = ChangeReport()
>>> report.add("a.txt", clean("He said  so.\\n", filters=["whitespace"]))
>>> data = report_data(report.files)
>>> data["counts"], data["files"][0]["changes"][0]["line"], data["files"][0]["changes"][0]["column"]
({'whitespace': 1}, 1, 8)
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from normalize import __version__
from normalize.errors import NormalizeError
from normalize.pipeline import Result


@dataclass
class ChangeReport:
    """The files of a run that have change records, kept (in the order given) until written."""

    files: list[tuple[str, Result]] = field(default_factory=list)

    def add(self, path: str, result: Result) -> None:
        if result.changes:
            self.files.append((path, result))

    def write(self, target: Path) -> None:
        """Write the report; the suffix of ``target`` (``.json`` or ``.html``) chooses the format."""
        if target.suffix.lower() == ".html":
            from normalize.html_report import render_page

            content = render_page(self.files)
        else:
            content = json.dumps(report_data(self.files), ensure_ascii=False, indent=2) + "\n"
        try:
            target.write_bytes(content.encode("utf-8"))
        except OSError as error:
            raise NormalizeError(f"{target}: cannot write the report: {error.strerror or error}") from None


def counts(results: list[Result]) -> Counter[str]:
    """Edits per filter (applied or reported) across ``results``."""
    return Counter(change.filter for result in results for change in result.changes)


def file_data(path: str, result: Result) -> dict[str, Any]:
    """One file's entry: whether its text changed, edits per filter, and every edit located."""
    from normalize.render import located_changes  # with difflib: every run builds a ChangeReport, few write one

    return {
        "path": path,
        "changed": result.changed,
        "counts": dict(sorted(counts([result]).items())),
        "changes": [
            {**asdict(change), "line": line, "column": column}
            for change, line, column in located_changes(result)
        ],
    }


def report_data(files: list[tuple[str, Result]]) -> dict[str, Any]:
    """The whole JSON report: the version, edits per filter over the run, and each file."""
    return {
        "normalize": __version__,
        "counts": dict(sorted(counts([result for _, result in files]).items())),
        "files": [file_data(path, result) for path, result in files],
    }
