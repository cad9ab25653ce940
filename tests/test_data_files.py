"""Every data file in normalize/data/ is well formed: sorted by its first column, no duplicates,
one column count per table, and every name it refers to exists."""

from html.entities import html5
from importlib.resources import files

import pytest

from normalize.datafiles import data_lines, read_table, read_words

DATA_FILES = sorted(
    entry.name for entry in files("normalize.data").iterdir() if entry.name.endswith((".tsv", ".txt"))
)


@pytest.mark.parametrize("name", DATA_FILES)
def test_sorted_and_without_duplicate_keys(name):
    lines = data_lines(name)
    rows = lines[1:] if name.endswith(".tsv") else lines
    keys = [row.split("\t")[0] for row in rows]
    assert keys == sorted(keys), f"{name} is not sorted by its first column"
    assert len(keys) == len(set(keys)), f"{name} has duplicate keys"


@pytest.mark.parametrize("name", [name for name in DATA_FILES if name.endswith(".tsv")])
def test_every_row_has_the_header_columns(name):
    header, *rows = (line.split("\t") for line in data_lines(name))
    for row in rows:
        assert len(row) == len(header), f"{name}: {row}"


def test_mangled_reference_names_are_html5_names_with_yes_or_no_flags():
    for row in read_table("mangled_references.tsv"):
        assert row["name"] + ";" in html5
        assert {row["without_ampersand"], row["without_semicolon"]} <= {"yes", "no"}


def test_attribution_words_are_lowercase_single_words():
    for word in read_words("attribution_words.txt"):
        assert word.isalpha() and word.islower()
