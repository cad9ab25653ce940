"""Start-up for the pre-commit case: `normalize clean --check FILE` against `python -c "import ftfy"`.

Both commands run as fresh processes, interleaved (normalize, ftfy, normalize, ...), so a busy
moment on the machine hits both; the figure is the median of the per-pair ratios.

    python bench/startup.py                 # a small clean ASCII article from ../shared/corpus/clean/
    python bench/startup.py --runs 31 FILE  # any file

The package is byte-compiled first, as ``pip install`` does for ftfy: with
PYTHONDONTWRITEBYTECODE set, an editable install would otherwise recompile its sources on every
start. The script also reports whether the normalize run imported ftfy (it must not for an
ASCII file).
"""

from __future__ import annotations

import argparse
import compileall
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import normalize

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="default: a small ASCII article of the corpus")
    parser.add_argument("--runs", type=int, default=21, help="pairs of runs (default 21)")
    args = parser.parse_args()
    path = args.file or small_ascii_article()
    script = shutil.which("normalize", path=str(Path(sys.executable).parent)) or shutil.which("normalize")
    if script is None:
        raise SystemExit("the normalize command is not installed (pip install -e .)")
    compileall.compile_dir(Path(normalize.__file__).parent, quiet=1)
    ours = [script, "clean", "--check", str(path)]
    theirs = [sys.executable, "-c", "import ftfy"]
    timed(ours), timed(theirs)  # warm the file cache for both
    pairs = [(timed(ours), timed(theirs)) for _ in range(args.runs)]
    check = subprocess.run([sys.executable, "-c", IMPORTS_FTFY, str(path)], capture_output=True, text=True)
    imported = check.stderr.strip().splitlines()[-1]

    print(f"file: {path} ({path.stat().st_size} bytes), {args.runs} interleaved pairs of runs")
    print(f"{'':32} {'wall ms':>8} {'CPU ms':>8}")
    for label, index in (("normalize clean --check FILE", 0), ('python -c "import ftfy"', 1)):
        wall = statistics.median(pair[index][0] for pair in pairs)
        cpu = statistics.median(pair[index][1] for pair in pairs)
        print(f"{label:32} {wall * 1000:8.1f} {cpu * 1000:8.1f}")
    for kind, index in (("wall", 0), ("CPU", 1)):
        ratio = statistics.median(ours[index] / theirs[index] for ours, theirs in pairs)
        print(f"median {kind} time ratio normalize / import ftfy: {ratio:.2f} (below 1: normalize is faster)")
    print(f"the normalize run imported ftfy: {imported}")


if __name__ == "__main__":
    main()
