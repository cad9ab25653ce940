"""Which lowercase words the majority rule's second pass reads, on its fast path.

The slow path reads every lowercase word whose key is a voted name's word ('yukos' where 'Yukos'
won); the fast path reads only those that may be part of a name it can rewrite, one with a
:class:`StrongKeys` key (:func:`lowercase_word_spans`), and stops at once when none of them is
(:func:`any_rewritable`) and every strong name is spelled one way.

>>> strong = strong_keys({"yukos": {"Yukos": 2}, "allieddomecq": {"Allied Domecq": 1}})
>>> strong.keys, _fewest("allieddomecqxyz", {"allied", "domecq", "xyz"})
({'yukos'}, 3)
>>> list(_whole_words("yukos and yukosoil, yukos", "yukos"))
[(0, 5), (20, 25)]
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from normalize.names_dictionary import fold
from normalize.names_document import PARTICLES, WORD, english_words
from normalize.names_runs import JOINERS, LONGEST, Ballot, ranking
from normalize.names_words import Word, ascii_letters, inside, is_name_word

LETTER = re.compile(r"[^\W\d_]")  # a character of a WORD
# A whole WORD holding a letter outside ASCII (its key may be ASCII: 'société' is 'societe').
NON_ASCII = re.compile(r"(?<![^\W\d_])[a-zA-Z]*+[^\W\d_\x00-\x7f][^\W\d_]*")


class StrongKeys(NamedTuple):
    """The keys with a spelling voted twice or more: only their names may be rewritten
    (see :func:`normalize.names_verdict.best_edit`)."""

    keys: set[str]
    joined: str
    """The keys joined by NULs, searched with ``in``: a key holds only letters and digits, so what
    is found without a NUL lies inside one key."""


def strong_keys(votes: dict[str, dict[str, int]]) -> StrongKeys:
    keys = {key for key, counter in votes.items() if max(counter.values()) >= 2}
    return StrongKeys(keys, "\0".join(keys))


def lowercase_word_spans(text: str, ballot: Ballot, strong: StrongKeys) -> list[tuple[int, int]]:
    """The lowercase words (no particle) with a ``wanted`` key that may be part of a name the second
    pass rewrites, one with a ``strong`` key (the slow path reads every ``wanted`` one).

    Leaving out the others changes no edit: a left-out word stands between its neighbours, so no run
    of words spans it once it is gone, and no run through it is rewritten. An ASCII lowercase word is
    its own key (never empty: an empty key comes from a word of other letters, 'ﹰﹲ'); one with other
    letters is folded.
    """
    # ``parts``: every key a word of the second pass may have (``wanted`` is in it)
    parts, wanted, within = ballot.parts, ballot.wanted, strong.joined
    bounded = "" not in parts  # a word with no key may join a run and keep its key: no bound then
    found = [span for key in wanted if key and key in within and key not in PARTICLES and key.isascii()
             and (not bounded or _in_strong_name(key, parts, ballot.votes, strong)) for span in _whole_words(text, key)]
    if not ascii_letters(text):
        found += [match.span() for match in NON_ASCII.finditer(text)
                  if match[0].islower() and fold(match[0]) in wanted and fold(match[0]) in within]
    return sorted(found)


def any_rewritable(text: str, taken: list[tuple[int, int]], lowercase: list[Word], votes: dict[str, dict[str, int]],
                   strong: StrongKeys) -> bool:
    """Whether a ``lowercase`` word may be part of a name the second pass rewrites: alone (its key
    is ``strong`` and :func:`_rewritable_alone`), or with a word of the second pass (a name word or
    another of them) that a JOINER links it to, the keys of the two, in text order, within a
    ``strong`` key.

    Any other is never rewritten: a rewritten name of several words holding it holds a neighbour
    of it, so their keys run on inside the name's key; a name of one word needs a ``strong`` key.
    """
    keys = {word.start: word.key for word in lowercase}
    for word in lowercase:
        if word.key in strong.keys and (not word.text.isascii() or _rewritable_alone(word.key, votes)):
            return True
        if text[word.end : word.end + 1] in JOINERS:
            after = _neighbour_key(text, taken, keys, WORD.match(text, word.end + 1))
            if after is not None and word.key + after in strong.joined:
                return True
        if word.start > 1 and text[word.start - 1] in JOINERS and LETTER.match(text, word.start - 2):
            before = word.start - 2
            while before and LETTER.match(text, before - 1):
                before -= 1
            key = _neighbour_key(text, taken, keys, WORD.match(text, before))
            if key is not None and key + word.key in strong.joined:
                return True
    return False


def _neighbour_key(text: str, taken: list[tuple[int, int]], keys: dict[int, str], found: re.Match[str] | None) -> str | None:
    """The key of the WORD ``found`` if it is a word of the second pass (a lowercase one, or a name
    word outside the ``taken`` spans), else None."""
    if found is None:
        return None
    if found.start() in keys:
        return keys[found.start()]
    if is_name_word(found[0]) and not inside(found.start(), taken):
        return fold(found[0])
    return None


def _in_strong_name(word: str, parts: set[str], votes: dict[str, dict[str, int]], strong: StrongKeys) -> bool:
    """Whether lowercase ``word`` (ASCII, no particle) may be rewritten, alone or in a longer name.

    Alone, it is the whole name; :func:`case_risk` refuses a common or short word in place of an
    ASCII winner (which has a capital: its words are name-like). In a name of up to LONGEST words,
    the key before and the key after it are each spelled by keys of words (``parts``).

    Each place ``word`` stands in the joined ``strong`` keys is a place it stands in one key (a key
    has no NUL), found without reading every key.
    """
    if word in strong.keys and _rewritable_alone(word, votes):
        return True
    within = strong.joined
    at = within.find(word)
    while at >= 0:
        start, end = within.rfind("\0", 0, at) + 1, within.find("\0", at)
        end = len(within) if end < 0 else end
        before = _fewest(within[start:at], parts) if end - start != len(word) else LONGEST
        if before < LONGEST and _fewest(within[at + len(word) : end], parts, LONGEST - 1 - before) < LONGEST:
            return True
        at = within.find(word, at + 1)
    return False


def _rewritable_alone(word: str, votes: dict[str, dict[str, int]]) -> bool:
    """Whether lowercase ASCII ``word``, a ``votes`` key, may be rewritten as a name of its own:
    :func:`case_risk` refuses a common or short word in place of an ASCII winner."""
    return len(word) >= 3 and word not in english_words() or not ranking(votes[word])[0][0].isascii()


def _fewest(key: str, parts: set[str], most: int = LONGEST - 1) -> int:
    """How few ``parts`` spell ``key`` end to end, or ``LONGEST`` when more than ``most`` would."""
    if not key:
        return 0
    if most:
        found = [_fewest(key[cut:], parts, most - 1) for cut in range(1, len(key) + 1) if key[:cut] in parts]
        if found and min(found) < LONGEST:
            return min(found) + 1
    return LONGEST


def _whole_words(text: str, word: str) -> Iterator[tuple[int, int]]:
    """Where ``word`` stands in ``text`` as a whole WORD, not inside a longer one."""
    at = text.find(word)
    while at >= 0:
        if not (at and LETTER.match(text, at - 1)) and not LETTER.match(text, at + len(word)):
            yield at, at + len(word)
        at = text.find(word, at + 1)
