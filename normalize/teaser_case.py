"""A teaser is judged in the case the names filter will give it, or a second run could judge it again.

junk-lines (order 400) weighs a headline-like line by its case (a capital first, Title Case,
names the article never mentions); names (order 500) may then change it ('nato commanders
spoke' -> 'NATO commanders spoke'), and a second run would remove what the first kept. So
junk-lines reads such a line as names will leave it. Names runs only when a line that could be
a teaser holds a name of its dictionary in an unknown spelling (rare: speed).

>>> text = "Bids grew as Deutsche Boerse staff met.\\n\\nnato commanders spoke\\n"
>>> lines_as_names_leave_them(text, split_blocks(text))
[['Bids grew as Deutsche Boerse staff met.'], ['NATO commanders spoke']]
"""

from __future__ import annotations

from normalize.blocks import Block, split_blocks, split_lines
from normalize.edits import apply_edits
from normalize.names_dictionary import Names, fold, load, matches, straight
from normalize.teasers import NOT_FINAL, TRAILING_CLOSERS, is_headline


def lines_as_names_leave_them(text: str, blocks: list[Block]) -> list[list[str]]:
    """Each block's lines, stripped, in the case names (order 500) will give them."""
    lines = [[text[line.start : line.end].strip() for line in block.lines] for block in blocks]
    dictionary = load(None, "")
    candidates = [block[0] for block in lines[1:] if len(block) == 1 and _may_be_headline(block[0])]
    if not any(_misspelled_name(dictionary, line) for line in candidates):
        return lines
    from normalize.filters.names import NamesOptions, names  # the filters import this module

    named = apply_edits(text, [edit for edit in names(text, NamesOptions()) if edit.apply]).text
    text_lines, named_lines = split_lines(text), split_lines(named)
    if len(named_lines) != len(text_lines):
        return lines
    number = {line.start: index for index, line in enumerate(text_lines)}
    return [
        [named[named_lines[number[line.start]].start : named_lines[number[line.start]].end].strip() for line in block.lines]
        for block in blocks
    ]


def _misspelled_name(dictionary: Names, line: str) -> bool:
    """Whether ``line`` holds a name of the dictionary in none of its known spellings."""
    for start, end in matches(dictionary, line):
        spelling = line[start:end]
        entry = dictionary.entries.get(fold(spelling))
        if entry is not None and straight(spelling) not in map(straight, entry.spellings):
            return True
    return False


def _may_be_headline(line: str) -> bool:
    """Whether ``line`` is headline-shaped, or will be once its first letter is a capital ("'nato ...")."""
    if line.rstrip(TRAILING_CLOSERS)[-1:] in NOT_FINAL:
        return False
    first = next((index for index, char in enumerate(line) if char.isalnum()), 0)
    return is_headline(line[:first] + line[first : first + 1].upper() + line[first + 1 :])
