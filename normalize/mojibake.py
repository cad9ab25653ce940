"""Whether ftfy's mojibake detector fires on a line, found by searching only near non-ASCII characters.

ftfy decides whether to repair a line with one regular expression, ``ftfy.badness.BADNESS_RE``,
searched over the whole line; on a paragraph that search costs more than the rest of the
pipeline. Every match of it holds a non-ASCII character and is at most a few characters long
(it has no lookaround and no anchor but ``^``), so searching that many characters either side
of each run of non-ASCII characters finds a match exactly when the whole-line search does.
``tests/test_fast_paths.py`` checks both properties on the installed ftfy.

:func:`may_be_bad` answers a looser question from a text's non-ASCII characters alone: whether
any text made of them could match, whatever its ASCII (the unicode filter's whole-text screen).
Both read ftfy's pattern with ``re``'s private parser (``re._parser``, ``re._constants``, as in
Python 3.11 to 3.13): items of a shape :func:`needed_characters` does not know count as no need,
so a changed parse makes more texts "may be bad" (slower, not wrong); moved modules fail to import.

>>> is_bad("costs \\u00c2\\u00a35m"), is_bad("costs \\u00a35m and caf\\u00e9 au lait")
(True, False)
"""

from __future__ import annotations

import functools
import re

NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
LONGEST_USEFUL_WIDTH = 64  # a wider pattern is searched over the whole line


@functools.cache
def badness_pattern() -> tuple[re.Pattern[str], int]:
    """ftfy's pattern and the length of its longest match (imported only when a line needs it)."""
    from re import _parser

    from ftfy.badness import BADNESS_RE

    return BADNESS_RE, _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).getwidth()[1]


@functools.cache
def needed_characters() -> tuple[dict[str, int], tuple[int, ...]]:
    """What each branch of ftfy's pattern needs: one character of each of some sets of non-ASCII ones.

    As bits, one per such set: for each character, the sets it is in; for each branch, its sets.
    A branch's sets are its own items that match only non-ASCII characters (such an item inside
    a group or a repeat is not counted: a branch then needs less than it does, never more); a
    branch with none needs nothing, so any text may be bad.
    """
    from re import _constants, _parser

    pattern, _ = badness_pattern()
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    whole = parsed.data
    branches = whole[0][1][1] if len(whole) == 1 and whole[0][0] is _constants.BRANCH else [parsed]
    sets_of: dict[str, int] = {}
    needs, bit = [], 1
    for branch in branches:
        needed = 0
        for chars in filter(None, map(_non_ascii_only, branch.data)):
            for char in chars:
                sets_of[char] = sets_of.get(char, 0) | bit
            needed, bit = needed | bit, bit << 1
        needs.append(0 if pattern.flags & re.IGNORECASE else needed)  # other cases match too: unknown
    return sets_of, tuple(needs)


def _non_ascii_only(item: tuple) -> frozenset[str] | None:
    """The characters a parsed item matches, if it is a literal or a set of non-ASCII characters only."""
    from re import _constants

    kind, value = item
    members = [item] if kind is _constants.LITERAL else value if kind is _constants.IN else []
    chars: set[str] = set()
    for member_kind, member in members:
        if member_kind is _constants.LITERAL and member >= 0x80:
            chars.add(chr(member))
        elif member_kind is _constants.RANGE and member[0] >= 0x80:
            chars.update(map(chr, range(member[0], member[1] + 1)))
        else:
            return None
    return frozenset(chars) or None


def may_be_bad(text: str) -> bool:
    """Whether ftfy's pattern could match a text made of ``text``'s non-ASCII characters and ASCII ones.

    If not, ``is_bad`` is false on ``text`` and on every text whose non-ASCII characters are
    among those, whatever its spaces: the unicode filter's whole-text test (it passes the few
    characters it needs looked at, not a whole text). '\u00a3', '\u2019' and '\u2014' can make
    no match; '\u00c3' with '\u00a9' can, and '\u00a3' with '\u2018' ('\u00a3\u2018').

    >>> may_be_bad("it\u2019s \u00a35m \u2014 or more"), may_be_bad("caf\u00c3\u00a9"), may_be_bad("\u00a3 \u2018")
    (False, True, True)
    """
    sets_of, needs = needed_characters()
    held = 0
    for char in set(text):
        held |= sets_of.get(char, 0)
    return any(held & needed == needed for needed in needs)


def is_bad(line: str) -> bool:
    """Exactly ``ftfy.badness.is_bad(line)``."""
    pattern, width = badness_pattern()
    if width > LONGEST_USEFUL_WIDTH:
        return bool(pattern.search(line))
    for run in NON_ASCII_RUN.finditer(line):
        if pattern.search(line, max(run.start() - width + 1, 0), run.end() + width - 1):
            return True
    return False
