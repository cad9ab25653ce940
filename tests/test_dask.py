"""The Dask integration on a real LocalCluster with 2 worker processes equals the local run."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from normalize import Config, Pipeline

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

from normalize.dask import clean_bag, clean_column  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
ARTICLES = 2000
SAMPLE = 400  # the record and DataFrame paths share the code the 2,000-article test checks


def load_articles() -> list[str]:
    """2,000 real articles from the shared corpus, or, without it, the seed and fixtures varied."""
    paths = sorted((CORPUS / "dev" / "input").glob("*.txt")) + sorted((CORPUS / "clean").glob("*.txt"))
    if len(paths) >= ARTICLES:
        return [path.read_text(encoding="utf-8") for path in paths[:ARTICLES]]
    bases = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    bases += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "fixtures" / "pipeline").glob("*.input.txt"))]
    return [f"Article {index}: {bases[index % len(bases)]}" for index in range(ARTICLES)]


@pytest.fixture(scope="module")
def articles() -> list[str]:
    return load_articles()


@pytest.fixture(scope="module")
def local(articles):
    pipeline = Pipeline(Config())
    return [pipeline.run(text) for text in articles]


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        yield client


def test_bag_of_strings_equals_the_local_run_record_for_record(client, articles, local):
    cleaned = clean_bag(db.from_sequence(articles, npartitions=8), counts=True).compute()
    assert len(cleaned) == len(articles) == len(local)
    assert [text for text, _ in cleaned] == [result.text for result in local]
    assert [counts for _, counts in cleaned] == [result.edit_counts() for result in local]
    assert sum(1 for result in local if result.changed) > 0  # the corpus has something to repair


def test_bag_of_records_keeps_other_fields_and_order(client, articles, local):
    records = [{"id": index, "text": text, "source": "test"} for index, text in enumerate(articles[:SAMPLE])]
    cleaned = clean_bag(db.from_sequence(records, npartitions=4), field="text").compute()
    assert [record["id"] for record in cleaned] == list(range(SAMPLE))
    assert all(record["source"] == "test" for record in cleaned)
    assert [record["text"] for record in cleaned] == [result.text for result in local[:SAMPLE]]


def test_dataframe_column_with_counts_per_filter(client, articles, local):
    frame = dd.from_pandas(pd.DataFrame({"id": range(SAMPLE), "text": articles[:SAMPLE]}), npartitions=4)
    cleaned = clean_column(frame, "text", counts=True).compute()
    assert list(cleaned["id"]) == list(range(SAMPLE))
    assert list(cleaned["text"]) == [result.text for result in local[:SAMPLE]]
    for spec in Config().selected():
        assert list(cleaned[f"edits_{spec.name}"]) == [r.edit_counts().get(spec.name, 0) for r in local[:SAMPLE]]


def test_the_workers_use_the_given_configuration(client, articles):
    config = Config(skip=("unicode",))
    sample = articles[:50]
    frame = dd.from_pandas(pd.DataFrame({"text": sample}), npartitions=2)
    cleaned = clean_column(frame, "text", config, counts=True).compute()
    assert list(cleaned["text"]) == [Pipeline(config).run(text).text for text in sample]
    assert "edits_unicode" not in cleaned.columns


def test_pipeline_ships_as_its_configuration_not_its_tables():
    shipped = pickle.dumps(Pipeline(Config()))
    assert len(shipped) < 2048
    assert pickle.loads(shipped) == Pipeline(Config())


def test_cli_scheduler_cleans_json_lines_like_the_local_pool(client, articles, tmp_path):
    import json

    from click.testing import CliRunner

    from normalize.cli import main

    corpus = tmp_path / "corpus"
    (corpus / "part").mkdir(parents=True)
    for number in range(4):
        lines = [json.dumps({"id": index, "text": text}) for index, text in enumerate(articles[number::40])]
        (corpus / "part" / f"{number}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "broken.jsonl").write_bytes(b"\xff\xfe not UTF-8\n")
    common = ["clean", str(corpus), "--include", "*.jsonl", "--jsonl-field", "text", "--no-cache"]
    runner = CliRunner()
    local = runner.invoke(main, [*common, "--output", str(tmp_path / "local"), "--jobs", "1"])
    remote = runner.invoke(
        main, [*common, "--output", str(tmp_path / "remote"), "--scheduler", client.scheduler.address]
    )
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert "broken.jsonl:1: not valid utf-8" in remote.output  # a bad record is reported, left as it is
    written = sorted(path.relative_to(tmp_path / "local") for path in (tmp_path / "local").rglob("*.jsonl"))
    assert len(written) == 5  # --output writes every file, the broken one as it was
    for relative in written:
        assert (tmp_path / "remote" / relative).read_bytes() == (tmp_path / "local" / relative).read_bytes()
    assert any(
        (tmp_path / "local" / relative).read_bytes() != (corpus / relative).read_bytes() for relative in written
    )


def test_cli_scheduler_that_cannot_be_reached_is_a_one_line_error(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import normalize.dask
    from normalize.cli import main

    monkeypatch.setattr(normalize.dask, "CONNECT_TIMEOUT", "1s")

    article = tmp_path / "a.txt"
    article.write_text("text\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", "--check", str(article), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
