"""The words the majority rule reads: name words, where sentences open, and the runs words make.

A name word holds a capital or is a particle ('al', 'van'); both passes of the majority rule
(:mod:`normalize.names_majority`) read them as :class:`Word` tuples, outside the spans the
dictionary already took. Words joined by a JOINER (:func:`links`) may be one name, up to LONGEST
words long (:func:`spans`).

>>> text = "Shares in Allied Domecq-Xyz rose."
>>> tokens = name_words(text, [])
>>> [token.text for token in tokens], links(text, tokens)
(['Shares', 'Allied', 'Domecq', 'Xyz'], [False, True, True, False])
>>> [spelling for _, spelling, _ in spans(text, tokens, links(text, tokens), 1)]
['Allied', 'Allied Domecq', 'Allied Domecq-Xyz']
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import Iterable, Iterator, NamedTuple

from normalize import fastpath
from normalize.names_dictionary import fold
from normalize.names_document import OPENERS, PARTICLES, SENTENCE_MARKS, WORD, sentence_initial
from normalize.names_runs import JOINERS, LONGEST, MARK_OPENING, NAME_WORD_AFTER, blanked, lowercase

# A whole WORD holding a letter outside a-z (so maybe a capital), or a whole particle.
NAMELIKE = re.compile(rf"(?<![^\W\d_])(?:[a-z]*+[^\W\d_a-z]|(?:{'|'.join(sorted(PARTICLES))})(?![^\W\d_]))[^\W\d_]*")
NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")  # a letter outside ASCII
LEADING_OPENERS = re.compile(rf"[{re.escape(OPENERS)}]*+")
SENTENCE_OPENING = re.compile(rf"^{LEADING_OPENERS.pattern}|{MARK_OPENING.pattern}")  # where sentence_initial is true


class Word(NamedTuple):
    """A word the majority rule reads: its span and text, whether it opens a sentence (so its capital
    says nothing), and its key (:func:`fold`)."""

    start: int
    end: int
    text: str
    initial: bool
    key: str
    namelike: bool
    """A capital in it, or a particle ('al', 'van'): it may be part of a name spelled as a name."""


def words(text: str, taken: list[tuple[int, int]], wanted: set[str], found: Iterable[tuple[int, int]],
          openings: set[int] | None = None) -> list[Word]:
    """Of the words ``found`` in ``text`` (as sorted spans), the name-like ones outside the
    ``taken`` spans (sorted, not overlapping), and the lowercase ones whose key is ``wanted``.

    ``openings``, the ends of every :data:`SENTENCE_OPENING` match, are where :func:`sentence_initial`
    is true (a set is read once, the text around each word many times); None: ask it."""
    kept, spans_left = [], iter(taken)
    span_start, span_end = next(spans_left, (len(text), len(text)))
    for start, end in found:
        word = text[start:end]
        namelike = is_name_word(word)
        key = fold(word)
        if not namelike and key not in wanted:
            continue
        while start >= span_end:
            span_start, span_end = next(spans_left, (len(text), len(text)))
        if start < span_start:  # a lowercase word opening a sentence may be capitalized: 'yukos said'
            initial = namelike and (start in openings if openings is not None else sentence_initial(text, start))
            kept.append(Word(start, end, word, initial, key, namelike))
    return kept


def name_words(text: str, taken: list[tuple[int, int]]) -> list[Word]:
    """The name words of ``text`` outside the ``taken`` spans, as :func:`words` keeps them; with
    fast paths, only the :data:`NAMELIKE` words are read."""
    if not fastpath.enabled():
        return words(text, taken, set(), every_word(text))  # a lowercase word between two breaks a run
    if ascii_letters(text):
        return _ascii_name_words(text, taken)
    openings = set(sentence_openings(text, MARK_OPENING))
    return words(text, taken, set(), map(re.Match.span, NAMELIKE.finditer(text)), openings)


def _ascii_name_words(text: str, taken: list[tuple[int, int]]) -> list[Word]:
    """What :func:`words` keeps of the :data:`NAMELIKE` words in a text whose letters are all ASCII
    (each then a name word, its key its lowercase), in one pass: a ``taken`` span (a dictionary
    mention: no word character on either side) holds whole words, so blanking its letters drops exactly those.
    Searched after a line break, each word is found with the character before it and any openers,
    a mark where the word opens a sentence (see :data:`normalize.names_runs.RUN`)."""
    found = [(m.start(2) - 1, m[2], m[1] in SENTENCE_MARKS) for m in NAME_WORD_AFTER.finditer("\n" + blanked(text, taken))]
    return [Word(start, start + len(word), word, initial, key, True)
            for (start, word, initial), key in zip(found, lowercase([word for _, word, _ in found]))]


def is_name_word(word: str) -> bool:
    """Whether a WORD is a name word of :func:`words` (with nothing ``wanted``)."""
    return not word.islower() or word in PARTICLES


def ascii_letters(text: str) -> bool:
    """Whether every letter of ``text`` is ASCII: ``str.isascii`` answers most texts far sooner
    than a search for :data:`NON_ASCII_LETTER`."""
    return text.isascii() or not NON_ASCII_LETTER.search(text)


def every_word(text: str) -> Iterator[tuple[int, int]]:
    """The span of every WORD: what the slow paths read."""
    return map(re.Match.span, WORD.finditer(text))


def links(text: str, tokens: list[Word]) -> list[bool]:
    """Whether each token is joined to the next by a JOINER (so both may be one name); the last is not."""
    return [text[before.end : after.start] in JOINERS for before, after in zip(tokens, tokens[1:])] + [False]


def spans(text: str, tokens: list[Word], linked: list[bool], first: int) -> Iterator[tuple[int, str, str]]:
    """``(number of words, spelling, key)`` for the names of 1 to LONGEST words starting at ``first``."""
    key = ""
    for last in range(first, min(first + LONGEST, len(tokens))):
        if last > first and not linked[last - 1]:
            return
        key += tokens[last].key
        yield last - first + 1, text[tokens[first].start : tokens[last].end], key


def sentence_openings(text: str, after_mark: re.Pattern[str]) -> Iterator[int]:
    """Where :data:`SENTENCE_OPENING` matches end; with fast paths, the text's start and of the
    openings after a mark only the ``after_mark`` ones: a pattern led by a class of characters is
    searched much faster than one led by '^'."""
    if not fastpath.enabled():
        return map(re.Match.end, SENTENCE_OPENING.finditer(text))
    return itertools.chain([LEADING_OPENERS.match(text).end()], map(re.Match.end, after_mark.finditer(text)))


def inside(start: int, taken: list[tuple[int, int]]) -> bool:
    """Whether ``start`` lies in one of the ``taken`` spans (sorted, not overlapping)."""
    at = bisect.bisect_right(taken, (start, float("inf"))) - 1
    return at >= 0 and taken[at][0] <= start < taken[at][1]
