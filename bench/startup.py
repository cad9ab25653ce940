"""Start-up for the pre-commit case: `normalize clean --check FILE` against `python -c "import ftfy"`.

All commands run as fresh processes, interleaved (one of each per round), so a busy moment on the
machine hits them all; each figure is the median over the rounds of a command's time divided by
the time of ``import ftfy`` in the same round.

    python bench/startup.py                 # a small clean ASCII article from ../shared/corpus/clean/
    python bench/startup.py --runs 31 FILE  # any file

Rows:

- ``normalize clean --check FILE``: the console script pip installs (what pre-commit runs), on a
  file the cache knows is clean (the first, untimed run puts it there): a rerun on an unchanged file.
- the same with ``--no-cache``: the filters run on the file, as on a file just edited.
- the same two on the 20 smallest ASCII articles at once, as pre-commit passes a commit's files,
  and with ``--jobs 2``: a pool of two processes, what the default was before it became one
  process for a small batch (``normalize.batch.POOL_MIN_BYTES``).
- ``python -c pass`` and ``python -c "import click"``: Python's own start, and with the command-line
  library normalize cannot start without, for scale.

For the ``--no-cache`` run it prints how long each filter's first call takes in a fresh process
(what a first call builds, its tables and patterns, counts there), and it runs the cached
command under ``python -X importtime`` and prints the imports that take
the most time (median self time over the runs; ``-X importtime`` itself slows every import, so
these figures are larger than the same imports in the timed runs), and their totals for
normalize's modules, click's, and the rest.

The cache lives in a temporary folder (``$NORMALIZE_CACHE_DIR``), not the user's. The package is
byte-compiled first, as ``pip install`` does for ftfy: with PYTHONDONTWRITEBYTECODE set, an
editable install would otherwise recompile its sources on every start. The script also reports
whether the normalize runs imported ftfy (they must not for an ASCII file). Its ``python -c``
checks run with ``-P``, so that they import the installed normalize, not one in the current folder.
"""

from __future__ import annotations

import argparse
import collections
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import normalize

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "clean"
BATCH = 20  # small files at once, as pre-commit passes the files of a commit
FIRST_CALLS = (
    "import sys, time\n"
    "from normalize.cli import main  # what a run imports\n"
    "from normalize import Config\n"
    "from normalize.files import decode\n"
    "text = decode(open(sys.argv[1], 'rb').read(), sys.argv[1]).text\n"
    "for spec in Config().selected():\n"
    "    start = time.perf_counter()\n"
    "    list(spec.edits(text, Config().options_for(spec)))\n"
    "    print(spec.name, time.perf_counter() - start)"
)
IMPORTS_FTFY = (
    "import sys; from normalize.cli import main\n"
    "try:\n    main(sys.argv[1:])\n"
    "except SystemExit:\n    pass\n"
    "print('ftfy' in sys.modules, file=sys.stderr)"
)


def small_ascii_articles(count: int) -> list[Path]:
    """The ``count`` smallest articles of the clean corpus that are pure ASCII."""
    found = [path for path in sorted(CORPUS.glob("*.txt"), key=lambda p: p.stat().st_size) if path.read_bytes().isascii()]
    if len(found) < count:
        raise SystemExit(f"fewer than {count} ASCII articles in {CORPUS}")
    return found[:count]


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr.decode()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def imports_ftfy(arguments: list[str]) -> str:
    check = subprocess.run([sys.executable, "-P", "-c", IMPORTS_FTFY, *arguments], capture_output=True, text=True)
    return check.stderr.strip().splitlines()[-1]


