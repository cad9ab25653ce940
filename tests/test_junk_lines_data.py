"""The junk-lines data: every regex compiles and matches no empty line, every rule is hit by a fixture case."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from normalize import Pipeline
from normalize.config import from_table
from normalize.datafiles import data_lines, read_table, read_words

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "junk-lines" / "cases.toml"
RULE_IN_REASON = re.compile(r"rule '([^']+)'")


def test_rules_have_a_name_a_regex_and_a_reason():
    # Sorting, duplicates and column counts: tests/test_data_files.py checks every data file.
    assert data_lines("junk_lines.tsv")[0].split("\t") == ["rule", "regex", "reason"]
    assert all(row["rule"] and row["regex"] and row["reason"] for row in read_table("junk_lines.tsv"))


@pytest.mark.parametrize("row", read_table("junk_lines.tsv"), ids=lambda row: row["rule"])
def test_regex_compiles_and_matches_no_empty_line(row):
    pattern = re.compile(row["regex"], re.IGNORECASE)
    assert pattern.fullmatch("") is None


def test_every_rule_is_hit_by_a_fixture_case():
    with CASES.open("rb") as handle:
        cases = tomllib.load(handle)["case"]
    hit = set()
    for case in cases:
        config = from_table({"filters": ["junk-lines"], **case.get("options", {})}, CASES)
        result = Pipeline(config).run(case["input"])
        hit.update(rule for change in result.changes for rule in RULE_IN_REASON.findall(change.reason))
    assert {row["rule"] for row in read_table("junk_lines.tsv")} - hit == set()


def test_common_words_are_lowercase_single_words():
    assert all(word.isalpha() and word.islower() for word in read_words("common_words.txt"))

