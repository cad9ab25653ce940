"""Peak memory of `normalize clean --check --jsonl-field text` on a large JSON Lines file.

The file is built in a temporary folder from the articles of ../shared/corpus/clean/ and
dev/input/, one record per article (`{"id": N, "text": "..."}`), repeated to --megabytes. The run
is a fresh process; its peak resident memory (ru_maxrss) is printed with its ratio to the file
size: a run that streams the file holds a bounded amount, one that reads it whole holds at least
the file.

    python bench/memory.py                                  # 1000 MB, the default filters
    python bench/memory.py --megabytes 200 --filters whitespace
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


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
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1000.0, help="size of the JSON Lines file (default 1000)")
    parser.add_argument("--filters", default="", metavar="NAMES", help="run only these filters (default: the default set)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "articles.jsonl"
        size = build_file(path, args.megabytes)
        command = [sys.executable, "-m", "normalize", "clean", "--check", "--jsonl-field", "text", str(path)]
        if args.filters:
            command[4:4] = ["-f", args.filters]
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kilobytes on Linux
    if completed.returncode not in (0, 1):
        raise SystemExit(f"normalize failed ({completed.returncode}):\n{completed.stderr[-2000:]}")
    print(f"JSON Lines file: {size / 1e6:.0f} MB; filters: {args.filters or 'the default set'}; {wall:.0f} s")
    print(f"peak resident memory of the normalize process: {peak / 1e6:.0f} MB ({peak / size:.2f} x the file)")


if __name__ == "__main__":
    main()
