"""Measure the junk-lines filter on the shared corpus: junk repaired per sub-class, clean lines removed.

Runs whitespace then junk-lines (their order in the default pipeline) over every file of
``dev/input`` that the manifest lists junk for, and over every file of ``clean/``:

- a junk item is *removed* when an applied junk-lines change covers its text, *reported* when a
  report-only change does, else *missed*; any other applied change in dev input is a wrong removal;
- every junk-lines change in ``clean/`` and ``dev/gold/`` (the dev articles before injection) is
  a false positive (removed or reported);
- a generic subheading inserted into each clean article must not be removed;
- speed: junk-lines alone against whitespace alone on those articles, as a ratio from one run.

Usage: python bench/junk_lines.py [CORPUS] [--show N]   (CORPUS defaults to ../shared/corpus)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

from normalize import Config, Pipeline

FILTERS = ("whitespace", "junk-lines")
REPEATS = 5
SUBHEADINGS = (
    "Little progress in the region", "A long way to go", "Questions remain over funding",
    "The view from Brussels", "What the critics say", "Back to the drawing board",
    "Mixed reaction from investors", "Growing pressure on the government", "Lessons from the past",
    "A new approach", "The Bigger Picture", "Fears of a price war", "Strong start to the season",
    "Doubts over the plan", "Court battle looms", "Record profits", "Analysis", "Background",
    "Tough times ahead for retailers",
)


def junk_changes(pipeline: Pipeline, path: Path):
    result = pipeline.run(path.read_text(encoding="utf-8"))
    return [change for change in result.changes if change.filter == "junk-lines"]


def locate(text: str, item: dict) -> tuple[int, int]:
    """Where the junk item's text (without the whitespace around it) is in ``text``.

    The manifest's offsets drift by the length of artifacts injected later, so the item is
    looked up by its text, nearest to its recorded offset.
    """
    core = item["corrupted"].strip()
    found = [match.start() for match in re.finditer(re.escape(core), text)]
    start = min(found, key=lambda m: abs(m - item["corrupt_start"]), default=item["corrupt_start"])
    return start, start + len(core)


def subheading_outcomes(pipeline: Pipeline, clean_files: list[Path]) -> Counter[str]:
    """Insert a real-looking subheading into each clean article; none may be removed.

    The subheadings are generic, so they share few words with the article they land in: the
    hardest case for the teaser evidence (a real subheading shares its section's words).
    """
    choose = random.Random(0)
    outcomes: Counter[str] = Counter()
    for path in clean_files:
        paragraphs = path.read_text(encoding="utf-8").split("\n\n")
        if len(paragraphs) < 4:
            continue
        at = choose.randrange(2, len(paragraphs) - 1)
        subheading = choose.choice(SUBHEADINGS)
        changes = pipeline.run("\n\n".join([*paragraphs[:at], subheading, *paragraphs[at:]])).changes
        found = [c for c in changes if c.filter == "junk-lines" and c.before.strip() == subheading]
        outcomes["removed" if any(c.applied for c in found) else "reported" if found else "kept"] += 1
    return outcomes


def best_times(names: tuple[str, ...], texts: list[str]) -> dict[str, float]:
    """The best of REPEATS timed runs per filter, interleaved so that load on a shared machine
    falls on all of them alike; a first untimed run loads data files and compiles patterns."""
    pipelines = {name: Pipeline(Config(filters=(name,))) for name in names}
    timings: dict[str, list[float]] = defaultdict(list)
    for repeat in range(REPEATS + 1):
        for name, pipeline in pipelines.items():
            started = time.perf_counter()
            for text in texts:
                pipeline.run(text)
            if repeat:
                timings[name].append(time.perf_counter() - started)
    return {name: min(times) for name, times in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default="../shared/corpus", type=Path)
    parser.add_argument("--show", type=int, default=5, help="examples of each kind of miss to print")
    args = parser.parse_args()
    pipeline = Pipeline(Config(filters=FILTERS))

    junk: dict[str, list[dict]] = defaultdict(list)
    for line in (args.corpus / "dev" / "manifest.jsonl").open(encoding="utf-8"):
        item = json.loads(line)
        if item["class"] == "junk":
            junk[item["id"]].append(item)

    outcomes: Counter[tuple[str, str]] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for name, items in sorted(junk.items()):
        path = args.corpus / "dev" / "input" / f"{name}.txt"
        text = path.read_text(encoding="utf-8")
        changes = junk_changes(pipeline, path)
        used = set()
        for item in items:
            start, end = locate(text, item)
            covering = [c for c in changes if c.original_start <= start and end <= c.original_end]
            kind = "removed" if any(c.applied for c in covering) else "reported" if covering else "missed"
            outcomes[item["sub"], kind] += 1
            used.update(map(id, covering))
            if kind != "removed":
                examples[f"{item['sub']} {kind}"].append(f"{name}: {text[start:end]!r}")
        for change in changes:
            if id(change) not in used:
                kind = "wrong removal" if change.applied else "wrong report"
                outcomes["dev", kind] += 1
                examples[f"dev {kind}"].append(f"{name}: {change.before!r} ({change.reason})")

    clean_files = sorted((args.corpus / "clean").glob("*.txt"))
    gold_files = sorted((args.corpus / "dev" / "gold").glob("*.txt"))
    for folder, files in (("clean", clean_files), ("gold", gold_files)):
        for path in files:
            for change in junk_changes(pipeline, path):
                kind = "removed" if change.applied else "reported"
                outcomes[folder, kind] += 1
                examples[f"{folder} {kind}"].append(f"{path.name}: {change.before!r} ({change.reason})")

    print(f"dev/input: {len(junk)} files with junk")
    print(f"{'sub-class':<12} {'items':>6} {'removed':>8} {'reported':>9} {'missed':>7}")
    for sub in sorted({sub for sub, _ in outcomes} - {"dev", "clean", "gold"}):
        counts = [outcomes[sub, kind] for kind in ("removed", "reported", "missed")]
        print(f"{sub:<12} {sum(counts):>6} {counts[0]:>8} {counts[1]:>9} {counts[2]:>7}")
    print(f"dev/input changes matching no junk item: {outcomes['dev', 'wrong removal']} removed, "
          f"{outcomes['dev', 'wrong report']} reported")
    print(f"clean/ ({len(clean_files)} articles): {outcomes['clean', 'removed']} lines removed, "
          f"{outcomes['clean', 'reported']} reported")
    print(f"dev/gold ({len(gold_files)} articles before injection): {outcomes['gold', 'removed']} lines removed, "
          f"{outcomes['gold', 'reported']} reported")
    subheadings = subheading_outcomes(pipeline, clean_files)
    print(f"a subheading inserted between two paragraphs of each of the {subheadings.total()} clean/ articles "
          f"with 4 or more: {subheadings['removed']} removed, {subheadings['reported']} reported, "
          f"{subheadings['kept']} kept")
    texts = [path.read_text(encoding="utf-8") for path in (*clean_files, *gold_files)]
    seconds = best_times(("whitespace", "junk-lines"), texts)
    print(f"speed on the {len(texts)} articles of clean/ and dev/gold/ (best of {REPEATS} interleaved runs each): "
          f"junk-lines takes {seconds['junk-lines'] / seconds['whitespace']:.1f} times as long as whitespace")
    for label, lines in sorted(examples.items()):
        print(f"\n{label} ({len(lines)}):")
        for line in lines[: args.show]:
            print("  " + line)


if __name__ == "__main__":
    main()
