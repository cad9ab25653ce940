"""Evidence that a headline-like line is another story's teaser, not a subheading of this one.

Only a block of one line is a candidate, and only when it has a headline's shape: 3 to 14
words, a capital (or digit) first, no final ``.``, ``!``, ``?``, ``,``, ``;``, ``:``, bracket
or dash (closing quotes aside: ``Tokyo says deflation 'controlled'``), no last word that leaves
the sentence hanging (``... secured qualification for``), and not a byline (``By ...``). It
must sit among paragraphs: the block before it (and after it, if any) ends a sentence or is
long. A run of short lines is a list and is left alone, and so is the article's title (a
headline-shaped first block followed by a paragraph).

Evidence for a teaser, one point each unless said otherwise:

- shape, 2 points: ``Source: claim`` (``UNICEF: Sahel children ...``), ``claim: source`` or
  ``claim - Source`` (``Farrell saga to drag on - Lindsay``); 1 point: Title Case;
- words: none of its three or more content words (``common_words.txt`` aside) occurs anywhere
  else in the article, 2 points; none of two, or at most a third of them, 1 point;
- names: a capitalised word after the first that the article never mentions;
- position: after the last paragraph (a subheading never ends an article), or, of two
  headlines at the top, the one sharing fewer words with the body.

Evidence against: two or more of its words in the paragraphs around it, or more than half of
them anywhere in the article. Three points and nothing against make a removal; two points, or
three with something against, only a report; less, nothing.

Words are counted and compared as the names filter, which runs later, cannot change them
(:mod:`normalize.teaser_words`).

>>> find_teasers(["Title of it", "A paragraph about the dollar.", "Benitez issues warning to Gerrard",
...               "The dollar rose."])[2].apply
True
>>> find_teasers(["The region is poor.", "Little progress in the region", "The region waits."])
{}
"""

from __future__ import annotations

from collections import Counter
from typing import Container, NamedTuple, Sequence

from normalize.fastpath import LazyPattern
from normalize.teaser_words import content_words, has_words, split_words, stem_of, stems_of, word_count

TRAILING_CLOSERS = "\"'\u2019\u201d"
SOURCE_CLAIM = LazyPattern(r"(?P<source>[A-Z][\w&.'\u2019-]*(?: [A-Z][\w&.'\u2019-]*){0,3}): (?P<claim>\S.*)")
CLAIM_SOURCE = LazyPattern(r"(?P<claim>.*\S)(?:: | [-\u2013\u2014] )(?P<source>[\w.'\u2019-]+(?: [\w.'\u2019-]+){0,2})")
REMOVE_AT, REPORT_AT = 3, 2
TITLE_CASE = "Title Case"
# A line ending in one of these was cut off mid-sentence ("... secured qualification for").
DANGLING = frozenset(["a", "an", "and", "but", "for", "from", "of", "or", "the", "to", "with"])
NOT_FINAL = ".!?,;:)]-\u2013\u2014"  # a sentence, a clause or a bracket ends there, not a headline
MAX_WORDS = 14  # longer lines read as sentences (an author's note); teasers are rarely longer


class Verdict(NamedTuple):
    apply: bool
    reason: str


def _core(line: str) -> str:
    return line.strip().rstrip(TRAILING_CLOSERS)


def is_headline(line: str) -> bool:
    if _core(line)[-1:] in NOT_FINAL:
        return False
    words = line.split(None, MAX_WORDS)  # more than MAX_WORDS pieces: too long, however counted
    if len(words) > MAX_WORDS or not 3 <= word_count(line) <= MAX_WORDS or words[-1].lower() in DANGLING:
        return False
    first = line.strip().lstrip("\ufeff\"'\u2018\u201c")[:1]
    return (first.isupper() or first.isdigit()) and words[0] != "By"  # "By Jane Smith" is a byline


def ends_sentence(text: str) -> bool:
    core = _core(text)
    return bool(core) and core[-1] in ".!?:"


def is_paragraph(block: str) -> bool:
    return ends_sentence(block) or has_words(block, 15)


def _shape(line: str) -> tuple[int, str]:
    match = SOURCE_CLAIM.fullmatch(line)
    if match and word_count(match["claim"]) >= 3:
        return 2, f"'Source: claim' shape ({match['source']!r})"
    match = CLAIM_SOURCE.fullmatch(line)
    if match and word_count(match["claim"]) >= 3 and match["source"][:1].isalpha():
        return 2, f"'claim - source' shape ({match['source']!r})"
    long_words = [word for word in split_words(line)[1:] if len(word) >= 4]
    if len(long_words) >= 2 and all(word[:1].isupper() for word in long_words):
        return 1, TITLE_CASE
    return 0, ""