def first_calls(path: Path, runs: int) -> dict[str, float]:
    """Median time (ms) of each default filter's first call on ``path``'s text, each run in a fresh process."""
    times: dict[str, list[float]] = collections.defaultdict(list)
    for _ in range(runs):
        stdout = subprocess.run([sys.executable, "-P", "-c", FIRST_CALLS, str(path)], capture_output=True, text=True).stdout
        for line in stdout.splitlines():
            name, seconds = line.split()
            times[name].append(float(seconds) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def import_times(command: list[str], runs: int) -> dict[str, float]:
    """Median self time (ms) of each module ``command`` imports, over ``runs`` runs under ``-X importtime``."""
    times: dict[str, list[float]] = collections.defaultdict(list)
    for _ in range(runs):
        stderr = subprocess.run([sys.executable, "-X", "importtime", *command], capture_output=True, text=True).stderr
        for line in stderr.splitlines():
            fields = line.removeprefix("import time:").split("|")
            if line.startswith("import time:") and fields[0].strip().isdigit():
                times[fields[2].strip()].append(int(fields[0]) / 1000)
    return {module: statistics.median(values) for module, values in times.items()}


def print_import_times(times: dict[str, float], top: int) -> None:
    print(f"\nimports of the cached run, median self time under -X importtime (ms), top {top}:")
    for module, milliseconds in sorted(times.items(), key=lambda item: -item[1])[:top]:
        print(f"  {milliseconds:6.2f}  {module}")
    totals: collections.Counter[str] = collections.Counter()
    for module, milliseconds in times.items():
        package = module.split(".")[0]
        totals[package if package in ("normalize", "click") else "the rest (Python's start, the standard library)"] += milliseconds
    print("  totals: " + ", ".join(f"{name} {total:.1f}" for name, total in sorted(totals.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="default: a small ASCII article of the corpus")
    parser.add_argument("--runs", type=int, default=21, help="rounds of runs (default 21)")
    parser.add_argument("--top", type=int, default=15, help="imports to list (default 15)")
    args = parser.parse_args()
    batch = small_ascii_articles(BATCH)
    path = args.file or batch[0]
    script = shutil.which("normalize", path=str(Path(sys.executable).parent)) or shutil.which("normalize")
    if script is None:
        raise SystemExit("the normalize command is not installed (pip install -e .)")
    compileall.compile_dir(Path(normalize.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory(prefix="normalize-startup-cache-") as cache:
        os.environ["NORMALIZE_CACHE_DIR"] = cache
        measure(path, batch, script, args.runs, args.top)


def measure(path: Path, batch: list[Path], script: str, runs: int, top: int) -> None:
    """Time the commands in interleaved rounds and print the tables (the cache folder is set)."""
    commands = {
        "normalize clean --check FILE": [script, "clean", "--check", str(path)],
        "  the same with --no-cache": [script, "clean", "--check", "--no-cache", str(path)],
        f"normalize clean --check {BATCH} FILES": [script, "clean", "--check", *map(str, batch)],
        f"  {BATCH} FILES with --no-cache": [script, "clean", "--check", "--no-cache", *map(str, batch)],
        f"  {BATCH} FILES, --no-cache --jobs 2": [script, "clean", "--check", "--no-cache", "--jobs", "2", *map(str, batch)],
        "python -c pass": [sys.executable, "-c", "pass"],
        'python -c "import click"': [sys.executable, "-c", "import click"],
        'python -c "import ftfy"': [sys.executable, "-c", "import ftfy"],
    }
    for command in commands.values():
        timed(command)  # warm the file cache, and put the file in normalize's cache
    rounds = [{label: timed(command) for label, command in commands.items()} for _ in range(runs)]

    print(f"file: {path} ({path.stat().st_size} bytes), {runs} interleaved rounds of runs")
    print(f"{'':32} {'wall ms':>8} {'CPU ms':>8} {'wall / ftfy':>12} {'CPU / ftfy':>11}")
    ftfy = 'python -c "import ftfy"'
    for label in commands:
        wall, cpu = (statistics.median(round_[label][index] for round_ in rounds) for index in (0, 1))
        wall_ratio, cpu_ratio = (
            statistics.median(round_[label][index] / round_[ftfy][index] for round_ in rounds) for index in (0, 1)
        )
        print(f"{label:32} {wall * 1000:8.1f} {cpu * 1000:8.1f} {wall_ratio:12.2f} {cpu_ratio:11.2f}")
    print("ratios: medians of the per-round ratios (below 1: faster than import ftfy)")
    cached = imports_ftfy(["clean", "--check", str(path)])
    uncached = imports_ftfy(["clean", "--check", "--no-cache", str(path)])
    print(f"the normalize runs imported ftfy: {cached} (cached), {uncached} (--no-cache)")
    print("\nfirst call of each default filter on FILE in a fresh process, median ms (the --no-cache run):")
    for name, milliseconds in first_calls(path, runs=9).items():
        print(f"  {milliseconds:6.2f}  {name}")
    print_import_times(import_times(commands["normalize clean --check FILE"], runs=9), top)

if __name__ == "__main__":
    main()
