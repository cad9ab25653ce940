"""The majority rule's first pass, one word at a time: the votes each spelling of a name gets.

:func:`count_votes` is the reference for :func:`normalize.names_runs.ascii_ballot` (the same count
in bulk, where every letter is ASCII) and the count for any other text. A name opening a sentence,
capitalized or not, does not vote: it backs a spelling voted elsewhere (:func:`add_openers_backing`).

>>> from normalize.names_words import name_words
>>> text = "Yukos said. Shares in Yukos and Yukos staff."
>>> ballot = count_votes(text, name_words(text, []), [])
>>> dict(ballot.votes["yukos"]), ballot.openers
({'Yukos': 2}, ['Yukos', 'Shares'])
>>> dict(add_openers_backing(ballot)), dict(ballot.votes["yukos"])
({'Yukos': 1}, {'Yukos': 3})
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict

from normalize.names_dictionary import fold
from normalize.names_document import PARTICLES, WORD
from normalize.names_runs import JOINERS, LONGEST, MARK_OPENING, Ballot, votes_for
from normalize.names_words import Word, inside, links, sentence_openings, spans

# The openings after a mark before a word whose first letter is not A-Z (so may be lowercase).
LOWERCASE_OPENING = re.compile(rf"{MARK_OPENING.pattern}(?=[^\W\d_A-Z])")


def count_votes(text: str, tokens: list[Word], taken: list[tuple[int, int]]) -> Ballot:
    """The first pass over the name words ``tokens``, one word at a time (the reference for
    :func:`normalize.names_runs.ascii_ballot`, which counts the same in bulk)."""
    spellings: dict[str, set[str]] = defaultdict(set)
    ballot = Ballot(Counter(), defaultdict(Counter), set(), set(), Counter(), [], {token.key for token in tokens})
    votes, wanted, starts, solo, openers = ballot.votes, ballot.wanted, ballot.starts, ballot.solo, ballot.openers
    linked = links(text, tokens)
    for first, word in enumerate(tokens):  # every word here is name-like
        alone = not linked[first] and not (first and linked[first - 1])  # no name word before or after
        if not linked[first]:  # most words: what spans gives, sooner
            spelling, key = word.text, word.key
            spellings[key].add(spelling)
            if votes_for(spelling):  # see below: a standalone word
                if word.initial:
                    openers.append(spelling)
                else:
                    votes[key][spelling] += 1
                    if alone:
                        solo[spelling] += 1
                starts.add(key)
                wanted.add(key)
            continue
        for count, spelling, key in spans(text, tokens, linked, first):
            spellings[key].add(spelling)
            # One word votes alone only as a whole name or as its last word ('Macron' in 'President
            # Emmanuel Macron', not 'Motorsport' in 'Motorsport Endeavour Club').
            standalone = count > 1 or not linked[first]
            shouting = count > 1 and spelling.isupper() or len(spelling) < 2
            if standalone and not shouting and tokens[first + count - 1].text not in PARTICLES:
                if word.initial:
                    openers.append(spelling)
                else:
                    votes[key][spelling] += 1
                starts.add(word.key)
                wanted.update([w.key for w in tokens[first : first + count]])
                if count == 1 and not word.initial and alone:
                    solo[spelling] += 1
    openers += _lowercase_openers(text, tokens, linked, taken)
    ballot.spellings.update({key: len(found) for key, found in spellings.items()})
    return ballot


def _lowercase_openers(text: str, tokens: list[Word], linked: list[bool], taken: list[tuple[int, int]]) -> list[str]:
    """The names that open a sentence with a lowercase word ('alicia Keys and Usher'), spelled as
    the voting loop would spell them once capitalized: the capitalization filter (order 600) gives
    most of them their capital, and an opener backs a spelling whatever its first letter, so
    counting them now keeps a second run from finding a vote the first did not count."""
    found, starts = [], [token.start for token in tokens]
    for opening in sentence_openings(text, LOWERCASE_OPENING):
        word = WORD.match(text, opening)
        if not word or not word[0].islower() or word[0] in PARTICLES or inside(word.start(), taken):
            continue
        following = bisect.bisect_left(starts, word.end())  # the name word right after it, if any
        if following < len(tokens) and text[word.end() : tokens[following].start] in JOINERS:
            for last in range(following, min(following + LONGEST - 1, len(tokens))):
                if tokens[last].text not in PARTICLES:
                    found.append(text[word.start() : tokens[last].end])
                if not linked[last]:
                    break
        elif len(word[0]) >= 2:
            found.append(word[0])
    return found


def add_openers_backing(ballot: Ballot) -> Counter[str]:
    """Add each opener's count to the voted spelling it backs, and return what was added by spelling
    (a spelling's votes inside sentences are its votes less these).

    'Microsoft' opening a sentence backs 'Microsoft' used elsewhere, whatever its first letter
    ('microsoft' opening one too); an opener no spelling of its key was voted for backs nothing.
    """
    backing: Counter[str] = Counter()
    for spelling, times in Counter(ballot.openers).items():
        counts = ballot.votes.get(fold(spelling))
        backed = [s for s in counts if s[1:] == spelling[1:]] if counts else None
        if backed:
            counts[backed[0]] += times
            backing[backed[0]] += times
    return backing
