"""Turn body paragraphs written in ALL CAPS into sentence case, keeping names and acronyms (off by default).

Recases a line of English body text (see ``body_lines``) of at least six words and not one
lowercase letter. Each word is lowercased unless it is a name or an acronym, and each sentence
then starts with a capital. A word keeps capitals when the rest of the article mostly writes it
with capitals mid-sentence (``Heathrow``, ``LSE``), or failing that when it is in
``capitalization_acronyms.txt`` or ``capitalization_proper_names.txt``, is a one-word name of the
names filter's ``names.tsv``, is ``I``, or is in ``capitalization_name_openers.txt`` (titles and
first names: the word after one gets a capital too). Function words are always lowercased: in
capitals, ``US``, ``IT`` and ``WHO`` cannot be told from ``us``, ``it`` and ``who``.

Only the lines long enough for six words and holding no lowercase ASCII letter are judged,
found by one search in C (:func:`normalize.capitalization_candidates.lines_without_lowercase`).

Leaves alone: headlines and short lines in capitals (``BREAKING NEWS``), any line with a
lowercase letter, lists, code and other languages. It is off by default because a name the
article mentions nowhere else comes out in lowercase (``canary wharf``).

>>> from normalize.edits import apply_edits
>>> text = "Flights from Heathrow rose, the LSE said.\\n\\nTHE LSE SAID HEATHROW FLIGHTS TO PARIS ROSE IN MAY. I AGREE.\\n"
>>> print(apply_edits(text, all_caps(text)).text, end="")
Flights from Heathrow rose, the LSE said.
<BLANKLINE>
The LSE said Heathrow flights to Paris rose in may. I agree.
>>> list(all_caps("BREAKING NEWS\\n\\nA line with SOME capitals stays as it is.\\n"))
[]
"""

from __future__ import annotations

import functools
import re
from typing import Iterator

from normalize.capitalization_candidates import lines_without_lowercase
from normalize.datafiles import read_words
from normalize.edits import Edit
from normalize.registry import register
from normalize.sentences import (
    OPENERS, WORD, body_lines, dictionary_names, function_words, sentence_starts, written_forms,
)

MIN_WORDS = 6
NAME_WORD = re.compile(r"[^\W\d_]*[A-Z][^\W\d_]*")


@functools.cache
def known_forms() -> dict[str, str]:
    """Lowercase word -> how the shipped lists and the names dictionary write it."""
    # one-word names only: 'Bank of England' does not make every 'bank' a name
    names = dictionary_names(variants=False)
    words = [word for name in names if len(name.split()) == 1 for word in NAME_WORD.findall(name)]
    words += read_words("capitalization_proper_names.txt") + read_words("capitalization_acronyms.txt")
    words += read_words("capitalization_name_openers.txt")
    return {word.lower(): word for word in words if word.lower() not in function_words()}


@functools.cache
def name_openers() -> frozenset[str]:
    return frozenset(read_words("capitalization_name_openers.txt"))


@register("all-caps", order=550, default=False)
def all_caps(text: str) -> Iterator[Edit]:
    """Yield one edit per paragraph in capitals: the paragraph in sentence case."""
    among = lines_without_lowercase(text, 2 * MIN_WORDS - 1)  # MIN_WORDS letters, a space between each two
    if among == []:  # None, with fast paths disabled, means every line
        return
    shouting = [(offset, line) for offset, line, _ in body_lines(text, among) if _in_capitals(line)]
    if not shouting:
        return
    forms = _article_forms(text, shouting)
    for offset, line in shouting:
        recased, kept = _recase(line, forms)
        if recased == line:
            continue
        start = _common_length(line, recased)
        end = _common_length(line[start:][::-1], recased[start:][::-1])
        shown = ", ".join(dict.fromkeys(kept)) or "none"
        reason = f"paragraph in capitals ({len(WORD.findall(line))} words) in sentence case; kept: {shown}"
        yield Edit(offset + start, offset + len(line) - end, recased[start : len(recased) - end], reason)


def _common_length(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def _in_capitals(line: str) -> bool:
    return not any(char.islower() for char in line) and len(WORD.findall(line)) >= MIN_WORDS


def _article_forms(text: str, shouting: list[tuple[int, str]]) -> dict[str, str]:
    """How the rest of the article writes each word it writes with capitals mid-sentence."""
    rest = text
    for offset, line in shouting:
        rest = rest[:offset] + " " * len(line) + rest[offset + len(line) :]
    return written_forms(rest)


def _recase(line: str, article_forms: dict[str, str]) -> tuple[str, list[str]]:
    pieces, kept, copied_to, form = [], [], 0, ""
    for match in WORD.finditer(line):
        lower, gap = match[0].lower(), line[copied_to : match.start()]
        after_name_opener = form in name_openers() and gap == " "
        if lower == "i":
            form = "I"
        elif lower in function_words() or len(lower) == 1:  # "FILM'S": the 's' is no initial
            form = lower
        else:
            form = article_forms.get(lower) or known_forms().get(lower) or (
                lower.title() if after_name_opener else lower  # 'MR BLAIR', 'KEN LIVINGSTONE'
            )
        if form != lower:
            kept.append(form)
        pieces += [gap.lower(), form]
        copied_to = match.end()
    recased = "".join(pieces) + line[copied_to:].lower()
    starts = [len(recased) - len(recased.lstrip(OPENERS + " ")), *(p for p, _ in sentence_starts(recased))]
    for position in starts:
        recased = recased[:position] + recased[position].upper() + recased[position + 1 :]
    return recased, kept
