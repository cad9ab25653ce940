"""Fast paths: filters skip the parts of a text they provably leave alone, and a switch turns that off.

Most article text holds nothing any filter would change, so a filter looks only at the lines
(or runs of spaces) that hold a character it could act on. Every fast path must give exactly
the result of the slow path (the whole text); ``tests/test_fast_paths.py`` runs every fixture
and generated text both ways, and ``bench/speed.py`` does the same on the corpus.

>>> import re
>>> lines_holding("plain\\nan &amp; here\\nplain\\n", re.compile("&"))
[(6, 20)]
>>> with disabled():
...     lines_holding("plain\\nan &amp; here\\nplain\\n", re.compile("&"))
[(0, 26)]
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator, Union

Span = tuple[int, int]
Pattern = Union[re.Pattern[str], "LazyPattern"]

_enabled: ContextVar[bool] = ContextVar("normalize_fast_paths", default=True)


def enabled() -> bool:
    """Whether filters may take their fast paths (yes, unless inside :func:`disabled`)."""
    return _enabled.get()


@contextmanager
def disabled() -> Iterator[None]:
    """Run the slow paths only, to check that the fast paths change nothing."""
    token = _enabled.set(False)
    try:
        yield
    finally:
        _enabled.reset(token)


class LazyPattern:
    """A regular expression compiled the first time it is used, with ``re.Pattern``'s methods.

    Compiling the filters' patterns is a large part of a pre-commit run on one small file, and
    a clean ASCII file needs almost none of them.
    """

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return getattr(self._compiled, name)


def lines_holding(text: str, trigger: Pattern) -> list[Span]:
    """The spans of the lines of ``text`` that hold a match of ``trigger`` (a line keeps its ``\\n``).

    Neighbouring lines are merged into one span. ``trigger`` must not match a line break. With
    fast paths disabled the whole text is one span, so the filter sees every line.
    """
    if not enabled():
        return [(0, len(text))] if text else []
    spans: list[Span] = []
    position = 0
    while (match := trigger.search(text, position)) is not None:
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start()) + 1 or len(text)
        if spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        position = end
    return spans


def runs_holding(text: str, trigger: Pattern, outside: Pattern) -> list[Span]:
    """The spans of the runs of ``text`` free of ``outside`` characters that hold a ``trigger``.

    For a filter none of whose matches can hold a character that ``outside`` matches: its
    matches never cross the edge of such a run, so searching each run alone finds them all.
    ``trigger`` must match only characters inside a run. With fast paths disabled the whole
    text is one span.

    >>> runs_holding("one, two&amp;three. four", re.compile("&"), re.compile("[^a-z&;]"))
    [(5, 18)]
    """
    if not enabled():
        return [(0, len(text))] if text else []
    spans: list[Span] = []
    position = 0
    while (match := trigger.search(text, position)) is not None:
        start = _run_start(text, match.start(), outside)
        after = outside.search(text, match.end())
        end = after.start() if after else len(text)
        spans.append((start, end))
        position = end
    return spans


def _run_start(text: str, index: int, outside: Pattern) -> int:
    """Where the run holding ``text[index]`` starts: the nearest ``outside`` character before it."""
    width = 64
    while True:
        low = max(index - width, 0)
        found = outside.search(text[low:index][::-1])
        if found:
            return index - found.start()
        if low == 0:
            return 0
        width *= 8
