"""Remove scraper junk lines: page furniture, other stories' teaser headlines, duplicated paragraphs.

Removes, each with the rule that matched:

- page furniture listed in ``normalize/data/junk_lines.tsv``: a rule's regex must match a whole
  line, or a whole block of lines (``Share this article`` with its ``Facebook``/``Twitter``
  lines), ignoring case and surrounding spaces: ``Advertisement``, ``Read more: ...``,
  ``WATCH: ...``, ``Related: ...``, share, follow, newsletter and cookie prompts, image credits;
  ``(Reporting by ...; Editing by ...)`` only with ``wire_credits = true``;
- a paragraph of six words or more that repeats an earlier one exactly (a block captured twice),
  but for how the names filter may respell a name: case, a hyphen or a space, diacritics;
- a teaser headline of another story, on the evidence that :mod:`normalize.teasers` weighs:
  shape (``Source: claim``, Title Case; never final punctuation), the words it shares with the
  article and the paragraphs around it, names the article never mentions, and position (after
  the last paragraph; the odd one of two headlines at the top). Weak evidence is reported
  (``apply=False``), never acted on: a removed subheading is worse than a kept teaser.

A removal takes the line with its line break and the blank lines that separated it, so
paragraphs stay one blank line apart; when every block goes, the blank lines above them go too.
A text without any blank line has a paragraph per line, unless most of its lines end
mid-sentence (wrapped text). With ``mode = "report"`` every finding is only reported.

Leaves alone: the title, real subheadings (``Little progress in the region``, ``Analysis``),
one-sentence paragraphs and quotes, short repeated lines, lists of short lines, wire credits.

>>> text = "One.\\n\\nAdvertisement\\n\\nTwo.\\n"
>>> [(text[e.start:e.end], e.reason) for e in junk_lines(text, JunkLinesOptions())]
[('Advertisement\\n\\n', "page furniture (rule 'advertisement': advertisement placeholder)")]
>>> list(junk_lines("Rates rise\\n\\nAnalysis\\n\\nRates rose by 1%.\\n", JunkLinesOptions()))
[]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterator, Literal

from normalize import fastpath
from normalize.blocks import Block, Span, outside, removal_spans, split_blocks
from normalize.datafiles import read_table
from normalize.edits import Edit, apply_edits
from normalize.junk_screen import may_hold_junk, respelling_blind
from normalize.offsets import OffsetMap
from normalize.registry import register
from normalize.teaser_case import lines_as_names_leave_them
from normalize.teasers import ends_sentence, find_teasers, has_words

DUPLICATE_MIN_WORDS = 6
WIRE_CREDIT = "wire-credit"


@dataclass(frozen=True)
class JunkLinesOptions:
    mode: Literal["remove", "report"] = "remove"
    wire_credits: bool = False  # "(Reporting by ...; Editing by ...)": wire agencies keep them


def _rows(wire_credits: bool) -> list[dict[str, str]]:
    return [row for row in read_table("junk_lines.tsv") if wire_credits or row["rule"] != WIRE_CREDIT]


@functools.cache
def rules(wire_credits: bool) -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """``(rule, compiled regex, reason)`` for every furniture rule in force."""
    return tuple((row["rule"], re.compile(row["regex"], re.IGNORECASE), row["reason"]) for row in _rows(wire_credits))


@functools.cache
def any_rule(wire_credits: bool) -> re.Pattern[str]:
    """All the rules in force as one pattern: one search rules out most lines, and a clean
    file never compiles the rules one by one (speed)."""
    return re.compile("|".join(f"(?:{row['regex']})" for row in _rows(wire_credits)), re.IGNORECASE)


def furniture(line: str, wire_credits: bool = False) -> str | None:
    """Why ``line`` (or a block of lines joined by ``\\n``) is page furniture, or None.

    >>> furniture("  READ MORE: Egypt and Israel seal trade deal")
    "page furniture (rule 'read-more': 'Read more' link to another story)"
    >>> furniture("Read more about the deal in our guide.") is None
    True
    """
    if not any_rule(wire_credits).fullmatch(line.strip()):
        return None
    for rule, pattern, reason in rules(wire_credits):
        if pattern.fullmatch(line.strip()):
            return f"page furniture (rule {rule!r}: {reason})"
    return None


@register("junk-lines", order=400, options=JunkLinesOptions)
def junk_lines(text: str, options: JunkLinesOptions) -> Iterator[Edit]:
    """Yield one edit per junk block or line, each naming its rule or its evidence.

    The search weighs each block among the others; removals keep the others apart by one blank
    line, so what is left is judged the same, but for a text left as one block: that is then a
    paragraph per line or wrapped lines, a new context. So the search is repeated on that text
    until it removes nothing more: one run removes what a second run would.
    """
    if fastpath.enabled() and not may_hold_junk(text, any_rule(options.wire_credits)):
        return  # most articles: nothing any rule or the teaser search could find (speed)
    offsets, removed = OffsetMap(), []  # (start, end) in the first ``text`` of what was removed
    while True:
        edits = list(_one_search(text, options))
        reports = [(*offsets.original_span(edit.start, edit.end), edit.reason) for edit in edits if not edit.apply]
        removals = [edit for edit in edits if edit.apply]
        for edit in removals:
            removed_before = sorted(removed)
            for start, end in outside(*offsets.original_span(edit.start, edit.end), removed_before):
                removed.append((start, end))
                yield Edit(start, end, "", edit.reason)
        if not removals:
            break
        applied = apply_edits(text, removals)
        offsets.push(applied.segments)
        text = applied.text
        if len(split_blocks(text)) != 1:
            break
    removed.sort()
    for start, end, reason in reports:
        for gap in outside(start, end, removed):
            yield Edit(*gap, "", reason, False)


def _one_search(text: str, options: JunkLinesOptions) -> Iterator[Edit]:
    blocks = split_blocks(text)
    if len(blocks) == 1 and _paragraph_per_line(text, blocks[0]):
        blocks = [Block(line.start, line.end, (line,)) for line in blocks[0].lines]
    remove = options.mode == "remove"
    findings: dict[int, tuple[str, bool]] = {}  # block index -> (reason, sure enough to remove)
    line_findings: dict[int, dict[int, str]] = {}  # block index -> line number -> reason
    paragraphs: dict[int, str] = {}  # what is left of each block without its furniture lines
    paragraph_spans: dict[int, Span] = {}  # where that is: a report covers no furniture line
    seen: set[str] = set()  # the paragraphs of DUPLICATE_MIN_WORDS words or more, as respelling_blind
    for index, (block, lines) in enumerate(zip(blocks, lines_as_names_leave_them(text, blocks))):
        whole = furniture("\n".join(lines), options.wire_credits)
        reasons = [whole] * len(lines) if whole else [furniture(line, options.wire_credits) for line in lines]
        paragraph = "\n".join(line for line, reason in zip(lines, reasons) if not reason)
        if not paragraph:
            findings[index] = ("; ".join(dict.fromkeys(filter(None, reasons))), True)
        elif (key := respelling_blind(paragraph)) in seen:
            findings[index] = (f"duplicate paragraph: repeats {_quote(paragraph)} word for word", True)
        else:
            if any(reasons):
                line_findings[index] = {number: reason for number, reason in enumerate(reasons) if reason}
            if has_words(paragraph, DUPLICATE_MIN_WORDS):
                seen.add(key)
            paragraphs[index] = paragraph
            kept = [line for line, reason in zip(block.lines, reasons) if not reason]
            paragraph_spans[index] = Span(kept[0].start, kept[-1].end)
    order = list(paragraphs)
    for position, verdict in find_teasers([paragraphs[index] for index in order]).items():
        index = order[position]
        if verdict.apply:  # the whole block goes, and its furniture lines with it
            findings[index] = ("; ".join([*line_findings.pop(index, {}).values(), verdict.reason]), True)
        else:
            findings[index] = (verdict.reason, False)
    yield from _edits(len(text), blocks, findings, remove, paragraph_spans)
    for index, reasons in line_findings.items():
        lines = blocks[index].lines
        spans = removal_spans(lines, reasons, blocks[index].end) if remove else [lines[n] for n in sorted(reasons)]
        for number, span in zip(sorted(reasons), spans):
            yield Edit(span[0], span[1], "", reasons[number], remove)


def _edits(length: int, blocks: list[Block], findings: dict[int, tuple[str, bool]], remove: bool,
           paragraph_spans: dict[int, Span]) -> Iterator[Edit]:
    """Removals take their separating blank lines; a report covers just the lines it is about."""
    removed = {index for index, (_, sure) in findings.items() if sure and remove}
    spans = dict(zip(sorted(removed), removal_spans(blocks, removed, length)))
    if blocks and len(removed) == len(blocks) and blocks[0].start > 0:
        # whitespace (300) would remove a text's blank lines once nothing else is left: so the
        # next run finds nothing to do (blank to split_blocks, like U+3000, may be text to it)
        yield Edit(0, blocks[0].start, "", "blank lines left once every block below them is removed")
    for index, (reason, _) in sorted(findings.items()):
        span = spans.get(index) or paragraph_spans.get(index) or blocks[index]
        yield Edit(span[0], span[1], "", reason, index in removed)


def _paragraph_per_line(text: str, block: Block) -> bool:
    """Whether a text without blank lines has a paragraph per line, not lines wrapped mid-sentence."""
    return sum(ends_sentence(text[line.start : line.end]) for line in block.lines) * 2 >= len(block.lines)


def _quote(paragraph: str) -> str:
    words = paragraph.split()
    return repr(" ".join(words[:6]) + (" ..." if len(words) > 6 else ""))
