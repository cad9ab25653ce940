"""The names filter's options, user dictionaries, reports and its edits on real clean articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from normalize import Config, Pipeline, clean
from normalize.cli import main
from normalize.config import from_table
from normalize.errors import NormalizeError
from normalize.filters.names import NamesOptions, names, with_user_dictionary
from normalize.names_dictionary import load

CLEAN = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "clean"
HEADER = "canonical\tkind\tvariants\n"


def reports(text: str) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.reason) for e in names(text, NamesOptions()) if not e.apply]


def test_config_resolves_the_dictionary_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "house.tsv").write_text(HEADER + "Barkhane\toperation\t\n", encoding="utf-8")
    config = from_table({"names": {"dictionary": "house.tsv", "style": "ap"}}, tmp_path / "pyproject.toml")
    assert config.options["names"] == NamesOptions(str(tmp_path / "house.tsv"), "ap")
    result = Pipeline(Config(filters=("names",), options=config.options)).run("Operation barkhane and al Qaeda.")
    assert result.text == "Operation Barkhane and al-Qaida."


def test_unknown_style_is_an_error_naming_the_known_ones() -> None:
    with pytest.raises(NormalizeError, match="unknown style 'nyt' \\(known: ap, bbc\\)"):
        NamesOptions(style="nyt")


@pytest.mark.parametrize(
    ("content", "message"),
    [("ISIS\tarmed-group\tISIL\n", "starts with the header line"), (HEADER + "ISIS ISIL\n", "x.tsv:2: expected")],
)
def test_a_broken_user_dictionary_names_the_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "x.tsv").write_text(content, encoding="utf-8")
    with pytest.raises(NormalizeError, match=message):
        NamesOptions(dictionary=str(tmp_path / "x.tsv"))


def test_a_user_row_replaces_the_shipped_rows_it_overlaps(tmp_path: Path) -> None:
    (tmp_path / "x.tsv").write_text(HEADER + "ISIS\tarmed-group\tISIL|Isil\n", encoding="utf-8")
    entries = load(str(tmp_path / "x.tsv"), "").entries
    assert entries["isil"] is entries["isis"]
    assert entries["isis"].imposed and not load(None, "").entries["isis"].imposed


def test_the_matcher_is_built_once_per_options() -> None:
    assert load(None, "") is load(None, "")
    assert load(None, "ap") is not load(None, "")


@pytest.mark.parametrize(
    ("text", "reported", "why"),
    [
        ("In Allied Domecq, Allied-Domecq, Allied-Domecq and Allied Domecq.", "Allied-Domecq", "used equally often"),
        ("Mittal Steel grew as Mittal Steel bought Mittal steel plants.", "Mittal steel", "'steel' is a common word"),
        ("Turkey exports turkey meat.", "turkey", "also a common word"),
        ('"think tbwa shd reply," wrote the TBWA boss to TBWA staff.', "tbwa", "lowercase 'tbwa'"),
    ],
)
def test_unsure_cases_are_reported_not_changed(text: str, reported: str, why: str) -> None:
    found = reports(text)
    assert found and all(before == reported and why in reason for before, reason in found), found


def test_cli_names_flag_adds_a_user_dictionary(tmp_path: Path) -> None:
    (tmp_path / "house.tsv").write_text(HEADER + "ISIS\tarmed-group\tISIL\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("operations against ISIL (ISIS group)\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", "--names", str(tmp_path / "house.tsv"), str(tmp_path / "a.txt")])
    assert result.exit_code == 0, result.output
    assert result.output == "operations against ISIS (ISIS group)\n"


def test_with_user_dictionary_keeps_the_configured_style(tmp_path: Path) -> None:
    (tmp_path / "house.tsv").write_text(HEADER, encoding="utf-8")
    config = Config(options={"names": NamesOptions(style="bbc")})
    options = with_user_dictionary(config, tmp_path / "house.tsv").options["names"]
    assert options == NamesOptions(str(tmp_path / "house.tsv"), "bbc")


@pytest.mark.skipif(not CLEAN.is_dir(), reason="the shared corpus is not beside the repository")
def test_no_edit_on_clean_articles() -> None:
    applied = []
    for path in sorted(CLEAN.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        applied += [(path.name, text[e.start : e.end], e.replacement) for e in names(text, NamesOptions()) if e.apply]
    assert applied == []


@settings(derandomize=True, max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("aAlL QqeEdDiInNyYkKoOsS-'’.\n,éÉıİ")), max_size=60)
    | st.text(max_size=40)
)
def test_any_text_is_cleaned_without_error_and_stays_clean(text: str) -> None:
    pipeline = Pipeline(Config(filters=("names",)))
    result = pipeline.run(text)
    assert pipeline.run(result.text).text == result.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The lowercase sentence start is capitalized later (order 600): no doubt about 'december'.
        ("The service grew.\n\nthe service, launched in december, sold well. Sales rose in December and fell "
         "after December.\n",
         "The service grew.\n\nThe service, launched in December, sold well. Sales rose in December and fell "
         "after December.\n"),
        # 'alicia Keys' opening a sentence votes as the 'Alicia Keys' capitalization will make of it.
        ("The show features Green Day, Alicia Keys and U2. The song will also feature alicia Keys on stage. "
         "It won awards. alicia Keys and Usher share the lead.\n",
         "The show features Green Day, Alicia Keys and U2. The song will also feature Alicia Keys on stage. "
         "It won awards. Alicia Keys and Usher share the lead.\n"),
        # A message quoted after a colon keeps its lowercase on every run.
        ('The BBC aired it on Newsnight, and Newsnight ran it. He said: "just spoke to trev. think we shd call '
         'newsnight."\n', None),
    ],
)
def test_the_default_pipeline_edits_names_once(text: str, expected: str | None) -> None:
    first = clean(text)
    assert first.text == (text if expected is None else expected)
    assert not [change for change in clean(first.text).changes if change.applied]


def test_a_mention_opening_a_sentence_follows_the_spelling_it_shares() -> None:
    """'Nato' opening a sentence may be 'nato' capitalized: rewritten with 'nato', or a second run
    would count 'NATO' and 'Nato' as two spellings."""
    text = '"Strong year,"nato commanders spoke.\n\nNato troops arrived.\n'
    found = [(text[e.start : e.end], e.replacement, e.apply) for e in names(text, NamesOptions())]
    assert found == [("nato", "NATO", True), ("Nato", "NATO", True)]
    assert [e.replacement for e in names("Nato troops and Nato bases.", NamesOptions())] == []  # a house style


def test_a_sentence_opener_spelled_like_an_unknown_spelling_elsewhere_is_rewritten_with_it() -> None:
    """'Burkina faso' opening a sentence is 'burkina faso' capitalized: both are no known spelling."""
    text = "Burkina faso is poor. He visited burkina faso."
    found = [(text[e.start : e.end], e.replacement, e.reason, e.apply) for e in names(text, NamesOptions())]
    assert found == [
        ("Burkina faso", "Burkina Faso", "'Burkina faso' opens a sentence, spelled 'burkina faso' elsewhere: "
         "no known spelling of Burkina Faso (country)", True),
        ("burkina faso", "Burkina Faso", "'burkina faso' is no known spelling of Burkina Faso (country)", True),
    ]


@pytest.mark.parametrize(
    "text",
    ["He went to Berli\u0144\u0301 and Berlin.", "Shares in Yukos and Yukos staff; yukos\u0301 fell."],
)
def test_a_name_a_combining_mark_follows_is_left_alone(text: str) -> None:
    """Rewritten, its last letter would compose with the mark on the next run (NFC)."""
    marked = text.index("\u0301")
    assert [e for e in names(text, NamesOptions()) if e.end == marked] == []
    assert [e.replacement for e in names(text.replace("\u0301", ""), NamesOptions())] in (["Berlin"], ["Yukos"])
