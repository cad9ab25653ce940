"""Wall-clock time of `normalize clean --check` on a folder: one process, a pool, and the cache.

The folder is ../shared/corpus/clean/ and ../shared/corpus/dev/input/, copied --copies times
into a temporary tree (so the pool has enough files to share out), then cleaned once with
`--in-place`, which also fills the cache: the runs measured are reruns on an unchanged tree.
Each round runs every variant once, in a rotating order, so a busy moment on a shared machine
is spread over all of them; the figures are medians over the rounds, and ratios to the
one-process run without cache. Each run is a fresh `python -m normalize` process, as a user or
pre-commit would start it; the cache lives in a temporary folder.

    python bench/batch.py                     # 1 copy (about 2,000 files), 3 rounds
    python bench/batch.py --copies 4 --rounds 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FOLDERS = ("clean", "dev/input")


def build_tree(destination: Path, copies: int) -> int:
    count = 0
    for copy in range(copies):
        for folder in FOLDERS:
            target = destination / f"copy{copy}" / folder
            shutil.copytree(CORPUS / folder, target, copy_function=shutil.copyfile)  # not read-only
            count += sum(1 for _ in target.glob("*.txt"))
    if not count:
        raise SystemExit(f"no articles under {CORPUS}")
    return count


def timed_run(arguments: list[str], tree: Path, environment: dict[str, str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "normalize", "clean", *arguments, str(tree)],
                               capture_output=True, env=environment, check=False)
    elapsed = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise SystemExit(completed.stderr.decode("utf-8", "replace"))
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    variants = {
        "--jobs 1 --no-cache": ["--check", "--jobs", "1", "--no-cache"],
        f"--jobs {cores} --no-cache": ["--check", "--jobs", str(cores), "--no-cache"],
        f"--jobs {cores}, with the cache": ["--check", "--jobs", str(cores)],
        "--jobs 1, with the cache": ["--check", "--jobs", "1"],
    }
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "tree"
        files = build_tree(tree, options.copies)
        environment = {**os.environ, "NORMALIZE_CACHE_DIR": str(Path(scratch) / "cache")}
        timed_run(["--in-place"], tree, environment)  # cleans the tree and fills the cache
        times: dict[str, list[float]] = {name: [] for name in variants}
        names = list(variants)
        for round_number in range(options.rounds):
            for name in names[round_number % len(names):] + names[: round_number % len(names)]:
                times[name].append(timed_run(variants[name], tree, environment))
    baseline = statistics.median(times[names[0]])
    print(f"{files} files, {options.rounds} rounds, {cores} cores; median wall-clock seconds")
    for name in names:
        median = statistics.median(times[name])
        print(f"{name:<32} {median:7.2f} s   {median / baseline:5.2f} x the one-process time")


if __name__ == "__main__":
    main()
