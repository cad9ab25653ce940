"""Lines and blocks (runs of non-blank lines) of a text, and the spans that remove them cleanly.

A removal takes a line together with one line break, or a block together with the blank lines
that separated it, so the text keeps one blank line between paragraphs and its final newline.
Line breaks may be ``\\n``, ``\\r\\n`` or ``\\r``.

>>> text = "One.\\n\\nJunk\\n\\nTwo.\\n"
>>> blocks = split_blocks(text)
>>> [text[block.start : block.end] for block in blocks]
['One.', 'Junk', 'Two.']
>>> [text[start:end] for start, end in removal_spans(blocks, {1}, len(text))]
['Junk\\n\\n']
>>> [text[start:end] for start, end in removal_spans(blocks, {2}, len(text))]
['\\n\\nTwo.']
"""

from __future__ import annotations

import re
from typing import Collection, Iterator, NamedTuple, Sequence

LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as editors count lines: a lone CR ends one too


class Span(NamedTuple):
    """``text[start:end]``: a line without its line break, or a block from its first to last line."""

    start: int
    end: int


class Block(NamedTuple):
    start: int
    end: int
    lines: tuple[Span, ...]


def split_lines(text: str) -> list[Span]:
    """Every line of ``text``, without its line break (a final empty line is not returned).

    >>> split_lines("a\\r\\nb\\rc\\n")
    [Span(start=0, end=1), Span(start=3, end=4), Span(start=5, end=6)]
    """
    lines = []
    start = 0
    for line_break in LINE_BREAK.finditer(text):
        lines.append(Span(start, line_break.start()))
        start = line_break.end()
    if start < len(text):
        lines.append(Span(start, len(text)))
    return lines


def split_blocks(text: str) -> list[Block]:
    """The runs of consecutive non-blank lines of ``text``, in order."""
    blocks: list[Block] = []
    run: list[Span] = []
    for line in (*split_lines(text), None):
        if line is not None and text[line.start : line.end].strip():
            run.append(line)
        elif run:
            blocks.append(Block(run[0].start, run[-1].end, tuple(run)))
            run = []
    return blocks


def removal_spans(units: Sequence[Span | Block], removed: Collection[int], scope_end: int) -> list[Span]:
    """The span that removes each unit in ``removed`` (indexes into ``units``), in order.

    A unit followed somewhere by a kept unit goes with the gap after it; a unit in a final run of
    removed units goes with the gap before it, so the text's ending stays as it was. When every
    unit goes, each takes the gap after it, up to ``scope_end``.
    """
    kept = [index for index in range(len(units)) if index not in removed]
    spans = []
    for index in sorted(removed):
        if kept and kept[-1] > index:
            spans.append(Span(units[index].start, units[index + 1].start))
        elif kept:
            spans.append(Span(units[index - 1].end, units[index].end))
        else:
            following = units[index + 1].start if index + 1 < len(units) else scope_end
            spans.append(Span(units[index].start, following))
    return spans


def outside(start: int, end: int, removed: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The parts of ``[start, end)`` outside the ``removed`` spans (sorted).

    >>> list(outside(0, 10, [(2, 4), (6, 7)]))
    [(0, 2), (4, 6), (7, 10)]
    """
    for removed_start, removed_end in removed:
        if removed_start >= end:
            break
        if removed_end > start:
            if removed_start > start:
                yield start, removed_start
            start = max(start, removed_end)
    if start < end:
        yield start, end
