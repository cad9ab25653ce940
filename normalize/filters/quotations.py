"""Where quotations stand: whether one is open at a point, and whether words after a quote attribute it.

Helpers of the html-entities filter, which must tell a closing quote from an opening one and a
real comma before a closing quote from a comma standing for ``&``.

>>> quotation_open('He called it "historic', 23)
True
>>> attribution("stay,", 0), attribution(' he said.', 0), attribution('. He said', 0)
(None, 'he said', None)
"""

from __future__ import annotations

import re

from normalize.datafiles import read_words

SENTENCE_END = ".!?"
DOUBLE_QUOTE = re.compile(r"[\"\u201c\u201d]|quot;|&quot\b|#34;|#x22;", re.IGNORECASE)
SAME_LINE_BEFORE_A_QUOTE = re.compile(r"[^\r\n\"\u201c\u201d]*")


def quotation_open(text: str, position: int) -> bool:
    """Whether an odd number of double quotes (characters or references) precede ``position`` on its line."""
    line_start = max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1
    return len(DOUBLE_QUOTE.findall(text, line_start, position)) % 2 == 1


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
