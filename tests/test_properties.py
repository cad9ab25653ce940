"""Properties of every registered filter alone and of the default pipeline, over generated text.

For any input (real article snippets, scraper artifacts, and arbitrary Unicode including lone
surrogates, combining marks, RTL text, emoji ZWJ sequences, NUL, mixed line breaks, long lines
and the empty string), ``clean()``:

1. does not crash, and skips no edit (``result.skipped == ()``: a skipped edit is a filter bug);
2. is idempotent: cleaning the output again changes nothing;
3. logs exactly what it did: ``replay(input, result.changes) == result.text``;
4. accounts for every removed or altered character: the input outside the changes' original
   spans comes back in the output, in order, unaltered; and no applied change is a no-op;
5. explains every change on exactly one line.

Besides: CRLF text cleans as the same text with LF does; a 1 MB line and the empty text keep the
properties; and no filter makes more than 20 Python calls per character of a long line (a
count, not a clock: quadratic work shows at once, the same on any machine). Bugs found are pinned
as strict xfail cases (``REGRESSIONS``); a search that only meets one of them again draws
another example instead of failing (``KNOWN_IDEMPOTENCE_BUGS``).

The filters are read from the registry, so a filter registered later is covered without editing
this file. ``fuzz/fuzz_clean.py`` drives :func:`check_properties` with the same strategies under
atheris; :func:`test_fuzzer_runs` runs it for a few seconds when atheris is installed.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from normalize import Change, Result, clean, replay
from normalize.names_dictionary import fold
from normalize.registry import all_filters

ROOT = Path(__file__).resolve().parent.parent
FILTER_NAMES = [spec.name for spec in all_filters()]
PROPERTY_SETTINGS = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,  # the first call imports ftfy, which is slow
    suppress_health_check=[HealthCheck.too_slow],
)


def _real_snippets() -> list[str]:
    """Lines of the seed article and of every fixture input: real text, real artifacts."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted(ROOT.glob("fixtures/*/*.input.txt"))]
    for cases in sorted(ROOT.glob("fixtures/*/cases.toml")):
        texts += [case["input"] for case in tomllib.loads(cases.read_text(encoding="utf-8"))["case"]]
    snippets = {line for text in texts for line in text.splitlines() if line.strip()}
    # sentences and words as well as lines, so edits land next to each other and to odd text
    snippets |= {part for line in list(snippets) for part in re.split(r"(?<=[.,;:]) ", line)}
    return sorted(snippets)


SNIPPETS = _real_snippets()
ARTIFACTS = [
    "&amp;", "&amp;quot;", "&amp;amp;#39;", "&quot", "&#39;", "&#x27;", "&#8217;", "&nbsp;",
    ",quot;", ";quot;", " quot;", "#39;s", ",#39;", "&#0;", "&#xD800;", "&#1114111;", "AT&T",
    "\u00c2\u00a3", "\u00e2\u20ac\u2122", "\u00c3\u00a9", "\u00c3", "\u00e2\u20ac",
    "\u00a0", "\u2009", "\u202f", "\u3000", "\t", "  ", " \n", "\n\n\n", "   - item",
]
HOSTILE = [
    "",
    "\ud83d",  # the high half of an emoji, alone
    "\udc4d",  # the low half, alone
    "\ud83d\udc4d",  # a surrogate pair as two code points (what a UTF-16 reader may hand us)
    "e\u0301",  # e + combining acute
    "\u0301\u0301\u0327",  # combining marks with no base
    "\u1e9b\u0323",  # NFC reorders these
    "\u2126",  # Ohm sign: NFC swaps it for Omega on its own
    "\uf900",  # CJK compatibility ideograph
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",  # Hebrew and Arabic
    "\u200f\u202e\u2066\u2069",  # RTL mark, override, isolates
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # family: emoji ZWJ sequence
    "\U0001f1eb\U0001f1f7",  # flag: regional indicators
    "\U0001f44d\U0001f3fd",  # skin-tone modifier
    "\u0915\u094d\u200d\u0937",  # Devanagari with ZWJ
    "\u0646\u0645\u200c\u06cc",  # Persian with ZWNJ
    "\x00", "\x00\x00", "\x7f", "\x1b[31m", "\x85", "\u2028", "\u2029", "\x0b", "\x0c",
    "\ufeff", "\u00ad", "\u200b", "\u2060", "\u180e", "\ufffd",
    "\r", "\r\n", "\n\r", "\r\r\n", "\r\n\n", "\n\r\n\r",
]
LINE_BREAKS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]

