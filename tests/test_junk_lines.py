"""The junk-lines filter with the whitespace filter before it (their order in the default
pipeline), in report mode, through the configuration, on the corpus, and on arbitrary text."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from normalize import Config, NormalizeError, Pipeline, clean, fastpath, replay
from normalize.config import from_table
from normalize.datafiles import read_table
from normalize.filters.junk_lines import JunkLinesOptions, any_rule
from normalize.junk_screen import may_hold_junk

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
CASES_FILE = ROOT / "fixtures" / "junk-lines" / "cases.toml"
with CASES_FILE.open("rb") as handle:
    CASES = [pytest.param(case, id=case["label"]) for case in tomllib.load(handle)["case"]]
JUNK_ONLY = Pipeline(Config(filters=("junk-lines",)))
WITH_WHITESPACE = Pipeline(Config(filters=("whitespace", "junk-lines")))
RULE_IN_REASON = re.compile(r"rule '([^']+)'")
TEASER_ARTICLE = (
    "Dollar gains on Greenspan speech\n\n"
    "The dollar has hit its highest level against the euro in almost three months.\n\n"
    "Benitez issues warning to Gerrard\n\n"
    "Advertisement\n\n"
    "Traders said the Federal Reserve chairman had calmed the markets.\n"
)


def assert_stable(pipeline: Pipeline, text: str) -> None:
    result = pipeline.run(text)
    assert result.skipped == ()
    assert replay(text, result.changes) == result.text
    again = pipeline.run(result.text)
    assert again.text == result.text, f"second run changed {[c.before for c in again.changes if c.applied]}"


@pytest.mark.parametrize("case", CASES)
def test_cases_are_stable_after_whitespace(case):
    assert_stable(WITH_WHITESPACE, case["input"])


def run_case(case: dict):
    return Pipeline(from_table({"filters": ["junk-lines"], **case.get("options", {})}, CASES_FILE)).run(case["input"])


@pytest.mark.parametrize("case", CASES)
def test_case_reports_exactly_its_reported_lines(case):
    result = run_case(case)
    assert [change.before for change in result.changes if not change.applied] == case.get("reported", [])


def test_every_rule_of_the_data_file_is_hit_by_a_case():
    hit = {rule for case in CASES for change in run_case(case.values[0]).changes
           for rule in RULE_IN_REASON.findall(change.reason)}
    assert {row["rule"] for row in read_table("junk_lines.tsv")} - hit == set()


def test_removed_lines_show_in_explain_and_diff_with_their_rule():
    result = clean(TEASER_ARTICLE, filters=["junk-lines"])
    assert result.text == (
        "Dollar gains on Greenspan speech\n\n"
        "The dollar has hit its highest level against the euro in almost three months.\n\n"
        "Traders said the Federal Reserve chairman had calmed the markets.\n"
    )
    explain = result.explain("a.txt").splitlines()
    assert explain[0].startswith("a.txt:5:1: junk-lines: 'Benitez issues warning to Gerrard\\n\\n' -> ''  (teaser")
    assert explain[1] == (
        "a.txt:7:1: junk-lines: 'Advertisement\\n\\n' -> ''  "
        "(page furniture (rule 'advertisement': advertisement placeholder))"
    )
    removed = [line for line in result.diff("a.txt").splitlines() if line.startswith("-") and line != "--- a/a.txt"]
    assert removed == ["-Benitez issues warning to Gerrard", "-", "-Advertisement", "-"]


def test_report_mode_changes_nothing_and_reports_everything():
    config = Config(filters=("junk-lines",), options={"junk-lines": JunkLinesOptions(mode="report")})
    result = Pipeline(config).run(TEASER_ARTICLE)
    assert result.text == TEASER_ARTICLE
    assert [(c.before, c.applied) for c in result.changes] == [
        ("Benitez issues warning to Gerrard", False),
        ("Advertisement", False),
    ]


def test_options_come_from_the_configuration_table():
    config = from_table({"junk-lines": {"mode": "report", "wire-credits": True}}, Path("normalize.toml"))
    assert config.options["junk-lines"] == JunkLinesOptions(mode="report", wire_credits=True)
    with pytest.raises(NormalizeError, match="'delete' is not one of 'remove', 'report'"):
        from_table({"junk-lines": {"mode": "delete"}}, Path("normalize.toml"))


def test_removing_a_last_teaser_does_not_expose_another():
    text = (
        "The dollar has hit its highest level against the euro in almost three months.\n\n"
        "Benitez issues warning to Gerrard\n\nTrump taps ex-pharma executive Azar as U.S. health secretary\n"
    )
    assert_stable(JUNK_ONLY, text)


NAME_RESPELLINGS = [  # what the names filter (order 500, after junk-lines) may write for a name
    ("Allied-Domecq", "Allied Domecq"), ("Allied Domecq", "ALLIED-DOMECQ"), ("Erdogan Group", "Erdo\u011fan-Group"),
    ("Allied\u2010Domecq", "allied domecq"),
]


@pytest.mark.parametrize(("spelling", "respelling"), NAME_RESPELLINGS)
def test_a_name_respelled_as_names_may_changes_no_decision(spelling, respelling):
    """A 14-word block that names makes 15 words long, a teaser sharing a name's second word, and a
    duplicate paragraph differing only in a name's spelling are judged the same either way."""
    paragraph = "Shares in {0} rose as staff met in London today for talks on the"  # 15 words, or 14
    article = (
        f"The New York Times reported.\n\n{paragraph}\n\nThe talks were held in the U.S. officials there said\n\n"
        f"Talks over {{0}} went on until late on Monday night.\n\n"
        f"Talks over {{0}} went on until late on Monday night.\n\n"
        "Domecq Erdogan staff Vote on deal\n"
    )
    first, second = (JUNK_ONLY.run(article.format(name)).changes for name in (spelling, respelling))
    assert [(c.original_start, c.original_end, c.applied) for c in first] == [
        (c.original_start, c.original_end, c.applied) for c in second  # each respelling keeps the length
    ]
    assert [c.reason.split(":")[0] for c in first] == [
        "teaser headline of another story", "duplicate paragraph", "teaser headline of another story",
    ]


