"""Measure the capitalization and all-caps filters on the shared corpus: repairs on dev, edits on clean.

Runs the default pipeline plus the opt-in all-caps filter, as a user would, and counts only the
edits of those two filters:

- dev: for each kind of injected damage (``case``/``mid_capital``, ``case``/``start_lower``,
  ``allcaps``/``paragraph`` in ``dev/manifest.jsonl``), how many the filters repair exactly, and
  how many of their edits on dev match no injected damage;
- clean: how many edits they make on ``clean/`` (every one is a false positive);
- dev/gold: the same on the dev articles before damage was injected (each edit is a false
  positive or a typo of the source, such as 'was introduced. unless voluntary steps');
- speed: each filter alone against whitespace alone on clean/ and dev/gold/, as a ratio.

    python bench/capitalization.py [CORPUS] [--show]

CORPUS defaults to ``../shared/corpus``; ``--show`` prints every unmatched or false edit.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from junk_lines import REPEATS, best_times  # bench/ is on the path when this script runs
from normalize import Config, Pipeline, registry
from normalize.files import decode

OURS = ("capitalization", "all-caps")
NEAR = 12  # manifest offsets drift by a few characters where other damage was injected later


def pipeline() -> Pipeline:
    return Pipeline(Config(filters=(*registry.default_names(), "all-caps")))


def our_changes(result):
    return [change for change in result.changes if change.filter in OURS and change.applied]


def measure_dev(corpus: Path, run: Pipeline, show: bool) -> None:
    damage = defaultdict(list)
    for line in (corpus / "dev" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["class"] in ("case", "allcaps"):
            damage[entry["id"]].append(entry)
    total = Counter(entry["sub"] for entries in damage.values() for entry in entries)
    repaired, elsewhere, unmatched, words_right, words_all = Counter(), Counter(), [], 0, 0
    for path in sorted((corpus / "dev" / "input").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        entries = list(damage.get(path.stem, ()))
        result = run.run(text)
        for change in result.changes:
            entry = next((e for e in entries if _repaired_elsewhere(change, e)), None)
            if entry is not None:  # the names filter, earlier in the pipeline, fixes 'brazil is'
                entries.remove(entry)
                elsewhere[entry["sub"], change.filter] += 1
        for change in our_changes(result):
            entry = next((e for e in entries if _matches(change, e)), None)
            if entry is None:
                unmatched.append(_describe(path.name, text, change))
                continue
            entries.remove(entry)
            if entry["class"] == "allcaps":
                recased = _recased_paragraph(text, change, entry)
                right, count = _words_right(recased, entry["original"])
                words_right, words_all = words_right + right, words_all + count
                repaired["paragraph"] += recased == entry["original"]
                repaired["paragraph (touched)"] += 1
            else:
                repaired[entry["sub"]] += 1
    print(f"dev: {len(list((corpus / 'dev' / 'input').glob('*.txt')))} articles")
    for sub in ("mid_capital", "start_lower"):
        others = "".join(f", {n} more by {name}" for (kind, name), n in sorted(elsewhere.items()) if kind == sub)
        print(f"  case/{sub}: {repaired[sub]} of {total[sub]} repaired by capitalization{others}")
    print(
        f"  allcaps/paragraph: {repaired['paragraph (touched)']} of {total['paragraph']} recased, "
        f"{repaired['paragraph']} exactly; {words_right} of {words_all} words in the right case"
    )
    print(f"  edits matching no injected damage: {len(unmatched)}")
    if show:
        print(*unmatched, sep="\n")


def _repaired_elsewhere(change, entry) -> bool:
    """Another filter's edit that puts the damaged letter right (its span may hold more words)."""
    if change.filter in OURS or not change.applied or entry["class"] != "case":
        return False
    offset = entry["corrupt_start"] - change.original_start
    return (
        abs(offset) <= NEAR
        and change.before[max(offset, 0) : max(offset, 0) + 1] == entry["corrupted"]
        and change.after[max(offset, 0) : max(offset, 0) + 1] == entry["original"]
    )


def _matches(change, entry) -> bool:
    if entry["class"] == "allcaps":
        return change.filter == "all-caps" and change.original_start < entry["corrupt_end"] and entry["corrupt_start"] < change.original_end
    return (
        change.filter == "capitalization"
        and abs(change.original_start - entry["corrupt_start"]) <= NEAR
        and (change.before, change.after) == (entry["corrupted"], entry["original"])
    )


def _recased_paragraph(text: str, change, entry) -> str:
    """The damaged paragraph with the all-caps edit applied (the edit spans only what changed)."""
    start = text.find(entry["corrupted"], max(0, entry["corrupt_start"] - NEAR))  # offsets drift
    end = start + len(entry["corrupted"])
    start, end = min(start, change.original_start), max(end, change.original_end)
    return text[start : change.original_start] + change.after + text[change.original_end : end]


def _words_right(after: str, original: str) -> tuple[int, int]:
    ours, gold = after.split(), original.split()
    return sum(a == b for a, b in zip(ours, gold)), len(gold)


def _describe(name: str, text: str, change) -> str:
    context = text[max(0, change.original_start - 50) : change.original_end + 30]
    return f"    {name}:{change.original_start}: {change.filter}: {context!r} ({change.reason})"


def measure_unchanged(folder: Path, label: str, run: Pipeline, show: bool) -> None:
    """Count the edits on articles that must come back as they are."""
    paths = sorted(folder.glob("*.txt"))
    edits = Counter()
    for path in paths:
        source = decode(path.read_bytes(), path.name)
        for change in our_changes(run.run(source.text)):
            edits[change.filter] += 1
            if show:
                print(_describe(path.name, source.text, change))
    print(f"{label}: {len(paths)} articles, {sum(edits.values())} edits: "
          + ", ".join(f"{edits[name]} {name}" for name in OURS))


def main(argv: list[str]) -> None:
    show = "--show" in argv
    paths = [arg for arg in argv if arg != "--show"]
    corpus = Path(paths[0] if paths else Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus")
    run = pipeline()
    measure_dev(corpus, run, show)
    measure_unchanged(corpus / "clean", "clean (every edit a false positive)", run, show)
    measure_unchanged(corpus / "dev" / "gold", "dev/gold (source typos or false positives)", run, show)
    paths = [*sorted((corpus / "clean").glob("*.txt")), *sorted((corpus / "dev" / "gold").glob("*.txt"))]
    seconds = best_times(("whitespace", *OURS), [path.read_text(encoding="utf-8") for path in paths])
    print(f"speed on the {len(paths)} articles of clean/ and dev/gold/ (best of {REPEATS} interleaved runs): "
          + ", ".join(f"{name} takes {seconds[name] / seconds['whitespace']:.1f}x whitespace" for name in OURS))


if __name__ == "__main__":
    main(sys.argv[1:])