any_text = st.text(st.characters(exclude_categories=()), max_size=12)  # surrogates included
pieces = st.one_of(
    st.sampled_from(SNIPPETS),
    st.sampled_from(ARTIFACTS),
    st.sampled_from(HOSTILE),
    st.sampled_from(LINE_BREAKS),
    any_text,
)
articles = st.lists(pieces, max_size=24).map("".join)


def untouched_pieces(original: str, result: Result) -> list[str]:
    """The input between the applied changes' original spans, split at every change."""
    spans = sorted((c.original_start, c.original_end) for c in result.changes if c.applied)
    found, cursor = [], 0
    for start, end in spans:
        if start >= cursor:
            found.append(original[cursor:start])
            cursor = start
        cursor = max(cursor, end)
    found.append(original[cursor:])
    return found


def assert_accounted_for(result: Result) -> None:
    """Every character outside a change comes back unaltered, in order, in the output."""
    pieces = untouched_pieces(result.original, result)
    output = result.text
    if len(pieces) == 1:
        assert output == result.original, "the text changed, but no change says so"
        return
    first, *middle, last = pieces
    assert output.startswith(first), f"text before the first change was altered: {first!r}"
    cursor = len(first)
    for piece in middle:
        found = output.find(piece, cursor)
        assert found >= 0, f"untouched text {piece!r} is missing from the output"
        cursor = found + len(piece)
    assert output.endswith(last) and len(output) - len(last) >= cursor, (
        f"text after the last change was altered: {last!r}"
    )


def _filters(changes: Iterable[Change]) -> set[str]:
    """The filters that changed the text (report-only changes do not count)."""
    return {change.filter for change in changes if change.applied}


# Idempotence bugs pinned by a strict xfail case in REGRESSIONS: a second run that only repeats
# one of them is not reported again, so the search goes on for new ones.
KNOWN_IDEMPOTENCE_BUGS = {}  # reason -> whether a second run's changes repeat that bug


def _known_bug(reason: str, repeats: Callable[[list[Change], list[Change]], bool]) -> pytest.MarkDecorator:
    """Pin one idempotence bug: the search skips it, and its REGRESSIONS cases are strict xfails."""
    KNOWN_IDEMPOTENCE_BUGS[reason] = repeats
    return pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)


JUNK_BEFORE_NAMES_VARIANT = _known_bug(
    "junk-lines (order 400) counts and compares words as names (500) cannot change them by case, hyphen "
    "or space, or diacritics; a dictionary variant spelled with other words or letters still can "
    "('Bosnia-Herzegovina' -> 'Bosnia and Herzegovina' makes a 14-word block a 15-word paragraph), and "
    "so can a user's dictionary or a style, which junk-lines does not know",
    lambda first, again: _filters(again) == {"junk-lines"} and any(
        change.filter == "names" and change.applied and fold(change.before) != fold(change.after) for change in first
    ),
)

NAMES_MAJORITY_MAKES_MAJORITY = _known_bug(
    "names' majority rule rewrites a name ('el Guerrouj' -> 'El Guerrouj'), and what it wrote gives a "
    "longer spelling ('Hicham El') the votes for a majority of its own, applied only on a second run",
    lambda first, again: "names" in _filters(first) and _filters(again) == {"names"}
    and all(change.before.lower() == change.after.lower() for change in again if change.applied),
)


