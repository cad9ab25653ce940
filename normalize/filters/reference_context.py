"""What surrounds a mangled reference: an open quotation, an attribution, the visible neighbours.

Helpers of the html-entities filter, which must tell a closing quote from an opening one, a real
comma before a closing quote from a comma standing for ``&``, and a space that was an ``&``.

>>> quotation_open('He called it "historic', 23)
True
>>> attribution("stay,", 0), attribution(' he said.', 0), attribution('. He said', 0)
(None, 'he said', None)
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right

from normalize.datafiles import read_words
from normalize.edits import apply_edits
from normalize.fastpath import LazyPattern
from normalize.filters.unicode import unicode
from normalize.filters.unicode_tidy import INVISIBLE

SENTENCE_END = ".!?"
APOSTROPHE_SUFFIX = LazyPattern(r"(?:s|t|d|m|ll|re|ve)\b")
DOUBLE_QUOTE = LazyPattern(r"[\"\u201c\u201d]|quot;|&quot(?![A-Za-z0-9])|#34;|#x22;", re.IGNORECASE)  # '&quot' before a non-ASCII letter too: html-entities may decode it
SAME_LINE_BEFORE_A_QUOTE = LazyPattern(r"[^\r\n\"\u201c\u201d]*")
# what follows a reference on its line, as far as its repair may depend on it (a whole 1 MB line
# for each reference was quadratic); the unicode filter repairs a line at a time
NEXT_ON_LINE = LazyPattern(r"[^\r\n]{0,32}")


def quotation_open(text: str, position: int) -> bool:
    """Whether an odd number of double quotes (characters or references) precede ``position`` on its line."""
    line_start = max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1
    starts, ends = _double_quotes(text)
    return (bisect_right(ends, position) - bisect_left(starts, line_start)) % 2 == 1


@functools.lru_cache(maxsize=1)
def _double_quotes(text: str) -> tuple[list[int], list[int]]:
    """Where the double quotes of ``text`` start and end, found once per text.

    Counting them between a line start and each reference instead made a long line quadratic.
    No quote spans a line break, so the counts are those of a search within the line.
    """
    spans = [match.span() for match in DOUBLE_QUOTE.finditer(text)]
    return [start for start, _ in spans], [end for _, end in spans]


def attribution(text: str, end: int) -> str | None:
    """The words after a closing quote at ``end``, if they attribute the quotation ('he said', 'Mr Ng').

    An attribution is a capitalised word, or one of ``attribution_words.txt`` within three words
    (five after a word of ``attribution_determiners.txt``: 'the 47-year-old director said'), on
    the same line, before any other quote, with no punctuation first ('reliance,quot;. He said'
    and 'increases,quot;, he added' have none: their comma stands for '&').
    """
    rest = SAME_LINE_BEFORE_A_QUOTE.match(text, end, end + 60)[0]
    if rest.lstrip(" ")[:1] in (*SENTENCE_END, ",", ";", ":", ""):
        return None
    words = [word.strip(".,;:'") for word in rest.split()[:5]]
    reach = 5 if words[:1] and words[0] in read_words("attribution_determiners.txt") else 3
    attribution_words = frozenset(read_words("attribution_words.txt"))
    for count, word in enumerate(words[:reach], start=1):
        if word in attribution_words:
            return " ".join(words[:count])
    if words and words[0][:1].isupper() and words[0] != "I":
        return words[0]
    return None


def visible_before(text: str, index: int) -> str:
    """The character before ``index``, looking past invisible ones (the unicode filter removes them next)."""
    while index > 0 and INVISIBLE.match(text, index - 1):
        index -= 1
    return text[index - 1] if index else ""


def visible_after(text: str, index: int) -> str:
    """The character at or after ``index``, looking past invisible ones."""
    while index < len(text) and INVISIBLE.match(text, index):
        index += 1
    return text[index : index + 1]


def space_was_ampersand(lead: str, char: str, text: str, end: int) -> bool:
    """Whether the space before a mangled reference stood for its '&'.

    A closing mark or an apostrophe cannot follow a space (``border quot; region``, ``army
    #39;s``); an opening one can, so its space is the '&' only when there are two.
    """
    following = text[end : end + 3]
    if char in "'\u2019" and APOSTROPHE_SUFFIX.match(following):
        return True
    opening = following[:1].isalnum()
    return len(lead) >= 2 if opening else True


def repaired_after(text: str, index: int) -> str:
    """The character at ``index`` as the unicode filter (order 200, after this one) leaves it.

    A second run sees the repair, so a reference is judged by it: '&quot\u00c2\u00a3' as '&quot\u00a3'.

    >>> repaired_after("&quot\u00c2\u00a35m", 5), repaired_after("&quot\u00c3\u00a9cole", 5)
    ('\u00a3', '\u00e9')
    """
    rest = NEXT_ON_LINE.match(text, index)[0]
    if rest.isascii():
        return rest[:1]
    return apply_edits(rest, list(unicode(rest))).text[:1]
