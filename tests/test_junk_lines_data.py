"""The junk-lines data: sorted, unique, every regex compiles, every rule hit by a fixture case."""

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


def test_rules_are_sorted_unique_and_complete():
    rows = read_table("junk_lines.tsv")
    names = [row["rule"] for row in rows]
    assert names == sorted(names)
    assert len(names) == len(set(names))
    assert data_lines("junk_lines.tsv")[0].split("\t") == ["rule", "regex", "reason"]
    assert all(row["rule"] and row["regex"] and row["reason"] for row in rows)


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


def test_common_words_are_sorted_unique_lowercase():
    words = read_words("common_words.txt")
    assert list(words) == sorted(set(words))
    assert all(word == word.lower() and word.isalpha() for word in words)