def known_idempotence_bug(result: Result, again: Result) -> str | None:
    """Which pinned bug, if any, a non-idempotent run repeats."""
    for bug, repeats in KNOWN_IDEMPOTENCE_BUGS.items():
        if repeats(result.changes, again.changes):
            return bug
    return None


def check_properties(text: str, filters: Sequence[str] | None, *, searching: bool = True) -> None:
    """Assert every property in this module's docstring for ``clean(text, filters)``.

    ``searching``: a known idempotence bug rejects the example (hypothesis then draws another),
    instead of failing; the xfail cases in REGRESSIONS check those with ``searching=False``.
    """
    result = clean(text, filters)
    assert result.skipped == (), f"edits were skipped: {result.skipped}"
    assert replay(text, result.changes) == result.text, "the change log does not replay"
    no_ops = [c for c in result.changes if c.applied and c.before == c.after]
    assert not no_ops, f"changes that change nothing: {no_ops}"
    assert_accounted_for(result)
    assert len(result.explain().splitlines()) == len(result.changes), "an explain line broke"
    again = clean(result.text, filters)
    if searching and again.text != result.text:
        assume(known_idempotence_bug(result, again) is None)
    assert again.text == result.text, "cleaning the output again changed it:\n" + again.explain()


@pytest.mark.parametrize("name", FILTER_NAMES)
@PROPERTY_SETTINGS
@given(text=articles)
def test_each_filter_alone(name: str, text: str) -> None:
    check_properties(text, [name])


@settings(PROPERTY_SETTINGS, max_examples=200)
@given(text=articles)
def test_default_pipeline(text: str) -> None:
    check_properties(text, None)


@PROPERTY_SETTINGS
@given(text=articles.map(lambda text: text.replace("\r", "")))
def test_crlf_input_cleans_like_lf_input(text: str) -> None:
    """A library user may pass CRLF text: it must clean as the LF text does, CRLF kept."""
    assume("\n" in text)  # with no line break at all, the text's style is LF
    as_crlf = clean(text.replace("\n", "\r\n")).text
    assert as_crlf == clean(text).text.replace("\n", "\r\n")


