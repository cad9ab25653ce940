"""What the unicode filter removes and composes besides ftfy's repairs, before and after them.

Invisible and control characters, zero-width joiners and non-joiners between Latin characters
or spaces, soft hyphens, lone surrogates (as U+FFFD: they cannot be written), and decomposed
letters (NFC, one run at a time). :func:`clear_for_ftfy` removes before ftfy what would stop its
repairs; :func:`tidy` does the rest after it (:mod:`normalize.filters.unicode` says what is left
alone, and why).

>>> tidy("zero\u200bwidth cafe\u0301")
'zerowidth caf\u00e9'
"""

from __future__ import annotations

import re
import unicodedata

from normalize.fastpath import LazyPattern
from normalize.filters.ftfy_lines import CHARS_OF_HIGH_BYTES

STOPS_FTFY = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u180e\u200b\u2060\ufeff"  # invisible, never a byte of mojibake
INVISIBLE = LazyPattern(f"[{STOPS_FTFY}\u00ad\ud800-\udfff]")
INVISIBLE_TO_FTFY = LazyPattern(f"[{STOPS_FTFY}]")
INVISIBLE_RUN = LazyPattern(f"(?:{INVISIBLE.pattern})+")
LATIN_OR_SPACE = "\t\n\r\x20-\x7e\u00a0-\u024f\u1680\u2000-\u200a\u202f\u205f\u3000"
JOINER_BETWEEN_LATIN = LazyPattern(f"(?<![^{LATIN_OR_SPACE}])[\u200c\u200d]+(?![^{LATIN_OR_SPACE}])")
COMBINING_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
COMBINING_MARK = LazyPattern(f"[{COMBINING_MARKS}]")
COMBINING_RUN = LazyPattern(rf"[^\W\d_]?[{COMBINING_MARKS}]+")
SOFT_HYPHEN_ON_ITS_OWN = LazyPattern(f"(?<![{re.escape(CHARS_OF_HIGH_BYTES.replace(chr(0xAD), ''))}])\u00ad")
# What clear_for_ftfy and tidy may act on: a character to remove, a joiner, a combining mark
REMOVED_OR_COMPOSED = f"{STOPS_FTFY}\u00ad\ud800-\udfff\u200c\u200d{COMBINING_MARKS}"


def clear_for_ftfy(line: str) -> str:
    """The line without the invisible characters that stop ftfy's repairs ('Nestl\u00c3\u200b\u00a9'), composed.

    Not a soft hyphen after a character that may be a byte of mojibake (U+00AD is also the byte
    0xAD: '\u00c3\u00ad' is '\u00ed'), nor surrogates (ftfy joins pairs of them).
    """
    cleared = _without_joiners_between_latin(INVISIBLE_TO_FTFY.sub("", line))
    if "\u00ad" in cleared:  # its pattern starts with a look-behind: re would try it at every position
        cleared = SOFT_HYPHEN_ON_ITS_OWN.sub("", cleared)
    return _compose(cleared)  # composed as the output will be: 'e\u0301\u00c3 ' is read as '\u00e9\u00c3 '


def tidy(text: str) -> str:
    """The text without invisible characters and joiners between Latin characters, lone surrogates
    as U+FFFD, decomposed letters composed: what the filter does besides ftfy's repairs."""
    without_invisible = INVISIBLE.sub(lambda m: "\ufffd" if is_surrogate(m[0]) else "", text)
    return _compose(_without_joiners_between_latin(without_invisible))


def _without_joiners_between_latin(text: str) -> str:
    # str.find first: the pattern starts with a look-behind, so re would try it at every position
    if "\u200c" not in text and "\u200d" not in text:
        return text
    return JOINER_BETWEEN_LATIN.sub("", text)


def _compose(text: str) -> str:
    if not COMBINING_MARK.search(text):  # much faster than the substitution
        return text
    return COMBINING_RUN.sub(lambda m: unicodedata.normalize("NFC", m[0]), text)


def is_surrogate(char: str) -> bool:
    return "\ud800" <= char <= "\udfff"
