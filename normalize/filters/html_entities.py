"""Repair HTML character references left in article text, including scraper-mangled ones.

Repairs every HTML5 named and numeric reference (``&quot;`` ``&#39;`` ``&#x27;`` ``&#8217;``
``&nbsp;`` ``&rsquo;``), double escaping at any depth (``&amp;quot;``, ``&amp;amp;#39;``,
``S&amp;P``), a lost ``;`` (``&quot``, for the names ``mangled_references.tsv`` allows, and
numbers; not before a letter or digit, as the unicode filter will leave it: ``&quot\u00c2\u00a3``
is read as ``&quot\u00a3``), a comma or semicolon standing for ``&`` (``,quot;`` ``,amp;``
``,#39;`` ``;quot;``, ``risk;quot;``), and a lost ``&``, or one turned into a space, where the name plus ``;`` is no
English word (``quot;``, ``#39;s``), also glued to the word a quotation closes (``"Naziquot;``).

Leaves alone: ``AT&T``, ``R&D``, ``Q&A``, ``Johnson & Johnson``, ``rock&roll``, anything inside a
URL, a word before ``;`` (``equal; quotation``, ``the pound;``), a word ending in a reference
name outside a quotation (``an aliquot;``), a bare ``#1;`` that touches no word, and references
to control characters.

A comma before a mangled closing quote has two readings: ``offerings,quot; for`` (the comma
stands for ``&``) and ``stay,quot; he said`` (a real comma before the attribution). The comma is
kept when an attribution follows on the same line (see :func:`reference_context.attribution`), unless
it follows a full stop (``history.,quot; The``), after which no real comma stands. The edit's
reason names the reading taken.

>>> [(e.replacement, e.reason) for e in html_entities('the "three-border,quot; region')]
[('"', "mangled reference ',quot;': a comma stands for '&'")]
>>> [(e.replacement, e.reason) for e in html_entities('"We will stay,quot; he said')]
[('"', "mangled reference 'quot;' after a real comma: the closing quote before 'he said'")]
>>> [(e.replacement, e.reason) for e in html_entities('his "Naziquot; jibe')]
[('"', "mangled reference 'quot;' glued to a word: the '&' was lost")]
>>> list(html_entities("AT&T and R&D; an aliquot; see https://x.org/?a=1&amp;b=2"))
[]
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from bisect import bisect_right
from typing import Iterator

from normalize import fastpath
from normalize.datafiles import read_table
from normalize.edits import Edit
from normalize.fastpath import LazyPattern
from normalize.filters.reference_context import (
    APOSTROPHE_SUFFIX,
    SENTENCE_END,
    attribution,
    quotation_open,
    repaired_after,
    space_was_ampersand,
    visible_after,
    visible_before,
)
from normalize.registry import register

REFERENCE = LazyPattern(
    r"(?P<amp>&)(?P<chain>(?:amp;)*)(?P<ref>#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31})(?P<semi>;?)"
    r"|(?P<lead> *)(?P<mark>[,;]?)(?P<escapes>(?:amp;)*)(?P<bare>#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|(?<![\w&])[A-Za-z][A-Za-z0-9]{1,31});"
)
# Every reference holds '&' or ';' and no character but these (fast path: only the runs of
# them around an '&' or ';' are searched).
AMPERSAND_OR_SEMICOLON = LazyPattern("[&;]")
NOT_IN_REFERENCE = LazyPattern("[^ ,;#&A-Za-z0-9]")
URL = LazyPattern(r"(?:https?://|www\.)\S+")
CLOSING_QUOTES = "\"'\u2019\u201d"
GLUED = LazyPattern(r"(?<=[A-Za-z])(quot|apos|rsquo|rdquo)$")


@functools.cache
def _names(column: str) -> frozenset[str]:
    return frozenset(row["name"] for row in read_table("mangled_references.tsv") if row[column] == "yes")


@register("html-entities", order=100)
def html_entities(text: str) -> Iterator[Edit]:
    """Yield one edit per character reference that can only mean one character."""
    if "&" not in text and ";" not in text:
        return
    urls = [url.span() for url in URL.finditer(text)] if "/" in text or "www." in text else []
    for start, end in fastpath.runs_holding(text, AMPERSAND_OR_SEMICOLON, NOT_IN_REFERENCE):
        position = start
        while match := REFERENCE.search(text, position, end):
            position = match.end()
            if urls and _in_url(urls, match.start()):
                continue
            edit = _proper(text, match) if match["amp"] else _mangled(text, match)
            if edit is not None:
                yield edit
            elif match["bare"]:
                position -= 1  # 'blasts;quot;': the ';' of a word that names nothing may stand for '&'


def _in_url(urls: list[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` falls inside one of ``urls`` (sorted spans): one bisection, not a scan."""
    index = bisect_right(urls, (position, math.inf)) - 1  # the last URL starting at or before it
    return index >= 0 and urls[index][0] <= position < urls[index][1]