REGRESSIONS = [
    pytest.param("x\n\u00a0", ["whitespace"], id="whitespace: a space after the last break, then a newline added"),
    pytest.param("x\r\u2009", ["whitespace"], id="whitespace: a space after a last CR, then a newline added"),
    pytest.param(" 1.\t", ["whitespace"], id="whitespace: a list marker with no item keeps no indent"),  # fuzzer
    pytest.param("\u00c3\u2009x", None, id="thin space after 'Ã' becomes ' ', read as 'à'"),
    pytest.param("\u00c3\tx", None, id="tab after 'Ã' becomes ' ', read as 'à'"),
    pytest.param("\u00c3\u3000x \u00c3\u2009\u2009la", None, id="ideographic space, two thin spaces after 'Ã'"),
    pytest.param("\r\u00c3\tla carte", None, id="'Ã' after a CR and before a tab"),  # fuzzer
    pytest.param(" \u00c3 x", None, id="'Ã' after an indent whitespace removes"),
    pytest.param("\u00ad\u00ad\u00c2\u00a3", ["unicode"], id="soft hyphens before 'Â£'"),  # fuzzer
    pytest.param("\u00e2\u20ac\u2122\u00a0\u00c2\u00a3\u00c2\u00a3", None, id="'Â£Â£' after a U+00A0 ftfy leaves"),  # fuzzer
    pytest.param("e\u0301\u00c3\tla carte", ["unicode"], id="'Ã' after a letter NFC composes"),  # fuzzer
    pytest.param("\u00c2\u00a3\u00a0\u00c2\u00a3\u00a0\u00c2\u00a3", ["unicode"], id="'Â£' thrice, U+00A0 between"),  # fuzzer
    pytest.param(  # found by fuzz/fuzz_clean.py
        "\u3000\n\r\n\rAdvertisement", None, id="only furniture after blank lines",
    ),
    pytest.param(  # found by fuzz/fuzz_clean.py
        "The New York Times reported.\n\nShares in Allied Domecq rose as Allied Domecq and Allied-Domecq staff "
        "met.&pound;5m and &#163;7m\n\nThe talks were held in the U.S. officials there said they were hopeful", None,
        id="names makes the block before a headline-like last line a paragraph",
    ),
    pytest.param(  # what the case above leaves: a listed variant with another word
        "The New York Times reported.\n\nTroops in Bosnia and Herzegovina left as Bosnia-Herzegovina staff met in "
        "London on\n\nThe talks were held in the U.S. officials there said they were hopeful\n", None,
        marks=JUNK_BEFORE_NAMES_VARIANT,
        id="a dictionary variant's other word makes the block before a last line a paragraph",
    ),
    pytest.param(  # found by fuzz/fuzz_clean.py
        "The region waits for rain, and so do the farmers of the valley.\n\n&#39;nato commanders spoke", None,
        id="\"'nato\" -> \"'NATO\" makes the last line a teaser headline",
    ),
    pytest.param("&nbsp;\u00c2\u00a35m", None, id="'Â£' repaired only once the NBSP before it is gone"),
    pytest.param(  # found by fuzz/fuzz_clean.py
        "&quot\u00c2\u00a3\n", None, id="'&quot' before 'Â£', decoded once it is '£'",
    ),
    pytest.param("\u00f7\u200b\u00c4", ["unicode"], id="zero-width space between mojibake halves"),
    pytest.param("\u00c3\x1f\x80", ["unicode"], id="control character between mojibake halves"),
    pytest.param("ranked #39;\x0b10 more", None, id="removed control makes '#39;' attached"),
    pytest.param("&amp;e\u0301", None, id="NFC makes '&amp;' decodable"),
    pytest.param(  # found by fuzz/fuzz_clean.py
        "nato commanders spoke.Hicham El Guerrouj won; El Guerrouj said el Guerrouj would rest.",
        ["names"], id="'nato' -> 'NATO' ends the lowercase sentence",
    ),
    pytest.param(  # found by fuzz/fuzz_clean.py
        '"we are investing," he said.Bids for Deutsche Boerse grew as Deutsche Boerse and deutsche Boerse staff met.\n',
        None, id="capitalization's 'we' -> 'We' ends the lowercase sentence",
    ),
    pytest.param(  # found by fuzz/fuzz_clean.py
        '"Strong year,"nato commanders spoke.\n\nNato troops arrived.\n',
        ["names"], id="'nato' -> 'NATO', then 'Nato' is outvoted",
    ),
    pytest.param(  # found by fuzz/fuzz_clean.py
        "He went to Berlin\u0301\u0301.", None,
        id="'Berli\u0144' -> 'Berlin' leaves a combining acute that makes it 'Berli\u0144' again",
    ),
    pytest.param(  # found by fuzz/fuzz_clean.py
        "Another one.\r\nAnother one.Bolton v Arsenal or Sheffield United\nOFFICIALS SAID.\r\nAnother "
        "one.Bolton v Arsenal or Sheffield United\n\r\nAnother one.Kyiv was calm on Sunday.Niger and Chad signed.\u00c3",
        None, id="a teaser removed, the repeated line before it is removed next run",
    ),
    pytest.param(  # the fuzzer's 'el Guerrouj' -> 'El Guerrouj' on a second run, made small
        "Hicham El Guerrouj and El Guerrouj met Hicham el Hicham el Guerrouj.\n", None,
        marks=NAMES_MAJORITY_MAKES_MAJORITY, id="'el Guerrouj' -> 'El Guerrouj' gives 'Hicham El' a majority",
    ),
    pytest.param(  # found by fuzz/fuzz_clean.py
        "Bids for Deutsche Boerse grew as Deutsche Boerse staff met.\nnato commanders spoke\n",
        None, id="'nato' -> 'NATO' makes the last line a teaser headline",
    ),
]


