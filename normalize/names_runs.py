"""The majority rule's first pass over a text whose letters are all ASCII: the votes, counted in bulk.

:func:`normalize.names_votes.count_votes` reads one name word at a time; here one regular
expression (:data:`RUN`) finds each run of name words joined by a space or a hyphen, with whether
it opens a sentence, and the one-word runs (most of them) are counted by ``Counter`` in C. Only runs
of several words are read word by word. The result is the same :class:`Ballot`, down to the order
in which each key's spellings were first voted (a tie is reported in that order); where that order
cannot be had cheaply (a joined spelling, 'DeutscheBank', voted as well as 'Deutsche Bank'),
:func:`ascii_ballot` returns None and the caller counts word by word.

>>> ballot = ascii_ballot("Yukos said. In YUKOS and Yukos, then Yukos and Allied Domecq.", [])
>>> dict(ballot.votes["yukos"]), ballot.openers, dict(ballot.votes["allieddomecq"])
({'YUKOS': 1, 'Yukos': 2}, ['Yukos', 'In YUKOS'], {'Allied Domecq': 1})
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from dataclasses import dataclass
from typing import Collection

from normalize.names_document import OPENERS, PARTICLES, SENTENCE_MARKS

LONGEST = 4  # words in the longest name the majority rule looks for
JOINERS = (" ", "-")  # what may stand between the words of one name
JOINER = re.compile(f"[{re.escape(''.join(JOINERS))}]")
# A whole name-like WORD (a capital in it, or a whole particle) in a text whose letters are all ASCII.
_NAME_WORD = rf"(?:[a-z]*+[A-Z]|(?:{'|'.join(sorted(PARTICLES))})(?![A-Za-z]))[A-Za-z]*+"  # where a non-letter is before
NAMELIKE_ASCII = re.compile(rf"(?<![A-Za-z]){_NAME_WORD}")
_OPENING = rf"[{re.escape(SENTENCE_MARKS)}][{re.escape(OPENERS)}]*+"  # a mark ending a sentence or line, then what may open one
# A name-like word after the character before it and any openers: (that character, the word). Led
# by a class of characters (NAMELIKE_ASCII is led by a lookbehind), re tries it only after a
# non-letter instead of at every character; a word ends with a letter, so the character before the
# next one is never part of it. The word opens a sentence where that character is a mark: it is
# tried at the mark before it is tried at an opener after the mark, and the openers are taken
# whole, as MARK_OPENING takes them.
NAME_WORD_AFTER = re.compile(rf"([^A-Za-z])[{re.escape(OPENERS)}]*+({_NAME_WORD})")
# A run of name-like words joined by single JOINERs, found as its first word is: (the character
# before it, its first word, the rest, its last word if it has several).
RUN = re.compile(rf"{NAME_WORD_AFTER.pattern}((?:{JOINER.pattern}({_NAME_WORD}))*)")
MARK_OPENING = re.compile(_OPENING)  # ends where a sentence opens (but the text's start)
# A lowercase word opening a sentence, and the run of name words joined to it if any.
LOWERCASE_OPENER = re.compile(
    rf"{_OPENING}([a-z]++)(?![A-Za-z])({JOINER.pattern}(?:{_NAME_WORD}{JOINER.pattern})*{_NAME_WORD})?"
)
LETTERS = re.compile("[A-Za-z]")


@dataclass
class Ballot:
    """What the first pass of the majority rule counts (see ``names_majority.majority_edits``)."""

    spellings: Counter[str]  # how many spellings of runs of name words each key has
    votes: dict[str, dict[str, int]]  # by key, the spellings in the order first voted, with their votes
    wanted: set[str]  # the keys of the words of voted names
    starts: set[str]  # the key of the first word of every voted name
    solo: Counter[str]  # one-word names standing alone inside a sentence
    openers: list[str]  # names opening a sentence (each only backs a spelling voted elsewhere)
    parts: set[str]  # the key of every name word


def votes_for(spelling: str) -> bool:
    """Whether a one-word name votes: not a single letter nor a particle."""
    return len(spelling) >= 2 and spelling not in PARTICLES


def blanked(text: str, taken: list[tuple[int, int]]) -> str:
    """``text`` with the letters of the ``taken`` spans (dictionary mentions: whole words) made NULs;
    their other characters stay, so a mention's last full stop still ends a sentence ('U.S. Steel')."""
    parts, cursor = [], 0
    for start, end in taken:
        parts += [text[cursor:start], LETTERS.sub("\0", text[start:end])]
        cursor = end
    return "".join(parts) + text[cursor:]


