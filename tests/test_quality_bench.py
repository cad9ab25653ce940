"""The quality benchmark judges repairs correctly: its alignment rule, and one run on a tiny corpus."""

from __future__ import annotations

import doctest
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("bench_quality", ROOT / "bench" / "quality.py")
quality = sys.modules["bench_quality"] = importlib.util.module_from_spec(spec)  # dataclasses look it up
spec.loader.exec_module(quality)


def test_doctests() -> None:
    failures, tried = doctest.testmod(quality)
    assert tried > 0 and failures == 0


@pytest.mark.parametrize(
    ("gold", "output", "span", "expected"),
    [
        ('the "flash" estimate', 'the "flash" estimate', (4, 5), True),
        ('the "flash" estimate', "the flash estimate", (4, 5), False),
        ('the "flash" estimate', 'the ,"flash" estimate', (4, 5), False),  # a leftover next to it
        ('the "flash" estimate', 'the "flash" estimate.', (4, 5), True),  # a change elsewhere
        ("one.\n\ntwo.\n", "one.\n\nCopy link\n\ntwo.\n", (6, 6), False),  # could stand at 4 or 6
        ("one.\n\ntwo.\n", "one.\n\ntwo.\n", (6, 6), True),
        ("a b\n", "a  b\n", (1, 2), False),  # an extra space may be either side of the gold one
        ("a b\n", "ab\n", (1, 2), False),
    ],
)
def test_repaired(gold: str, output: str, span: tuple[int, int], expected: bool) -> None:
    assert quality.repaired(quality.edit_extents(gold, output), *span) is expected


def write_corpus(root: Path) -> None:
    articles = {
        # gold, input, manifest rows (class, sub, gold span, corrupt span, original, corrupted)
        "a": ('He said "yes".\n', "He said &quot;yes&quot;.\n",
              [("entity", "quot", 8, 9, 8, 14, '"', "&quot;"), ("entity", "quot", 12, 13, 17, 23, '"', "&quot;")]),
        "b": ("The firm's plan.\n", "The firm#39;s plan.\n", [("entity", "bare_num", 8, 9, 8, 12, "'", "#39;")]),
        # a changed digit: no filter can know, so it stays unrepaired whatever filters are registered
        "c": ("Costs rose 5%.\n", "Costs rose 6%.\n", [("digit", "changed", 11, 12, 11, 12, "5", "6")]),
    }
    for folder in ("dev/input", "dev/gold", "clean"):
        (root / folder).mkdir(parents=True)
    rows = []
    for name, (gold, text, artifacts) in articles.items():
        (root / "dev/gold" / f"{name}.txt").write_text(gold, encoding="utf-8")
        (root / "dev/input" / f"{name}.txt").write_text(text, encoding="utf-8")
        for kind, sub, gold_start, gold_end, start, end, original, corrupted in artifacts:
            assert gold[gold_start:gold_end] == original and text[start:end] == corrupted
            rows.append({"id": name, "class": kind, "sub": sub, "gold_start": gold_start, "gold_end": gold_end,
                         "corrupt_start": start, "corrupt_end": end, "original": original, "corrupted": corrupted})
    (root / "dev/manifest.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    (root / "clean/x.txt").write_text("He said \u201cyes\u201d.\n", encoding="utf-8")


def test_run_on_a_tiny_corpus(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    tables = quality.run(tmp_path, failures="digit")
    lines = tables.splitlines()
    assert lines[0].startswith("Corpus: 3 dev articles with 4 injected artifacts, 1 clean articles.")
    # normalize repairs both kinds of reference; ftfy decodes '&quot;' only; html.unescape likewise
    assert "| **entity** | all | 3 | **100.0%** | **66.7%** | **66.7%** |" in lines
    assert "|  | bare_num | 1 | 100.0% | 0.0% | 0.0% |" in lines
    assert "| **digit** | all | 1 | **0.0%** | **0.0%** | **0.0%** |" in lines
    assert "| dev: articles equal to the gold (of 3) | 66.7% | 33.3% | 33.3% |" in lines
    # ftfy's defaults straighten the clean article's curly quotes: one article, two characters
    assert "| clean/: articles changed (of 1) | 0 (0.0%) | 1 (100.0%) | 0 (0.0%) |" in lines
    assert "| clean/: characters changed (Levenshtein) | 0 | 2 | 0 |" in lines
    assert "| html-entities | 0 of 1 | 0 | 0 |" in lines
    assert "Unrepaired by normalize (digit): 1" in tables
    assert "- c digit/changed at 11: gold 'Costs rose 5%.\\n'\n  output 'Costs rose 6%.\\n'" in tables


def test_unstable_articles_are_listed(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    assert "Not idempotent under normalize: 0" in quality.run(tmp_path, unstable=True)
    score = quality.Scores()
    quality._check_stable(lambda text: text + "!", "done", tmp_path / "a.txt", score)
    quality._check_stable(str.strip, "done", tmp_path / "b.txt", score)
    assert (score.idempotent, score.unstable) == (1, [tmp_path / "a.txt"])
