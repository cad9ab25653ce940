"""Where the capitalization filter may edit: a few searches at C speed, so it judges only those lines.

Every edit needs one of these; most articles hold none. Each search starts with a literal,
which ``re`` scans for in a tight loop (a pattern that starts with a set tests each character
against it, several times slower; one that starts with a look-behind is slower still):

- a capitalized function word of a kind the filter repairs, after a space that follows a comma,
  a space or a lowercase letter, and before a lowercase word (``said He planned``): its
  capitals are a set, so the text is scanned with them turned into one byte
  (:func:`function_word_places`);
- a lowercase letter after a full stop, ``?`` or ``!`` and perhaps closing quotes, spaces and
  opening quotes (``said. "the``);
- a lowercase letter starting a line, perhaps after opening quotes.

The all-caps filter judges only the lines holding no lowercase letter, found the same way
(:func:`lines_without_lowercase`).

>>> text = "A clean line.\\n\\nTen were killed, the army said. the raid, He said, used drones.\\n"
>>> [text[offset:offset + 8] for offset in candidates(text)]
['. the ra', 'He said,']
>>> with fastpath.disabled():
...     print(candidates(text))
None
"""

from __future__ import annotations

import functools
import re

from normalize import fastpath
from normalize.sentences import MARK_TO_LETTER, OPENERS, function_words

CONTRACTION = r"(?:['\u2019](?:s|re|ll|d|ve|m))?"
BEFORE_LOWERCASE = r"(?= +(?:[a-z]|I['\u2019 ][a-z]|\d+-year-old\b))"  # before 'planned', 'I don't', '28-year-old'
REPAIRABLE = frozenset({"pronoun", "determiner", "possessive", "conjunction", "relative pronoun", "adverb"})


@functools.cache
def candidate_patterns() -> tuple[re.Pattern[str], ...]:
    """The searches: a repairable function word, a lowercase letter after a full stop, a ``?``
    and a ``!``, and at a line start (after a ``\\n``: :func:`candidates` puts one before the text).

    One search per mark, not one for ``[?!]``: a pattern led by a literal is scanned several
    times faster than one led by a set."""
    words = _repairable_words()
    # each word checks what comes before it once found: a look-behind in front would slow the scan
    after_space = "|".join(f"{word}(?<=[ ,a-z] {word})" for word in sorted(words, key=len, reverse=True))
    return tuple(re.compile(pattern) for pattern in (
        f"(?:{after_space}){CONTRACTION}{BEFORE_LOWERCASE}",
        *(rf"{re.escape(mark)}{MARK_TO_LETTER}[a-z]" for mark in ".?!"),
        rf"\n\ufeff?[{re.escape(OPENERS)}]{{0,2}}[a-z]",
    ))


@functools.cache
def _repairable_words() -> tuple[str, ...]:
    """The function words of a kind the filter repairs, capitalized ('He', 'The'), that are one plain word."""
    return tuple(word.title() for word, kind in function_words().items() if kind in REPAIRABLE and re.fullmatch("[a-z]+", word))


def _with_line_starts(text: str) -> str:
    """``text`` with a ``\\n`` before it and each ``\\r`` read as ``\\n`` ('\\r' breaks lines too): a
    match of a search led by ``\\n`` at an offset in it is the line starting at that offset in ``text``."""
    return "\n" + (text.replace("\r", "\n") if "\r" in text else text)


def candidates(text: str) -> list[int] | None:
    """Ascending offsets in ``text`` of every place an edit may come from; ``None`` with fast
    paths disabled (every line may hold one)."""
    if not fastpath.enabled():
        return None
    _, full_stop, question_mark, exclamation_mark, line_start = candidate_patterns()
    found = function_word_places(text)
    for mark, after_mark in ((".", full_stop), ("?", question_mark), ("!", exclamation_mark)):
        if mark in text:
            found += [match.start() for match in after_mark.finditer(text)]
    found += [match.start() for match in line_start.finditer(_with_line_starts(text))]
    return sorted(found)


@functools.cache
def function_word_scan() -> tuple[bytes, re.Pattern[bytes]]:
    """A byte translation turning the capital of every repairable function word into ``\\x01``,
    and a search over translated text led by that one byte (see :func:`function_word_places`)."""
    words = _repairable_words()
    capitals = "".join(sorted({word[0] for word in words})).encode("ascii")
    rests = "|".join(sorted({word[1:] for word in words}, key=len, reverse=True))
    scan = rf"\x01(?<=[ ,a-z] \x01)(?:{rests})(?![a-z])"
    return bytes.maketrans(capitals, b"\x01" * len(capitals)), re.compile(scan.encode("ascii"))


def function_word_places(text: str) -> list[int]:
    """Where the function-word search matches in ``text``, found faster than by that search.

    That search is led by a set of capitals, which ``re`` scans with one set test per character.
    Here the text, as Latin-1 bytes (one per character, '?' for any other), has those capitals
    turned into one byte, so the scan for it is a tight loop; it then checks loosely what
    surrounds a capital (the space before, the rest of any of the words, no lowercase letter
    after), which every match of the search passes, and only the places found that way are
    checked by the search itself.
    """
    function_word = candidate_patterns()[0]
    table, scan = function_word_scan()
    translated = text.encode("latin-1", "replace").translate(table)
    return [match.start() for match in scan.finditer(translated) if function_word.match(text, match.start())]


@functools.cache
def _line_without_lowercase(min_length: int) -> re.Pattern[str]:
    return re.compile(f"\n(?=[^a-z\n]{{{min_length},}}(?:\n|\\Z))")  # led by a newline: scanned in C


def lines_without_lowercase(text: str, min_length: int) -> list[int] | None:
    """The offsets in ``text`` where the lines of at least ``min_length`` characters and no
    lowercase ASCII letter start (the all-caps filter's candidates: a line in capitals holds
    none); ``None`` with fast paths disabled (every line may be one).

    >>> lines_without_lowercase("Quiet line.\\r\\nTHE ARMY SAID SO.\\nNO\\n", 5)
    [13]
    """
    if not fastpath.enabled():
        return None
    return [match.start() for match in _line_without_lowercase(min_length).finditer(_with_line_starts(text))]


def may_hold_function_word(line: str) -> bool:
    """Whether ``line`` holds a repairable function word in the place of a mid-sentence edit
    (always true with fast paths disabled)."""
    return not fastpath.enabled() or bool(candidate_patterns()[0].search(line))
