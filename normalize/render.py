"""Unified diffs and ``--explain`` lines, built from a Result and nothing else.

>>> from normalize import clean
>>> result = clean("He said  so.\\n", filters=["whitespace"])
>>> print(result.explain("a.txt"), end="")
a.txt:1:8: whitespace: '  ' -> ' '  (run of 2 spaces inside a line)
>>> print(result.diff("a.txt"), end="")
--- a/a.txt
+++ b/a.txt
@@ -1 +1 @@
-He said  so.
+He said so.
"""

from __future__ import annotations

import difflib
from bisect import bisect_right
from typing import TYPE_CHECKING, Iterator

from normalize import registry
from normalize.blocks import LINE_BREAK

if TYPE_CHECKING:
    from normalize.edits import Change
    from normalize.pipeline import Result

NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(before: str, after: str, path: str) -> str:
    """A diff ``git apply`` accepts: lines split on ``\\n`` only, a marker for a missing newline."""
    if before == after:
        return ""
    lines = difflib.unified_diff(_lines(before), _lines(after), f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n" + NO_NEWLINE for line in lines)


def located_changes(result: Result, first_line: int = 1) -> Iterator[tuple[Change, int, int]]:
    """Each change with its 1-based line and column (in code points) in the original input,
    ordered by position, then by filter order (the order of ``--explain`` and of the reports).

    ``first_line``: the number of the input's first line (a JSON Lines record deep in its file)."""
    order = {spec.name: spec.order for spec in registry.all_filters()}
    line_starts = [0] + [match.end() for match in LINE_BREAK.finditer(result.original)]
    for change in sorted(result.changes, key=lambda c: (c.original_start, order.get(c.filter, 0))):
        line = bisect_right(line_starts, change.original_start)
        yield change, line + first_line - 1, change.original_start - line_starts[line - 1] + 1


def explain_lines(result: Result, path: str, first_line: int = 1) -> Iterator[str]:
    """One line per change, ordered by position in the original input, then by filter order."""
    for change, line, column in located_changes(result, first_line):
        if change.applied:
            edit = f"{change.filter}: {visible(change.before)} -> {visible(change.after)}"
        else:
            edit = f"{change.filter} [report]: {visible(change.before)}"
        yield f"{path}:{line}:{column}: {edit}  ({change.reason})"


def visible(text: str) -> str:
    """Quote ``text`` on one line, with every invisible or line-breaking character escaped.

    >>> print(visible("a\\u00a0b\\n"))
    'a\\u00a0b\\n'
    """
    escapes = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}
    shown = "".join(
        escapes.get(char) or (char if char.isprintable() else _escape(char)) for char in text
    )
    return f"'{shown}'"


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _lines(text: str) -> list[str]:
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]
