"""Repair mojibake with ftfy, remove invisible and control characters, compose decomposed letters.

ftfy repairs encodings only, one line at a time, each line read as whitespace will leave it
(:mod:`normalize.filters.ftfy_lines`). It does not unescape references (html-entities does),
straighten curly quotes, fold full-width characters, expand ligatures or touch line breaks
(whitespace does), all of which damage good text. ftfy cannot decode across an invisible
character, so the filter removes it before ftfy sees the line, and removes or composes the rest
after (:mod:`normalize.filters.unicode_tidy`).

Fast path: only lines holding a character other than printable ASCII are read. Before any line
is, a text is found in C to hold nothing to remove or compose and no characters ftfy could find
bad together (:func:`_holds_nothing_to_repair`); otherwise a line found so, or holding no space
that whitespace would change and not bad to ftfy, skips the per-line work (:func:`_left_alone`).

Removes: C0 controls but tab and line breaks, DEL, zero-width space, word joiner, soft hyphen,
a stray BOM (U+FEFF), Mongolian vowel separator, zero-width joiners and non-joiners between
Latin characters or spaces (they join nothing there), and lone surrogates (as U+FFFD: they
cannot be written). Composes a base letter with its combining marks (NFC), one run at a time.

Leaves alone: zero-width joiners and non-joiners next to anything else (emoji sequences and
Indic and Persian text need them), characters that NFC would swap for another on their own (CJK
compatibility ideographs, the Ohm sign), curly quotes, full-width forms, ligatures.

>>> [(e.replacement, e.reason) for e in unicode("costs \u00c2\u00a35m")]
[('', "mojibake: '\u00c2\u00a3' was '\u00a3' (encode latin-1, decode utf-8)")]
>>> [e.reason for e in unicode("zero\\u200bwidth")]
['invisible character removed: U+200B ZERO WIDTH SPACE']
>>> list(unicode("\\u201cCurly\\u201d quotes stay, and so does \\uff21."))
[]
"""

from __future__ import annotations

import unicodedata
from typing import Iterator

from normalize import fastpath, linediff, mojibake
from normalize.edits import Edit
from normalize.fastpath import LazyPattern
from normalize.filters.ftfy_lines import LINE, NOT_PRINTABLE_ASCII, repair
from normalize.filters.unicode_tidy import (
    INVISIBLE_RUN, JOINER_BETWEEN_LATIN, REMOVED_OR_COMPOSED, clear_for_ftfy, is_surrogate, tidy,
)
from normalize.filters.whitespace import ODD_SPACE_CLASS
from normalize.registry import register

PRINTABLE_ASCII = b"\t\n\r" + bytes(range(0x20, 0x7F))  # the bytes NOT_PRINTABLE_ASCII does not match
MAX_PASSES = 4  # over one line; each pass after the first is rare, and cheap when nothing is left
BETWEEN_BREAKS = LazyPattern(r"[^\r\n]+")  # a CR ends a line too, for whitespace
REMOVED_OR_COMPOSED_CHAR = LazyPattern(f"[{REMOVED_OR_COMPOSED}]")  # what clear_for_ftfy or tidy acts on
# ... or a space whitespace would change (ftfy's view of a line then differs from the line)
REMOVED_COMPOSED_OR_SPACED = LazyPattern(f"[{REMOVED_OR_COMPOSED}{ODD_SPACE_CLASS}\u3000]")


@register("unicode", order=200)
def unicode(text: str) -> Iterator[Edit]:
    """Yield the edits that turn each line into its repaired form, each with its own reason."""
    if fastpath.enabled() and _holds_nothing_to_repair(text):
        return
    for line_start, whole_line in _lines_needing_work(text):
        for match in BETWEEN_BREAKS.finditer(whole_line):
            line, start = match[0], line_start + match.start()
            if fastpath.enabled() and _left_alone(line):
                continue
            target, steps, spans = _repaired(line)
            if target == line:
                continue  # a pass changes nothing on what a pass left alone: no second pass
            for _ in range(MAX_PASSES - 1):  # a repair can give ftfy new context: repair what a next run would
                again, more_steps, _ = _repaired(target)
                if again == target:
                    break
                target, steps, spans = again, ", ".join(filter(None, (steps, more_steps))), None
            if target == line:
                continue
            for i1, i2, j1, j2 in spans if spans is not None else linediff.differences(line, target):
                reason = _reason(line, target, (i1, i2, j1, j2), steps)
                yield Edit(start + i1, start + i2, target[j1:j2], reason)


