"""How well the names filter does on the development corpus, and what it does to clean articles.

Run from the repository root: ``python bench/names_quality.py [--show N]``. It prints

- per sub-class of the ``names`` class in ``../shared/corpus/dev/manifest.jsonl``: how many
  injected variants the filter, run alone on ``dev/input``, repairs exactly (the edits inside the
  injected span turn it back into the original spelling);
- edits on ``dev/input`` that touch no injected artifact of any class (false positives);
- applied and report-only edits on ``../shared/corpus/clean/`` (target: 0 applied).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from normalize.filters.names import NamesOptions, names

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def read(path: Path) -> str:
    """The file as written: '\r\n' kept, so the manifest's offsets hold."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def repaired(text: str, gold: str, edits, row: dict) -> bool:
    """Whether the applied edits that touch the injected span restore the gold text around it."""
    start, end = row["corrupt_start"], row["corrupt_end"]
    touching = sorted((e for e in edits if e.apply and e.start <= end and start <= e.end), key=lambda e: e.start)
    if not touching:
        return False
    low, high = min(start, touching[0].start), max(end, max(e.end for e in touching))
    pieces, copied = [], low
    for edit in touching:
        pieces += [text[copied : edit.start], edit.replacement]
        copied = edit.end
    fixed = "".join(pieces) + text[copied:high]
    return fixed == gold[row["gold_start"] - (start - low) : row["gold_end"] + (high - end)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=10, help="print this many false positives of each kind")
    show = parser.parse_args().show
    options = NamesOptions()
    manifest = [json.loads(line) for line in (CORPUS / "dev" / "manifest.jsonl").open(encoding="utf-8")]
    spans = defaultdict(list)
    for row in manifest:
        spans[row["id"]].append(row)
    totals, fixed, stray = Counter(), Counter(), []
    for name, rows in sorted(spans.items()):
        text = read(CORPUS / "dev" / "input" / f"{name}.txt")
        gold = read(CORPUS / "dev" / "gold" / f"{name}.txt")
        edits = list(names(text, options))
        for row in rows:
            if row["class"] == "names":
                totals[row["sub"]] += 1
                fixed[row["sub"]] += repaired(text, gold, edits, row)
        for edit in edits:
            if edit.apply and not any(r["corrupt_start"] <= edit.end and edit.start <= r["corrupt_end"] for r in rows):
                stray.append((name, text[edit.start : edit.end], edit.replacement, edit.reason))
    print(f"{'dev names sub-class':<20} {'repaired':>8} {'of':>5} {'share':>6}")
    for sub, total in totals.most_common():
        print(f"{sub:<20} {fixed[sub]:>8} {total:>5} {fixed[sub] / total:>6.1%}")
    print(f"{'all':<20} {sum(fixed.values()):>8} {sum(totals.values()):>5} {sum(fixed.values()) / sum(totals.values()):>6.1%}")
    print(f"dev edits touching no injected artifact: {len(stray)}")
    for item in stray[:show]:
        print("   ", *item)
    applied, reported = [], []
    clean_files = sorted((CORPUS / "clean").glob("*.txt"))
    for path in clean_files:
        text = read(path)
        for edit in names(text, options):
            (applied if edit.apply else reported).append((path.name, text[edit.start : edit.end], edit.replacement, edit.reason))
    print(f"clean articles: {len(clean_files)}, applied edits: {len(applied)}, report-only edits: {len(reported)}")
    for item in applied[:show] + reported[:show]:
        print("   ", *item)


if __name__ == "__main__":
    main()
