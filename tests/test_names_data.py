"""The names data files: one canonical per spelling, every spelling matchable, styles that fit.

Sorting and unique first columns are checked for every data file by test_data_files.py."""

from __future__ import annotations

import pytest

from normalize.datafiles import data_lines, read_table
from normalize.names_dictionary import COLUMNS, fold, load, strip_diacritics, styles

KINDS = {"agency", "armed-group", "capital", "city", "country", "leader", "organisation", "region"}
ROWS = read_table("names.tsv")


def spellings(row: dict[str, str]) -> list[str]:
    return [row["canonical"], *filter(None, row["variants"].split("|"))]


def test_header_and_kinds() -> None:
    assert list(ROWS[0]) == COLUMNS
    assert {row["kind"] for row in ROWS} <= KINDS


def test_no_spelling_under_two_canonicals() -> None:
    owner: dict[str, str] = {}
    for row in ROWS:
        for spelling in spellings(row):
            key = fold(spelling)
            assert owner.setdefault(key, row["canonical"]) == row["canonical"], (spelling, owner[key])


def test_variants_are_other_spellings_listed_once() -> None:
    for row in ROWS:
        variants = spellings(row)[1:]
        assert row["canonical"] not in variants and len(set(variants)) == len(variants), row


def test_isil_and_isis_are_different_entities() -> None:
    entries = load(None, "").entries
    assert entries[fold("ISIL")].canonical == "ISIL"
    assert entries[fold("ISIS")].canonical == "ISIS"


@pytest.mark.parametrize("style", styles())
def test_style_spellings_belong_to_their_entity(style: str) -> None:
    entries = load(None, "").entries
    for row in read_table("names_styles.tsv"):
        entry = entries[fold(row["canonical"])]
        assert entry.canonical == row["canonical"]
        assert not row[style] or entries.get(fold(row[style])) is entry, row


def test_every_spelling_is_matched_whole_and_finds_its_entity() -> None:
    names = load(None, "")
    for row in ROWS:
        for spelling in spellings(row):
            for written in (spelling, spelling.lower(), spelling.upper()):
                match = names.pattern.fullmatch(strip_diacritics(written))
                assert match is not None, written
                assert names.entries[fold(match[0])].canonical == row["canonical"]


def test_english_words_sorted_unique_lowercase() -> None:
    words = data_lines("english_words.txt")  # as english_words() reads them: not stripped
    assert list(words) == sorted(set(words))
    assert all(word.isascii() and word.isalpha() and word.islower() for word in words)
    assert {"turkey", "chad", "china", "may", "bill"} <= set(words)
