"""Where a repaired line differs from the original, found in time linear in the line's length.

A repair such as ftfy's changes a line here and there, in place: the two lines share most of
their words, in the same order. :func:`differences` walks both word by word; where they differ,
it looks a bounded window ahead for the nearest word they share again and compares only the
characters in between (difflib, which gives the tightest spans, when that stretch is short; the
same walk over characters when it is not). Every step looks at a bounded window, so the work
grows with the line's length, where difflib over a whole line grows with its square (a 1 MB
one-line article never finished).

>>> list(differences("a caf\\u00c3\\u00a9 b", "a caf\\u00e9 b"))
[(5, 7, 5, 6)]
>>> list(differences("x" * 10**6 + "\\u00c3\\u00a9", "x" * 10**6 + "\\u00e9"))
[(1000000, 1000002, 1000000, 1000001)]
"""

from __future__ import annotations

import itertools
import re
from typing import Iterator, Sequence

WORD = re.compile(r"\S+\s*|\s+")  # a word and the spaces after it
WINDOW = 64  # words, or characters, looked ahead for the next one both lines share
DIFFLIB_MAX_WORK = 250_000  # length times length of a stretch difflib may compare
Span = tuple[int, int, int, int]  # line[i1:i2] became target[j1:j2]


def differences(line: str, target: str) -> Iterator[Span]:
    """The spans where ``line`` and ``target`` differ, in order, none of them empty on both sides."""
    line_words, target_words = WORD.findall(line), WORD.findall(target)
    line_starts = list(itertools.accumulate(map(len, line_words), initial=0))
    target_starts = list(itertools.accumulate(map(len, target_words), initial=0))
    for i1, i2, j1, j2 in unequal_runs(line_words, target_words):
        a, b = line_starts[i1], target_starts[j1]
        for k1, k2, l1, l2 in _character_differences(line[a : line_starts[i2]], target[b : target_starts[j2]]):
            yield a + k1, a + k2, b + l1, b + l2


def _character_differences(one: str, other: str) -> Iterator[Span]:
    if len(one) * len(other) > DIFFLIB_MAX_WORK:
        yield from unequal_runs(one, other)
        return
    import difflib  # imported when a line changes: a clean file never needs it (start-up)

    matcher = difflib.SequenceMatcher(None, one, other, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            yield i1, i2, j1, j2


def unequal_runs(one: Sequence[str], other: Sequence[str]) -> Iterator[Span]:
    """The runs of items where two sequences differ, each ending at the nearest item they share again.

    >>> list(unequal_runs("abXcd", "abYYcd")), list(unequal_runs("abc", "abc"))
    ([(2, 3, 2, 4)], [])
    """
    i = j = 0
    one_length, other_length = len(one), len(other)  # not len() in the loop: a call per word
    while i < one_length and j < other_length:
        if one[i] == other[j]:
            i, j = i + 1, j + 1
            continue
        start_i, start_j = i, j
        # nothing shared within the window: skip half of it on both sides and look again
        while (shift := _nearest_shared(one, other, i, j)) is None:
            if i + WINDOW // 2 >= one_length or j + WINDOW // 2 >= other_length:
                yield start_i, one_length, start_j, other_length
                return
            i, j = i + WINDOW // 2, j + WINDOW // 2
        i, j = i + shift[0], j + shift[1]
        if (start_i, start_j) != (i, j):
            yield start_i, i, start_j, j
    if i < one_length or j < other_length:
        yield i, one_length, j, other_length


def _nearest_shared(one: Sequence[str], other: Sequence[str], i: int, j: int) -> tuple[int, int] | None:
    """The nearest ``(di, dj)`` within the window with ``one[i + di] == other[j + dj]``.

    Nearest: the fewest items skipped, then the most even split (a repair mostly replaces one
    word with one word).
    """
    first_seen: dict[str, int] = {}
    for dj, item in enumerate(other[j : j + WINDOW]):
        if item not in first_seen:
            first_seen[item] = dj
    best = None
    for di, item in enumerate(one[i : i + WINDOW]):
        if best is not None and di > best[0] + best[1]:
            break
        if item in first_seen:
            dj = first_seen[item]
            if best is None or (di + dj, abs(di - dj)) < (sum(best), abs(best[0] - best[1])):
                best = (di, dj)
    return best
