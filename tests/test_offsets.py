"""Positions in a later filter's input map back to the user's original input through every filter."""

from normalize import clean
from normalize.offsets import OffsetMap


def test_position_after_a_shrinking_edit_shifts_back():
    offsets = OffsetMap()
    offsets.push([(0, 1, 0, 6)])  # "&quot;" -> '"'
    assert offsets.original_span(2, 4) == (7, 9)


def test_position_inside_a_replacement_snaps_to_the_replaced_span():
    offsets = OffsetMap()
    offsets.push([(3, 4, 3, 9)])
    assert offsets.original_span(3, 4) == (3, 9)


def test_removal_maps_a_following_position_after_the_removed_text():
    offsets = OffsetMap()
    offsets.push([(2, 2, 2, 5)])  # three characters removed at 2
    assert offsets.original_span(2, 3) == (5, 6)


def test_layers_compose_from_newest_to_oldest():
    offsets = OffsetMap()
    offsets.push([(0, 1, 0, 6)])  # first filter: 6 characters became 1
    offsets.push([(1, 2, 1, 3)])  # second filter: 2 characters became 1
    assert offsets.original_span(5, 6) == (11, 12)


def test_changes_of_later_filters_point_at_the_original_input():
    original = "&quot;Hi&quot;  there\u200b friend"
    result = clean(original, filters=["html-entities", "unicode", "whitespace"])
    assert result.text == '"Hi" there friend\n'
    for change in result.changes:
        if change.before:
            assert original[change.original_start : change.original_end] == change.before
    spaces = next(change for change in result.changes if change.filter == "whitespace" and change.before == "  ")
    assert (spaces.original_start, spaces.original_end) == (14, 16)
