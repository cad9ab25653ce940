"""The default pipeline returns every clean article of ``../shared/corpus/clean/`` byte for byte.

The corpus lives next to the repository, not in it (``../shared/corpus/README.md``); without it
this test is skipped. Any edit there is a false positive, listed with its file and reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from normalize import Pipeline
from normalize.files import clean_path

CLEAN = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "clean"


@pytest.mark.skipif(not CLEAN.is_dir(), reason=f"{CLEAN} is not here")
def test_clean_articles_come_back_byte_identical() -> None:
    pipeline = Pipeline()
    articles = sorted(CLEAN.glob("*.txt"))
    assert articles, f"{CLEAN} holds no articles"
    false_positives = []
    for article in articles:
        outcome = clean_path(article, pipeline)
        if outcome.data != article.read_bytes():
            false_positives.append(outcome.result.explain(article.name) or f"{article.name}: bytes differ\n")
    assert not false_positives, (
        f"{len(false_positives)} of {len(articles)} clean articles changed:\n" + "".join(false_positives)
    )
