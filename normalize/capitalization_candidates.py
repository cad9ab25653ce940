"""Where the capitalization filter may edit: a few searches at C speed, so it judges only those lines.

Every edit needs one of these; most articles hold none. Each search starts with a literal or a
small set of characters, which ``re`` scans for quickly (a pattern that starts with a
look-behind, or with a set as common as the lowercase letters, scans many times slower):

- a capitalized function word of a kind the filter repairs, after a space that follows a comma,
  a space or a lowercase letter, and before a lowercase word (``said He planned``);
- a lowercase letter after a full stop, ``?`` or ``!`` and perhaps closing quotes, spaces and
  opening quotes (``said. "the``);
- a lowercase letter starting a line, perhaps after opening quotes.

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
    words = [word.title() for word, kind in function_words().items() if kind in REPAIRABLE and re.fullmatch("[a-z]+", word)]
    # each word checks what comes before it once found: a look-behind in front would slow the scan
    after_space = "|".join(f"{word}(?<=[ ,a-z] {word})" for word in sorted(words, key=len, reverse=True))
    return tuple(re.compile(pattern) for pattern in (
        f"(?:{after_space}){CONTRACTION}{BEFORE_LOWERCASE}",
        *(rf"{re.escape(mark)}{MARK_TO_LETTER}[a-z]" for mark in ".?!"),
        rf"\n\ufeff?[{re.escape(OPENERS)}]{{0,2}}[a-z]",
    ))


def candidates(text: str) -> list[int] | None:
    """Ascending offsets in ``text`` of every place an edit may come from; ``None`` with fast
    paths disabled (every line may hold one)."""
    if not fastpath.enabled():
        return None
    function_word, full_stop, question_mark, exclamation_mark, line_start = candidate_patterns()
    found = [match.start() for match in function_word.finditer(text)]
    for mark, after_mark in ((".", full_stop), ("?", question_mark), ("!", exclamation_mark)):
        if mark in text:
            found += [match.start() for match in after_mark.finditer(text)]
    lines = "\n" + (text.replace("\r", "\n") if "\r" in text else text)  # '\r' breaks lines too
    found += [match.start() for match in line_start.finditer(lines)]  # where the line starts in text
    return sorted(found)


def may_hold_function_word(line: str) -> bool:
    """Whether ``line`` holds a repairable function word in the place of a mid-sentence edit
    (always true with fast paths disabled)."""
    return not fastpath.enabled() or bool(candidate_patterns()[0].search(line))
