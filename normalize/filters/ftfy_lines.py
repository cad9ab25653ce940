"""ftfy's encoding repair on one line, read as the whitespace filter will leave that line.

A helper of the unicode filter (:mod:`normalize.filters.unicode` does the rest of its work).
ftfy is configured narrowly (``FTFY_SETTINGS``): it repairs encodings only. It works line by
line, and a line of printable ASCII is one it provably leaves alone, so only lines holding
another character reach it (:func:`fix_line`; over a whole text, :func:`fix_encoding`, which
``tests/test_fast_paths.py`` checks equals ``ftfy.fix_text`` with the same settings). ftfy
cannot decode across a non-breaking space, so a line hides it (:func:`_fix_line_around_nbsp`);
and ftfy reads each line as whitespace will leave it (:func:`repair`), so one run repairs what a
second run would otherwise find. ftfy is imported only when a line needs it: it is slow to import.

ftfy leaves '\u00c3 ' after an indent alone; read without the indent, as whitespace leaves the
line, it is '\u00e0 ', and the indent stays for whitespace to remove:

>>> fix_line(" \u00c3 la carte\\n")[0], repair(" \u00c3 la carte")[0]
(' \u00c3 la carte\\n', ' \u00e0 la carte')
"""

from __future__ import annotations

import re

from normalize import fastpath, linediff, mojibake
from normalize.edits import apply_edits
from normalize.fastpath import LazyPattern
from normalize.filters.whitespace import whitespace
from normalize.offsets import OffsetMap

FTFY_SETTINGS = dict(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)
NOT_PRINTABLE_ASCII = LazyPattern(r"[^\t\n\r\x20-\x7e]")
SURROGATE = LazyPattern("[\ud800-\udfff]")
LINE = LazyPattern(r"[^\n]*\n|[^\n]+")
HIGH_BYTES = bytes(range(0x80, 0x100))
CHARS_OF_HIGH_BYTES = "".join(sorted({*HIGH_BYTES.decode("latin-1"), *HIGH_BYTES.decode("cp1252", "ignore")}))
# After a character that may be a byte of mojibake, U+00A0 may be one too ('Â\u00a0', 'â€\u00a0' is '†').
NBSP_ON_ITS_OWN = LazyPattern(f"(?<![{re.escape(CHARS_OF_HIGH_BYTES)}])\u00a0")
NBSP_PLACEHOLDER = "\x1f"
NBSP_AFTER_HIGH_BYTE = LazyPattern(f"(?<=[{re.escape(CHARS_OF_HIGH_BYTES)}])\u00a0")
NBSP_GUARD = "\x1e"  # hides such a U+00A0 from whitespace (a cleared line holds no control character)


def _ftfy_config():
    from ftfy import TextFixerConfig

    return TextFixerConfig(**FTFY_SETTINGS)


def fix_encoding(text: str) -> str:
    """What ``ftfy.fix_text(text, TextFixerConfig(**FTFY_SETTINGS))`` returns, handing ftfy only
    the lines it could change.

    >>> fix_encoding("plain line\\nna\u00c3\u00afve line\\n")
    'plain line\\nna\u00efve line\\n'
    """
    return "".join(fix_line(line)[0] for line in LINE.findall(text))


def fix_line(line: str) -> tuple[str, str]:
    """A line after ftfy's encoding repair, and ftfy's own account of the steps it took."""
    if fastpath.enabled() and not NOT_PRINTABLE_ASCII.search(line):
        return line, ""
    # ftfy's own first test: a line that is not bad holds no C1 control either, so without a
    # surrogate ftfy returns it as it is (fast path)
    if fastpath.enabled() and not mojibake.is_bad(line) and not SURROGATE.search(line):
        return line, ""
    from ftfy import fix_and_explain

    fixed, steps = fix_and_explain(line, config=_ftfy_config())
    return fixed, ", ".join(f"{step.action} {step.parameter}" for step in steps or ())


def _fix_line_around_nbsp(line: str) -> tuple[str, str]:
    """:func:`fix_line`, also where mojibake follows a non-breaking space ('the\u00a0\u00c2\u00a35m').

    ftfy cannot decode across U+00A0 (alone it is no UTF-8), so it would leave that line be and
    repair it on the next run, once whitespace made the space plain. It sees a control
    character in its place instead, which it passes through untouched (the line is cleared
    first, so it holds no control character of its own).
    """
    if "\u00a0" not in line:
        return fix_line(line)
    fixed, steps = fix_line(NBSP_ON_ITS_OWN.sub(NBSP_PLACEHOLDER, line))
    return fixed.replace(NBSP_PLACEHOLDER, "\u00a0"), steps


def repair(line: str) -> tuple[str, str, list[linediff.Span] | None]:
    """The line (without its break) as ftfy repairs it, read as whitespace (order 300) will leave it.

    ftfy's repairs depend on the spaces around mojibake: it reads '\u00c3 ' as '\u00e0 ' (a
    mangled byte A0, ``restore_byte_a0``) but not '\u00c3\t', nor '\u00c3 ' after an indent.
    Whitespace replaces odd spaces, collapses runs and removes indents, so a second run would
    repair what the first did not. ftfy reads the line as whitespace leaves it, and its repairs
    are mapped back onto the line; the spaces it does not touch stay, for whitespace to replace
    with its own reasons. A U+00A0 after a character that may be a byte of mojibake is kept for
    ftfy; if ftfy leaves it, whitespace makes it plain, so ftfy reads the line again that way.
    Also ftfy's steps, and the spans that changed when they were found on the way.
    """
    # str.find first: the pattern, led by a look-behind, is tried at every position
    guarded = [match.start() for match in NBSP_AFTER_HIGH_BYTE.finditer(line)] if "\u00a0" in line else []
    fixed, steps, spans, left = _repair_guarding(line, guarded)
    if left:
        fixed, steps, spans, _ = _repair_guarding(line, [position for position in guarded if position not in left])
    return fixed, steps, spans


def _repair_guarding(line: str, guarded: list[int]) -> tuple[str, str, list[linediff.Span] | None, set[int]]:
    """:func:`repair` keeping the U+00A0 at ``guarded`` from whitespace; and those ftfy left.

    Also the spans that changed, when they were found on the way (the caller's diff then
    repeats no work).
    """
    hidden = list(line)
    for position in guarded:
        hidden[position] = NBSP_GUARD
    spaced = apply_edits("".join(hidden), [edit for edit in whitespace("".join(hidden)) if edit.start < len(line)])
    view = spaced.text.replace(NBSP_GUARD, "\u00a0")
    fixed, steps = _fix_line_around_nbsp(view + "\n")  # as the next run sees it: a break after it
    fixed = fixed[:-1]
    if fixed == view:
        return line, steps, [], set(guarded)
    if not spaced.segments and not guarded:  # the view is the line
        return fixed, steps, None, set()
    offsets = OffsetMap()
    offsets.push(spaced.segments)
    pieces, spans, cursor, written, left = [], [], 0, 0, set(guarded)
    for i1, i2, j1, j2 in linediff.differences(view, fixed):
        start, end = offsets.original_span(i1, i2)
        start, end = max(start, cursor), max(end, cursor)
        pieces += [line[cursor:start], fixed[j1:j2]]
        written += start - cursor
        spans.append((start, end, written, written + j2 - j1))
        written += j2 - j1
        cursor = end
        left = {position for position in left if not start <= position < end}
    return "".join(pieces) + line[cursor:], steps, spans, left