def ascii_ballot(text: str, taken: list[tuple[int, int]]) -> Ballot | None:
    """The first pass's :class:`Ballot` for ``text`` (every letter ASCII) outside the ``taken``
    spans; None where a joined spelling would need the votes counted in text order word by word."""
    opened = "\n" + blanked(text, taken)  # a line break before: the text's start opens a sentence
    # (opens a sentence, first, rest, last): findall makes no match objects
    runs = [(before in SENTENCE_MARKS, first, rest, last) for before, first, rest, last in RUN.findall(opened)]
    # Every last word votes alone ('Macron' in 'Emmanuel Macron') but one opening a sentence alone:
    # counted in text order, so each key's spellings come in the order first voted.
    counted = Counter([last or first for initial, first, rest, last in runs if rest or not initial])
    votes: dict[str, dict[str, int]] = {}
    for spelling, count in counted.items():
        if votes_for(spelling):
            votes.setdefault(spelling.lower(), {})[spelling] = count
    openers = [first for initial, first, rest, _ in runs if initial and not rest and votes_for(first)]
    wanted = set(votes).union(lowercase(openers))
    starts = set(wanted)
    alone = Counter([first for initial, first, rest, _ in runs if not rest and not initial])
    # Each run of several words counted once, times how often it stands: the same run votes the
    # same spellings each time, and its first time is the first vote of each (their order holds).
    several = Counter([(initial, first + rest) for initial, first, rest, _ in runs if rest])
    long_runs = [run for _, run in several]
    words = set(counted).union(first for initial, first, rest, _ in runs if initial and not rest)
    words.update(split_at_joiners(" ".join(long_runs)) if long_runs else ())
    long_votes: dict[str, dict[str, int]] = {}
    long_spellings: set[tuple[str, str]] = set()
    for (initial, run), times in several.items():
        _count_run(run, initial, times, long_votes, long_spellings, wanted, starts, openers)
    if not long_votes.keys().isdisjoint(votes):
        return None  # a key voted both ways: its spellings' order needs the word by word count
    votes.update(long_votes)
    parts = lowercase(words)
    spellings = Counter(parts)
    spellings.update(map(operator.itemgetter(0), long_spellings))
    openers += lowercase_openers(opened)
    solo = Counter({spelling: count for spelling, count in alone.items() if votes_for(spelling)})
    return Ballot(spellings, votes, wanted, starts, solo, openers, set(parts))


def split_at_joiners(runs: str) -> list[str]:
    """The words of ``runs`` (runs of name words, joined by spaces): ``JOINER.split``, sooner.

    >>> split_at_joiners("Allied-Domecq and Co")
    ['Allied', 'Domecq', 'and', 'Co']
    """
    for joiner in JOINERS[1:]:
        runs = runs.replace(joiner, JOINERS[0])
    return runs.split(JOINERS[0])


def lowercase(spellings: Collection[str]) -> list[str]:
    """Each of ``spellings`` (ASCII letters and JOINERS) in lowercase, in one call of ``str.lower``."""
    joined = "\0".join(spellings)
    return joined.lower().split("\0") if joined else [spelling.lower() for spelling in spellings]


def _count_run(run: str, initial: bool, times: int, votes: dict[str, dict[str, int]], spellings: set[tuple[str, str]],
               wanted: set[str], starts: set[str], openers: list[str]) -> None:
    """Count ``times`` over the names of two words or more in ``run`` (its last word alone is
    counted in bulk)."""
    keys = split_at_joiners(run.lower())
    if len(keys) == 2:  # most runs: one name
        if not run.isupper() and run[len(keys[0]) + 1 :] not in PARTICLES:
            if initial:
                openers += [run] * times
            else:
                counter = votes.setdefault(keys[0] + keys[1], {})
                counter[run] = counter.get(run, 0) + times
            starts.add(keys[0])
            wanted.update(keys)
        spellings.add((keys[0] + keys[1], run))
        return
    start = 0
    for first in range(len(keys) - 1):
        key, end, voted = keys[first], start + len(keys[first]), first
        for last in range(first + 1, min(first + LONGEST, len(keys))):
            end += 1 + len(keys[last])
            spelling = run[start:end]
            key += keys[last]
            spellings.add((key, spelling))
            if not spelling.isupper() and run[end - len(keys[last]) : end] not in PARTICLES:
                if initial and not first:
                    openers += [spelling] * times
                else:
                    counter = votes.setdefault(key, {})
                    counter[spelling] = counter.get(spelling, 0) + times
                voted = last
        if voted > first:  # the words of every name voted from here on
            starts.add(keys[first])
            wanted.update(keys[first : voted + 1])
        start += len(keys[first]) + 1


def ranking(counts: dict[str, int]) -> list[tuple[str, int]]:
    """The spellings by votes, most first, a tie in the order first voted (``Counter.most_common``)."""
    return sorted(counts.items(), key=operator.itemgetter(1), reverse=True)


def lowercase_openers(opened: str) -> list[str]:
    """The names opening a sentence of ``opened`` (a text after a line break, its mentions blanked)
    with a lowercase word ('alicia Keys'), as ``names_votes._lowercase_openers`` lists them."""
    found = []
    for word, joined in LOWERCASE_OPENER.findall(opened):
        if word in PARTICLES:
            continue
        if joined:  # up to LONGEST words in all, each ending a name but a particle
            found += [word + joined[: name.end()] for name in list(NAMELIKE_ASCII.finditer(joined))[: LONGEST - 1]
                      if name[0] not in PARTICLES]
        elif len(word) >= 2:
            found.append(word)
    return found
