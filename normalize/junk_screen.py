"""Whether junk-lines could find anything in a text, answered by a few passes over the whole text.

Most articles hold no furniture, no repeated paragraph and no line that could be a teaser; the
junk-lines filter's fast path asks :func:`may_hold_junk` first and reads such a text no further.
The screen never says no where the filter finds something (``tests/test_fast_paths.py`` and
``tests/test_junk_lines.py`` run the filter both ways); it may say yes where the filter then
finds nothing (most often: a line after the first ends without final punctuation). It reads
the text as the filter does: lines split at ``\\n`` (a text holding a CR is always read in
full), each stripped, and joined again by ``\\n``: in that text every block of lines (a
paragraph) and every line is a substring, as the filter's searches see it.

- Furniture: a rule that matches a whole paragraph or line in isolation matches a prefix of the
  joined text where that paragraph or line starts, since the rules test nothing outside what
  they match (``tests/test_junk_lines_data.py`` holds them to that: no anchor, no lookaround).
- Repeated paragraphs: two paragraphs alike but for how names may respell them
  (:func:`respelling_blind`) begin with two lines alike in the same way, whose keys are as long.
- Teasers: a headline ends without final punctuation (closing quotes aside), and only a block
  after the first may be one.

>>> may_hold_junk("Title\\n\\nOne paragraph.\\n\\nAnother one.\\n", re.compile("advertisement", re.IGNORECASE))
False
>>> may_hold_junk("Title\\n\\nOne paragraph.\\n\\nAdvertisement\\n", re.compile("advertisement", re.IGNORECASE))
True
"""

from __future__ import annotations

import functools
import re

from normalize.names_dictionary import strip_diacritics
from normalize.teasers import NOT_FINAL, TRAILING_CLOSERS


def respelling_blind(paragraph: str) -> str:
    """``paragraph`` as the names filter (order 500) cannot change it: it may respell a name in
    another case, with a hyphen for a space or the reverse, or with other diacritics, and two
    paragraphs it makes the same must be duplicates on the first run already. One character (or
    its case folding) for one, and a line break for a line break."""
    return strip_diacritics(paragraph).casefold().replace("-", " ")


@functools.cache
def _after_line_break(furniture: re.Pattern[str]) -> re.Pattern[str]:
    """``furniture`` matched at the start of any non-blank line but the first (opening with a
    literal ``\\n``, the pattern is searched fast; blank lines, half of them, are passed over)."""
    return re.compile(rf"\n(?=[^\n])(?=(?:{furniture.pattern}))", furniture.flags)


def may_hold_junk(text: str, furniture: re.Pattern[str]) -> bool:
    """False only if junk-lines, with ``furniture`` (every rule in force, as one pattern), would
    find nothing in ``text``; True where it may find something (and often then does not)."""
    if "\r" in text:
        return True
    lines = list(map(str.strip, text.split("\n")))
    first = next((number for number, line in enumerate(lines) if line), len(lines))
    # is_headline's first test ("" is in NOT_FINAL: a blank line is no headline)
    if any(line.rstrip(TRAILING_CLOSERS)[-1:] not in NOT_FINAL for line in lines[first + 1 :]):
        return True
    joined = "\n".join(lines)
    if furniture.match(joined) or _after_line_break(furniture).search(joined):
        return True
    # Alike keys are alike in length, and a line's key is as long as the line unless case folding
    # lengthens it ('ß' is 'ss'): lengths are compared first (speed), keys only if two are alike.
    lengths = [len(line) if line.isascii() or len(line.casefold()) == len(line) else len(respelling_blind(line))
               for line in lines if line]
    if len(set(lengths)) == len(lengths):
        return False
    keys = [respelling_blind(line) for line in lines if line]
    return len(set(keys)) < len(keys)
