"""Quality benchmark: what the default filters repair and what they break, against two baselines.

    python bench/quality.py [CORPUS] [--failures CLASS[/SUB]] [--unstable]

CORPUS defaults to ``../shared/corpus`` beside the repository (its README describes it). One run
cleans every article of ``dev/input`` and ``clean/`` with the default pipeline (whatever filters
are registered), ``ftfy.fix_text`` (default settings) and ``html.unescape``, and prints Markdown
tables:

- per artifact class and sub-class, the share of injected artifacts fully repaired;
- whole-article exact match with the gold, character error rate before and after, idempotence,
  and on ``clean/`` the share of articles changed and the characters changed;
- per filter, the articles changed and edits made on ``clean/`` (each one a false positive).

An artifact counts as repaired when the output reproduces its gold span and one character on
each side exactly: aligned with the gold by a minimal (Levenshtein) edit script, no edit touches
``gold[start - 1 : end + 1]`` and nothing is inserted strictly inside it. The character error
rate is the Levenshtein distance to the gold over the gold's length, summed over all articles.

``--failures entity`` (or ``entity/quot``) also prints the artifacts of that class the default
pipeline leaves unrepaired, with their surroundings, for tuning; ``--unstable`` lists the articles
whose cleaned text the default pipeline changes again, with the filters that do.
"""

from __future__ import annotations

import argparse
import html
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import ftfy
from rapidfuzz.distance import Levenshtein

from normalize import Pipeline
from normalize.registry import default_names

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
CONTEXT = 1  # characters of gold on each side that must come back too
NORMALIZE = "normalize"
Cleaner = Callable[[str], str]
BASELINES: dict[str, Cleaner] = {"ftfy.fix_text": ftfy.fix_text, "html.unescape": html.unescape}
Extent = tuple[int, int]


@dataclass(frozen=True)
class Artifact:
    article: str
    kind: str  # "class/sub"
    gold_start: int
    gold_end: int


@dataclass
class Scores:
    """Everything one system scored in the run."""

    repaired: Counter = field(default_factory=Counter)
    exact: int = 0
    distance: int = 0
    idempotent: int = 0
    clean_changed: int = 0
    clean_distance: int = 0
    unstable: list[Path] = field(default_factory=list)
    """Articles whose cleaned text this system changes again."""


def read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:  # keep CR and CRLF as they are
        return handle.read()


def edit_extents(gold: str, output: str) -> list[Extent]:
    """Where in the gold each edit of a minimal gold-to-output script could stand.

    An insertion or a deletion next to equal characters can slide along them and still be the
    same edit (inserting "x\\n\\n" after "\\n\\n" is inserting "\\n\\nx" before it), so each
    extent ``(first, last)`` covers every place it could stand: an insertion at any gold position
    from ``first`` to ``last`` included, or a change of ``gold[first:last]`` (a deletion's span
    grown over all its places). Either touches ``gold[low:high]`` when ``first < high`` and
    ``last > low``: an insertion strictly inside it, a change overlapping it.
    """
    extents: list[Extent] = []
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(gold, output):
        if tag == "insert":
            inserted, first, last = output[j1:j2], i1, i1
            while first > 0 and gold[first - 1] == inserted[(first - 1 - i1) % len(inserted)]:
                first -= 1
            while last < len(gold) and gold[last] == inserted[(last - i1) % len(inserted)]:
                last += 1
            extents.append((first, last))
        elif tag == "delete":
            while i1 > 0 and gold[i1 - 1] == gold[i2 - 1]:
                i1, i2 = i1 - 1, i2 - 1
            end = i2
            while end < len(gold) and gold[end] == gold[end - (i2 - i1)]:
                end += 1
            extents.append((i1, end))
        elif tag == "replace":
            extents.append((i1, i2))
    return extents


def repaired(extents: list[Extent], start: int, end: int) -> bool:
    """Whether no edit touches ``gold[start - CONTEXT : end + CONTEXT]`` or inserts strictly inside it.

    >>> repaired(edit_extents("a b.", "a b."), 1, 2)
    True
    >>> repaired(edit_extents("a b.", "a  b."), 1, 2)  # a space inserted next to it
    False
    >>> repaired(edit_extents("a b. c", "a b.  c"), 1, 2)  # further away: another artifact's
    True
    >>> repaired(edit_extents("one.\\n\\ntwo", "one.\\n\\nJunk\\n\\ntwo"), 6, 6)  # it may stand at 4 too
    False
    """
    low, high = start - CONTEXT, end + CONTEXT
    return not any(first < high and last > low for first, last in extents)


