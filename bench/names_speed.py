"""Throughput of the names filter with the full dictionary, against html-entities on the same text.

Run from the repository root: ``python bench/names_speed.py [--articles N] [--repeat R]``. Both
filters run alone over the same corpus articles (``../shared/corpus/clean`` then ``dev/input``, all
of them by default), best of R interleaved runs each after a warm-up, in one process, timed in CPU
seconds of this process (other work on a shared machine slows both, but less than in wall time);
the ratio is what to quote. The one-time cost of compiling the dictionary matcher is timed apart
(it is cached per options, so a batch pays it once). The shares of four of the filter's stages
are timed the same way: the dictionary matcher, the dictionary mentions (the matcher and what is
read around each match), the majority rule (``names_majority.majority_edits``) and its first pass
counted in bulk (``names_runs.ascii_ballot``, on the articles whose letters are all ASCII, most of them).
"""

from __future__ import annotations

import argparse
import time

from names_quality import CORPUS, read  # the same corpus, read the same way
from normalize.filters.html_entities import html_entities
from normalize.filters.names import NamesOptions, names
from normalize.names_dictionary import load, matches
from normalize.names_document import find_mentions
from normalize.names_majority import majority_edits
from normalize.names_runs import ascii_ballot
from normalize.names_words import ascii_letters


def seconds(run, texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        for _edit in run(text):
            pass
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="the first N articles (default: all)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    paths = sorted((CORPUS / "clean").glob("*.txt")) + sorted((CORPUS / "dev" / "input").glob("*.txt"))
    texts = [read(path) for path in paths[: args.articles]]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6

    load.cache_clear()
    started = time.perf_counter()
    dictionary = load(None, "")
    build = time.perf_counter() - started
    spellings = len({s for entry in dictionary.entries.values() for s in entry.spellings})
    options = NamesOptions()
    mentions = {id(text): [(m.start, m.end) for m in find_mentions(text, dictionary)] for text in texts}
    # the spans the first pass leaves out, by article (None: letters outside ASCII, no bulk count)
    taken = {id(text): mentions[id(text)] if ascii_letters(text) else None for text in texts}

    filters = {
        "html-entities": html_entities,
        "names": lambda text: names(text, options),
        "dictionary matcher alone": lambda text: matches(dictionary, text),
        "dictionary mentions": lambda text: find_mentions(text, dictionary),
        "majority rule": lambda text: majority_edits(text, mentions[id(text)]),
        "first pass counted in bulk": lambda text: [] if taken[id(text)] is None else [ascii_ballot(text, taken[id(text)])],
    }
    for run in filters.values():  # warm-up: caches filled, word lists read
        seconds(run, texts[:20])
    best = {name: seconds(run, texts) for name, run in filters.items()}
    for _ in range(args.repeat - 1):  # interleaved, so a busy moment on a shared machine hits both
        for name, run in filters.items():
            best[name] = min(best[name], seconds(run, texts))
    entities, named = best["html-entities"], best["names"]
    print(f"{len(texts)} articles, {megabytes:.2f} MB, best of {args.repeat}")
    print(f"dictionary: {spellings} spellings, matcher compiled in {build * 1000:.0f} ms (once per options)")
    print(f"html-entities: {megabytes / entities:8.2f} MB/s")
    print(f"names:         {megabytes / named:8.2f} MB/s")
    print(f"names takes {named / entities:.1f}x the time of html-entities on the same text")
    for stage in ("dictionary matcher alone", "dictionary mentions", "majority rule", "first pass counted in bulk"):
        print(f"of which {stage}: {best[stage] / named:.0%} ({best[stage] * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
