"""The majority rule's verdict on one name: rewrite it to the article's majority spelling, report it, or leave it.

A name is left alone where its spelling is the winner's, where the winner has fewer than two votes,
in an address, before a combining mark, opening a sentence where the winner opens in lowercase
('Ebay' for 'eBay'), or where :func:`case_risk` sees a common word capitalized.
Otherwise it is rewritten, unless :func:`_doubt` finds a reason the winner may be wrong here: then
the edit is only reported.

>>> _doubt("", 0, "Allied-Domecq", "Allied Domecq", [("Allied Domecq", 2), ("Allied-Domecq", 2)], 2, 0)
"'Allied Domecq' and 'Allied-Domecq' are used equally often (2 times each)"
>>> _doubt("", 0, "Allied-Domecq", "Allied Domecq", [("Allied Domecq", 3), ("Allied-Domecq", 1)], 3, 0) is None
True
"""

from __future__ import annotations

from collections import Counter

from normalize.edits import Edit
from normalize.names_document import WORD, case_changes, case_risk, english_words, in_address, mark_follows
from normalize.names_runs import ranking
from normalize.names_words import Word, spans
from normalize.sentences import quoted_after_colon

SENTENCE = 600  # characters to look back for the start of a sentence


def best_edit(text: str, tokens: list[Word], linked: list[bool], first: int, votes: dict[str, dict[str, int]],
              backing: Counter[str], solo: Counter[str]) -> tuple[Edit | None, int]:
    """The edit of the longest voted name starting at token ``first`` that is not left alone, and
    how many tokens it spans; ``(None, 1)`` when every one is left alone.

    ``backing``: the votes of each spelling that came from sentence openers; ``solo``: how often each
    spelling stands alone as a one-word name inside a sentence."""
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
