"""Fix capitals the grammar rules out: 'said He planned', 'the army said. the operations'.

Repairs, in English body text only:

- a capitalized pronoun, determiner, possessive, conjunction or relative pronoun (``He``,
  ``The``, ``Their``, ``And``, ``Who``, ...; ``capitalization_function_words.tsv``) after a comma
  or a reporting verb (``said``, ``believes``; ``attribution_words.txt`` and
  ``capitalization_reporting_verbs.txt``), when a lowercase word follows it;
- a lowercase word starting a sentence after a full stop, inside or after quotes
  (``vital." many``, ``said. "we are``), or after a ``?`` or ``!`` that follows a lowercase word;
- a lowercase word starting a body paragraph.

Leaves alone: names (``The Hague``, ``He Jiankui``: a capital followed by another capital, or a
name in ``capitalization_protected.txt`` or the names filter's ``names.tsv``), ``I``, text after
an abbreviation, an initial or a dotted token (``Jan. the``, ``J. R. R. Tolkien``, ``U.S.
officials``), after a colon, a message quoted as written after a colon (its sentence holds a
word the article mostly writes with capitals: ``trev. think tbwa shd``), after a one- or
two-word sentence (``Overall. sales``), titles (``Shall We Dance? at``, ``or, Who is Sylvia?``),
attributions cut off by a full stop (``"..." he said.``), a sentence that starts with a verb
(``was delighted to``: the corpus lost its subject, not its capital), words with an inner capital
(``eBay``), name particles (``de``), headlines and subheadings (short lines without final
punctuation), list items, code, web addresses, and paragraphs that are not English.

>>> [(e.replacement, e.reason) for e in capitalization("Sunday, France said He planned to go.")]
[('h', "pronoun 'He' mid-sentence after 'said'")]
>>> [(e.replacement, e.reason) for e in capitalization("Ten were killed, the army said. the raid used drones.")]
[('T', "sentence starts with lowercase 'the' after a full stop")]
>>> list(capitalization("Officials said The Hague and U.S. officials agree. e.g. the rule holds."))
[]
>>> list(capitalization("France Says He Will Deploy More Troops"))
[]
"""

from __future__ import annotations

import functools
import re
from typing import Iterator

from normalize import fastpath
from normalize.capitalization_candidates import (
    BEFORE_LOWERCASE, CONTRACTION, REPAIRABLE, candidates, may_hold_function_word,
)
from normalize.datafiles import read_words
from normalize.edits import Edit
from normalize.registry import register
from normalize.sentences import (
    WORD, body_lines, function_words, protected_at, quoted_after_colon, sentence_starts, written_forms,
)

WORD_END = r"(?![\w@/'\u2019-]|\.\w|:/)"
MID_SENTENCE = re.compile(
    r"(?:,|(?<![\w'\u2019-])(?P<verb>[a-z]+)) +"  # after a comma or a lowercase word
    rf"(?P<word>(?P<base>[A-Z][a-z]*){CONTRACTION}){BEFORE_LOWERCASE}"
)
LOWERCASE_WORD = re.compile(r"(?P<word>[a-z][a-z'\u2019-]*)" + WORD_END)
PARAGRAPH_START = re.compile(r"\ufeff?[\"'\u201c\u2018(\[]{0,2}(?P<word>[a-z][a-z'\u2019-]*)" + WORD_END)
ATTRIBUTION = re.compile(r"[a-z]+ (?P<verb>[a-z]+)[.,]")
CLOSING_QUOTES = "\"'\u201d\u2019"
SENTENCE_END = re.compile(r"[.?!](?:\s|$)")
article_forms = functools.lru_cache(maxsize=1)(written_forms)  # asked per sentence, built per text
MARKS = {".": "a full stop", "?": "a question mark", "!": "an exclamation mark"}
SINGLE_CAPITAL = re.compile(r"(?:^|\s)[\"'(]?[A-Z]$")


@functools.cache
def reporting_verbs() -> frozenset[str]:
    return frozenset(read_words("attribution_words.txt") + read_words("capitalization_reporting_verbs.txt"))


