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

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from normalize.config import Config
from normalize.edits import Change, Skipped, apply_edits
from normalize.offsets import OffsetMap

Span = tuple[int, int]


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

    def run(self, text: str, protected: Sequence[Span] = ()) -> Result:
        """Clean ``text``; edits whose original span meets a ``protected`` span are skipped."""
        original = text
        offsets = OffsetMap()
        changes: list[Change] = []
        skipped: list[Skipped] = []
        for spec in self.config.selected():
            proposed = apply_edits(text, spec.edits(text, self.config.options_for(spec)))
            skipped.extend(Skipped(spec.name, edit, why) for edit, why in proposed.rejected)
            kept = []
            for edit in proposed.accepted:
                original_start, original_end = offsets.original_span(edit.start, edit.end)
                if _touches(original_start, original_end, protected):
                    skipped.append(Skipped(spec.name, edit, "touches a protected span"))
                    continue
                kept.append(edit)
                before = text[edit.start : edit.end]
                changes.append(
                    Change(spec.name, edit.reason, before, edit.replacement, edit.start,
                           original_start, original_end, edit.apply)
                )
            applied = proposed if len(kept) == len(proposed.accepted) else apply_edits(text, kept)
            text = applied.text
            offsets.push(applied.segments)
        return Result(original, text, tuple(changes), tuple(skipped))


def _touches(start: int, end: int, protected: Iterable[Span]) -> bool:
    if start == end:  # an insertion touches a span only strictly inside it
        return any(span_start < start < span_end for span_start, span_end in protected)
    return any(start < span_end and span_start < end for span_start, span_end in protected)


def replay(original: str, changes: Iterable[Change]) -> str:
    """Apply recorded changes to ``original``, filter by filter, checking each ``before``.

    This is how the tests prove the change log is exact (ftfy's ``apply_plan`` check on spans).
    """
    text = original
    batch: list[Change] = []
    for change in [*changes, None]:
        if change is None or (batch and change.filter != batch[0].filter):
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
