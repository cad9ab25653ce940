"""Start-up for the pre-commit case: `normalize clean --check FILE` against `python -c "import ftfy"`.

Both commands run as fresh processes, interleaved (normalize, ftfy, normalize, ...), so a busy
moment on the machine hits both; the figure is the median of the per-pair ratios.

    python bench/startup.py                 # a small clean ASCII article from ../shared/corpus/clean/
    python bench/startup.py --runs 31 FILE  # any file

The script also reports whether the normalize run imported ftfy (it must not for an ASCII file).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "clean"
IMPORTS_FTFY = (
    "import sys; from normalize.cli import main\n"
    "try:\n    main(['clean', '--check', sys.argv[1]])\n"
    "except SystemExit:\n    pass\n"
    "print('ftfy' in sys.modules, file=sys.stderr)"
)


def small_ascii_article() -> Path:
    """The smallest article of the clean corpus that is pure ASCII."""
    for path in sorted(CORPUS.glob("*.txt"), key=lambda p: p.stat().st_size):
        if path.read_bytes().isascii():
            return path
    raise SystemExit(f"no ASCII article in {CORPUS}")


def wall_time(command: list[str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True)
    elapsed = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="default: a small ASCII article of the corpus")
    parser.add_argument("--runs", type=int, default=21, help="pairs of runs (default 21)")
    args = parser.parse_args()
    path = args.file or small_ascii_article()
    script = shutil.which("normalize", path=str(Path(sys.executable).parent)) or shutil.which("normalize")
    if script is None:
        raise SystemExit("the normalize command is not installed (pip install -e .)")
    ours = [script, "clean", "--check", str(path)]
    theirs = [sys.executable, "-c", "import ftfy"]
    wall_time(ours), wall_time(theirs)  # warm the file cache for both
    pairs = [(wall_time(ours), wall_time(theirs)) for _ in range(args.runs)]
    check = subprocess.run([sys.executable, "-c", IMPORTS_FTFY, str(path)], capture_output=True, text=True)
    imported = check.stderr.strip().splitlines()[-1]

    ours_median = statistics.median(pair[0] for pair in pairs)
    theirs_median = statistics.median(pair[1] for pair in pairs)
    ratio = statistics.median(pair[0] / pair[1] for pair in pairs)
    print(f"file: {path} ({path.stat().st_size} bytes), {args.runs} interleaved pairs of runs")
    print(f"normalize clean --check FILE   median {ours_median * 1000:7.1f} ms")
    print(f'python -c "import ftfy"        median {theirs_median * 1000:7.1f} ms')
    print(f"median ratio normalize / import ftfy: {ratio:.2f} (below 1 means normalize is faster)")
    print(f"the normalize run imported ftfy: {imported}")


if __name__ == "__main__":
    main()