def _repaired(line: str) -> tuple[str, str, list[linediff.Span] | None]:
    """The line repaired, ftfy's steps, and the spans that changed if they were found on the way."""
    cleared = clear_for_ftfy(line)
    fixed, steps, spans = repair(cleared)
    target = tidy(fixed)
    return target, steps, spans if cleared == line and target == fixed else None  # else: spans of another text


def _holds_nothing_to_repair(text: str) -> bool:
    """Whether :func:`_repaired` provably returns each line of ``text`` as it is, found in C.

    So it does when the text holds nothing to clear or tidy, and non-ASCII characters ftfy
    cannot find bad together, whatever the spaces (:func:`mojibake.may_be_bad`): ftfy's view of
    a line holds no other non-ASCII character. The characters to look at are found by
    bytes.translate, several times faster than a search over the text.
    """
    # UTF-8 less its printable ASCII bytes is the rest of the text (a multi-byte character has no such byte)
    unusual = text.encode("utf-8", "surrogatepass").translate(None, PRINTABLE_ASCII).decode("utf-8", "surrogatepass")
    return not unusual or (not REMOVED_OR_COMPOSED_CHAR.search(unusual) and not mojibake.may_be_bad(unusual))


def _left_alone(line: str) -> bool:
    """Whether :func:`_repaired` provably returns the line as it is, found without its per-line work.

    So it does when :func:`_holds_nothing_to_repair`; or when the line holds nothing to clear or
    tidy, no space that whitespace would change (ftfy's view of the line is then the line
    itself, and a break after it), and ftfy does not find that view bad
    (:func:`normalize.filters.ftfy_lines.fix_line`).
    """
    if _holds_nothing_to_repair(line):
        return True
    spaced = "  " in line or line[0] == " " or line[-1] == " "  # a run, an indent, a trailing space
    return not spaced and not REMOVED_COMPOSED_OR_SPACED.search(line) and not mojibake.is_bad(line + "\n")


def _lines_needing_work(text: str) -> Iterator[tuple[int, str]]:
    for start, end in fastpath.lines_holding(text, NOT_PRINTABLE_ASCII):
        for match in LINE.finditer(text, start, end):
            if not fastpath.enabled() or NOT_PRINTABLE_ASCII.search(match[0]):
                yield match.start(), match[0]


def _reason(line: str, target: str, span: tuple[int, int, int, int], steps: str) -> str:
    i1, i2, j1, j2 = span
    before, after = line[i1:i2], target[j1:j2]
    if not after and INVISIBLE_RUN.fullmatch(before):
        return f"invisible character removed: {_describe(before)}"
    if not after and JOINER_BETWEEN_LATIN.fullmatch(before):
        return f"joiner between Latin characters or spaces removed (it joins nothing there): {_describe(before)}"
    if len(before) == 1 and is_surrogate(before):
        return "lone surrogate (half of an emoji or other pair) cannot be written: U+FFFD"
    if unicodedata.normalize("NFC", before) == after:
        return f"decomposed {before!r} composed as {after!r} (NFC)"
    context_before, context_after = _widen(line, i1, i2), _widen(target, j1, j2)
    how = f" ({steps})" if steps else ""
    return f"mojibake: {context_before!r} was {context_after!r}{how}"


def _widen(text: str, start: int, end: int) -> str:
    """The span grown over neighbouring non-ASCII characters but spaces: the reason shows all the mojibake."""
    while start > 0 and not (text[start - 1].isascii() or text[start - 1].isspace()):
        start -= 1
    while end < len(text) and not (text[end].isascii() or text[end].isspace()):
        end += 1
    return text[start:end]


def _describe(chars: str) -> str:
    return ", ".join(
        f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}" for char in chars
    )