def judge(line: str, nearby: Sequence[str], article: Container[str], at_edge: str = "") -> Verdict | None:
    """Weigh the evidence (see the module docstring); ``at_edge`` names a telling position."""
    points, shape = _shape(line)
    evidence = [shape] if shape else []
    words = content_words(line)
    shared = [word for word in words if stem_of(word) in article]
    if len(words) >= 3 and not shared:
        points += 2
        evidence.append("shares no words with the article")
    elif len(words) == 2 and not shared:  # "The Bigger Picture": a subheading may be this vague
        points += 1
        evidence.append("shares neither of its 2 words with the article")
    elif len(words) >= 2 and len(shared) * 3 <= len(words):
        points += 1
        evidence.append(f"shares only {len(shared)} of {len(words)} words with the article")
    unknown = [w for w in split_words(line)[1:] if w[:1].isupper() and stem_of(w) not in article and content_words(w)]
    if unknown and shape != TITLE_CASE:  # in Title Case every word looks like a name
        points += 1
        evidence.append(f"names {unknown[0].strip(':,')!r}, which the article never mentions")
    if at_edge:
        points += 1
        evidence.append(at_edge)
    if points < REPORT_AT:
        return None
    near = set().union(*map(stems_of, nearby)) if nearby else set()
    close = sorted({word for word in words if stem_of(word) in near}, key=words.index)
    against = ""
    if len(close) >= 2:
        against = f"shares {', '.join(map(repr, close))} with the paragraphs around it"
    elif words and len(shared) * 2 > len(words):
        against = f"shares {len(shared)} of {len(words)} words with the article"
    apply = points >= REMOVE_AT and not against
    reason = "teaser headline of another story: no final punctuation, " + ", ".join(evidence)
    if not apply:
        reason += f"; weak evidence{' (' + against + ')' if against else ''}: reported, not removed"
    return Verdict(apply, reason)


class _Elsewhere:
    """The stems of every block but one, without building that set for each candidate line."""

    def __init__(self, counts: Counter[str], own: set[str]) -> None:
        self.counts, self.own = counts, own

    def __contains__(self, stem: object) -> bool:
        return self.counts[stem] > (stem in self.own)


def find_teasers(blocks: Sequence[str]) -> dict[int, Verdict]:
    """The blocks (an article's blocks, furniture set aside) that read as teasers, by index.

    Removing a teaser can change the evidence about its neighbours (the line before a removed
    last block now ends the article), so the search is repeated without the removed blocks until
    it finds no more: the result is what a second run on the cleaned text would find.
    """
    removed: dict[int, Verdict] = {}
    left = list(range(len(blocks)))
    while True:
        verdicts = {left[position]: verdict for position, verdict in _one_pass([blocks[i] for i in left]).items()}
        newly = {index: verdict for index, verdict in verdicts.items() if verdict.apply}
        if not newly:
            return dict(sorted({**verdicts, **removed}.items()))
        removed.update(newly)
        left = [index for index in left if index not in newly]


def _one_pass(blocks: Sequence[str]) -> dict[int, Verdict]:
    verdicts: dict[int, Verdict] = {}
    single = [("\n" not in block.strip() and is_headline(block)) for block in blocks]
    if not any(single[1:]):  # only a candidate after the first block needs the words (speed)
        return verdicts
    stems = [stems_of(block) for block in blocks]
    counts = Counter(stem for block_stems in stems for stem in block_stems)
    start = 1
    if len(blocks) >= 3 and single[0] and single[1] and is_paragraph(blocks[2]):
        body = set().union(*stems[2:])
        overlaps = [len(stems[index] & body) for index in (0, 1)]
        if overlaps[0] != overlaps[1]:
            teaser = overlaps.index(min(overlaps))
            edge = "of two headlines at the top, the one sharing fewer words with the body"
            verdict = judge(blocks[teaser], [blocks[2]], body, edge)
            if verdict:
                verdicts[teaser] = verdict
        start = 2
    for index in range(start, len(blocks)):
        if not single[index] or not is_paragraph(blocks[index - 1]):
            continue
        following = blocks[index + 1 : index + 2]
        if following and not is_paragraph(following[0]):
            continue
        article = _Elsewhere(counts, stems[index])
        edge = "" if following else "after the last paragraph"
        verdict = judge(blocks[index], [blocks[index - 1], *following], article, edge)
        if verdict:
            verdicts[index] = verdict
    return verdicts
