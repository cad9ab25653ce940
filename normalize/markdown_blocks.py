"""Markdown blocks that filters must not edit, line by line: front matter, fenced and indented
code, raw HTML blocks, reference definitions, table delimiter rows and padding.

Block structure follows CommonMark closely enough for articles (``tests/test_protect.py``
compares it with markdown-it on generated documents); where a construct is ambiguous, more is
protected rather than less.

>>> text = "Intro\\n\\n    code  here\\n\\n```\\nx  y\\n```\\n"
>>> blocks, prose, labels = block_spans([Line(m.start(), m[0]) for m in LINE.finditer(text)])
>>> [text[start:end] for start, end in blocks], [line.content for line in prose]
(['    code  here', '```\\nx  y\\n```\\n'], ['Intro'])
"""

from __future__ import annotations

import re
import unicodedata

from normalize.markdown_inline import link_label
from normalize.pipeline import Span

LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
# Indentation includes the odd spaces the whitespace filter turns into plain ones, so that cleaning
# them cannot turn a line into a fence or code that was not one before ('\u00a0```').
INDENTATION = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f]"
CONTAINER = re.compile(rf"(?:{INDENTATION}{{0,3}}>{INDENTATION}?)*{INDENTATION}*")
FRONT_MATTER = {"---": ("---", "..."), "+++": ("+++",)}
FENCE = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)")
LIST_ITEM = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
ATX_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
LINE_OF_MARKS = re.compile(r"(?:=+|-+|([-*_])(?:[ \t]*\1){2,})[ \t]*")  # a rule or a heading's underline
REFERENCE_DEFINITION = re.compile(
    r" {0,3}\[(?P<label>(?!\^)(?:[^\]\\]|\\.)+)\]:[ \t]*(?:<[^>\n]*>|\S+)"  # '[^1]:' is a footnote: prose
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*"
)
TABLE_DELIMITER = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
TABLE_PADDING = re.compile(r"[ \t]+(?=\|)|(?<=\|)[ \t]+")
HTML_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    "dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|"
    "header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|"
    "param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
HTML_BLOCK_ENDS = [  # CommonMark's kinds 1-5: (opening pattern, text that ends the block)
    (re.compile(r"<(?:script|pre|style|textarea)(?:[\s>]|$)", re.I),
     re.compile(r"</(?:script|pre|style|textarea)>", re.I)),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
]
HTML_BLOCK_TO_BLANK = re.compile(rf"</?(?:{HTML_BLOCK_TAGS})(?:[\s/>]|$)", re.I)
HTML_TAG_LINE = re.compile(
    r"(?:<[A-Za-z][\w-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
    r"|</[A-Za-z][\w-]*\s*>)\s*"
)


class Line:
    """One line of a Markdown file: where it starts and ends, its container prefix, its content."""

    __slots__ = ("start", "end", "prefix", "content", "terminator")

    def __init__(self, start: int, raw: str) -> None:
        body = raw.rstrip("\r\n")
        width = CONTAINER.match(body).end()  # '>' markers and indentation
        self.start, self.end, self.terminator = start, start + len(body), raw[len(body) :]
        self.prefix, self.content = body[:width], body[width:]

    @property
    def blank(self) -> bool:
        """Empty, or only characters a filter may remove (a zero-width space): blank once cleaned."""
        return all(char.isspace() or unicodedata.category(char) in ("Cc", "Cf") for char in self.content)

    def indent(self) -> int:
        """Columns of indentation after any '>' markers (a tab counts to the next multiple of 4)."""
        quote = self.prefix.rfind(">")
        indentation = self.prefix[quote + 1 :]
        if quote >= 0 and indentation[:1]:
            indentation = indentation[1:]  # the one space after '>' belongs to the marker
        width = 0
        for char in indentation:
            width = width + 4 - width % 4 if char == "\t" else width + 1
        return width

    def followed_by(self, other: Line) -> bool:
        return self.end + len(self.terminator) == other.start


def block_spans(lines: list[Line]) -> tuple[list[Span], list[Line], frozenset[str]]:
    """Protected blocks, the prose lines between them, and the labels of reference definitions."""
    blocks: list[Span] = []
    prose: list[Line] = []
    labels: set[str] = set()
    index = _front_matter(lines, blocks)
    in_paragraph = False
    items: list[tuple[int, int]] = []  # open list items: (column where the item's text starts, quote depth)
    quotes = 0
    while index < len(lines):
        line = lines[index]
        if line.blank:
            in_paragraph = False
            index += 1
            continue
        depth, indent = line.prefix.count(">"), line.indent()
        starts_block = indent < (items[-1][0] if items else 0) + 4 and _starts_block(line.content)
        lazy = in_paragraph and depth <= quotes and not starts_block  # may be a paragraph's lazy line
        if depth > quotes:
            in_paragraph = False  # a deeper block quote starts a container: no paragraph continues into it
        quotes = quotes if lazy else depth
        while items and (items[-1][1] != quotes or (indent < items[-1][0] and not lazy)):
            items.pop()  # the line is left of the item's text, or in another quote: the item ended
        code_indent = (items[-1][0] if items else 0) + 4
        if indent >= code_indent and not in_paragraph:
            index = _indented_code(lines, index, code_indent, blocks)
            continue
        block_end = _fenced_code(lines, index, code_indent) or _html_block(lines, index, code_indent - 1, in_paragraph)
        if block_end is not None:
            last = min(block_end, len(lines)) - 1
            end = lines[last].end
            if last == len(lines) - 1:  # a block that runs to the end (an unclosed fence) owns it all
                end += len(lines[last].terminator)
            blocks.append((line.start, end))
            index, in_paragraph = last + 1, False
            continue
        definition = None if in_paragraph else REFERENCE_DEFINITION.fullmatch(line.content)
        if definition:
            labels.add(link_label(definition["label"]))
            blocks.append((line.start, line.end))
            index += 1
            continue
        if not in_paragraph and _table_starts(lines, index):
            index = _table(lines, index, blocks, prose)
            continue
        item = LIST_ITEM.match(line.content) if indent < code_indent else None
        if item:
            items.append((indent + item.end(), quotes))
            fence_end = _fenced_code(lines, index, items[-1][0] + 4, line.content[item.end() :])
            if fence_end is not None:  # '- ```': the item's first block is code
                last = fence_end - 1
                end = lines[last].end + (len(lines[last].terminator) if last == len(lines) - 1 else 0)
                blocks.append((line.start, end))
                index, in_paragraph = last + 1, False
                continue
        prose.append(line)
        in_paragraph = not (ATX_HEADING.match(line.content) or LINE_OF_MARKS.fullmatch(line.content))
        index += 1
    return blocks, prose, frozenset(labels)


