"""Words as junk-lines counts and compares them: as the names filter cannot change them.

The names filter (order 500, after junk-lines) may respell a name with a hyphen or a space
between its words, in another case or with other diacritics (``Allied-Domecq`` -> ``Allied
Domecq``); a second run must judge as the first did, so a hyphen between two words separates
them as a space does (:func:`split_words`, :func:`word_count`, :data:`WORD`), and stems ignore
case and diacritics (:func:`stem_of`). :mod:`normalize.teasers` weighs a line by these words.

>>> word_count("Allied-Domecq staff"), word_count("Allied Domecq staff")
(3, 3)
>>> stem_of("Erdo\u011fan's"), stem_of("ERDOGAN")
('erdog', 'erdog')
"""

from __future__ import annotations

import functools

from normalize.datafiles import read_words
from normalize.fastpath import LazyPattern
from normalize.names_dictionary import strip_diacritics

WORD = LazyPattern(r"[^\W\d_](?:[\w'\u2019.&]*\w)?")  # no hyphen inside: 'Allied-Domecq' is two words
# A hyphen (or Unicode hyphen, which names reads as one) joining two words: it counts as a space.
JOINING_HYPHEN = LazyPattern(r"[-\u2010\u2011](?<=\w.)(?=\w)")


@functools.cache
def _common_words() -> frozenset[str]:
    return frozenset(read_words("common_words.txt"))


@functools.lru_cache(maxsize=1 << 16)  # an article repeats its words; so does a corpus (speed)
def stem_of(word: str) -> str:
    """The first five letters of ``word`` lowercased, without diacritics, a plural 's' or a possessive."""
    # 'Erdoğan' is 'Erdogan' to the names filter; strip_diacritics writes a curly apostrophe as "'"
    word = strip_diacritics(word).lower().removesuffix("'s").replace(".", "").strip("'")
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:5]


def content_words(text: str) -> list[str]:
    """The words of ``text`` that can show a topic: not common, at least two letters (``UK``)."""
    return [w for w in WORD.findall(text) if len(w) >= 2 and w.lower() not in _common_words()]


def stems_of(text: str) -> set[str]:
    """The stems of the content words of ``text``."""
    return {stem_of(word) for word in content_words(text)}


def split_words(text: str) -> list[str]:
    """``text`` split at spaces, and at a hyphen between two words.

    >>> split_words("Allied-Domecq staff met - again")
    ['Allied', 'Domecq', 'staff', 'met', '-', 'again']
    """
    return JOINING_HYPHEN.sub(" ", text).split()


def word_count(text: str) -> int:
    """``len(split_words(text))``, without building the words."""
    return len(text.split()) + len(JOINING_HYPHEN.findall(text))


def has_words(text: str, count: int) -> bool:
    """Whether ``word_count(text) >= count``, splitting a long text no further than needed."""
    return len(text.split(None, count - 1)) >= count or word_count(text) >= count
