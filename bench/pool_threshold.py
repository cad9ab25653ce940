"""Where a process pool starts to pay: `normalize clean --check --no-cache` on batches of articles
with one process and with a pool, against `normalize.batch.POOL_MIN_BYTES`.

The batches are the first N articles of ../shared/corpus/clean/ (the files a commit or a small
folder passes at once). Every run is a fresh process, as pre-commit starts it, without the cache
(the files were just edited); each round runs every command once, in a rotating order, and the
figures are medians of wall time over the rounds. Below the default threshold `normalize` runs
one process unless `--jobs` says otherwise.

    python bench/pool_threshold.py                 # 25 to 400 articles, 7 rounds
    python bench/pool_threshold.py --counts 50,100 --rounds 11
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from normalize.batch import POOL_MIN_BYTES

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "clean"


def wall_time(command: list[str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True)
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:6])} ... failed:\n{completed.stderr.decode()}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="25,50,100,200,400", help="batch sizes in articles (default 25,50,100,200,400)")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (default 7)")
    parser.add_argument("--jobs", type=int, default=2, help="processes of the pool (default 2)")
    args = parser.parse_args()
    articles = sorted(CORPUS.glob("*.txt"))
    counts = [int(count) for count in args.counts.split(",")]
    if not articles or max(counts) > len(articles):
        raise SystemExit(f"need {max(counts)} articles in {CORPUS}")
    command = [sys.executable, "-m", "normalize", "clean", "--check", "--no-cache"]
    runs = {(count, jobs): command + ["--jobs", str(jobs)] + [str(path) for path in articles[:count]]
            for count in counts for jobs in (1, args.jobs)}
    times: dict[tuple[int, int], list[float]] = {key: [] for key in runs}
    keys = list(runs)
    for round_number in range(args.rounds):
        shift = round_number % len(keys)
        for key in keys[shift:] + keys[:shift]:
            times[key].append(wall_time(runs[key]))
    print(f"{args.rounds} rounds, {len(os.sched_getaffinity(0))} cores, load average {os.getloadavg()[0]:.1f}; "
          f"default threshold {POOL_MIN_BYTES // 1024} KB; median wall ms")
    print(f"{'articles':>8} {'KB':>7} {'--jobs 1':>9} {f'--jobs {args.jobs}':>9} {'pool / one':>11}")
    for count in counts:
        kilobytes = sum(path.stat().st_size for path in articles[:count]) / 1024
        one, pool = (statistics.median(times[count, jobs]) for jobs in (1, args.jobs))
        print(f"{count:8} {kilobytes:7.0f} {one * 1000:9.1f} {pool * 1000:9.1f} {pool / one:11.2f}")


if __name__ == "__main__":
    main()