def _starts_block(content: str) -> bool:
    """Whether a line starts a block of its own, so it cannot be a lazy line of a paragraph."""
    return bool(
        ATX_HEADING.match(content)
        or LIST_ITEM.match(content)
        or LINE_OF_MARKS.fullmatch(content)
        or FENCE.fullmatch(content)
        or any(opening.match(content) for opening, _ in HTML_BLOCK_ENDS)
        or HTML_BLOCK_TO_BLANK.match(content)
    )


def _table_starts(lines: list[Line], index: int) -> bool:
    """A GFM table: a row with '|', then a delimiter row such as ``|---|:--:|``."""
    return (
        "|" in lines[index].content
        and index + 1 < len(lines)
        and TABLE_DELIMITER.fullmatch(lines[index + 1].content) is not None
    )


def _table(lines: list[Line], index: int, blocks: list[Span], prose: list[Line]) -> int:
    """Cells are prose; the delimiter row and the padding that aligns the '|' are protected."""
    delimiter = lines[index + 1]
    blocks.append((delimiter.start, delimiter.end))
    scan = index
    while scan < len(lines) and "|" in lines[scan].content:
        row = lines[scan]
        if row is not delimiter:
            prose.append(row)
            body = row.prefix + row.content
            blocks.extend((row.start + m.start(), row.start + m.end()) for m in TABLE_PADDING.finditer(body))
        scan += 1
    return scan


def _front_matter(lines: list[Line], blocks: list[Span]) -> int:
    """Protect YAML or TOML front matter at the very start; return the index of the next line."""
    closers = FRONT_MATTER.get(lines[0].content.rstrip()) if lines and not lines[0].prefix else None
    if closers:
        for index, line in enumerate(lines[1:], start=1):
            if not line.prefix and line.content.rstrip() in closers:
                blocks.append((0, line.end))
                return index + 1
    return 0


def _indented_code(lines: list[Line], index: int, code_indent: int, blocks: list[Span]) -> int:
    last = index
    scan = index
    while scan < len(lines) and (lines[scan].blank or lines[scan].indent() >= code_indent):
        if not lines[scan].blank:
            last = scan
        scan += 1
    blocks.append((lines[index].start, lines[last].end))
    return last + 1


def _fenced_code(lines: list[Line], index: int, code_indent: int, after_marker: str | None = None) -> int | None:
    """The index after a fenced code block opening at ``index`` (the end of its container if unclosed).

    ``code_indent`` is 4 columns, or 4 past where the text of the list item around it starts: a
    fence is indented less, and a line indented less than that item's text ends the item.
    ``after_marker`` is the text after a list marker, when the fence opens on the marker's line.
    """
    if after_marker is None and lines[index].indent() >= code_indent:
        return None
    opening = FENCE.fullmatch(lines[index].content if after_marker is None else after_marker)
    item_indent = code_indent - 4
    if not opening:
        return None
    fence = opening["fence"]
    if fence[0] == "`" and "`" in opening["info"]:
        return None
    closing = re.compile(rf"{re.escape(fence[0])}{{{len(fence)},}}[ \t]*")
    quotes = lines[index].prefix.count(">")
    for scan in range(index + 1, len(lines)):
        line = lines[scan]
        if line.prefix.count(">") < quotes or (not line.blank and line.indent() < item_indent):
            return scan  # the block quote or list item holding the fence ended, and the fence with it
        if line.prefix.count(">") == quotes and line.indent() < code_indent and closing.fullmatch(line.content):
            return scan + 1
    return len(lines)


def _html_block(lines: list[Line], index: int, max_indent: int, in_paragraph: bool) -> int | None:
    """The index after a raw HTML block starting at ``index``, as CommonMark delimits the kinds."""
    content = lines[index].content
    if lines[index].indent() > max_indent or not content.startswith("<"):
        return None
    for opening, ending in HTML_BLOCK_ENDS:
        match = opening.match(content)
        if match:
            if ending.search(content, match.end()):
                return index + 1
            later = (scan for scan in range(index + 1, len(lines)) if ending.search(lines[scan].content))
            return next(later, len(lines) - 1) + 1
    if HTML_BLOCK_TO_BLANK.match(content) or (not in_paragraph and HTML_TAG_LINE.fullmatch(content)):
        scan = index
        while scan < len(lines) and not lines[scan].blank:
            scan += 1
        return scan
    return None