@functools.cache
def lowercase_starts() -> frozenset[str]:
    return frozenset(read_words("capitalization_lowercase_starts.txt"))


@register("capitalization", order=600)
def capitalization(text: str) -> Iterator[Edit]:
    """Yield one single-letter edit per capital the sentence grammar rules out."""
    among = candidates(text)
    if among == []:
        return
    for offset, line, opens_sentence in body_lines(text, among):
        edits = [*_mid_sentence(line), *_sentence_starts(text, line, opens_sentence)]
        for start, replacement, reason in sorted(edits):
            yield Edit(offset + start, offset + start + 1, replacement, reason)


def _mid_sentence(line: str) -> Iterator[tuple[int, str, str]]:
    if not may_hold_function_word(line):
        return  # MID_SENTENCE is slow to search: it tries at every lowercase word
    for match in MID_SENTENCE.finditer(line):
        word, base, verb = match["word"], match["base"], match["verb"]
        kind = function_words().get(base.lower(), "other")
        if kind not in REPAIRABLE or base == "I" or protected_at(line, match.start("word"), word):
            continue
        if verb is not None and verb not in reporting_verbs():
            continue
        if verb is None and _not_a_clause(line[: match.start()]):
            continue
        after = f"after {verb!r}" if verb else "after a comma"
        yield match.start("word"), word[0].lower(), f"{kind} {word!r} mid-sentence {after}"


def _not_a_clause(before_comma: str) -> bool:
    """What comes before the comma is no clause the capital could continue: a label ('groups B, A
    and C'), a title's first part ('The Goat or, Who is Sylvia?'), a dateline ('LONDON, The')."""
    return (
        bool(SINGLE_CAPITAL.search(before_comma))
        or before_comma.endswith(" or")
        or not any(char.islower() for char in before_comma)
    )


def _sentence_starts(text: str, line: str, opens_sentence: bool) -> Iterator[tuple[int, str, str]]:
    if opens_sentence and (match := PARAGRAPH_START.match(line)) and _may_capitalize(line, match, True):
        yield match.start("word"), match["word"][0].upper(), f"paragraph starts with lowercase {match['word']!r}"
    for position, mark in sentence_starts(line, lowercase=fastpath.enabled()):
        match = LOWERCASE_WORD.match(line, position)
        if not match or _attribution(line, match) or _verbatim(text, line, position):
            continue
        if _may_capitalize(line, match, False):
            reason = f"sentence starts with lowercase {match['word']!r} after {MARKS[mark]}"
            yield match.start("word"), match["word"][0].upper(), reason


def _may_capitalize(line: str, match: re.Match[str], paragraph: bool) -> bool:
    word = match["word"]
    if len(word) == 1 and word != "a":
        return False  # "'s route to": the rest of a word, not a sentence
    kind = function_words().get(word)
    verb = kind == "finite verb" or (word.endswith("ed") and "-" not in word and kind is None)
    if (paragraph and verb) or kind == "relative pronoun":
        return False  # 'was delighted to', 'who had qualified': a paragraph that lost its subject
    if word.endswith("ing") and line.startswith(" of ", match.end()):
        return False  # 'dismantling of the Springboks': a noun phrase that lost its possessive
    return word not in lowercase_starts() and not protected_at(line, match.start("word"), word)


def _verbatim(text: str, line: str, position: int) -> bool:
    """A message quoted as written: in a quotation opened by a colon, a sentence with a word the
    article mostly writes with capitals ('he said: "Just spoke to trev. think tbwa shd')."""
    if not quoted_after_colon(line, position):
        return False
    sentence = SENTENCE_END.split(line[position:], 1)[0]
    forms = article_forms(text)
    return any(word.islower() and word in forms for word in WORD.findall(sentence))


def _attribution(line: str, match: re.Match[str]) -> bool:
    """'..." he added.', '..." said the analyst': an attribution cut off from its quote by a full stop."""
    if line[: match.start("word")].rstrip()[-1:] not in CLOSING_QUOTES:
        return False
    attribution = ATTRIBUTION.match(line, match.start("word"))
    verb = attribution["verb"] if attribution else match["word"]
    return verb in reporting_verbs()
