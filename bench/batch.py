"""Wall-clock and CPU time of `normalize clean --check` on a folder: one process, a pool, the cache.

The folder is ../shared/corpus/clean/ and ../shared/corpus/dev/input/, copied --copies times
into a temporary tree (so the pool has enough files to share out). A first `--check` in one
process, and a `--diff` with a pool (every outcome then carries its texts to the parent), report
their peak memory, which must not grow with the tree: the files are cleaned one after another,
and a pool keeps only a few chunks of files ahead of the one being printed. Then the tree is cleaned once with `--in-place`, which also fills the cache: the
runs timed are reruns on an unchanged tree.
Each round runs every variant once, in a rotating order, so a busy moment on a shared machine
is spread over all of them; the figures are medians over the rounds, and ratios to the
one-process run without cache. Each run is a fresh `python -m normalize` process, as a user or
pre-commit would start it; the cache lives in a temporary folder. CPU time counts the run's
worker processes too: on a machine shared with other work, the wall-clock gain of a pool is
capped by the cores left free, while CPU time shows what the pool itself costs.

    python bench/batch.py                     # 1 copy (about 2,000 files), 3 rounds
    python bench/batch.py --copies 4 --rounds 5
"""

from __future__ import annotations

import argparse
import os
import resource
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


def timed_run(arguments: list[str], tree: Path, environment: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (the process and its workers) of one run."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "normalize", "clean", *arguments, str(tree)],
                               capture_output=True, env=environment, check=False)
    elapsed = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise SystemExit(completed.stderr.decode("utf-8", "replace"))
    return elapsed, _children_cpu() - cpu_before


def peak_memory(arguments: list[str], tree: Path, environment: dict[str, str]) -> float:
    """Peak resident megabytes of one run, from wait4: of its largest process (the parent's,
    which a pool's workers send every outcome to, or a worker's)."""
    process = subprocess.Popen([sys.executable, "-m", "normalize", "clean", *arguments, str(tree)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"the run {arguments} failed with exit status {process.returncode}")
    return usage.ru_maxrss / 1024  # kilobytes on Linux


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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
        megabytes = sum(path.stat().st_size for path in tree.rglob("*.txt")) / 1e6
        peaks = {arguments: peak_memory(arguments.split(), tree, environment) for arguments in  # the tree as it came
                 ("--check --jobs 1 --no-cache", f"--diff --jobs {cores} --no-cache")}
        timed_run(["--in-place"], tree, environment)  # cleans the tree and fills the cache
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
        names = list(variants)
        for round_number in range(options.rounds):
            for name in names[round_number % len(names):] + names[: round_number % len(names)]:
                times[name].append(timed_run(variants[name], tree, environment))
    wall = {name: statistics.median(run[0] for run in runs) for name, runs in times.items()}
    cpu = {name: statistics.median(run[1] for run in runs) for name, runs in times.items()}
    print(f"{files} files, {options.rounds} rounds, {cores} cores, load average {os.getloadavg()[0]:.1f}; medians")
    for arguments, peak in peaks.items():
        print(f"peak memory of {arguments} on the tree as it came ({megabytes:.1f} MB of files): {peak:.0f} MB")
    for name in names:
        print(f"{name:<32} wall {wall[name]:6.2f} s ({wall[name] / wall[names[0]]:4.2f} x)"
              f"   CPU {cpu[name]:6.2f} s ({cpu[name] / cpu[names[0]]:4.2f} x)")


if __name__ == "__main__":
    main()
