"""Throughput of the full default pipeline against ftfy.fix_text, html.unescape and plain reading.

All of them run in this one process on the same texts: the real articles of ../shared/corpus/
(clean/ and dev/gold/; with --with-artifacts, dev/input/: the same articles with injected
scraping artifacts), repeated to at least --megabytes. Each round runs every contender once
over all of it, in a rotating order, so a busy moment on a shared machine is spread over all
of them. Times are CPU seconds of this process (steadier than wall time when others share the
machine); the figures are medians over the rounds. Two more contenders show what the names filter
cannot do without, one search over the text for its name words, and the share of the target's time
(ftfy's divided by 4) that this search alone takes. Then:

- a per-filter profile: the time share of each registered filter on one copy of the corpus
  (what is left is the pipeline's own work: the rounds it runs again after a change, offsets
  and change records), and how many articles a later round read or changed;
- a check that the pipeline's output (text, changes, skipped edits) is identical with and
  without its fast paths on every article (exit status 1 if not).

    python bench/speed.py                    # 50 MB, 3 rounds: a few minutes
    python bench/speed.py --with-artifacts   # dev/input/ in place of dev/gold/
    python bench/speed.py --skip junk-lines  # the default pipeline but these filters
    python bench/speed.py --megabytes 10 --rounds 1
"""

from __future__ import annotations

import argparse
import html
import math
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

import ftfy

from normalize import Config, Pipeline, Result, fastpath
from normalize.edits import apply_edits
from normalize.names_runs import RUN

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
# What the names filter cannot do without: reading every name word once. NAMES_PASS is the one
# search its majority rule makes over an ASCII text (names_runs.RUN); CAPITALS_PASS, a cruder one
# that finds only capital-led words (not 'eBay' nor 'al'), is a bound below any such reading.
NAMES_PASS = "names' one pass (RUN.findall)"
CAPITALS_PASS = "capital-led words (findall)"
CAPITAL_LED = re.compile(r"\b[A-Z][a-z]*")
TARGET = 4  # issue #8: the default pipeline at TARGET times ftfy.fix_text's throughput


def articles(with_artifacts: bool) -> list[Path]:
    folders = ("clean", "dev/input" if with_artifacts else "dev/gold")
    paths = [path for folder in folders for path in sorted((CORPUS / folder).glob("*.txt"))]
    if not paths:
        raise SystemExit(f"no articles under {CORPUS}")
    return paths


