"""Run the selected filters in canonical order; only here does text change, and every change is recorded.

>>> result = Pipeline(Config(filters=("whitespace",))).run("a  b\\n")
>>> result.text
'a b\\n'
>>> [(c.filter, c.before, c.after, c.original_start) for c in result.changes]
[('whitespace', '  ', ' ', 1)]
>>> replay(result.original, result.changes) == result.text
True
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable, Sequence

from normalize.config import Config
from normalize.edits import Change, Skipped, apply_edits
from normalize.offsets import OffsetMap
from normalize.registry import FilterSpec

Span = tuple[int, int]
ROUNDS = 4  # passes of the filters over a text; a third is rare, a fourth would be a filter's bug


@dataclass(frozen=True)
class Result:
    """The outcome of one run: the input, the output, and the record of what happened between."""

    original: str
    text: str
    changes: tuple[Change, ...] = ()
    skipped: tuple[Skipped, ...] = ()

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def reported(self) -> bool:
        """Some edit was only reported (``apply=False``), so a rerun would still have something to say."""
        return any(not change.applied for change in self.changes)

    def edit_counts(self) -> dict[str, int]:
        """Applied edits per filter, in the order the filters ran."""
        counts: dict[str, int] = {}
        for change in self.changes:
            if change.applied:
                counts[change.filter] = counts.get(change.filter, 0) + 1
        return counts

    def diff(self, path: str = "text") -> str:
        """A unified diff of the input against the output, with ``a/`` and ``b/`` headers."""
        from normalize.render import unified_diff

        return unified_diff(self.original, self.text, path)

    def explain(self, path: str = "text") -> str:
        """One line per change: ``path:line:col: filter: 'before' -> 'after'  (reason)``."""
        from normalize.render import explain_lines

        return "".join(line + "\n" for line in explain_lines(self, path))


@dataclass(frozen=True)
class Pipeline:
    """A configured, ordered set of filters. It pickles as its configuration."""

    config: Config = field(default_factory=Config)

    @cached_property
    def _filters(self) -> tuple[tuple[FilterSpec, Any], ...]:
        """The selected filters with their options, looked up once rather than once per text."""
        return tuple((spec, self.config.options_for(spec)) for spec in self.config.selected())

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config}  # a pipeline pickles as its configuration

    def run(self, text: str, protected: Sequence[Span] = ()) -> Result:
        """Clean ``text``; edits whose original span meets a ``protected`` span are skipped.

        A filter may decide by text that a later one rewrites (a block junk-lines weighs, a name
        that names respells), so after a change the filters go round again, in order, until each
        has read the text as it now is and left it alone (at most ``ROUNDS`` rounds): a second
        run of the pipeline then has nothing left to do. After the first round only changes (and
        overlapping edits, a filter's bug) are recorded: report-only edits and edits refused for
        a protected span would repeat the first round's.
        """
        original = text
        protected = merge_spans(protected)
        offsets = OffsetMap()
        changes: list[Change] = []
        skipped: list[Skipped] = []
        filters = self._filters
        untouched = 0  # filters in a row that read the text as it is and left it alone
        for round_number in range(1, ROUNDS + 1):
            first_round = round_number == 1
            for spec, options in filters:
                if untouched == len(filters):
                    return Result(original, text, tuple(changes), tuple(skipped))
                proposed = apply_edits(text, spec.edits(text, options))
                skipped.extend(Skipped(spec.name, edit, why) for edit, why in proposed.rejected)  # a filter's bug
                kept = []
                for edit in proposed.accepted:
                    if not (first_round or edit.apply):
                        continue
                    original_start, original_end = offsets.original_span(edit.start, edit.end)
                    if _touches(original_start, original_end, protected):
                        if first_round:
                            skipped.append(Skipped(spec.name, edit, "touches a protected span"))
                        continue
                    kept.append(edit)
                    before = text[edit.start : edit.end]
                    changes.append(Change(spec.name, edit.reason, before, edit.replacement, edit.start,
                                          original_start, original_end, edit.apply, round_number))
                applied = proposed if len(kept) == len(proposed.accepted) else apply_edits(text, kept)
                untouched = untouched + 1 if applied.text == text else 0
                text = applied.text
                offsets.push(applied.segments)
        return Result(original, text, tuple(changes), tuple(skipped))


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Spans sorted and merged where they overlap, so that one bisection finds the one that matters."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _touches(start: int, end: int, protected: list[Span]) -> bool:
    """Whether an edit of ``[start, end)`` meets a span of ``protected`` (sorted and merged).

    >>> _touches(3, 3, [(0, 3)]), _touches(2, 2, [(0, 3)]), _touches(2, 4, [(3, 5)])
    (False, True, True)
    """
    index = bisect_left(protected, (start + 1,)) - 1  # the last span starting at or before start
    for span_start, span_end in protected[max(index, 0) : index + 2]:
        if start == end:  # an insertion touches a span only strictly inside it
            if span_start < start < span_end:
                return True
        elif start < span_end and span_start < end:
            return True
    return False


def replay(original: str, changes: Iterable[Change]) -> str:
    """Apply recorded changes to ``original``, filter by filter, checking each ``before``.

    This is how the tests prove the change log is exact (ftfy's ``apply_plan`` check on spans).
    """
    text = original
    batch: list[Change] = []
    for change in [*changes, None]:
        if change is None or (batch and (change.filter, change.round) != (batch[0].filter, batch[0].round)):
            text = _replay_batch(text, batch)
            batch = []
        if change is not None and change.applied:
            batch.append(change)
    return text


def _replay_batch(text: str, batch: list[Change]) -> str:
    pieces = []
    copied_to = 0
    for change in batch:
        end = change.start + len(change.before)
        if text[change.start : end] != change.before:
            raise ValueError(f"change log does not match the text at {change.start}: {change}")
        pieces.append(text[copied_to : change.start])
        pieces.append(change.after)
        copied_to = end
    pieces.append(text[copied_to:])
    return "".join(pieces)