@pytest.mark.skipif(not (CORPUS / "clean").is_dir(), reason="the shared corpus is not here")
def test_no_line_of_a_clean_article_is_removed():
    removed = []
    for path in sorted((CORPUS / "clean").glob("*.txt")):
        result = WITH_WHITESPACE.run(path.read_text(encoding="utf-8"))
        removed += [(path.name, c.before) for c in result.changes if c.filter == "junk-lines" and c.applied]
    assert removed == []


PIECES = st.sampled_from([
    "The dollar rose.", "Advertisement", "Read more: Egypt and Israel seal trade deal",
    "Benitez issues warning to Gerrard", "Little progress in the region", "Share this article",
    "Facebook", "\u00a0", " ", "\t", "\r\n", "\r", "\n", "\n\n", "\ufeff", "\u2028", "\U0001f600",
    "UNICEF: Sahel children are victims of growing violence", "Traders calmed the markets.",
])


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=14).map("".join))
def test_arbitrary_text_is_stable_and_replays(text):
    assert_stable(JUNK_ONLY, text)
    # Whitespace-clean text stays whitespace-clean once junk is removed. (Whitespace's own
    # stability is its tests' business: it settles 'a.\r\n\u00a0' only in two runs.)
    for _ in range(3):
        text = clean(text, filters=["whitespace"]).text
    cleaned = JUNK_ONLY.run(text).text
    assert clean(cleaned, filters=["whitespace"]).text == cleaned


SCREENED = [  # (text, whether junk-lines finds something in it)
    ("Title\n\nThe dollar rose.\n\n\"It will rise,\" he said.\n", False),
    ("Title\n\nThe dollar rose.\n\nShare this\n  Facebook\n", True),  # a block of furniture lines
    ("Title\n\nThe dollar rose.\n\nREAD MORE: Egypt and Israel seal trade deal.\n", True),
    ("Title\n\nTalks over Allied-Domecq went on until late.\n\nTalks over allied domecq went on until late.\n", True),
    ("Title\n\nStra\u00dfe works began in the town on Monday.\n\nStrasse works began in the town on Monday.\n", True),
    ("Title\n\nThe dollar rose.\n\nBenitez issues warning to Gerrard\n", True),
]


@pytest.mark.parametrize(("text", "found"), SCREENED)
def test_the_screen_passes_what_junk_lines_would_find(text, found):
    assert bool(JUNK_ONLY.run(text).changes) == found
    assert may_hold_junk(text, any_rule(False)) == found


SCREEN_PIECES = st.sampled_from([
    "Title of it", "The dollar rose.", "The dollar rose.\"", "Advertisement", "  Read more: Egypt seals deal",
    "Share this article", "Facebook", "Benitez issues warning to Gerrard", "(Reporting by Jane Doe)",
    "Talks over Allied-Domecq went on until late.", "Talks over allied domecq went on until late.",
    "Stra\u00dfe works began in the town on Monday.", "Strasse works began in the town on Monday.",
    "- - - - - -", "\u00a0", " ", "\n", "\n\n", "\n \n", "\u2028", "\x1c", "\r\n",
])


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(SCREEN_PIECES | st.text(max_size=6), max_size=16).map("".join), st.booleans())
def test_junk_lines_finds_the_same_without_its_screen(text, wire_credits):
    options = {"junk-lines": JunkLinesOptions(wire_credits=wire_credits)}
    pipeline = Pipeline(Config(filters=("junk-lines",), options=options))
    fast = pipeline.run(text)
    with fastpath.disabled():
        slow = pipeline.run(text)
    assert fast == slow
