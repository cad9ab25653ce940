"""Every fast path gives exactly the slow path's output: on every fixture, the corpus, generated text.

Correctness only; speed is measured by ``bench/speed.py`` and ``bench/startup.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from ftfy import TextFixerConfig, fix_text
from ftfy.badness import BADNESS_RE
from ftfy.badness import is_bad as ftfy_is_bad
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_fixtures import all_cases

from normalize import Config, Pipeline, capitalization_candidates, fastpath, mojibake, registry
from normalize.blocks import split_lines
from normalize.filters import all_caps, ftfy_lines, unicode, whitespace

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FTFY_CONFIG = TextFixerConfig(**{**ftfy_lines.FTFY_SETTINGS, "explain": False})
CASES = all_cases()

# Pieces that reach every fast path's edge: odd spaces and breaks, references whole and
# mangled, mojibake, C1 controls, invisible characters, combining marks, lone surrogates.
PIECES = [
    " ", "  ", "\t", "\n", "\n\n", "\n\n\n", "\r\n", "\r", "\u00a0", "\u2003", "\u3000", " \n", "\n ",
    "- ", "1. ", "&", ";", "&amp;", "&quot;", "&quot", ",quot;", ";quot;", " quot;", "#39;", "&#39;",
    "&#x27;", "&amp;amp;quot;", "AT&T", "R&D;", "https://x.org/?a=1&amp;b=2", "www.x.org/&quot;", "/",
    "\u00c3\u00a9", "\u00c3", "\u00c2\u00a3", "\u00a3", "\u00e2\u20ac\u2122", "\u00e2\u20ac", "\u2019",
    "\u00c3 ", "\u0080", "\u0093", "\u00e9", "e\u0301", "\u0301", "\u200b", "\u00ad", "\ufeff", "\x07",
    "\ud83d", "\u00c5\u201c", "\u0153 ", "caf\u00e9", "na\u00c3\u00afve", "\u00d0\u00b0",
]
WORDS = ["word", "He", "said", "the", "Q", "x1", ".", ",", '"', "'", "(", "\u0412"]
texts = st.lists(st.sampled_from(PIECES + WORDS), max_size=40).map("".join)
edge_settings = settings(max_examples=150, deadline=None, derandomize=True)


def both_ways(pipeline: Pipeline, text: str):
    fast = pipeline.run(text)
    with fastpath.disabled():
        slow = pipeline.run(text)
    return fast, slow


def corpus_sample() -> list[str]:
    folders = [CORPUS / "dev" / "input", CORPUS / "clean"]
    if not all(folder.is_dir() for folder in folders):
        pytest.skip("../shared/corpus is not here")
    paths = sorted(folders[0].glob("*.txt"))[::8] + sorted(folders[1].glob("*.txt"))[::8]
    return [path.read_text(encoding="utf-8") for path in paths]


@pytest.mark.parametrize("case", [pytest.param(case, id=case.label) for case in CASES])
def test_fixture_same_without_fast_paths(case) -> None:
    fast, slow = both_ways(Pipeline(case.config), case.source.text)
    assert fast == slow


@given(texts)
@edge_settings
def test_generated_text_same_without_fast_paths(text: str) -> None:
    fast, slow = both_ways(Pipeline(), text)
    assert fast == slow


@pytest.mark.parametrize("name", registry.default_names())
@given(text=texts)
@edge_settings
def test_each_filter_alone_same_without_fast_paths(name: str, text: str) -> None:
    fast, slow = both_ways(Pipeline(Config(filters=(name,))), text)
    assert fast == slow


def test_corpus_sample_same_without_fast_paths() -> None:
    pipeline = Pipeline()
    for text in corpus_sample():
        fast, slow = both_ways(pipeline, text)
        assert fast == slow


@given(texts)
@edge_settings
def test_fix_encoding_is_ftfy_fix_text(text: str) -> None:
    assert ftfy_lines.fix_encoding(text) == fix_text(text, config=FTFY_CONFIG)


def test_fix_encoding_is_ftfy_fix_text_on_fixtures_and_corpus() -> None:
    sample = [case.source.text for case in CASES] + corpus_sample()
    assert [ftfy_lines.fix_encoding(text) for text in sample] == [fix_text(text, config=FTFY_CONFIG) for text in sample]


@given(st.lists(st.sampled_from(PIECES + WORDS + list("\u00c2\u00c3\u00d0\u00d8\u00e0\u00b0\u00d7\u00b2\u221a\u00b1")), max_size=12).map("".join))
@edge_settings
def test_is_bad_is_ftfys(text: str) -> None:
    assert mojibake.is_bad(text) == ftfy_is_bad(text)


def test_every_badness_match_holds_a_non_ascii_character_and_looks_nowhere_else() -> None:
    """What mojibake.is_bad relies on: each branch of ftfy's pattern has a required item that
    only non-ASCII characters match, and the pattern has no lookaround and no anchor but ``^``."""
    from re import _constants as c
    from re import _parser

    parsed = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    (op, (_, branches)), = parsed.data
    assert op is c.BRANCH

    def only_non_ascii(item) -> bool:
        op, av = item
        if op is c.LITERAL:
            return av >= 0x80
        if op is c.IN:
            return all(
                (kind is c.LITERAL and value >= 0x80) or (kind is c.RANGE and value[0] >= 0x80)
                for kind, value in av
            )
        return False

    for branch in branches:
        assert any(only_non_ascii(item) for item in branch.data), branch
    flat = repr(parsed.data)
    assert "ASSERT" not in flat
    assert set(re.findall(r"AT_[A-Z_]+", flat)) <= {"AT_BEGINNING"}
    assert mojibake.badness_pattern()[1] <= mojibake.LONGEST_USEFUL_WIDTH


@given(texts)
@edge_settings
def test_lines_holding_covers_exactly_the_lines_with_a_trigger(text: str) -> None:
    trigger = re.compile("[&;]")
    spans = fastpath.lines_holding(text, trigger)
    covered = "".join(text[start:end] for start, end in spans)
    assert covered == "".join(line for line in re.findall("[^\n]*\n|[^\n]+", text) if trigger.search(line))
    assert all(start == 0 or text[start - 1] == "\n" for start, _ in spans)


def test_a_clean_ascii_file_never_imports_ftfy(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("A clean ASCII article; R&D at AT&T.\n\nSecond paragraph.\n", encoding="utf-8")
    script = (
        "import sys; from normalize.cli import main\n"
        "try:\n    main(['clean', '--check', sys.argv[1]])\n"
        "except SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'ftfy'))"
    )
    completed = subprocess.run([sys.executable, "-c", script, str(article)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "[]"


def test_plugin_scan_agrees_with_importlib_metadata() -> None:
    from importlib.metadata import entry_points

    declared = bool(entry_points(group=registry.ENTRY_POINT_GROUP))
    assert registry.plugins_may_be_declared() or not declared


def test_plugin_scan_finds_a_declared_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    metadata = tmp_path / "some_plugin-1.0.dist-info"
    metadata.mkdir()
    (metadata / "entry_points.txt").write_text(
        f"[{registry.ENTRY_POINT_GROUP}]\nno-tabs = some_plugin.filters\n", encoding="utf-8"
    )
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert registry.plugins_may_be_declared()
    (metadata / "entry_points.txt").write_text("[console_scripts]\nx = y:z\n", encoding="utf-8")
    assert not registry.plugins_may_be_declared()


def test_whitespace_space_chars_are_its_space_pattern() -> None:
    space = re.compile(whitespace.SPACE)
    for code in range(0x10000):
        assert bool(space.fullmatch(chr(code))) == (chr(code) in whitespace.SPACE_CHARS), hex(code)


@given(texts)
@edge_settings
def test_final_break_check_is_the_regex_it_replaced(text: str) -> None:
    final_break = re.search(rf"(?:{whitespace.BREAK}){whitespace.SPACE}*\Z", text)
    assert text.rstrip(whitespace.SPACE_CHARS).endswith(("\n", "\r")) == bool(final_break)


# Lines near unicode's per-line shortcut: pound signs and accents (clean, or bytes of mojibake)
# with every kind of space whitespace changes, invisible and combining characters.
LINE_PIECES = [
    "\u00a3", "\u00a35m", "\u00e9", "\u00c3", "\u00c2", "\u00c3\u00a9", "\u00e2\u20ac", "\u2122", "\u201c", "\u2019",
    "\u00a0", "\u2009", "\t", "\u3000", " ", "  ", "\u00ad", "\u200b", "\u200d", "\u0301", "\ud83d", "\x85", "\x7f",
    "a", "Q", "word", ".", "-",
]
lines = st.lists(st.sampled_from(LINE_PIECES), min_size=1, max_size=12).map("".join).filter(lambda line: line.strip("\r\n"))


@given(lines)
@example(" \u00c3 y")  # ftfy finds '\u00c3 ' bad at the start of a line: once the indent goes
@example("x  \u00c3 y")  # and after a letter and one space: once the run is one space
@settings(max_examples=500, deadline=None, derandomize=True)
def test_a_line_unicode_leaves_alone_is_one_its_slow_path_leaves_alone(line: str) -> None:
    if unicode._left_alone(line):
        with fastpath.disabled():
            assert unicode._repaired(line)[0] == line


def test_unicode_takes_its_shortcuts_where_meant() -> None:
    """Else the tests around prove little."""
    assert unicode._holds_nothing_to_repair("It cost  \u00a35m \u2014 it\u2019s so.\n")
    assert not unicode._holds_nothing_to_repair("It cost \u00c2\u00a35m.")
    assert not unicode._holds_nothing_to_repair("It cost \u00a35m\u200b.")
    pound_and_quote = "It cost \u00a35m, \u2018or more\u2019."  # could be bad together ('\u00a3\u2018')
    assert not unicode._holds_nothing_to_repair(pound_and_quote) and unicode._left_alone(pound_and_quote)
    assert not unicode._left_alone(pound_and_quote.replace(" ", "  ", 1))


@given(texts)
@edge_settings
def test_a_text_holding_nothing_to_repair_is_one_unicode_leaves_alone(text: str) -> None:
    if unicode._holds_nothing_to_repair(text):
        with fastpath.disabled():
            assert list(unicode.unicode(text)) == []


MOJIBAKE_CHARS = list("\u00c2\u00c3\u00d0\u00d8\u00e0\u00b0\u00d7\u00b2\u221a\u00b1\u00a3\u2018\u201c\u0413\u0412\u00a9\u00a0")


@given(st.lists(st.sampled_from(PIECES + WORDS + MOJIBAKE_CHARS), max_size=12).map("".join))
@settings(max_examples=500, deadline=None, derandomize=True)
def test_what_may_not_be_bad_is_not_bad(text: str) -> None:
    assert mojibake.may_be_bad(text) or not ftfy_is_bad(text)


ascii_texts = st.lists(st.sampled_from(["a", " ", "\n", "\r\n", "\t", "\x00", "\x07", "\x0b", "\x1b", "\x1f", "\x7f", "&amp;"]), max_size=20).map("".join)


@given(ascii_texts)
@edge_settings
def test_ascii_text_same_without_fast_paths(text: str) -> None:
    fast, slow = both_ways(Pipeline(Config(filters=("unicode",))), text)
    assert fast == slow


@given(texts)
@edge_settings
def test_break_needing_work_is_the_pairs_it_replaced(text: str) -> None:
    found = whitespace.BREAK_NEEDING_WORK.search(text)
    assert bool(found) == any(pair in text for pair in (" \n", "\n ", "\n\n\n"))


@given(st.from_regex(BADNESS_RE, fullmatch=True))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_every_match_of_ftfys_pattern_may_be_bad(match: str) -> None:
    assert mojibake.may_be_bad(match)


# Lines in capitals or nearly so, for the all-caps filter (off by default, so not in the tests above)
CAPS_PIECES = ["THE", "ARMY", "SAID", "IT", "WON", "LSE", "HEATHROW", "I", "A", "\u00c9T\u00c9", "caf\u00e9", "said", "x", "2.4", "-", "(", "\""]
caps_lines = st.lists(
    st.tuples(st.lists(st.sampled_from(CAPS_PIECES), max_size=10).map(" ".join), st.sampled_from(["", ".", ". I AGREE."]), st.sampled_from(["\n", "\n\n", "\r\n", "\r"])),
    max_size=6,
).map(lambda lines: "".join(words + end + line_break for words, end, line_break in lines))


@given(caps_lines)
@example("I A I A I A.\n")  # six words in as few characters as can hold them
@example("Quiet.\n\nTHE ARMY SAID IT WON AT HEATHROW.")  # no final line break
@edge_settings
def test_all_caps_same_without_fast_paths(text: str) -> None:
    fast, slow = both_ways(Pipeline(Config(filters=("all-caps",))), text)
    assert fast == slow


@given(caps_lines)
@edge_settings
def test_lines_without_lowercase_are_the_lines_without_lowercase(text: str) -> None:
    lines = [line.start for line in split_lines(text) if line.end - line.start >= 11 and not re.search("[a-z]", text[line.start : line.end])]
    assert capitalization_candidates.lines_without_lowercase(text, 11) == lines


def test_all_caps_has_lines_in_capitals_to_recase() -> None:
    """Else the test above proves little."""
    text = "Flights from Heathrow rose.\n\nTHE ARMY SAID IT WON AT HEATHROW. I AGREE.\r\n"
    assert capitalization_candidates.lines_without_lowercase(text, 11) == [text.index("THE")]
    assert [edit.replacement for edit in all_caps.all_caps(text)] == ["he army said it won at Heathrow. I agree"]
