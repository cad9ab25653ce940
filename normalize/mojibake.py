"""Whether ftfy's mojibake detector fires on a line, found by searching only near non-ASCII characters.

ftfy decides whether to repair a line with one regular expression, ``ftfy.badness.BADNESS_RE``,
searched over the whole line; on a paragraph that search costs more than the rest of the
pipeline. Every match of it holds a non-ASCII character and is at most a few characters long
(it has no lookaround and no anchor but ``^``), so searching that many characters either side
of each run of non-ASCII characters finds a match exactly when the whole-line search does.
``tests/test_fast_paths.py`` checks both properties on the installed ftfy.

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


def is_bad(line: str) -> bool:
    """Exactly ``ftfy.badness.is_bad(line)``."""
    pattern, width = badness_pattern()
    if width > LONGEST_USEFUL_WIDTH:
        return bool(pattern.search(line))
    for run in NON_ASCII_RUN.finditer(line):
        if pattern.search(line, max(run.start() - width + 1, 0), run.end() + width - 1):
            return True
    return False
