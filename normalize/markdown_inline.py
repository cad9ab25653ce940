"""Inline Markdown that filters must not edit, inside one paragraph: code spans, autolinks, inline
HTML tags, link targets and reference labels (the link text itself stays prose).

>>> text = "Use `x  y`, <https://a.org/?q=1&amp;r> and [the text](u.html) or [Ref][r]."
>>> [text[start:end] for start, end in inline_spans(text, 0, len(text), frozenset())]
['`x  y`', '<https://a.org/?q=1&amp;r>', '(u.html)', '[r]']
>>> text = "A [Shortcut] link, and [plain brackets] in prose."
>>> [text[start:end] for start, end in inline_spans(text, 0, len(text), frozenset({"shortcut"}))]
['[Shortcut]']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from normalize.pipeline import Span, merge_spans

BACKTICKS = re.compile(r"`+")
AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*"
    r"|[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>"
)
INLINE_HTML = re.compile(
    r"<!--.*?-->|</?[A-Za-z][\w-]*"
    r"(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>",
    re.DOTALL,
)
BRACKET = re.compile(r"[\\\[\]]")


def link_label(label: str) -> str:
    """A reference label as CommonMark matches it: case-folded, inner whitespace collapsed."""
    return " ".join(label.split()).casefold()


def inline_spans(text: str, start: int, end: int, labels: frozenset[str]) -> list[Span]:
    """Protected inline spans of ``text[start:end]``; ``labels`` are the defined reference labels."""
    runs = [match.span() for match in BACKTICKS.finditer(text, start, end)]
    code = _code_spans(text, start, runs)  # sorted and disjoint
    spans = code + list(_unseen_between(text, runs)) + [
        match.span()
        for pattern in (AUTOLINK, INLINE_HTML)
        for match in pattern.finditer(text, start, end)
        if _covering_end(match.start(), code) is None
    ]
    spans = merge_spans(spans)  # a tag inside an HTML comment is one span with it
    return spans + list(_link_spans(text, start, end, spans, labels))


def _escaped(text: str, position: int, start: int) -> bool:
    backslashes = 0
    while position - backslashes - 1 >= start and text[position - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _code_spans(text: str, start: int, runs: list[Span]) -> list[Span]:
    """A run of n backticks opens a code span that the next run of exactly n backticks closes
    (``runs``: the runs of backticks of a paragraph starting at ``start``)."""
    spans = []
    index = 0
    while index < len(runs):
        run_start, run_end = runs[index]
        if _escaped(text, run_start, start):
            run_start += 1  # '\`' is a literal backtick; the rest of the run may still open
        closer = next(
            (later for later in range(index + 1, len(runs)) if runs[later][1] - runs[later][0] == run_end - run_start),
            None,
        )
        if run_start == run_end or closer is None:
            index += 1
            continue
        spans.append((run_start, runs[closer][1]))
        index = closer + 1
    return spans


def _unseen_between(text: str, runs: list[Span]) -> Iterator[Span]:
    """What stands between two runs of backticks when none of it is printable (a zero-width space,
    a soft hyphen): a filter removing it would join the runs into one, and change which text is
    code, so that a second run would protect other text.

    >>> text = "`\u200b```  ```"
    >>> list(_unseen_between(text, [match.span() for match in BACKTICKS.finditer(text)]))
    [(1, 2)]
    """
    for (_, gap_start), (gap_end, _) in zip(runs, runs[1:]):
        if not any(char.isprintable() for char in text[gap_start:gap_end]):
            yield gap_start, gap_end


def _covering_end(position: int, spans: list[Span]) -> int | None:
    """The end of the span in ``spans`` (sorted, disjoint) that holds ``position``, if any."""
    index = bisect_right(spans, (position, float("inf"))) - 1
    if index >= 0 and spans[index][0] <= position < spans[index][1]:
        return spans[index][1]
    return None


def _link_spans(text: str, start: int, end: int, skip: list[Span], labels: frozenset[str]) -> Iterator[Span]:
    """Targets ``(url "title")``, reference labels ``[label]``, and shortcut references."""
    openers: list[int] = []
    position = start
    while (match := BRACKET.search(text, position, end)) is not None:
        position = match.start()
        covered = _covering_end(position, skip)
        if covered is not None:
            position = covered
            continue
        char = text[position]
        position += 1
        if char == "\\":
            position += 1
        elif char == "[":
            openers.append(position - 1)
        elif openers:
            opener, after = openers.pop(), position
            link_text = text[opener + 1 : after - 1]
            target_end = _target_end(text, after, end)
            label_end = text.find("]", after, end) + 1 if text.startswith("[", after) else 0
            if target_end:
                yield after, target_end
                position = target_end
            elif label_end and label_end > after + 2:  # [text][label]
                yield after, label_end
                position = label_end
            elif link_label(link_text) in labels:  # [label][] and [label]: the text is the label
                yield opener, (label_end or after)
                position = label_end or after
                openers.clear()  # links do not nest


def _target_end(text: str, open_paren: int, end: int) -> int:
    """The end of a balanced ``(destination "title")`` starting at ``open_paren``, or 0."""
    if not text.startswith("(", open_paren):
        return 0
    depth = 0
    position = open_paren
    while position < end:
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return position + 1
        position += 1
    return 0
