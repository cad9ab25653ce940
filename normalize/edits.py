"""Edits proposed by filters, changes recorded by the pipeline, and the one function that applies them.

A filter never builds new text: it yields :class:`Edit` objects against the text it was given.
:func:`apply_edits` is the only place where text is rebuilt, as ruff's ``apply_fixes`` is.

>>> text = "a  b"
>>> applied = apply_edits(text, [Edit(1, 3, " ", "two spaces")])
>>> applied.text
'a b'
>>> applied.segments
((1, 2, 1, 3),)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, NamedTuple


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` (offsets in the text the filter was given) with ``replacement``.

    ``reason`` is specific to this instance ("pronoun 'He' mid-sentence after 'said'").
    ``apply=False`` reports the edit in ``--explain`` and leaves the text alone.
    """

    start: int
    end: int
    replacement: str
    reason: str
    apply: bool = True


@dataclass(frozen=True, slots=True)
class Change:
    """An edit the pipeline accepted, located both for replay and for the user.

    ``start`` is the offset in the input of the filter that made it, so replaying the changes
    filter by filter is exact; ``original_start``/``original_end`` locate it in the user's input.
    ``round`` is the pipeline's pass over the text that made it (see ``Pipeline.run``).
    """

    filter: str
    reason: str
    before: str
    after: str
    start: int
    original_start: int
    original_end: int
    applied: bool
    round: int = 1


@dataclass(frozen=True, slots=True)
class Skipped:
    """An edit the pipeline refused, and why (an overlap is a filter bug; a protected span is not)."""

    filter: str
    edit: Edit
    why: str


class Applied(NamedTuple):
    """What :func:`apply_edits` returns."""

    text: str
    accepted: tuple[Edit, ...]
    rejected: tuple[tuple[Edit, str], ...]
    """Edits that were not applied, each with why: a filter bug, never a user's problem."""
    segments: tuple[tuple[int, int, int, int], ...]
    """``(new_start, new_end, old_start, old_end)`` for every applied edit, in order."""


def apply_edits(text: str, edits: Iterable[Edit]) -> Applied:
    """Sort ``edits``, reject those that overlap an earlier one, and rebuild ``text`` in one pass.

    Report-only edits (``apply=False``) are accepted and kept, but change nothing.

    >>> apply_edits("abcdef", [Edit(3, 4, "", "x"), Edit(0, 2, "AB", "y"), Edit(1, 3, "", "z")]).text
    'ABcef'
    """
    accepted: list[Edit] = []
    rejected: list[tuple[Edit, str]] = []
    previous_end = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if not 0 <= edit.start <= edit.end <= len(text):
            rejected.append((edit, "span outside the text"))
            continue
        if edit.start < previous_end:
            rejected.append((edit, "overlaps an earlier edit of this filter"))
            continue
        accepted.append(edit)
        previous_end = edit.end

    pieces: list[str] = []
    segments: list[tuple[int, int, int, int]] = []
    copied_to = 0
    new_length = 0
    for edit in accepted:
        if not edit.apply:
            continue
        pieces.append(text[copied_to : edit.start])
        new_length += edit.start - copied_to
        pieces.append(edit.replacement)
        segments.append((new_length, new_length + len(edit.replacement), edit.start, edit.end))
        new_length += len(edit.replacement)
        copied_to = edit.end
    pieces.append(text[copied_to:])
    return Applied("".join(pieces), tuple(accepted), tuple(rejected), tuple(segments))
