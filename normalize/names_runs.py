"""The majority rule's first pass over a text whose letters are all ASCII: the votes, counted in bulk.

:func:`normalize.names_majority.count_votes` reads one name word at a time; here one regular
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

import itertools
import operator
import re
from collections import Counter
from dataclasses import dataclass

from normalize.names_document import OPENERS, PARTICLES, SENTENCE_MARKS, WORD

LONGEST = 4  # words in the longest name the majority rule looks for
JOINERS = (" ", "-")  # what may stand between the words of one name
JOINER = re.compile(f"[{re.escape(''.join(JOINERS))}]")
# A whole name-like WORD (a capital in it, or a whole particle) in a text whose letters are all ASCII.
NAMELIKE_ASCII = re.compile(rf"(?<![A-Za-z])(?:[a-z]*+[A-Z]|(?:{'|'.join(sorted(PARTICLES))})(?![A-Za-z]))[A-Za-z]*+")
_OPENING = rf"[{re.escape(SENTENCE_MARKS)}][{re.escape(OPENERS)}]*+"  # a mark ending a sentence or line, then what may open one
# A run of name-like words joined by single JOINERs: (its first word, the rest).
RUN = re.compile(rf"({NAMELIKE_ASCII.pattern})((?:{JOINER.pattern}{NAMELIKE_ASCII.pattern})*)")
MARK_OPENING = re.compile(_OPENING)  # ends where a sentence opens (but the text's start)
# A lowercase word opening a sentence, and the run of name words joined to it if any.
LOWERCASE_OPENER = re.compile(
    rf"{_OPENING}([a-z]++)(?![A-Za-z])({JOINER.pattern}(?:{NAMELIKE_ASCII.pattern}{JOINER.pattern})*{NAMELIKE_ASCII.pattern})?"
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
    openings = set(map(re.Match.end, MARK_OPENING.finditer(opened)))
    runs = [(match.start() in openings, match[1], match[2]) for match in RUN.finditer(opened)]
    lasts = [rest[max(map(rest.rfind, JOINERS)) + 1 :] if rest else first for _, first, rest in runs]
    # Every last word votes alone ('Macron' in 'Emmanuel Macron') but one opening a sentence alone:
    # counted in text order, so each key's spellings come in the order first voted.
    counted = Counter(last for (initial, _, rest), last in zip(runs, lasts) if (rest or not initial) and votes_for(last))
    votes: dict[str, dict[str, int]] = {}
    for spelling, count in counted.items():
        votes.setdefault(spelling.lower(), {})[spelling] = count
    openers = [first for initial, first, rest in runs if initial and not rest and votes_for(first)]
    wanted = set(votes).union(spelling.lower() for spelling in openers)
    starts = set(wanted)
    words = set(lasts)
    long_votes: dict[str, dict[str, int]] = {}
    long_spellings: set[tuple[str, str]] = set()
    for initial, first, rest in runs:
        if rest:
            _count_run(first + rest, initial, long_votes, long_spellings, wanted, starts, openers, words)
    if not long_votes.keys().isdisjoint(votes):
        return None  # a key voted both ways: its spellings' order needs the word by word count
    votes.update(long_votes)
    parts = [word.lower() for word in words]
    spellings = Counter(parts)
    spellings.update(key for key, _ in long_spellings)
    openers += lowercase_openers(opened)
    solo = Counter(first for initial, first, rest in runs if not initial and not rest and votes_for(first))
    return Ballot(spellings, votes, wanted, starts, solo, openers, set(parts))


def _count_run(run: str, initial: bool, votes: dict[str, dict[str, int]], spellings: set[tuple[str, str]],
               wanted: set[str], starts: set[str], openers: list[str], words: set[str]) -> None:
    """Count the names of two words or more in ``run`` (its last word alone is counted in bulk)."""
    names = JOINER.split(run)
    words.update(names)
    keys = [name.lower() for name in names]
    ends = list(itertools.accumulate(len(name) + 1 for name in names))  # where each word's joiner is
    start = 0
    for first in range(len(names) - 1):
        key = keys[first]
        for last in range(first + 1, min(first + LONGEST, len(names))):
            spelling = run[start : ends[last] - 1]
            key += keys[last]
            spellings.add((key, spelling))
            if not spelling.isupper() and names[last] not in PARTICLES:
                if initial and not first:
                    openers.append(spelling)
                else:
                    counter = votes.setdefault(key, {})
                    counter[spelling] = counter.get(spelling, 0) + 1
                starts.add(keys[first])
                wanted.update(keys[first : last + 1])
        start = ends[first]


def ranking(counts: dict[str, int]) -> list[tuple[str, int]]:
    """The spellings by votes, most first, a tie in the order first voted (``Counter.most_common``)."""
    return sorted(counts.items(), key=operator.itemgetter(1), reverse=True)


def lowercase_openers(opened: str) -> list[str]:
    """The names opening a sentence of ``opened`` (a text after a line break, its mentions blanked)
    with a lowercase word ('alicia Keys'), as ``names_majority._lowercase_openers`` lists them."""
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
