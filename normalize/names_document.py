"""What the names filter reads in an article: dictionary mentions, sentence starts, lists, risky case changes.

:func:`case_risk` is the guard both the dictionary and the majority rule (:mod:`normalize.names_majority`)
go through: a lowercase common word is never capitalized because a name shares its letters.

>>> case_risk("turkey", "Turkey", initial=False)
"'turkey' is also a common word"
>>> case_risk("yukos", "Yukos", initial=False) is None
True
>>> case_risk("Mittal steel", "Mittal Steel", initial=False) is None
True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterator

from normalize.datafiles import data_lines
from normalize.edits import Edit
from normalize.names_dictionary import Mention, Names, fold, matches, strip_diacritics

PARTICLES = frozenset({"al", "bin", "da", "de", "del", "der", "di", "du", "el", "ibn", "la", "le", "van", "von"})
WORD = re.compile(r"[^\W\d_]+")
OPENERS = " \t\"'(\u2018\u201c[*"
SENTENCE_MARKS = ".!?\n\r"  # a word after one of these, and OPENERS, opens a sentence or a line
LIST_JOINERS = (", ", ", and ", ", or ", " and ", " or ")


@functools.cache
def english_words() -> frozenset[str]:
    # data_lines, not read_words: 65,000 lines stripped cost milliseconds of a first run, and the
    # file's test holds every line to one bare word
    return frozenset(data_lines("english_words.txt"))


def sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence or a line (so its capital says nothing)."""
    index = start
    while index > 0 and text[index - 1] in OPENERS:
        index -= 1
    return index == 0 or text[index - 1] in SENTENCE_MARKS


def in_address(text: str, start: int, end: int) -> bool:
    """Whether the span is part of a web or mail address, a path or a handle (``bbc.co.uk``, ``@bbc``)."""
    before = text[start - 1 : start]
    after = text[end : end + 2]
    return before in ("@", "#", "/", ".", "_") or (after[:1] in "./@_" and after[1:].isalnum())


def mark_follows(text: str, end: int) -> bool:
    """Whether a combining mark follows ``end``: a name rewritten there would leave the mark to
    compose with its new last letter (the unicode filter's NFC, on the next run), so it is left alone."""
    return end < len(text) and unicodedata.category(text[end])[0] == "M"


def case_changes(mention: str, target: str) -> bool:
    """Whether ``target`` spells the same letters as ``mention`` with some in another case."""
    letters = strip_diacritics("".join(WORD.findall(mention)))
    target_letters = strip_diacritics("".join(WORD.findall(target)))
    return letters != target_letters and letters.lower() == target_letters.lower()


def case_risk(mention: str, target: str, *, initial: bool) -> str | None:
    """Why rewriting ``mention`` as ``target`` could capitalize a common word, or None if it cannot."""
    if not case_changes(mention, target):
        return None  # a hyphen, a space, a diacritic or another spelling: no word changes case
    if mention.isupper() and not target.isupper():
        return f"{mention!r} is in capitals (a headline or emphasis), which the capitalization filter judges"
    effective = mention[:1].lower() + mention[1:] if initial else mention
    found = WORD.findall(effective)
    if effective[:1].isupper() and target[:1].islower() and found[0].lower() not in PARTICLES:
        return f"{mention!r} would lose its capital ('DiCaprio' is not 'diCaprio')"
    if effective.islower() and len(found) != len(WORD.findall(target)):
        return f"lowercase {mention!r} is one word, the name {target!r} several ('cybersecurity')"
    common = [word for word in found if word.lower() in english_words()]
    if len(found) == 1:
        if common or len(found[0]) < 3:
            return f"{mention!r} is also a common word" if common else f"{mention!r} is too short to judge"
    elif effective != effective.lower():  # 'Mittal steel', 'Burkina faso', but not 'south Wales'
        if found[0] in common and found[0].islower():
            return f"{found[0]!r} in {mention!r} is a common word before a name"
    elif "-" in mention:
        return f"{mention!r} is a lowercase hyphenated compound ('sci-fi')"
    elif len(common) == len(found):
        return f"every word of {mention!r} is also a common word"
    return None


def find_mentions(text: str, names: Names) -> list[Mention]:
    """The dictionary names in ``text``, outside web addresses and without a combining mark after them."""
    found = []
    for start, end in matches(names, text):
        spelling = text[start:end]
        entry = names.entries.get(fold(spelling))  # None: 'ı' matched 'i' only while ignoring case
        if entry is not None and not in_address(text, start, end) and not mark_follows(text, end):
            found.append(Mention(start, end, spelling, entry, sentence_initial(text, start)))
    return found


def list_commas(text: str, mentions: list[Mention]) -> Iterator[Edit]:
    """Insert the comma between two adjacent names of one kind in a list that has other commas."""
    joiners = [text[a.end : b.start] for a, b in zip(mentions, mentions[1:], strict=False)]
    for index, joiner in enumerate(joiners):
        first, second = mentions[index], mentions[index + 1]
        if joiner != " " or first.entry.kind != second.entry.kind:
            continue
        kind = first.entry.kind
        around = _list_joiners(mentions, joiners, index - 1, -1, kind) + _list_joiners(mentions, joiners, index + 1, 1, kind)
        if any(j.startswith(",") for j in around):
            yield Edit(first.end, first.end, ",", f"comma missing between {first.spelling!r} and "
                       f"{second.spelling!r} in a list of {kind} names")


def _list_joiners(mentions: list[Mention], joiners: list[str], index: int, step: int, kind: str) -> list[str]:
    """The list joiners (', ', ' and ', ...) between names of ``kind``, from joiner ``index`` on."""
    found = []
    while 0 <= index < len(joiners) and joiners[index] in LIST_JOINERS:
        if not mentions[index].entry.kind == kind == mentions[index + 1].entry.kind:
            break
        found.append(joiners[index])
        index += step
    return found
