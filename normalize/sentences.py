"""Lines, sentences and names for the capitalization filters, built from the tables in ``normalize/data/``.

Body text is a line that ends a sentence (a final ``.``, ``?`` or ``!``, perhaps before a closing
quote or bracket) or a long line with a sentence end inside (a paragraph cut short), is not a
list item or code, and is English. Headlines and subheadings (short lines without final
punctuation), lists, code and other languages are never body text.

>>> [line for _, line, _ in body_lines("Clearing up\\n\\nThe army said. the end.\\n- a list item.\\n")]
['The army said. the end.']
>>> is_sentence_end("Officials in the U.S. say", 20), is_sentence_end("the army said. the", 13)
(False, True)
>>> is_english("Le ministre a dit que la France enverra des soldats au Mali cette semaine.")
False
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections import Counter
from typing import Iterator, Sequence

from normalize.blocks import split_lines
from normalize.datafiles import read_table, read_words

WORD = re.compile(r"[^\W\d_]+")
FINAL_PUNCTUATION = re.compile(r"[.?!][\"'\u201d\u2019)\]]*\s*$")
CLAUSE_END = re.compile(r"[.?!,;](?:\s|$)")
LIST_ITEM = re.compile(r"\s*(?:[-*+\u2022\u2013]|\(?(?:\d{1,3}|[^\W\d_])[.)])\s")
CODE = re.compile(r"`|[{}]|\s=\s|==|=>|</|/>|\(\)|;\s*$|^(?: {4}|\t)")
DOTTED = re.compile(r"\w\.\w")
DECIMAL = re.compile(r"\d\.\d")
OPENERS = "\"'\u201c\u2018(["
CLOSERS = "\"'\u201d\u2019)]"
MARK_TO_LETTER = rf"(?P<close>[{re.escape(CLOSERS)}]*) +[{re.escape(OPENERS)}]{{0,2}}"  # what lies between
AFTER_MARK = re.compile(rf"(?P<mark>[.?!]){MARK_TO_LETTER}(?=[^\W\d_])")
AFTER_MARK_LOWERCASE = re.compile(rf"(?P<mark>[.?!]){MARK_TO_LETTER}(?=[a-z])")
SENTENCE_BOUNDARY = re.compile(r"[.?!:;](?=\s)|\u201c|(?:^|(?<=\s))\"")
MID_SENTENCE_WORD = re.compile(r"(?<=\w |, |\w-)[^\W\d_]+")
CLAUSE_BOUNDARY = re.compile(r"[.?!:;](?=\s)")
LONG_LINE = 15
SENTENCE_INSIDE = re.compile(r"[.?!][\"'\u201d\u2019)]* +[\"'\u201c\u2018(]?[A-Z]")
ENGLISH_SHARE = 0.15  # news prose scores 0.3-0.5; French, German, Spanish, Italian, Dutch at most 0.1
MIN_WORDS_TO_JUDGE = 8
MIN_WORDS_IN_SENTENCE = 3
SENTENCE_WINDOW = 200


@functools.cache
def function_words() -> dict[str, str]:
    """Every English function word, lowercase, with its kind ('pronoun', 'determiner', ...): those
    of ``capitalization_function_words.tsv``, and the junk-lines filter's ``common_words.txt`` as
    'other'."""
    kinds = {row["word"]: row["kind"] for row in read_table("capitalization_function_words.tsv")}
    return {**dict.fromkeys(read_words("common_words.txt"), "other"), **kinds}


def english_share(text: str) -> tuple[float, int]:
    """The share of function words among the words of ``text``, and how many words it has."""
    words = WORD.findall(text.lower())
    known = function_words()
    return (sum(word in known for word in words) / len(words) if words else 0.0), len(words)


def is_english(text: str) -> bool:
    """A cheap test: at least 15% of the words are English function words (``ENGLISH_SHARE``)."""
    return english_share(text)[0] >= ENGLISH_SHARE


def body_lines(text: str, among: Sequence[int] | None = None) -> Iterator[tuple[int, str, bool]]:
    """``(offset, line, opens_sentence)`` for each line of English body text.

    ``opens_sentence``: the line starts a paragraph, and the paragraph before it (if any) ended a
    sentence or was a headline; a paragraph that follows one cut off mid-sentence ("... medallist"
    then "made a return") goes on with that sentence. A paragraph judges its own language when it
    has enough words, otherwise the whole text does.

    With ``among`` (ascending offsets into ``text``), only the lines holding one of them are
    judged: the others, never yielded, only carry the paragraph state to the next line.

    >>> [line for _, line, _ in body_lines("The army said. the end.\\nThe navy said. the end.\\n", [30])]
    ['The navy said. the end.']
    """
    text_is_english: bool | None = None
    previous: str | None = None
    after_blank, lines_seen = True, 0
    for offset, end in split_lines(text):
        if among is not None and (not among or offset > among[-1]):
            return  # no line from here on is judged
        line = text[offset:end]
        if not line.replace("\ufeff", "").strip():
            after_blank = True
            continue
        judged = among is None or _holds_one(among, offset, end)
        opens_sentence = judged and after_blank and (
            previous is None or bool(FINAL_PUNCTUATION.search(previous)) or _is_headline(previous, lines_seen == 1)
        )
        previous, after_blank, lines_seen = line, False, lines_seen + 1
        if not judged or LIST_ITEM.match(line) or CODE.search(line):
            continue
        share, words = english_share(line)
        if not FINAL_PUNCTUATION.search(line):
            if words < LONG_LINE or not SENTENCE_INSIDE.search(line):
                continue  # a headline or subheading
            opens_sentence = False  # a paragraph cut short: where it starts is as unsure as where it ends
        if words < MIN_WORDS_TO_JUDGE:
            if text_is_english is None:
                text_is_english = is_english(text)
            if not text_is_english:
                continue
        elif share < ENGLISH_SHARE:
            continue
        yield offset, line, opens_sentence


def _holds_one(offsets: Sequence[int], start: int, end: int) -> bool:
    """Whether one of ``offsets`` (ascending) is in ``range(start, end)``."""
    index = bisect_left(offsets, start)
    return index < len(offsets) and offsets[index] < end


def _is_headline(line: str, first: bool) -> bool:
    """No clause ends in it, it does not end on a function word ('... secured qualification for'
    is a sentence cut in two), and it starts with a capital unless it is the text's first line."""
    return (
        not CLAUSE_END.search(line)
        and not any(word.lower() in function_words() for word in line.split()[-1:])
        and (first or not line.lstrip("\ufeff \t\"'\u201c\u2018")[:1].islower())
    )


