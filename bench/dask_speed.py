"""Articles per second: Dask LocalCluster against a local process pool and one process, in one run.

    python bench/dask_speed.py [--corpus ../shared/corpus] [--articles 8000] [--workers 2]

The same articles (the corpus's dev inputs and clean articles, repeated to --articles) go through
the default pipeline three ways; every way must give the same texts, and the table gives
articles per second and the ratio to one process. Needs ``pip install -e '.[dask]'``.
"""

from __future__ import annotations

import argparse
import itertools
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import dask.bag as db
import distributed

from normalize import Config, Pipeline
from normalize.dask import clean_bag

ROOT = Path(__file__).resolve().parent.parent
PIPELINE = Pipeline(Config())


def clean_chunk(texts: list[str]) -> list[str]:
    return [PIPELINE.run(text).text for text in texts]


def chunks(texts: list[str], size: int) -> list[list[str]]:
    return [texts[start : start + size] for start in range(0, len(texts), size)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--articles", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    paths = sorted((args.corpus / "dev" / "input").glob("*.txt")) + sorted((args.corpus / "clean").glob("*.txt"))
    if not paths:
        parser.error(f"no articles under {args.corpus}")
    texts = [path.read_text(encoding="utf-8") for path in paths]
    articles = list(itertools.islice(itertools.cycle(texts), args.articles))
    partitions = chunks(articles, max(1, len(articles) // (args.workers * 8)))

    timings: dict[str, float] = {}
    outputs: dict[str, list[str]] = {}

    start = time.perf_counter()
    outputs["one process"] = clean_chunk(articles)
    timings["one process"] = time.perf_counter() - start

    with ProcessPoolExecutor(args.workers) as pool:
        list(pool.map(clean_chunk, [articles[:10]] * args.workers))  # start the workers first
        start = time.perf_counter()
        outputs["process pool"] = [text for chunk in pool.map(clean_chunk, partitions) for text in chunk]
        timings["process pool"] = time.perf_counter() - start

    with distributed.LocalCluster(
        n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster):
        clean_bag(db.from_sequence(articles[:10], npartitions=args.workers)).compute()  # warm up
        start = time.perf_counter()
        outputs["dask LocalCluster"] = clean_bag(db.from_sequence(articles, npartitions=len(partitions))).compute()
        timings["dask LocalCluster"] = time.perf_counter() - start

    reference = outputs["one process"]
    for name, output in outputs.items():
        if output != reference:
            raise SystemExit(f"{name} gave different output from one process")
    print(f"{len(articles)} articles, {args.workers} workers, outputs identical\n")
    print("| way | seconds | articles/s | vs one process |")
    print("|---|---:|---:|---:|")
    for name, seconds in timings.items():
        ratio = timings["one process"] / seconds
        print(f"| {name} | {seconds:.2f} | {len(articles) / seconds:.0f} | {ratio:.2f}x |")


if __name__ == "__main__":
    main()