def load_artifacts(corpus: Path) -> dict[str, list[Artifact]]:
    by_article: dict[str, list[Artifact]] = defaultdict(list)
    with (corpus / "dev" / "manifest.jsonl").open(encoding="utf-8") as manifest:
        for line in manifest:
            row = json.loads(line)
            kind = f"{row['class']}/{row['sub']}"
            by_article[row["id"]].append(Artifact(row["id"], kind, row["gold_start"], row["gold_end"]))
    return by_article


def run(corpus: Path, failures: str | None = None, unstable: bool = False) -> str:
    """Score every system on the corpus and return the Markdown tables (and failures, if asked)."""
    pipeline = Pipeline()
    systems: dict[str, Cleaner] = {NORMALIZE: lambda text: pipeline.run(text).text, **BASELINES}
    scores = {name: Scores() for name in systems}
    dev_paths = sorted((corpus / "dev" / "input").glob("*.txt"))
    clean_paths = sorted((corpus / "clean").glob("*.txt"))
    kinds, before_distance, gold_length, unrepaired = _score_dev(corpus, dev_paths, systems, scores, failures)
    filter_counts = _score_clean(clean_paths, pipeline, systems, scores)
    tables = [
        f"Corpus: {len(dev_paths)} dev articles with {sum(kinds.values())} injected artifacts, "
        f"{len(clean_paths)} clean articles. Default filters: {', '.join(default_names())}.",
        _class_table(kinds, scores),
        _article_table(scores, len(dev_paths), len(clean_paths), before_distance, gold_length),
        _filter_table(filter_counts, len(clean_paths)),
    ]
    if failures:
        heading = f"Unrepaired by {NORMALIZE} ({failures}): {len(unrepaired)}"
        tables.append("\n\n".join([heading, "\n".join(unrepaired)]))
    if unstable:
        tables.append(_describe_unstable(scores[NORMALIZE].unstable, pipeline, corpus))
    return "\n\n".join(tables) + "\n"


def _score_dev(
    corpus: Path, paths: list[Path], systems: dict[str, Cleaner], scores: dict[str, Scores], failures: str | None
) -> tuple[Counter, int, int, list[str]]:
    """Repairs, exact matches, distances and idempotence on dev/; the artifact counts and failures."""
    artifacts = load_artifacts(corpus)
    kinds: Counter = Counter()
    before_distance = gold_length = 0
    unrepaired: list[str] = []
    for path in paths:
        text, gold = read(path), read(corpus / "dev" / "gold" / path.name)
        found = artifacts.get(path.stem, [])
        kinds.update(artifact.kind for artifact in found)
        before_distance += Levenshtein.distance(gold, text)
        gold_length += len(gold)
        for name, clean in systems.items():
            output = clean(text)
            score = scores[name]
            extents = edit_extents(gold, output)
            score.exact += output == gold
            score.distance += Levenshtein.distance(gold, output)
            _check_stable(clean, output, path, score)
            for artifact in found:
                ok = repaired(extents, artifact.gold_start, artifact.gold_end)
                score.repaired[artifact.kind] += ok
                if name == NORMALIZE and not ok and failures and _matches(artifact.kind, failures):
                    unrepaired.append(_describe_failure(artifact, gold, output))
    return kinds, before_distance, gold_length, unrepaired


def _score_clean(
    paths: list[Path], pipeline: Pipeline, systems: dict[str, Cleaner], scores: dict[str, Scores]
) -> dict[str, Counter]:
    """Changes and idempotence on clean/ per system; articles changed and edits per filter."""
    filter_counts: dict[str, Counter] = defaultdict(Counter)
    for path in paths:
        text = read(path)
        result = pipeline.run(text)
        for filter_name in {change.filter for change in result.changes if change.applied}:
            filter_counts[filter_name]["articles"] += 1
        for change in result.changes:
            filter_counts[change.filter]["edits" if change.applied else "reports"] += 1
        for name, clean in systems.items():
            output = result.text if name == NORMALIZE else clean(text)
            scores[name].clean_changed += output != text
            scores[name].clean_distance += Levenshtein.distance(text, output)
            _check_stable(clean, output, path, scores[name])
    return filter_counts


def _check_stable(clean: Cleaner, output: str, path: Path, score: Scores) -> None:
    if clean(output) == output:
        score.idempotent += 1
    else:
        score.unstable.append(path)


