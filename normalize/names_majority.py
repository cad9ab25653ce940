"""The article's own spelling of names outside the dictionary: the majority rule, with its doubts.

>>> [(e.replacement, e.reason) for e in majority_edits("Shares in Yukos and Yukos staff; yukos fell.", [])]
[('Yukos', "the article spells it 'Yukos' 2 times (other spellings 0 times)")]
>>> [(e.apply, e.reason) for e in majority_edits("In Allied Domecq, Allied-Domecq, Allied-Domecq and Allied Domecq.", [])][0]
(False, "'Allied Domecq' and 'Allied-Domecq' are used equally often (2 times each): reported, not changed")
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterator, NamedTuple

from normalize.edits import Edit
from normalize.names_dictionary import fold
from normalize.names_document import (
    PARTICLES, WORD, case_changes, case_risk, english_words, in_address, sentence_initial,
)

JOINERS = (" ", "-")  # what may stand between the words of one name
LONGEST = 4  # words in the longest name the majority rule looks for
SENTENCE = 600  # characters to look back for the start of a sentence


class Word(NamedTuple):
    start: int
    end: int
    text: str
    initial: bool
    key: str
    namelike: bool
    """A capital in it, or a particle ('al', 'van'): it may be part of a name spelled as a name."""


def words(text: str, taken: list[tuple[int, int]], wanted: set[str]) -> list[Word]:
    """The name-like words of ``text`` outside the ``taken`` spans (sorted, not overlapping), and
    the lowercase ones whose key is ``wanted``."""
    found, spans_left = [], iter(taken)
    span_start, span_end = next(spans_left, (len(text), len(text)))
    for match in WORD.finditer(text):
        start, word = match.start(), match[0]
        namelike = not word.islower() or word in PARTICLES
        key = word.lower() if word.isascii() else fold(word)
        if not namelike and key not in wanted:
            continue
        while start >= span_end:
            span_start, span_end = next(spans_left, (len(text), len(text)))
        if start < span_start:  # a lowercase word opening a sentence may be capitalized: 'yukos said'
            initial = namelike and sentence_initial(text, start)
            found.append(Word(start, match.end(), word, initial, key, namelike))
    return found


def spans(text: str, tokens: list[Word], first: int) -> Iterator[tuple[int, str, str]]:
    """``(number of words, spelling, key)`` for the names of 1 to LONGEST words starting at ``first``."""
    key = ""
    for last in range(first, min(first + LONGEST, len(tokens))):
        if last > first and text[tokens[last - 1].end : tokens[last].start] not in JOINERS:
            return
        key += tokens[last].key
        yield last - first + 1, text[tokens[first].start : tokens[last].end], key


def majority_edits(text: str, taken: list[tuple[int, int]]) -> Iterator[Edit]:
    """Rewrite each name to the spelling the article uses most; ``taken`` spans are left alone.

    Votes come from names spelled as names (a capital or a particle in every word); one that opens
    a sentence only backs a spelling used elsewhere. The winner needs two votes and more than any
    other spelling; a tie, or a second spelling used twice or more and not outnumbered two to one,
    is reported (:func:`_doubt` lists every reason to report rather than edit).
    """
    tokens = words(text, taken, set())  # name-like words: a lowercase word between two breaks a run
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    wanted: set[str] = set()  # the keys of the words of voted names
    starts: set[str] = set()  # the first word of every voted name: most words start none
    solo: Counter[str] = Counter()  # one-word names standing alone inside a sentence ('in Yukos shares')
    openers: list[str] = []
    for first, word in enumerate(tokens):
        if not word.namelike:
            continue
        for count, spelling, key in spans(text, tokens, first):
            chosen = tokens[first : first + count]
            if not all(w.namelike for w in chosen):
                break
            standalone = count > 1 or _run_ends(text, tokens, first)
            shouting = count > 1 and spelling.isupper() or len(spelling) < 2
            if chosen[-1].text not in PARTICLES and standalone and not shouting:
                if word.initial:
                    openers.append(spelling)
                else:
                    votes[key][spelling] += 1
                starts.add(word.key)
                wanted.update(w.key for w in chosen)
                if count == 1 and not word.initial and _run_ends(text, tokens, first) and _run_starts(text, tokens, first):
                    solo[spelling] += 1
    plain = Counter({spelling: n for counter in votes.values() for spelling, n in counter.items()})  # inside sentences
    for spelling in openers:  # 'Microsoft' opening a sentence backs 'Microsoft' used elsewhere
        backed = [s for s in votes.get(fold(spelling), ()) if s[1:] == spelling[1:]]
        if backed:
            votes[fold(spelling)][backed[0]] += 1
    tokens = words(text, taken, wanted)  # and the lowercase words that may spell a voted name
    first = 0
    while first < len(tokens):
        if tokens[first].key in starts or tokens[first].key in votes:
            edit, used = _best_edit(text, tokens, first, votes, plain, solo)
            if edit is not None:
                yield edit
                first += used
                continue
        first += 1


def _run_ends(text: str, tokens: list[Word], index: int) -> bool:
    """Whether no name word follows ``tokens[index]``: one word votes alone only as a whole name
    or as its last word ('Macron' in 'President Emmanuel Macron', not 'Motorsport' in 'Motorsport
    Endeavour Club')."""
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    return after is None or not after.namelike or text[tokens[index].end : after.start] not in JOINERS


def _run_starts(text: str, tokens: list[Word], index: int) -> bool:
    """Whether no name word comes before ``tokens[index]``."""
    before = tokens[index - 1] if index else None
    return before is None or not before.namelike or text[before.end : tokens[index].start] not in JOINERS


def _best_edit(text: str, tokens: list[Word], first: int, votes: dict[str, Counter[str]],
               plain: Counter[str], solo: Counter[str]) -> tuple[Edit | None, int]:
    word = tokens[first]
    found = [span for span in spans(text, tokens, first) if span[2] in votes]
    for count, spelling, key in reversed(found):
        end = tokens[first + count - 1].end
        ranking = votes[key].most_common()
        winner, top = ranking[0]
        same = spelling == winner or (word.initial and spelling[1:] == winner[1:])
        if same or top < 2 or in_address(text, word.start, end) or (word.initial and winner[:1].islower()):
            continue  # 'Ebay' opening a sentence, for 'eBay': either may be right
        if case_risk(spelling, winner, initial=word.initial) is not None:
            continue
        doubt = _doubt(text, word.start, spelling, winner, ranking, plain[ranking[0][0]], solo[ranking[0][0]])
        if doubt:
            return Edit(word.start, end, winner, f"{doubt}: reported, not changed", apply=False), count
        others = sum(n for _, n in ranking[1:])
        reason = f"the article spells it {winner!r} {top} times (other spellings {others} times)"
        return Edit(word.start, end, winner, reason), count
    return None, 1


def _doubt(text: str, start: int, spelling: str, winner: str, ranking: list[tuple[str, int]],
           plain: int, solo: int) -> str | None:
    """Why the majority spelling may be wrong here, though no common word would be capitalized."""
    top = ranking[0][1]
    if spelling.islower() and " " not in spelling and plain < 2 and not solo:
        return f"{winner!r} is used inside a sentence only once, within a longer title or name"
    if len(ranking) > 1 and ranking[1][1] == top:
        return " and ".join(repr(s) for s, n in ranking if n == top) + f" are used equally often ({top} times each)"
    if len(ranking) > 1 and ranking[1][1] >= 2 and top < 2 * ranking[1][1]:
        return f"{winner!r} ({top} times) and {ranking[1][0]!r} ({ranking[1][1]} times) are both established here"
    if spelling.islower() and winner.isupper():
        return f"lowercase {spelling!r} where the article writes {winner!r} (a quoted message keeps its lowercase)"
    pairs = zip(WORD.findall(spelling), WORD.findall(winner), strict=False)
    changed = [word for word, name in pairs if word.islower() and name != word and word in english_words()]
    if len(WORD.findall(spelling)) > 1 and changed and spelling != spelling.lower():
        return f"{changed[0]!r} is a common word, maybe not part of the name {winner!r}"
    if case_changes(spelling, winner) and _sentence_opens_lowercase(text, start):
        return f"the sentence around {spelling!r} is written in lowercase (a quoted message)"
    return None


def _sentence_opens_lowercase(text: str, start: int) -> bool:
    """Whether the sentence holding ``start`` begins with a lowercase word ('think tbwa shd ...')."""
    window = max(0, start - SENTENCE)
    opening = max(text.rfind(mark, window, start) for mark in (". ", "! ", "? ", "\n")) + 1
    if not opening and window:
        return False  # no sentence start nearby: nothing to judge by
    first = WORD.search(text, opening, start + 1)
    return first is not None and first.start() < start and first[0][:1].islower()
