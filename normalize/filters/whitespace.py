"""Normalize spaces, blank lines and line endings: plain single spaces, one blank line, one final newline.

Repairs: non-breaking and other odd spaces (U+00A0, U+2000-U+200A, U+202F, U+205F, tabs inside a
line, the ideographic space U+3000 between Latin characters) to a plain space; runs of spaces
inside a line to one; trailing spaces; indentation (except before a list marker such as ``-``,
``*`` or ``1.``); spaces on blank lines; two or more blank lines in a row to one; leading blank
lines; line breaks that differ from the text's own style (a stray CR or CRLF in an LF text, or
the reverse: the style is whichever of CRLF and LF the text uses more); a missing final newline,
or extra ones.

Leaves alone: the ideographic space U+3000 next to CJK text (it is its space), zero-width
characters (the unicode filter removes them), and a CRLF text's line endings.

>>> [(e.replacement, e.reason) for e in whitespace("one\\u00a0two  three \\n")]
[(' ', 'non-breaking space (U+00A0) between words'), (' ', 'run of 2 spaces inside a line'), ('', 'trailing space at the end of a line')]
>>> list(whitespace("Clean text.\\r\\n\\r\\nIn CRLF.\\r\\n"))
[]
"""

from __future__ import annotations

import re
from typing import Iterator

from normalize import fastpath
from normalize.blocks import LINE_BREAK
from normalize.fastpath import LazyPattern
from normalize.edits import Edit
from normalize.registry import register

LATIN_SIDE = "[\t\x20-\x7e\u00a0-\u024f\u1680\u2000-\u200a\u202f\u205f]"  # Latin text or another space
ODD_SPACE_CLASS = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f"  # each becomes a plain space (U+3000 only between Latin)
ODD_OR_PLAIN_SPACE = f"[ {ODD_SPACE_CLASS}]"
SPACE = rf"(?:{ODD_OR_PLAIN_SPACE}|(?<={LATIN_SIDE})\u3000(?={LATIN_SIDE}))"
BREAK = LINE_BREAK.pattern
# A plain space between two other characters is a run that needs no edit: not matched (speed)
GAP_OR_RUN = {  # by whether the text holds U+3000: its lookarounds slow every other text down
    has_ideographic: LazyPattern(rf"(?P<gap>{space}*(?:(?:{BREAK}){space}*)+)|(?P<run>(?!(?<=\S) (?=\S)){space}+)")
    for has_ideographic, space in ((False, ODD_OR_PLAIN_SPACE), (True, SPACE))
}
BREAK_WITH_INDENT = LazyPattern(rf"({BREAK})({SPACE}*)")
LIST_ITEM = LazyPattern(rf"(?:[-*+\u2022]|\d{{1,3}}[.)])[ \t]{SPACE}*\S")  # ' 1.\t' is no item: its tab goes, then its indent would
# In a text without CR or U+3000, a run of spaces and line breaks needs an edit only if it holds
# an odd space, two spaces, ' \n', '\n ' or '\n\n\n', or starts or ends the text; every other run
# is " ", "\n" or "\n\n" (fast path). Each is searched for apart, each search led by a literal
# (re scans for it in C) where it can be: one search for them all stopped at every space.
ODD_SPACES = LazyPattern(f"[{ODD_SPACE_CLASS}]+")
SPACES = LazyPattern("  +")
BREAK_NEEDING_WORK = LazyPattern("\n(?:[ ]|\n\n|(?<= \n))")  # ' \n' looks back once at a newline
SPACE_CHARS = " \t\u00a0\u1680\u202f\u205f" + "".join(map(chr, range(0x2000, 0x200B)))  # ODD_OR_PLAIN_SPACE's
RUN_CHARS = frozenset(SPACE_CHARS + "\n")
NAMES = {
    "\r\n": "CRLF",
    "\r": "CR",
    "\n": "LF",
    "\t": "tab",
    "\u00a0": "non-breaking space (U+00A0)",
    "\u3000": "ideographic space (U+3000)",
}


@register("whitespace", order=300)
def whitespace(text: str) -> Iterator[Edit]:
    """Yield an edit for each space, blank line or line break that differs from the plain form."""
    if not text:
        return
    style = "\r\n" if "\r" in text and text.count("\r\n") * 2 > text.count("\n") else "\n"  # one scan, not two
    gap_or_run = GAP_OR_RUN["\u3000" in text]
    for match in (m for start, end in _spans(text) for m in gap_or_run.finditer(text, start, end)):
        if match["gap"]:
            yield from _gap(match, style, at_start=match.start() == 0, at_end=match.end() == len(text))
        else:
            yield from _run(match, at_start=match.start() == 0, at_end=match.end() == len(text))
    if text.strip() and not text.rstrip(SPACE_CHARS).endswith(("\n", "\r")):  # a break, then spaces at most
        yield Edit(len(text), len(text), style, "final newline added")


def _spans(text: str) -> list[tuple[int, int]]:
    """The whole runs of spaces and breaks that may need an edit (the whole text on the slow path)."""
    if not fastpath.enabled() or "\r" in text or "\u3000" in text:
        return [(0, len(text))]
    spans = {_whole_run(text, index) for index in (0, len(text) - 1) if text[index] in RUN_CHARS}
    if len(text) > 1 and text[-1] == "\n":
        spans.discard((len(text) - 1, len(text)))  # a single final "\n" needs no edit
    found = [match.start() for match in BREAK_NEEDING_WORK.finditer(text)]
    holds_odd_space = "\t" in text if text.isascii() else ODD_SPACES.search(text)  # in ASCII only a tab is one
    if holds_odd_space:  # most texts hold none
        found += [match.start() for match in ODD_SPACES.finditer(text)]
    if "  " in text:
        found += [match.start() for match in SPACES.finditer(text)]
    position = 0
    for index in sorted(found):
        if index >= position:  # else in the run just added
            run = _whole_run(text, index)
            spans.add(run)
            position = run[1]
    return sorted(spans)


def _whole_run(text: str, index: int) -> tuple[int, int]:
    """The span of the run of spaces and breaks around ``text[index]``."""
    start = end = index
    while start > 0 and text[start - 1] in RUN_CHARS:
        start -= 1
    while end < len(text) and text[end] in RUN_CHARS:
        end += 1
    return start, end


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
