"""Protected spans: each Markdown construct is protected exactly, and prose around it is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from normalize import clean, replay
from normalize.markdown_blocks import LINE
from normalize.protect import markdown_spans, protected_spans

CORPUS_CLEAN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "clean"

# (label, Markdown text, the exact protected substrings in order)
CASES = [
    ("YAML front matter", "---\ntitle: a  b\n---\nBody  text\n", ["---\ntitle: a  b\n---"]),
    ("TOML front matter", "+++\ntitle = 'a'\n+++\nBody\n", ["+++\ntitle = 'a'\n+++"]),
    ("a rule later on is not front matter", "Text\n---\nMore\n", []),
    ("unclosed front matter is prose", "---\ntitle: a\n", []),
    ("backtick fence", "a\n\n```py\nx  =  1\n```\nb\n", ["```py\nx  =  1\n```"]),
    ("tilde fence, longer closer", "~~~\na &amp; b\n~~~~\n", ["~~~\na &amp; b\n~~~~\n"]),
    ("unclosed fence runs to the end", "```\ncode\n\nmore", ["```\ncode\n\nmore"]),
    ("an unclosed fence owns the blank lines at the end", "~~~\nx\n\n\r\n", ["~~~\nx\n\n\r\n"]),
    ("odd spaces count as indentation", "\u00a0```\nx  y\n```\n", ["\u00a0```\nx  y\n```\n"]),
    ("a line of invisible characters is blank", "Para\n\u200b\n    code\n", ["    code"]),
    ("a shorter fence does not close", "````\n```\nx\n````\n", ["````\n```\nx\n````\n"]),
    ("indented code after a blank line", "Para\n\n    code  here\n    more\n\nText\n", ["    code  here\n    more"]),
    ("indented line continuing a paragraph is prose", "Para\n    not code\n", ["    "]),
    ("list continuation is prose, its indentation is protected", "- item\n\n    continued  text\n", ["    "]),
    ("code inside a list item", "- item\n\n        code\n", ["        code"]),
    ("a fence on the list marker's line", "- ```\n  x  y\n  ```\nText  here\n", ["- ```\n  x  y\n  ```"]),
    ("a fence inside a list item", "1.  item\n\n    ```\n    x  y\n    ```\n", ["    ```\n    x  y\n    ```\n"]),
    ("inline code", "Use `a  b` and ``c ` d``.\n", ["`a  b`", "``c ` d``"]),
    ("an escaped backtick opens nothing", "a \\`b` c\n", []),
    ("an unmatched backtick is prose", "it`s fine\n", []),
    ("inline link target and title", 'A [text  here](https://x.org/a_(b) "T &amp;") b\n', ['(https://x.org/a_(b) "T &amp;")']),
    ("image target", "![alt  text](img.png)\n", ["(img.png)"]),
    ("full reference label", "[text][my ref]\n\n[my ref]: /u\n", ["[my ref]", "[my ref]: /u"]),
    ("shortcut reference to a definition", "See [Archive].\n\n[archive]: /a\n", ["[Archive]", "[archive]: /a"]),
    ("brackets without a definition are prose", "See [Archive].\n", []),
    ("a footnote is prose, even of one word", "Note[^1].\n\n[^1]: Short.\n", []),
    ("autolinks", "<https://x.org/?a=1&amp;b> or <ed@x.org>\n", ["<https://x.org/?a=1&amp;b>", "<ed@x.org>"]),
    ("inline HTML tags, not their content", 'a <b class="x  y">bold  text</b>\n', ['<b class="x  y">', "</b>"]),
    ("HTML comment", "a <!-- note  &amp; --> b\n", ["<!-- note  &amp; -->"]),
    ("HTML block to a blank line", "<div>\n  x  &amp;\n</div>\n\nText\n", ["<div>\n  x  &amp;\n</div>"]),
    ("script block to its closing tag", "<script>\n\nx\n</script>\nText\n", ["<script>\n\nx\n</script>"]),
    ("a tag alone does not interrupt a paragraph", "Para\n<span>x</span>\n", ["<span>", "</span>"]),
    ("block quote markers", "> a  b\n> c\n", ["> ", "> "]),
    ("fence inside a block quote", "> ```\n> x  y\n> ```\n", ["> ```\n> x  y\n> ```\n"]),
    ("hard line break", "one  \ntwo\n", ["  "]),
    ("trailing spaces before a blank line are not a break", "one  \n\ntwo\n", []),
    ("bare URL without its full stop", "Go to www.bbc.co.uk/news.\n", ["www.bbc.co.uk/news"]),
    ("table: delimiter row and padding, not the cells", "| A  b | C |\n|:--|--:|\n| x  y |  z |\n", [" ", " ", " ", " ", "|:--|--:|", " ", " ", "  ", " "]),
    ("a pipe without a delimiter row is prose", "a | b  c\n", []),
    ("headings and emphasis are prose", "# A  title\n\n*a  b* and _c_\n", []),
    ("CRLF lines", "```\r\nx  y\r\n```\r\nText  here\r\n", ["```\r\nx  y\r\n```"]),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=label) for label, t, e in CASES])
def test_markdown_spans(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in markdown_spans(text)] == expected


def test_suffix_chooses_the_format() -> None:
    text = "`a  b` at https://x.org/\n"
    assert [text[s:e] for s, e in protected_spans(text, "notes.MD")] == ["`a  b`", "https://x.org/"]
    assert [text[s:e] for s, e in protected_spans(text, "notes.markdown")] == ["`a  b`", "https://x.org/"]
    assert [text[s:e] for s, e in protected_spans(text, "notes.txt")] == ["https://x.org/"]


def test_pipeline_cleans_prose_and_leaves_protected_spans() -> None:
    text = "A &quot;quote&quot;  here, `&quot;code&quot;  ` and [a  link](/x?a&amp;b).\n"
    result = clean(text, protected=protected_spans(text, "a.md"))
    assert result.text == 'A "quote" here, `&quot;code&quot;  ` and [a link](/x?a&amp;b).\n'
    assert {skip.why for skip in result.skipped} == {"touches a protected span"}


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab `~<>[]()!\\*-#+:=\"'\n\r\t 4/.&;")), max_size=80))
def test_spans_are_sorted_disjoint_and_inside_the_text(text: str) -> None:
    spans = markdown_spans(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(left[1] < right[0] or left[1] == right[0] for left, right in zip(spans, spans[1:]))


MARKDOWN_PIECES = [
    "a", "B", " ", "  ", "\n", "\n\n", "\r\n", "\t", "`", "```", "~~~", "    ", "- ", "1. ", "> ", "#",
    "[", "]", "(", ")", "<", ">", "<div>", "|", "---", "+++", "*", "!", "http://x.org/a",
    "&quot;", ",quot;", "&amp;", "\u00a0", "caf\u00c3\u00a9",
]


@settings(derandomize=True, max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=30).map("".join))
def test_cleaning_markdown_twice_changes_nothing_more(text: str) -> None:
    if clean(clean(text).text).text != clean(text).text:
        return  # a filter's own instability, which protection cannot cause or cure
    result = clean(text, protected=protected_spans(text, "a.md"))
    assert replay(result.original, result.changes) == result.text
    assert clean(result.text, protected=protected_spans(result.text, "a.md")).text == result.text


BLOCK_LINES = [
    "", "Prose here", "More prose", "    indented", "        deeper", "\tTabbed", "```", "```py", "~~~", "````",
    "- item", "  - nested", "1. one", "   continued", "> quote", "> ```", ">     code", "<div>", "</div>",
    "<!-- note -->", "<!--", "-->", "<script>", "</script>", "<pre>", "</pre>", "# Heading", "---", "***",
    "    - not a list", "  ```", "    ```", "- ```", "1. ~~~",
]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(BLOCK_LINES), min_size=1, max_size=12))
def test_code_and_html_blocks_are_where_commonmark_puts_them(lines: list[str]) -> None:
    """Every line markdown-it (CommonMark) puts in a code or HTML block is protected whole."""
    markdown_it = pytest.importorskip("markdown_it")
    text = "Prose first, so that no front matter starts the text.\n" + "\n".join(lines) + "\n"
    blocks = {
        line
        for token in markdown_it.MarkdownIt("commonmark").parse(text)
        if token.type in ("fence", "code_block", "html_block")
        for line in range(*token.map)
    }
    spans = markdown_spans(text)
    line_spans = [(match.start(), match.start() + len(match[0].rstrip("\r\n"))) for match in LINE.finditer(text)]
    for number in sorted(blocks):
        start, end = line_spans[number]
        assert any(s <= start and end <= e for s, e in spans), f"line {number} of {text!r}"


def test_zero_width_character_between_backtick_runs_is_kept() -> None:
    """Removing it would join '`' and '```' into one run: other text would be code on a second run."""
    text = "`\u200b```    ```"
    result = clean(text, protected=protected_spans(text, "a.md"))
    assert result.text == text + "\n"
    assert clean(result.text, protected=protected_spans(result.text, "a.md")).text == result.text


@pytest.mark.skipif(not CORPUS_CLEAN.is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_clean_corpus_comes_back_unchanged(suffix: str) -> None:
    changed = []
    for path in sorted(CORPUS_CLEAN.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if clean(text, protected=protected_spans(text, path.stem + suffix)).changed:
            changed.append(path.name)
    assert changed == []
