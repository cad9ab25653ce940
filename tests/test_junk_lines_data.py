"""The junk-lines data: every rule has its columns, every regex compiles and matches no empty line.

Sorting and duplicates: tests/test_data_files.py; every rule hit by a case: tests/test_junk_lines.py.
"""

from __future__ import annotations

import re

import pytest

from normalize.datafiles import data_lines, read_table, read_words


def test_rules_have_a_name_a_regex_and_a_reason():
    assert data_lines("junk_lines.tsv")[0].split("\t") == ["rule", "regex", "reason"]
    assert all(row["rule"] and row["regex"] and row["reason"] for row in read_table("junk_lines.tsv"))


@pytest.mark.parametrize("row", read_table("junk_lines.tsv"), ids=lambda row: row["rule"])
def test_regex_compiles_and_matches_no_empty_line(row):
    pattern = re.compile(row["regex"], re.IGNORECASE)
    assert pattern.fullmatch("") is None


# Outside a character class: what makes a match depend on the text around it (an anchor, a
# lookaround) or changes how the rest reads (inline flags). '\b' only sees the characters beside it.
CONTEXT = re.compile(r"(?P<context>\\[AZ]|\^|\$|\(\?(?!:))|\\.|\[(?:\\.|[^\]])*\]")


@pytest.mark.parametrize("row", read_table("junk_lines.tsv"), ids=lambda row: row["rule"])
def test_regex_tests_nothing_outside_its_match(row):
    """normalize.junk_screen relies on it: a whole line a rule matches, it matches in any longer text."""
    assert [match["context"] for match in CONTEXT.finditer(row["regex"]) if match["context"]] == []


def test_a_regex_testing_outside_its_match_is_caught():
    found = [match["context"] for match in CONTEXT.finditer(r"(?:^more|\(x\)$|[^()](?=a)|\Z|\b\$)") if match["context"]]
    assert found == ["^", "$", "(?", "\\Z"]


def test_common_words_are_lowercase_single_words():
    assert all(word.isalpha() and word.islower() for word in read_words("common_words.txt"))

