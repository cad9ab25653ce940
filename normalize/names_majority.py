"""The article's own spelling of names outside the dictionary: the majority rule, with its doubts.

>>> [(e.replacement, e.reason) for e in majority_edits("Shares in Yukos and Yukos staff; yukos fell.", [])]
[('Yukos', "the article spells it 'Yukos' 2 times (other spellings 0 times)")]
>>> [(e.apply, e.reason) for e in majority_edits("In Allied Domecq, Allied-Domecq, Allied-Domecq and Allied Domecq.", [])][0]
(False, "'Allied Domecq' and 'Allied-Domecq' are used equally often (2 times each): reported, not changed")
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from typing import Iterable, Iterator, NamedTuple

from normalize import fastpath
from normalize.edits import Edit
from normalize.names_dictionary import fold
from normalize.names_document import (
    OPENERS, PARTICLES, SENTENCE_MARKS, WORD, case_changes, case_risk, english_words, in_address, mark_follows, sentence_initial,
)
from normalize.names_runs import (
    JOINERS, LONGEST, MARK_OPENING, NAME_WORD_AFTER, Ballot, ascii_ballot, blanked, lowercase, ranking, votes_for,
)
from normalize.sentences import quoted_after_colon

SENTENCE = 600  # characters to look back for the start of a sentence
LETTER = re.compile(r"[^\W\d_]")  # a character of a WORD
# A whole WORD holding a letter outside a-z (so maybe a capital), or a whole particle.
NAMELIKE = re.compile(rf"(?<![^\W\d_])(?:[a-z]*+[^\W\d_a-z]|(?:{'|'.join(sorted(PARTICLES))})(?![^\W\d_]))[^\W\d_]*")
# A whole WORD holding a letter outside ASCII (its key may be ASCII: 'société' is 'societe').
NON_ASCII = re.compile(r"(?<![^\W\d_])[a-zA-Z]*+[^\W\d_\x00-\x7f][^\W\d_]*")
NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")  # found much faster than NON_ASCII's words
LEADING_OPENERS = re.compile(rf"[{re.escape(OPENERS)}]*+")
SENTENCE_OPENING = re.compile(rf"^{LEADING_OPENERS.pattern}|{MARK_OPENING.pattern}")  # where sentence_initial is true
# SENTENCE_OPENING split in two for the fast path (a pattern opening with a class of characters is
# searched much faster than one opening with '^'): the text's start, and the openings after a mark;
# LOWERCASE_OPENING only those before a word whose first letter is not A-Z (so may be lowercase).
LOWERCASE_OPENING = re.compile(rf"{MARK_OPENING.pattern}(?=[^\W\d_A-Z])")


class Word(NamedTuple):
    start: int
    end: int
    text: str
    initial: bool
    key: str
    namelike: bool
    """A capital in it, or a particle ('al', 'van'): it may be part of a name spelled as a name."""


def words(text: str, taken: list[tuple[int, int]], wanted: set[str], found: Iterable[tuple[int, int]],
          openings: set[int] | None = None) -> list[Word]:
    """Of the words ``found`` in ``text`` (as sorted spans), the name-like ones outside the
    ``taken`` spans (sorted, not overlapping), and the lowercase ones whose key is ``wanted``.

    ``openings``, the ends of every :data:`SENTENCE_OPENING` match, are where :func:`sentence_initial`
    is true (a set is read once, the text around each word many times); None: ask it."""
    kept, spans_left = [], iter(taken)
    span_start, span_end = next(spans_left, (len(text), len(text)))
    for start, end in found:
        word = text[start:end]
        namelike = _name_word(word)
        key = fold(word)
        if not namelike and key not in wanted:
            continue
        while start >= span_end:
            span_start, span_end = next(spans_left, (len(text), len(text)))
        if start < span_start:  # a lowercase word opening a sentence may be capitalized: 'yukos said'
            initial = namelike and (start in openings if openings is not None else sentence_initial(text, start))
            kept.append(Word(start, end, word, initial, key, namelike))
    return kept


def _name_words(text: str, taken: list[tuple[int, int]]) -> list[Word]:
    """The name words of ``text`` outside the ``taken`` spans, as :func:`words` keeps them; with
    fast paths, only the :data:`NAMELIKE` words are read."""
    if not fastpath.enabled():
        return words(text, taken, set(), every_word(text))  # a lowercase word between two breaks a run
    if ascii_letters(text):
        return _ascii_name_words(text, taken)
    openings = set(_openings(text, MARK_OPENING))
    return words(text, taken, set(), map(re.Match.span, NAMELIKE.finditer(text)), openings)


def _ascii_name_words(text: str, taken: list[tuple[int, int]]) -> list[Word]:
    """What :func:`words` keeps of the :data:`NAMELIKE` words in a text whose letters are all ASCII
    (each then a name word, its key its lowercase), in one pass: a ``taken`` span (a dictionary
    mention: no word character on either side) holds whole words, so blanking its letters drops exactly those.
    Searched after a line break, each word is found with the character before it and any openers,
    a mark where the word opens a sentence (see :data:`normalize.names_runs.RUN`)."""
    found = [(m.start(2) - 1, m[2], m[1] in SENTENCE_MARKS) for m in NAME_WORD_AFTER.finditer("\n" + blanked(text, taken))]
    return [Word(start, start + len(word), word, initial, key, True)
            for (start, word, initial), key in zip(found, lowercase([word for _, word, _ in found]))]


def ascii_letters(text: str) -> bool:
    """Whether every letter of ``text`` is ASCII: ``str.isascii`` answers most texts far sooner
    than a search for :data:`NON_ASCII_LETTER`."""
    return text.isascii() or not NON_ASCII_LETTER.search(text)


def every_word(text: str) -> Iterator[tuple[int, int]]:
    return map(re.Match.span, WORD.finditer(text))


def links(text: str, tokens: list[Word]) -> list[bool]:
    """Whether each token is joined to the next by a JOINER (so both may be one name); the last is not."""
    return [text[before.end : after.start] in JOINERS for before, after in zip(tokens, tokens[1:])] + [False]


def spans(text: str, tokens: list[Word], linked: list[bool], first: int) -> Iterator[tuple[int, str, str]]:
    """``(number of words, spelling, key)`` for the names of 1 to LONGEST words starting at ``first``."""
    key = ""
    for last in range(first, min(first + LONGEST, len(tokens))):
        if last > first and not linked[last - 1]:
            return
        key += tokens[last].key
        yield last - first + 1, text[tokens[first].start : tokens[last].end], key


def majority_edits(text: str, taken: list[tuple[int, int]]) -> Iterator[Edit]:
    """Rewrite each name to the spelling the article uses most; ``taken`` spans are left alone.

    Votes come from names spelled as names (a capital or a particle in every word); one that opens
    a sentence, capitalized or not (:func:`_lowercase_openers`), only backs a spelling used elsewhere. The winner needs two votes and more than any
    other spelling; a tie, or a second spelling used twice or more and not outnumbered two to one,
    is reported (:func:`_doubt` lists every reason to report rather than edit).

    Its fast path (off inside :func:`normalize.fastpath.disabled`) gives the same edits sooner: in a
    text whose letters are all ASCII it counts the votes in bulk (:func:`normalize.names_runs.ascii_ballot`),
    elsewhere it finds the name-like words in C (:data:`NAMELIKE`); it stops when no name can be
    rewritten, and reads again only the lowercase words that may be part of a name it can rewrite
    (:func:`_lowercase_words`).
    """
    fast = fastpath.enabled()
    tokens = None
    ballot = ascii_ballot(text, taken) if fast and ascii_letters(text) else None
    if ballot is None:
        tokens = _name_words(text, taken)
        ballot = count_votes(text, tokens, taken)
    votes = ballot.votes
    backing: Counter[str] = Counter()  # a spelling's votes inside sentences are its votes less these
    # 'Microsoft' opening a sentence backs 'Microsoft' used elsewhere (each spelling once, times its count)
    for spelling, times in Counter(ballot.openers).items():
        counts = votes.get(fold(spelling))
        backed = [s for s in counts if s[1:] == spelling[1:]] if counts else None
        if backed:
            counts[backed[0]] += times
            backing[backed[0]] += times
    if fast:
        strong = {key for key, counter in votes.items() if max(counter.values()) >= 2}  # see _best_edit
        # The strong keys joined by NULs, searched with 'in': a key holds only letters and digits,
        # so what is found without a NUL lies inside one key.
        within = "\0".join(strong)
        lowercase = words(text, taken, ballot.wanted, _lowercase_words(text, ballot.parts, ballot.wanted, votes, strong, within))
        if all(ballot.spellings[key] == 1 for key in strong) and not _joined(text, taken, lowercase, votes, strong, within):
            return  # every name that could be rewritten is spelled one way, and no lowercase word joins one
        tokens = sorted((_name_words(text, taken) if tokens is None else tokens) + lowercase)
    else:
        tokens = words(text, taken, ballot.wanted, every_word(text))  # and the lowercase words that may spell a voted name
    starts, solo = ballot.starts, ballot.solo
    linked = links(text, tokens)
    first = 0
    while first < len(tokens):
        token = tokens[first]
        if fast and not linked[first] and token.namelike and ballot.spellings[token.key] == 1:
            first += 1  # a name word alone, its key spelled one way: already the winner
            continue
        if token.key in starts or token.key in votes:
            edit, used = _best_edit(text, tokens, linked, first, votes, backing, solo)
            if edit is not None:
                yield edit
                first += used
                continue
        first += 1


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


def _joined(text: str, taken: list[tuple[int, int]], lowercase: list[Word], votes: dict[str, dict[str, int]],
            strong: set[str], within: str) -> bool:
    """Whether a ``lowercase`` word may be part of a name the second pass rewrites: alone (its key
    is ``strong`` and :func:`_rewritable_alone`), or with a word of the second pass (a name word or
    another of them) that a JOINER links it to, the keys of the two, in text order, within a
    ``strong`` key (``within``: those keys joined by NULs).

    Any other is never rewritten: a rewritten name of several words holding it holds a neighbour
    of it, so their keys run on inside the name's key; a name of one word needs a ``strong`` key.
    """
    keys = {word.start: word.key for word in lowercase}
    for word in lowercase:
        if word.key in strong and (not word.text.isascii() or _rewritable_alone(word.key, votes)):
            return True
        if text[word.end : word.end + 1] in JOINERS:
            after = _neighbour_key(text, taken, keys, WORD.match(text, word.end + 1))
            if after is not None and word.key + after in within:
                return True
        if word.start > 1 and text[word.start - 1] in JOINERS and LETTER.match(text, word.start - 2):
            before = word.start - 2
            while before and LETTER.match(text, before - 1):
                before -= 1
            key = _neighbour_key(text, taken, keys, WORD.match(text, before))
            if key is not None and key + word.key in within:
                return True
    return False


def _neighbour_key(text: str, taken: list[tuple[int, int]], keys: dict[int, str], found: re.Match[str] | None) -> str | None:
    """The key of the WORD ``found`` if it is a word of the second pass (a lowercase one, or a name
    word outside the ``taken`` spans), else None."""
    if found is None:
        return None
    if found.start() in keys:
        return keys[found.start()]
    if _name_word(found[0]) and not _inside(found.start(), taken):
        return fold(found[0])
    return None


def _name_word(word: str) -> bool:
    """Whether a WORD is a name word of :func:`words` (with nothing ``wanted``)."""
    return not word.islower() or word in PARTICLES


def _lowercase_openers(text: str, tokens: list[Word], linked: list[bool], taken: list[tuple[int, int]]) -> list[str]:
    """The names that open a sentence with a lowercase word ('alicia Keys and Usher'), spelled as
    the voting loop would spell them once capitalized: the capitalization filter (order 600) gives
    most of them their capital, and an opener backs a spelling whatever its first letter, so
    counting them now keeps a second run from finding a vote the first did not count."""
    found, starts = [], [token.start for token in tokens]
    for opening in _openings(text, LOWERCASE_OPENING):
        word = WORD.match(text, opening)
        if not word or not word[0].islower() or word[0] in PARTICLES or _inside(word.start(), taken):
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


def _openings(text: str, after_mark: re.Pattern[str]) -> Iterator[int]:
    """Where :data:`SENTENCE_OPENING` matches end; with fast paths, of those after a mark only the
    ``after_mark`` ones."""
    if not fastpath.enabled():
        return map(re.Match.end, SENTENCE_OPENING.finditer(text))
    return itertools.chain([LEADING_OPENERS.match(text).end()], map(re.Match.end, after_mark.finditer(text)))


def _inside(start: int, spans: list[tuple[int, int]]) -> bool:
    at = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= start < spans[at][1]


def _lowercase_words(text: str, parts: set[str], wanted: set[str], votes: dict[str, dict[str, int]],
                     strong: set[str], within: str) -> list[tuple[int, int]]:
    """The lowercase words (no particle) with a ``wanted`` key that may be part of a name the second
    pass rewrites, one with a ``strong`` key (the slow path reads every ``wanted`` one).

    Leaving out the others changes no edit: a left-out word stands between its neighbours, so no run
    of words spans it once it is gone, and no run through it is rewritten. An ASCII lowercase word is
    its own key (never empty: an empty key comes from a word of other letters, 'ﹰﹲ'); one with other
    letters is folded.
    """
    # ``within``: the ``strong`` keys joined by NULs; ``parts``: every key a word of the second pass
    # may have (wanted is in it)
    bounded = "" not in parts  # a word with no key may join a run and keep its key: no bound then
    found = [span for key in wanted if key and key in within and key not in PARTICLES and key.isascii()
             and (not bounded or _in_strong_name(key, parts, votes, strong, within)) for span in _whole_words(text, key)]
    if not ascii_letters(text):
        found += [match.span() for match in NON_ASCII.finditer(text)
                  if match[0].islower() and fold(match[0]) in wanted and fold(match[0]) in within]
    return sorted(found)


def _in_strong_name(word: str, parts: set[str], votes: dict[str, dict[str, int]], strong: set[str], within: str) -> bool:
    """Whether lowercase ``word`` (ASCII, no particle) may be rewritten, alone or in a longer name.

    Alone, it is the whole name; :func:`case_risk` refuses a common or short word in place of an
    ASCII winner (which has a capital: its words are name-like). In a name of up to LONGEST words,
    the key before and the key after it are each spelled by keys of words (``parts``).

    ``within`` is the ``strong`` keys joined by NULs: each place ``word`` stands in it is a place it
    stands in one key (a key has no NUL), found without reading every key.
    """
    if word in strong and _rewritable_alone(word, votes):
        return True
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


def _best_edit(text: str, tokens: list[Word], linked: list[bool], first: int, votes: dict[str, dict[str, int]],
               backing: Counter[str], solo: Counter[str]) -> tuple[Edit | None, int]:
    word = tokens[first]
    found = [span for span in spans(text, tokens, linked, first) if span[2] in votes]
    for count, spelling, key in reversed(found):
        end = tokens[first + count - 1].end
        counts = votes[key]
        winner = max(counts, key=counts.__getitem__)  # the first voted of the most voted: ranking()'s first
        top = counts[winner]
        same = spelling == winner or (word.initial and spelling[1:] == winner[1:])
        if same or top < 2 or in_address(text, word.start, end) or mark_follows(text, end) \
                or (word.initial and winner[:1].islower()):
            continue  # 'Ebay' opening a sentence, for 'eBay': either may be right
        if case_risk(spelling, winner, initial=word.initial) is not None:
            continue
        ranked = ranking(counts)
        doubt = _doubt(text, word.start, spelling, winner, ranked, top - backing[winner], solo[winner])
        if doubt:
            return Edit(word.start, end, winner, f"{doubt}: reported, not changed", apply=False), count
        others = sum(n for _, n in ranked[1:])
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
    """Whether the sentence holding ``start`` begins with a lowercase word inside a quotation opened
    by a colon ('he said: "Just spoke to trev. think tbwa shd ...').

    Only there: the capitalization filter leaves such a message as written, while it capitalizes
    any other lowercase sentence start, so a doubt raised by one would be gone on a second run.
    """
    window = max(0, start - SENTENCE)
    opening = max(text.rfind(mark, window, start) for mark in (". ", "! ", "? ", "\n")) + 1
    if not opening and window:
        return False  # no sentence start nearby: nothing to judge by
    first = WORD.search(text, opening, start + 1)
    if first is None or first.start() >= start or not first[0][:1].islower():
        return False
    line_start = text.rfind("\n", 0, first.start()) + 1
    return quoted_after_colon(text[line_start : first.start()], first.start() - line_start)