def is_sentence_end(line: str, mark: int) -> bool:
    """Whether the full stop, question or exclamation mark at ``line[mark]`` ends a sentence.

    Not after an abbreviation (``Jan.``, ``Mr.``), an initial (``J.``), a dotted token (``U.S.``,
    ``e.g.``, a web address), an ellipsis, or a sentence of fewer than three words (``Overall.``).
    A ``?`` or ``!`` ends one only after a lowercase word: after a capital it is usually part of
    a title (``Shall We Dance? at number three``, ``Yahoo! said``).
    """
    before = line[max(0, mark - SENTENCE_WINDOW) : mark]  # a longer sentence has three words in it
    token = before.rsplit(None, 1)[-1] if before and not before[-1].isspace() else ""
    if before.endswith("."):
        return False
    token = token.lstrip("\"'(\u201c\u2018[")
    if not token or DOTTED.search(DECIMAL.sub("0", token)) or (len(token) == 1 and token.isalpha()):
        return False
    if line[mark] != "." and not (token.isalpha() and token.islower()):
        return False
    if line[mark] == "." and token in abbreviations():
        return False
    # after a closing quote ('was "amazing".') the sentence began before the quote opened
    boundary = CLAUSE_BOUNDARY if before[-1] in "\"\u201d" else SENTENCE_BOUNDARY
    boundaries = [match.end() for match in boundary.finditer(before)]
    sentence = before[boundaries[-1] if boundaries else 0 :]
    if line[mark] != "." and boundaries and before[boundaries[-1] - 1] == ":":
        return False  # 'questions including: what is a dog? and ...': a list, not sentences
    return len(WORD.findall(sentence)) >= MIN_WORDS_IN_SENTENCE