@pytest.mark.parametrize(("text", "filters"), REGRESSIONS)
def test_regression(text: str, filters: list[str] | None) -> None:
    check_properties(text, filters, searching=False)


class WorkBudgetExceeded(Exception):
    """More Python calls than the budget allows: the work grows faster than the input."""


def count_calls(function: Callable[[], object], budget: int) -> int:
    """How many Python-level calls ``function()`` makes; raise as soon as it exceeds ``budget``.

    A count, not a clock: the same on a busy machine, and it stops a runaway at once.
    """
    calls = 0

    def count(_frame: object, _event: str, _arg: object) -> None:
        nonlocal calls
        calls += 1
        if calls > budget:
            raise WorkBudgetExceeded(f"more than {budget} calls")

    sys.setprofile(count)
    try:
        function()
    finally:
        sys.setprofile(None)
    return calls


def one_megabyte(unit: str) -> str:
    return (unit * (2**20 // len(unit) + 1))[: 2**20]


ARTICLE_LINE = " ".join(SNIPPETS) + " "
ARTIFACT_LINE = ARTICLE_LINE + "caf\u00c3\u00a9 &amp;quot; \u00a0\u200b \u00e2\u20ac\u2122 " * 100


def filter_sets() -> list:
    """The default pipeline and every registered filter alone."""
    return [
        pytest.param(filters, id=" ".join(filters or ["default pipeline"]))
        for filters in [None, *([name] for name in FILTER_NAMES)]
    ]


@pytest.mark.parametrize("filters", filter_sets())
def test_one_megabyte_line(filters: list[str] | None) -> None:
    check_properties(one_megabyte(ARTICLE_LINE), filters, searching=False)


@pytest.mark.parametrize("filters", filter_sets())
def test_empty_input(filters: list[str] | None) -> None:
    check_properties("", filters, searching=False)


@pytest.mark.parametrize("filters", filter_sets())
def test_work_grows_linearly_on_a_long_line(filters: list[str] | None) -> None:
    """At most 20 Python calls per character on a one-line article full of artifacts.

    A short run first pays the one-time costs (importing ftfy, compiling patterns, reading
    data files, building the names matcher), which would otherwise count, or not, depending on
    which tests ran before.
    """
    clean(ARTIFACT_LINE[-2000:], filters)  # its artifacts: ftfy imported, every pattern compiled
    count_calls(lambda: clean(ARTIFACT_LINE, filters), budget=20 * len(ARTIFACT_LINE))


def test_untouched_pieces_split_at_every_change() -> None:
    """The accounting helper itself: pieces between, before and after changes, insertions too."""
    result = clean("a  b\u00a0c", ["whitespace"])  # run of spaces; NBSP; final newline inserted
    assert result.text == "a b c\n"
    assert untouched_pieces(result.original, result) == ["a", "b", "c", ""]
    assert_accounted_for(result)
    forged = Result(result.original, "a b x\n", result.changes)
    with pytest.raises(AssertionError, match="'c' is missing"):
        assert_accounted_for(forged)


def test_fuzzer_runs(tmp_path: Path) -> None:
    """A few seconds of coverage-guided fuzzing, when atheris is installed (`.[fuzz]`)."""
    pytest.importorskip("atheris")
    run = subprocess.run(  # in tmp_path: libFuzzer writes a crash-* file there on failure
        [sys.executable, str(ROOT / "fuzz" / "fuzz_clean.py"), "-max_total_time=5", "-seed=1"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    executed = re.search(r"Done (\d+) runs", run.stderr)
    assert executed and int(executed[1]) > 0, run.stderr[-2000:]
