"""The pipeline's rounds: after a change the filters go round again until none changes the text."""

from __future__ import annotations

from typing import Iterator

import pytest

from normalize import Config, Pipeline, replay
from normalize.edits import Edit
from normalize.pipeline import ROUNDS
from normalize.registry import register


def capital_b_before_a_bang(text: str) -> Iterator[Edit]:
    """Capitalize 'b' before '!', and report every 'b' before '.' (a decision a later filter changes)."""
    for index, char in enumerate(text[:-1]):
        if char == "b" and text[index + 1] == "!":
            yield Edit(index, index + 1, "B", "b before a bang")
        elif char == "b" and text[index + 1] == ".":
            yield Edit(index, index + 1, "B", "b before a full stop: reported", apply=False)


def bang_for_a_full_stop(text: str) -> Iterator[Edit]:
    """Make every '.' a '!'."""
    for index, char in enumerate(text):
        if char == ".":
            yield Edit(index, index + 1, "!", "a full stop")


def flip_the_first_letter(text: str) -> Iterator[Edit]:
    """A broken filter: it never leaves its own output alone."""
    if text:
        yield Edit(0, 1, text[0].swapcase(), "flip")


@pytest.fixture(autouse=True)
def toy_filters(scratch_registry: None) -> None:
    register("test-capital-b", order=1, default=False)(capital_b_before_a_bang)
    register("test-bang", order=2, default=False)(bang_for_a_full_stop)
    register("test-flip", order=3, default=False)(flip_the_first_letter)


def run(text: str, *filters: str):
    return Pipeline(Config(filters=filters)).run(text)


def test_a_filter_reads_again_what_a_later_one_changed() -> None:
    result = run("a b. b.\n", "test-capital-b", "test-bang")
    assert result.text == "a B! B!\n"
    assert [(c.filter, c.round, c.before, c.after, c.applied) for c in result.changes] == [
        ("test-capital-b", 1, "b", "B", False),
        ("test-capital-b", 1, "b", "B", False),
        ("test-bang", 1, ".", "!", True),
        ("test-bang", 1, ".", "!", True),
        ("test-capital-b", 2, "b", "B", True),
        ("test-capital-b", 2, "b", "B", True),
    ]
    assert [(c.original_start, c.original_end) for c in result.changes[4:]] == [(2, 3), (5, 6)]
    assert replay(result.original, result.changes) == result.text
    assert run(result.text, "test-capital-b", "test-bang").changes == ()


def test_text_no_filter_changes_is_read_once() -> None:
    result = run("a b c\n", "test-capital-b", "test-bang")
    assert (result.text, result.changes) == ("a b c\n", ())


def test_a_filter_that_never_settles_stops_after_the_last_round() -> None:
    result = run("ab\n", "test-flip")
    assert [change.round for change in result.changes] == list(range(1, ROUNDS + 1))
    assert result.text == ("ab\n" if ROUNDS % 2 == 0 else "Ab\n")
    assert replay(result.original, result.changes) == result.text