def sentence_starts(line: str, lowercase: bool = False) -> Iterator[tuple[int, str]]:
    """``(position, mark)`` of the first letter of every sentence that follows an ending mark
    (with ``lowercase``, of those whose first letter is ``a`` to ``z``).

    A ``?`` or ``!`` before a closing quote does not end the sentence: ``"Why?" he asked``.

    >>> list(sentence_starts('Prices rose sharply. "we won," he said. "Why?" he asked.'))
    [(22, '.'), (41, '.')]
    >>> list(sentence_starts('Prices rose sharply. "we won," he said. "Why?" he asked.', lowercase=True))
    [(22, '.')]
    """
    for match in (AFTER_MARK_LOWERCASE if lowercase else AFTER_MARK).finditer(line):
        if match["mark"] != "." and match["close"]:
            continue
        if is_sentence_end(line, match.start("mark")):
            yield match.end(), match["mark"]


def written_forms(text: str) -> dict[str, str]:
    """How ``text`` mostly writes each word it writes mid-sentence with capitals more than without.

    >>> written_forms("Flights from Heathrow rose, the LSE said. The rise was small, lse or LSE.")
    {'heathrow': 'Heathrow', 'lse': 'LSE'}
    """
    seen: dict[str, Counter[str]] = {}
    for match in MID_SENTENCE_WORD.finditer(text):
        seen.setdefault(match[0].lower(), Counter())[match[0]] += 1
    usual = {word: forms.most_common(1)[0] for word, forms in seen.items()}
    return {word: form for word, (form, count) in usual.items() if form != word and count > seen[word][word]}


def quoted_after_colon(line: str, position: int) -> bool:
    """Whether ``position`` is inside a quotation opened right after a colon (a verbatim message)."""
    before = line[:position]
    if before.count('"') % 2:
        opening = before.rfind('"')
    elif before.rfind("\u201c") > before.rfind("\u201d"):
        opening = before.rfind("\u201c")
    else:
        return False
    return before[:opening].rstrip().endswith(":")


@functools.cache
def abbreviations() -> frozenset[str]:
    return frozenset(read_words("capitalization_abbreviations.txt"))


@functools.cache
def protected_names() -> dict[str, tuple[str, ...]]:
    """Names never to recase, indexed by their first word: the shipped list and names.tsv's."""
    names = {*read_words("capitalization_protected.txt"), *dictionary_names()}
    by_first_word: dict[str, list[str]] = {}
    for name in names:
        by_first_word.setdefault(name.split()[0], []).append(name)
    return {word: tuple(sorted(group, key=len, reverse=True)) for word, group in by_first_word.items()}


def dictionary_names(variants: bool = True) -> frozenset[str]:
    """Canonical forms (and variants) from the names filter's ``names.tsv``; nothing if it is absent.

    That file belongs to the names filter and may not be installed, or may change shape: any
    problem reading it means "no extra names", never a crash.
    """
    try:
        rows = read_table("names.tsv")
    except (OSError, ValueError):
        return frozenset()
    names = set()
    for row in rows:
        names.add(row.get("canonical", ""))
        if variants:
            names.update(row.get("variants", "").split("|"))
    return frozenset(name.strip() for name in names if name.strip())


def protected_at(text: str, position: int, word: str) -> str | None:
    """The protected name that starts at ``text[position]`` with ``word``, if any."""
    for name in protected_names().get(word, ()):
        end = position + len(name)
        if text.startswith(name, position) and not text[end : end + 1].isalnum():
            return name
    return None