def _proper(text: str, match: re.Match[str]) -> Edit | None:
    ref, semi, chain = match["ref"], match["semi"], match["chain"]
    char = _decode(ref)
    if not semi:
        if repaired_after(text, match.end()).isalnum() or not (ref.startswith("#") or ref in _names("without_semicolon")):
            char = None
    if char is None:
        if not chain:
            return None
        escaped = text[match.start() : match.start("ref")]  # 'S&amp;P': the last 'amp;' is the reference
        extra = f" ('&amp;' {len(chain) // 4 - 1} extra time(s))" if len(chain) > 4 else ""
        return Edit(match.start(), match.start("ref"), "&", f"escaped ampersand {escaped!r}{extra}")
    spelled = match[0]
    if chain:
        reason = f"double-escaped reference {spelled!r} ('&amp;' {len(chain) // 4} extra time(s))"
    elif not semi:
        reason = f"reference {spelled!r} is missing its ';'"
    else:
        reason = f"character reference {spelled!r}"
    return Edit(match.start(), match.end(), char, reason)


def _mangled(text: str, match: re.Match[str]) -> Edit | None:
    lead, mark, escapes, ref = match["lead"], match["mark"], match["escapes"], match["bare"]
    char = _decode(ref)
    if char is None:
        return None if mark or escapes else _glued(text, match)
    start = match.start("mark") if mark else match.start("escapes")
    before, after = visible_before(text, start), visible_after(text, match.end())
    if ref.startswith("#"):
        attached = bool(mark) or before.isalnum() or after.isalnum()
        if not attached or unicodedata.category(char)[0] not in "PSZ":
            return None
    elif not (mark or escapes) and ref not in _names("without_ampersand"):
        return None
    spelled = text[start : match.end()]
    if mark == "," and before not in SENTENCE_END:  # 'history.,quot;': no comma follows a full stop
        attributed_to = attribution(text, match.end())
        if char in CLOSING_QUOTES and attributed_to and not after.isalnum():
            return Edit(
                match.start("escapes"),
                match.end(),
                char,
                f"mangled reference {escapes + ref + ';'!r} after a real comma: "
                f"the closing quote before {attributed_to!r}",
            )
    if mark:
        name = "a comma" if mark == "," else "a semicolon"
        return Edit(start, match.end(), char, f"mangled reference {spelled!r}: {name} stands for '&'")
    if lead and space_was_ampersand(lead, char, text, match.end()):
        return Edit(start - 1, match.end(), char, f"mangled reference ' {spelled}': the '&' became a space")
    return Edit(start, match.end(), char, f"mangled reference {spelled!r}: the '&' was lost")


def _glued(text: str, match: re.Match[str]) -> Edit | None:
    """A closing quote whose '&' was lost, glued to the word it closes ('the "Naziquot; comment').

    It is repaired only inside an open quotation ('an aliquot; of' has none), or as an
    apostrophe before a suffix ('the armyrsquo;s plan').
    """
    glued = GLUED.search(match["bare"])
    if glued is None:
        return None
    start, char = match.start("bare") + glued.start(), _decode(glued[1])
    if char in "'\u2019":
        if not APOSTROPHE_SUFFIX.match(text, match.end()):
            return None
    elif not quotation_open(text, start):
        return None
    spelled = text[start : match.end()]
    return Edit(start, match.end(), char, f"mangled reference {spelled!r} glued to a word: the '&' was lost")


def _decode(ref: str) -> str | None:
    """The one character ``ref`` names, or None (unknown name, control character, invalid number)."""
    import html  # imported when a text first holds a reference: a clean file does not need it
    from html.entities import html5

    if ref.startswith("#"):
        char = html.unescape(f"&{ref};")
        if len(char) != 1 or char == "\ufffd" or unicodedata.category(char) == "Cc":
            return None
        return char
    return html5.get(ref + ";")
