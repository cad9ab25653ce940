"""The article's own spelling of names outside the dictionary: the majority rule, with its doubts.

>>> [(e.replacement, e.reason) for e in majority_edits("Shares in Yukos and Yukos staff; yukos fell.", [])]
[('Yukos', "the article spells it 'Yukos' 2 times (other spellings 0 times)")]
>>> [(e.apply, e.reason) for e in majority_edits("In Allied Domecq, Allied-Domecq, Allied-Domecq and Allied Domecq.", [])][0]
(False, "'Allied Domecq' and 'Allied-Domecq' are used equally often (2 times each): reported, not changed")
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from normalize import fastpath
from normalize.edits import Edit
from normalize.names_lowercase import any_rewritable, lowercase_word_spans, strong_keys
from normalize.names_runs import Ballot, ascii_ballot
from normalize.names_verdict import best_edit
from normalize.names_votes import add_openers_backing, count_votes
from normalize.names_words import Word, ascii_letters, every_word, links, name_words, words


def majority_edits(text: str, taken: list[tuple[int, int]]) -> Iterator[Edit]:
    """Rewrite each name to the spelling the article uses most; ``taken`` spans are left alone.

    Votes come from names spelled as names (a capital or a particle in every word); one that opens
    a sentence, capitalized or not (:func:`normalize.names_votes._lowercase_openers`), only backs a
    spelling used elsewhere. The winner needs two votes and more than any other spelling; a tie, or a
    second spelling used twice or more and not outnumbered two to one, is reported
    (:mod:`normalize.names_verdict` lists every reason to report rather than edit).

    Its fast path (off inside :func:`normalize.fastpath.disabled`) gives the same edits sooner: in a
    text whose letters are all ASCII it counts the votes in bulk (:func:`normalize.names_runs.ascii_ballot`),
    elsewhere it finds the name-like words in C (:data:`normalize.names_words.NAMELIKE`); it stops when
    no name can be rewritten, and reads again only the lowercase words that may be part of a name it
    can rewrite (:mod:`normalize.names_lowercase`).
    """
    ballot, name_words_read = _count_ballot(text, taken)
    backing = add_openers_backing(ballot)
    tokens = _second_pass_words(text, taken, ballot, name_words_read)
    if tokens is not None:  # None: the fast path saw that no name can be rewritten
        yield from _rewrite(text, tokens, ballot, backing)


def _count_ballot(text: str, taken: list[tuple[int, int]]) -> tuple[Ballot, list[Word] | None]:
    """The first pass's votes, and the name words read to count them (None: counted in bulk)."""
    ballot = ascii_ballot(text, taken) if fastpath.enabled() and ascii_letters(text) else None
    if ballot is not None:
        return ballot, None
    tokens = name_words(text, taken)
    return count_votes(text, tokens, taken), tokens


def _second_pass_words(text: str, taken: list[tuple[int, int]], ballot: Ballot,
                       tokens: list[Word] | None) -> list[Word] | None:
    """The words the second pass reads, in text order: the name words (``tokens``, if the first
    pass read them) and the lowercase words that may spell a voted name; None when the fast path
    sees that no name can be rewritten."""
    if not fastpath.enabled():
        return words(text, taken, ballot.wanted, every_word(text))
    strong = strong_keys(ballot.votes)
    lowercase = words(text, taken, ballot.wanted, lowercase_word_spans(text, ballot, strong))
    one_spelling = all(ballot.spellings[key] == 1 for key in strong.keys)
    if one_spelling and not any_rewritable(text, taken, lowercase, ballot.votes, strong):
        return None  # every name that could be rewritten is spelled one way, and no lowercase word joins one
    return sorted((name_words(text, taken) if tokens is None else tokens) + lowercase)


def _rewrite(text: str, tokens: list[Word], ballot: Ballot, backing: Counter[str]) -> Iterator[Edit]:
    """The second pass: from each word on, the verdict on the longest voted name it starts."""
    fast = fastpath.enabled()
    votes, spellings, starts, solo = ballot.votes, ballot.spellings, ballot.starts, ballot.solo
    linked = links(text, tokens)
    first = 0
    while first < len(tokens):
        token = tokens[first]
        if fast and not linked[first] and token.namelike and spellings[token.key] == 1:
            first += 1  # a name word alone, its key spelled one way: already the winner
            continue
        if token.key in starts or token.key in votes:
            edit, used = best_edit(text, tokens, linked, first, votes, backing, solo)
            if edit is not None:
                yield edit
                first += used
                continue
        first += 1
