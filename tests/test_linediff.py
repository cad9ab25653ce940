"""normalize.linediff: the spans it finds rebuild the target, and its work grows linearly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from test_properties import count_calls

from normalize import linediff

PIECES = ["word ", "the ", "caf\u00e9 ", "\u00c3\u00a9", "\u00e9", " ", "  ", "x", "\u00c3 ", "\u00e2\u20ac\u2122", "\u2019"]
REPAIRS = {"\u00c3\u00a9": "\u00e9", "\u00e2\u20ac\u2122": "\u2019", "\u00c3 ": "\u00e0", "the ": ""}


def rebuilt(line: str, target: str) -> str:
    spans = list(linediff.differences(line, target))
    out, cursor, target_cursor = [], 0, 0
    for i1, i2, j1, j2 in spans:
        assert cursor <= i1 <= i2 and target_cursor <= j1 <= j2 and (i1, j1) != (i2, j2)
        assert line[cursor:i1] == target[target_cursor:j1], "text between spans differs"
        out += [line[cursor:i1], target[j1:j2]]
        cursor, target_cursor = i2, j2
    assert line[cursor:] == target[target_cursor:]
    return "".join(out) + line[cursor:]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=300), st.data())
def test_spans_rebuild_the_target(pieces: list[str], data: st.DataObject) -> None:
    """A line and the line with some pieces repaired (as ftfy does), or any other text."""
    line = "".join(pieces)
    repaired = "".join(REPAIRS.get(piece, piece) if data.draw(st.booleans()) else piece for piece in pieces)
    target = data.draw(st.one_of(st.just(repaired), st.text(max_size=40)))
    assert rebuilt(line, target) == target


def test_spans_are_tight_around_each_repair() -> None:
    line = "a caf\u00c3\u00a9 and a Ã x, " * 3 + "end"
    target = "a caf\u00e9 and a \u00e0x, " * 3 + "end"
    spans = list(linediff.differences(line, target))
    assert [(line[i1:i2], target[j1:j2]) for i1, i2, j1, j2 in spans] == [("\u00c3\u00a9", "\u00e9"), ("Ã ", "\u00e0")] * 3


@pytest.mark.parametrize(
    ("unit", "repaired"),
    [
        pytest.param("caf\u00c3\u00a9 x y z ", "caf\u00e9 x y z ", id="a repair every few words"),
        pytest.param("\u00c3\u00a9 ", "\u00e9 ", id="every word repaired"),
        pytest.param("\u00c3 x ", "\u00e0x ", id="every repair joins two words (the lines drift apart)"),
        pytest.param("\u00c3\u00a9", "\u00e9", id="one word, every character repaired"),
    ],
)
def test_work_grows_linearly(unit: str, repaired: str) -> None:
    """Twice the line, at most about twice the Python calls (a count, not a clock)."""

    def calls(copies: int) -> int:
        line, target = unit * copies, repaired * copies
        return count_calls(lambda: rebuilt(line, target) == target or pytest.fail("not rebuilt"), 10**8)

    small, large = calls(4000 // len(unit)), calls(8000 // len(unit))
    assert large < 2.3 * small, (small, large)
