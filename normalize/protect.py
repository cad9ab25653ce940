"""Protected spans: the parts of a file no filter may edit, as ``(start, end)`` offsets.

The pipeline drops every edit that touches one (:meth:`normalize.pipeline.Pipeline.run`).

Every file: URLs in running text (``https://…``, ``www.…``), without the punctuation that ends
the sentence around them.

Markdown (``.md``, ``.markdown``): YAML (``---``) or TOML (``+++``) front matter, fenced and
indented code, inline code (and what no one sees between two runs of backticks, which a removal
would join), link targets and reference definitions, autolinks, raw HTML blocks and
inline tags, the indentation and ``>`` markers that nest lists, quotes and code, hard line breaks
(two trailing spaces), and a table's delimiter row and the padding that aligns its ``|``. Prose,
headings, list items, block quotes, table cells and link texts are cleaned. Blocks are found by
:mod:`normalize.markdown_blocks`, inline spans by :mod:`normalize.markdown_inline`.

>>> text = "See [the report](https://x.org/a&amp;b) and `a  b`.\\n"
>>> [text[start:end] for start, end in protected_spans(text, "a.md")]
['(https://x.org/a&amp;b)', '`a  b`']
>>> text = "Read www.bbc.co.uk/news."
>>> [text[start:end] for start, end in protected_spans(text, "a.txt")]
['www.bbc.co.uk/news']
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from normalize.pipeline import Span, merge_spans

if TYPE_CHECKING:
    from normalize.markdown_blocks import Line

MARKDOWN_SUFFIXES = (".md", ".markdown")

# Not after an ASCII letter or digit: '\b' would depend on the letter before, which a repair can change.
URL = re.compile(r"(?<![A-Za-z0-9])(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
URL_TRAILING = "?!.,:;*_~'\""


def protected_spans(text: str, name: str) -> list[Span]:
    """The spans of ``text`` that filters must leave alone, given the file's ``name``."""
    if name.lower().endswith(MARKDOWN_SUFFIXES):
        return markdown_spans(text)
    return url_spans(text)


def url_spans(text: str, offset: int = 0) -> list[Span]:
    """Bare URLs, without trailing sentence punctuation or an unbalanced closing parenthesis.

    >>> text = "(see https://en.wikipedia.org/wiki/Mali_(country)), then www.x.org."
    >>> [text[start:end] for start, end in url_spans(text)]
    ['https://en.wikipedia.org/wiki/Mali_(country)', 'www.x.org']
    """
    spans = []
    for match in URL.finditer(text):
        url = match[0].rstrip(URL_TRAILING)
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1].rstrip(URL_TRAILING)
        spans.append((offset + match.start(), offset + match.start() + len(url)))
    return spans


def markdown_spans(text: str) -> list[Span]:
    """Every protected span of a Markdown document, in order of their start."""
    # The Markdown parser is imported for Markdown files only: a plain text file need not load it.
    from normalize.markdown_blocks import LINE, Line, block_spans
    from normalize.markdown_inline import inline_spans

    lines = [Line(match.start(), match[0]) for match in LINE.finditer(text)]
    blocks, prose, labels = block_spans(lines)
    spans = list(blocks)
    for start, end in _paragraphs(prose):
        spans.extend(inline_spans(text, start, end, labels))
        spans.extend(url_spans(text[start:end], start))
    for line in prose:
        if line.prefix:
            spans.append((line.start, line.start + len(line.prefix)))
    spans.extend(_hard_breaks(prose))
    return merge_spans(spans)


def _paragraphs(prose: list[Line]) -> Iterator[Span]:
    """Runs of consecutive prose lines: inline code and links never cross their edges."""
    for index, line in enumerate(prose):
        if index and prose[index - 1].followed_by(line):
            continue
        last = index
        while last + 1 < len(prose) and prose[last].followed_by(prose[last + 1]):
            last += 1
        yield line.start, prose[last].end


def _hard_breaks(prose: list[Line]) -> Iterator[Span]:
    """Two or more trailing spaces before a line that continues the paragraph: a line break."""
    for line, following in zip(prose, prose[1:]):
        trailing = len(line.content) - len(line.content.rstrip(" "))
        if trailing >= 2 and line.followed_by(following):
            yield line.end - trailing, line.end