def timed(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def contenders(paths: list[Path], texts: list[str], pipeline: Pipeline) -> dict[str, Callable[[], object]]:
    return {
        "normalize (filters above)": lambda: [pipeline.run(text) for text in texts],
        "ftfy.fix_text (defaults)": lambda: [ftfy.fix_text(text) for text in texts],
        "html.unescape": lambda: [html.unescape(text) for text in texts],
        "read and decode the files": lambda: [path.read_bytes().decode("utf-8") for path in paths],
        NAMES_PASS: lambda: [RUN.findall(text) for text in texts],
        CAPITALS_PASS: lambda: [CAPITAL_LED.findall(text) for text in texts],
    }


def race(runs: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    names = list(runs)
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(timed(runs[name]))
    return times


def filter_profile(texts: list[str], pipeline: Pipeline) -> tuple[dict[str, float], float, list[Result]]:
    """Seconds spent in each filter's first round (finding and applying its edits), in the whole
    pipeline, and the pipeline's results."""
    specs = pipeline.config.selected()
    spent = dict.fromkeys((spec.name for spec in specs), 0.0)
    for text in texts:
        for spec in specs:
            start = time.process_time()
            edits = list(spec.edits(text, pipeline.config.options_for(spec)))
            text = apply_edits(text, edits).text
            spent[spec.name] += time.process_time() - start
    results: list[Result] = []
    return spent, timed(lambda: results.extend(pipeline.run(text) for text in texts)), results


def differences_without_fast_paths(texts: list[str], pipeline: Pipeline) -> list[int]:
    fast = [pipeline.run(text) for text in texts]
    with fastpath.disabled():
        slow = [pipeline.run(text) for text in texts]
    return [index for index, (one, other) in enumerate(zip(fast, slow)) if one != other]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50.0, help="repeat the corpus to at least this much (default 50)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--with-artifacts", action="store_true", help="dev/input/ in place of dev/gold/")
    parser.add_argument("--skip", default="", metavar="NAMES", help="leave these default filters out (comma-separated)")
    args = parser.parse_args()

    paths = articles(args.with_artifacts)
    unique = [path.read_text(encoding="utf-8") for path in paths]
    corpus_bytes = sum(path.stat().st_size for path in paths)
    copies = math.ceil(args.megabytes * 1e6 / corpus_bytes)
    texts, all_paths = unique * copies, paths * copies
    megabytes = corpus_bytes * copies / 1e6
    pipeline = Pipeline(Config(skip=tuple(name for name in args.skip.split(",") if name)))
    runs = contenders(all_paths, texts, pipeline)
    for name, run in contenders(paths, unique[:50], pipeline).items():  # imports and caches
        run()
    folders = "clean/ + dev/input/" if args.with_artifacts else "clean/ + dev/gold/"
    print(f"{len(paths)} articles of {folders} ({corpus_bytes / 1e6:.2f} MB) x {copies} = {megabytes:.1f} MB; "
          f"{args.rounds} interleaved round(s); Python {sys.version.split()[0]}, ftfy {ftfy.__version__}")
    print(f"filters: {', '.join(spec.name for spec in pipeline.config.selected())}")

    times = race(runs, args.rounds)
    ours = statistics.median(times["normalize (filters above)"])
    print(f"\n{'':30} {'median CPU s':>12} {'MB/s':>8} {'time / normalize':>17}")
    for name, measured in times.items():
        median = statistics.median(measured)
        print(f"{name:30} {median:12.2f} {megabytes / median:8.1f} {median / ours:17.2f}")
    ftfy_ratio = statistics.median(
        theirs / mine for theirs, mine in zip(times["ftfy.fix_text (defaults)"], times["normalize (filters above)"])
    )
    print(f"\nthroughput ratio normalize / ftfy.fix_text (median of per-round ratios): {ftfy_ratio:.2f}")
    budget = statistics.median(times["ftfy.fix_text (defaults)"]) / TARGET
    for name in (NAMES_PASS, CAPITALS_PASS):
        print(f"{TARGET}x ftfy leaves the whole pipeline {budget:.2f} s; {name} alone takes "
              f"{statistics.median(times[name]) / budget:.2f} of it")

    spent, whole, results = filter_profile(unique, pipeline)
    print(f"\nper-filter profile, one copy ({corpus_bytes / 1e6:.2f} MB), pipeline {whole:.3f} s:")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:20} {seconds:8.3f} s {100 * seconds / whole:6.1f} %")
    overhead = max(whole - sum(spent.values()), 0.0)
    print(f"  {'(later rounds, records)':20} {overhead:8.3f} s {100 * overhead / whole:6.1f} %")
    others = sum(seconds for name, seconds in spent.items() if name != "names")
    print(f"the filters but names take {others / (budget / copies):.2f} of what {TARGET}x ftfy leaves for one copy")
    changed = sum(1 for result in results if any(change.applied for change in result.changes))
    again = sum(1 for result in results if any(change.round > 1 for change in result.changes))
    print(f"articles changed, so read again in a later round: {changed} of {len(results)}; "
          f"changed in a later round: {again}")

    differing = differences_without_fast_paths(unique, pipeline)
    if differing:
        print(f"\nFAIL: {len(differing)} article(s) differ without fast paths, e.g. {paths[differing[0]]}")
        sys.exit(1)
    print(f"\noutput with and without fast paths: identical on all {len(unique)} articles")


if __name__ == "__main__":
    main()
