"""Map positions in a filter's input back to the user's original input.

Each filter that changes text leaves one list of segments ``(new_start, new_end, old_start,
old_end)``, one per applied edit, sorted (ruff's ``SourceMap`` idea). Positions outside every
segment shift by the length difference of the segments before them; positions inside a
replacement snap to the edge of the text it replaced.

>>> offsets = OffsetMap()
>>> offsets.push([(1, 2, 1, 3)])           # "a  b" -> "a b"
>>> offsets.push([(0, 1, 0, 0)])           # "a b" -> "Xa b" (an insertion at the start)
>>> offsets.original_span(3, 4)            # "b" in "Xa b" is "b" in "a  b"
(3, 4)
>>> offsets.original_span(0, 1)            # the inserted "X" stands before "a"
(0, 0)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Sequence

Segment = tuple[int, int, int, int]


class _Layer:
    """The segments of one filter, indexed for bisection."""

    __slots__ = ("segments", "new_starts")

    def __init__(self, segments: Sequence[Segment]) -> None:
        self.segments = tuple(segments)
        self.new_starts = [segment[0] for segment in self.segments]

    def map_start(self, position: int) -> int:
        index = bisect_right(self.new_starts, position) - 1
        if index < 0:
            return position
        _, new_end, old_start, old_end = self.segments[index]
        if position < new_end:
            return old_start
        return old_end + position - new_end

    def map_end(self, position: int) -> int:
        index = bisect_left(self.new_starts, position) - 1
        if index < 0:
            return position
        _, new_end, _, old_end = self.segments[index]
        return old_end + max(position - new_end, 0)


class OffsetMap:
    """A stack of per-filter layers, composed from the newest back to the original input."""

    def __init__(self) -> None:
        self._layers: list[_Layer] = []

    def push(self, segments: Sequence[Segment]) -> None:
        if segments:
            self._layers.append(_Layer(segments))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original input that ``[start, end)`` of the current text came from."""
        for layer in reversed(self._layers):
            start, end = layer.map_start(start), layer.map_end(end)
        return start, max(start, end)
