"""A file's :class:`~normalize.pipeline.Result` reduced to what a run counts: whether its text
changed, the applied edits per filter, and whether an edit was only reported.

A JSON Lines file cleaned as a stream has no texts to keep, and a run that shows no diff or
explanation and writes no report (``--check``, ``--in-place``, the cleaned text on standard
output, which is the file's bytes) needs none: a worker process then sends back a summary, which
crosses to the parent far faster than the texts and change records.
(This lives in its own module, not in :mod:`normalize.files`, because every run imports that one
and defining a dataclass costs start-up time.)

>>> from normalize import Config, Pipeline
>>> result = Pipeline(Config(filters=("whitespace",))).run("a  b  c\\n")
>>> summary = ResultSummary.of(result)
>>> summary.changed, summary.edit_counts(), summary.text, summary.changes
(True, {'whitespace': 2}, '', ())
>>> ResultSummary.of(summary) is summary
True
"""

from __future__ import annotations

from dataclasses import dataclass

from normalize.pipeline import Result


@dataclass(frozen=True)
class ResultSummary(Result):
    """A Result whose ``original``, ``text`` and ``changes`` are empty: it has no diff or explanation."""

    altered: bool = False
    counts: tuple[tuple[str, int], ...] = ()
    """Applied edits per filter, in the order in which the file first showed them."""
    reported: bool = False
    """Some edit was report-only (this field stands for :attr:`Result.reported`: no changes are kept)."""

    @classmethod
    def of(cls, result: Result) -> ResultSummary:
        if isinstance(result, ResultSummary):
            return result
        return cls("", "", altered=result.changed, counts=tuple(result.edit_counts().items()), reported=result.reported)

    @property
    def changed(self) -> bool:
        return self.altered

    def edit_counts(self) -> dict[str, int]:
        return dict(self.counts)
