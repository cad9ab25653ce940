"""Peak memory of `normalize clean --jsonl-field text` on a large JSON Lines file, in each mode.

The file is built in a temporary folder (removed at the end; --folder picks where, it needs room
for about twice the file) from the articles of ../shared/corpus/clean/ and dev/input/, one record
per article (`{"id": N, "text": "..."}`), repeated to --megabytes. Each mode runs in a fresh
process (one file: cleaned in that process, no pool), its standard output sent to a file (its size
is printed); its peak resident memory (ru_maxrss, from wait4) is printed with its ratio to the
file size, and so is the peak of `normalize --version` (the interpreter and imports): a run that
streams the file holds a bounded amount above that, one that reads it whole holds at least the
file. `in-place` cleans the file, so it runs last. `report` (`--check --report`) still takes
the whole-file path, for comparison.

    python bench/memory.py                                           # 1000 MB, --check, default filters
    python bench/memory.py --megabytes 1000 --filters whitespace --modes check,in-place,diff
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
MODES = {
    "check": ["--check"],
    "in-place": ["--in-place"],
    "output": ["--output", "{folder}/out"],
    "diff": ["--diff"],
    "explain": ["--explain"],
    "text": [],
    "report": ["--check", "--report", "{folder}/report.json"],  # holds whole files: for comparison
}


def build_file(path: Path, megabytes: float) -> int:
    records = [
        (json.dumps({"id": index, "text": article.read_text(encoding="utf-8")}) + "\n").encode("utf-8")
        for index, article in enumerate(sorted((CORPUS / "clean").glob("*.txt")) + sorted((CORPUS / "dev" / "input").glob("*.txt")))
    ]
    size = 0
    with path.open("wb") as handle:
        while size < megabytes * 1e6:
            for record in records:
                handle.write(record)
                size += len(record)
                if size >= megabytes * 1e6:
                    break
    return size


@dataclass(frozen=True)
class Run:
    code: int
    peak: int
    """Peak resident memory, bytes."""
    wall: float
    stdout_size: int
    stderr: str
    """Its last 2000 characters."""


def run(command: list[str], folder: str) -> Run:
    """Run ``command`` with its output in files (a diff of 1 GB must not land in this process)."""
    with tempfile.TemporaryFile(dir=folder) as stdout, tempfile.TemporaryFile(dir=folder) as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak, not the largest so far
        wall = time.perf_counter() - start
        stderr.seek(0)
        return Run(os.waitstatus_to_exitcode(status), usage.ru_maxrss * 1024, wall, os.fstat(stdout.fileno()).st_size,
                   stderr.read()[-2000:].decode(errors="replace"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1000.0, help="size of the JSON Lines file (default 1000)")
    parser.add_argument("--filters", default="", metavar="NAMES", help="run only these filters (default: the default set)")
    parser.add_argument("--modes", default="check", metavar="MODES",
                        help=f"comma-separated, among {', '.join(MODES)} (default: check)")
    parser.add_argument("--folder", default=None, help="where to build the file (default: the temporary folder)")
    args = parser.parse_args()
    modes = sorted(args.modes.split(","), key=lambda mode: mode == "in-place")  # it cleans the file: last
    if unknown := set(modes) - set(MODES):
        parser.error(f"unknown modes: {', '.join(sorted(unknown))}")
    normalize = [sys.executable, "-m", "normalize"]
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        path = Path(folder) / "articles.jsonl"
        size = build_file(path, args.megabytes)
        print(f"JSON Lines file: {size / 1e6:.0f} MB; filters: {args.filters or 'the default set'}")
        baseline = run([*normalize, "--version"], folder).peak
        print(f"{'normalize --version':<20} peak {baseline / 1e6:6.0f} MB ({baseline / size:.3f} x the file)")
        for mode in modes:
            command = [*normalize, "clean", "--jsonl-field", "text", "--no-cache",
                       *(argument.format(folder=folder) for argument in MODES[mode]), str(path)]
            if args.filters:
                command[4:4] = ["-f", args.filters]
            done = run(command, folder)
            if done.code not in (0, 1):
                raise SystemExit(f"normalize failed in mode {mode} ({done.code}):\n{done.stderr}")
            summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
            print(f"clean {mode:<14} peak {done.peak / 1e6:6.0f} MB ({done.peak / size:.3f} x the file), "
                  f"{done.wall:.0f} s, stdout {done.stdout_size / 1e6:.0f} MB  {summary}")

if __name__ == "__main__":
    main()