def _describe_unstable(paths: list[Path], pipeline: Pipeline, corpus: Path) -> str:
    """Each article the default pipeline changes again, with the filters of the second run."""
    lines = [f"Not idempotent under {NORMALIZE}: {len(paths)}", ""]
    for path in paths:
        again = pipeline.run(pipeline.run(read(path)).text)
        changes = [change for change in again.changes if change.applied]
        shown = ", ".join(f"{change.filter}: {change.before!r} -> {change.after!r}" for change in changes[:3])
        lines.append(f"- {path.relative_to(corpus).as_posix()}: {shown}")
    return "\n".join(lines)


def _matches(kind: str, wanted: str) -> bool:
    return kind == wanted or kind.startswith(wanted + "/")


def _describe_failure(artifact: Artifact, gold: str, output: str) -> str:
    """The gold around the artifact and the part of the output aligned with it."""
    low, high = max(artifact.gold_start - 30, 0), min(artifact.gold_end + 30, len(gold))
    opcodes = Levenshtein.opcodes(gold, output)
    return (
        f"- {artifact.article} {artifact.kind} at {artifact.gold_start}: gold {gold[low:high]!r}\n"
        f"  output {output[_in_output(opcodes, low) : _in_output(opcodes, high)]!r}"
    )


def _in_output(opcodes: Iterable[tuple[str, int, int, int, int]], position: int) -> int:
    """Where gold ``position`` lands in the output (the start of whatever replaced it)."""
    end = 0
    for tag, i1, i2, j1, end in opcodes:
        if i1 <= position < i2:
            return j1 + (position - i1 if tag == "equal" else 0)
    return end


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _row(cells: Iterable[object]) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def _class_table(kinds: Counter, scores: dict[str, Scores]) -> str:
    names = list(scores)
    lines = [
        _row(["class", "sub-class", "artifacts", *(f"repaired: {name}" for name in names)]),
        _row(["---", "---", "--:", *("--:" for _ in names)]),
    ]
    classes = sorted({kind.split("/")[0] for kind in kinds})
    for class_name in classes:
        members = sorted(kind for kind in kinds if kind.split("/")[0] == class_name)
        total = sum(kinds[kind] for kind in members)
        fixed = [sum(scores[name].repaired[kind] for kind in members) for name in names]
        lines.append(_row([f"**{class_name}**", "all", total, *(f"**{_percent(f, total)}**" for f in fixed)]))
        for kind in members:
            lines.append(
                _row(["", kind.split("/")[1], kinds[kind],
                      *(_percent(scores[name].repaired[kind], kinds[kind]) for name in names)])
            )
    return "\n".join(lines)


def _article_table(scores: dict[str, Scores], dev: int, clean: int, before: int, gold_length: int) -> str:
    names = list(scores)
    measures = [
        (f"dev: articles equal to the gold (of {dev})", lambda s: _percent(s.exact, dev)),
        ("dev: character error rate before", lambda s: _percent(before, gold_length)),
        ("dev: character error rate after", lambda s: _percent(s.distance, gold_length)),
        (f"idempotent: cleaning the output changes nothing (of {dev + clean})",
         lambda s: _percent(s.idempotent, dev + clean)),
        (f"clean/: articles changed (of {clean})",
         lambda s: f"{s.clean_changed} ({_percent(s.clean_changed, clean)})"),
        ("clean/: characters changed (Levenshtein)", lambda s: s.clean_distance),
    ]
    lines = [_row(["measure", *names]), _row(["---", *("--:" for _ in names)])]
    lines.extend(_row([label, *(value(scores[name]) for name in names)]) for label, value in measures)
    return "\n".join(lines)


def _filter_table(counts: dict[str, Counter], clean: int) -> str:
    lines = [
        _row([f"filter ({NORMALIZE}, default set)", "clean/: articles changed", "clean/: edits",
              "clean/: report-only edits"]),
        _row(["---", "--:", "--:", "--:"]),
    ]
    for name in default_names():
        count = counts.get(name, Counter())
        lines.append(_row([name, f"{count['articles']} of {clean}", count["edits"], count["reports"]]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--failures", metavar="CLASS[/SUB]", help="list what normalize leaves unrepaired")
    parser.add_argument("--unstable", action="store_true", help="list the articles a second run changes")
    args = parser.parse_args(argv)
    if not (args.corpus / "dev" / "manifest.jsonl").is_file():
        parser.error(f"{args.corpus}: not a corpus (no dev/manifest.jsonl)")
    print(run(args.corpus, args.failures, args.unstable), end="")


if __name__ == "__main__":
    main()
