"""Normalize spaces, blank lines and line endings: plain single spaces, one blank line, one final newline.

Repairs: non-breaking and other odd spaces (U+00A0, U+2000-U+200A, U+202F, U+205F, tabs inside a
line) to a plain space; runs of spaces inside a line to one; trailing spaces; indentation
(except before a list marker such as ``-``, ``*`` or ``1.``);
spaces on blank lines; two or more blank lines in a row to one; leading blank lines; line breaks
that differ from the text's own style (a stray CR or CRLF in an LF text, or the reverse: the
style is whichever of CRLF and LF the text uses more); a missing final newline, or extra ones.

Leaves alone: the ideographic space U+3000 (it is the space of CJK text), zero-width characters
(the unicode filter removes them), and a CRLF text's line endings.

>>> [(e.replacement, e.reason) for e in whitespace("one\\u00a0two  three \\n")]
[(' ', 'non-breaking space (U+00A0) between words'), (' ', 'run of 2 spaces inside a line'), ('', 'trailing space at the end of a line')]
>>> list(whitespace("Clean text.\\r\\n\\r\\nIn CRLF.\\r\\n"))
[]
"""

from __future__ import annotations

import re
from typing import Iterator

from normalize.edits import Edit
from normalize.registry import register

SPACE = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f]"
BREAK = r"\r\n|\r|\n"
GAP_OR_RUN = re.compile(rf"(?P<gap>{SPACE}*(?:(?:{BREAK}){SPACE}*)+)|(?P<run>{SPACE}+)")
BREAK_WITH_INDENT = re.compile(rf"({BREAK})({SPACE}*)")
LIST_ITEM = re.compile(rf"(?:[-*+\u2022]|\d{{1,3}}[.)])[ \t]{SPACE}*\S")  # ' 1.\t' is no item: its tab goes, then its indent would
NAMES = {"\r\n": "CRLF", "\r": "CR", "\n": "LF", "\t": "tab", "\u00a0": "non-breaking space (U+00A0)"}


@register("whitespace", order=300)
def whitespace(text: str) -> Iterator[Edit]:
    """Yield an edit for each space, blank line or line break that differs from the plain form."""
    if not text:
        return
    style = "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"
    for match in GAP_OR_RUN.finditer(text):
        if match["gap"]:
            yield from _gap(match, style, at_start=match.start() == 0, at_end=match.end() == len(text))
        else:
            yield from _run(match, at_start=match.start() == 0, at_end=match.end() == len(text))
    if text.strip() and not re.search(rf"(?:{BREAK}){SPACE}*\Z", text):
        yield Edit(len(text), len(text), style, "final newline added")


def _run(match: re.Match[str], *, at_start: bool, at_end: bool) -> Iterator[Edit]:
    run = match[0]
    if at_start:
        if not LIST_ITEM.match(match.string, match.end()):
            yield Edit(match.start(), match.end(), "", "indentation of the first line")
    elif at_end:
        yield Edit(match.start(), match.end(), "", "trailing space at the end of the text")
    elif run != " ":
        yield Edit(match.start(), match.end(), " ", _describe_run(run))


def _describe_run(run: str) -> str:
    if len(run) == 1:
        name = NAMES.get(run, f"odd space (U+{ord(run):04X})")
        return f"{name} between words"
    if set(run) == {" "}:
        return f"run of {len(run)} spaces inside a line"
    return f"run of {len(run)} mixed spaces inside a line"


def _gap(match: re.Match[str], style: str, *, at_start: bool, at_end: bool) -> Iterator[Edit]:
    """Edits for the space between two lines of text: trailing spaces, breaks, blank lines, indent."""
    gap, offset = match[0], match.start()
    breaks = list(BREAK_WITH_INDENT.finditer(gap))
    trailing_end = breaks[0].start()
    if trailing_end:
        reason = "spaces on a blank line" if at_start else "trailing space at the end of a line"
        yield Edit(offset, offset + trailing_end, "", reason)
    keep = 0 if at_start else 1 if at_end else 2
    blank_lines = len(breaks) - 1
    for index, line_break in enumerate(breaks):
        start, end = offset + line_break.start(), offset + line_break.end()
        if index >= keep:
            reason = (
                "blank line at the start of the text"
                if at_start
                else "extra newline at the end of the text"
                if at_end
                else f"{blank_lines} blank lines in a row reduced to one"
            )
            yield Edit(start, end, "", reason)
            continue
        if line_break[1] != style:
            reason = f"{NAMES[line_break[1]]} line break in a text whose lines end in {NAMES[style]}"
            yield Edit(start, start + len(line_break[1]), style, reason)
        last = index == len(breaks) - 1
        if line_break[2] and not (last and LIST_ITEM.match(match.string, end)):
            reason = (
                "trailing space at the end of the text"
                if last and at_end
                else "indentation"
                if last
                else "spaces on a blank line"
            )
            yield Edit(start + len(line_break[1]), end, "", reason)
