"""apply_edits on ruff's list of cases: empty, insertion, replacement, removal, two removals, overlap."""

from normalize.edits import Edit, apply_edits


def test_no_edits_returns_the_text_unchanged():
    applied = apply_edits("abc", [])
    assert (applied.text, applied.accepted, applied.rejected, applied.segments) == ("abc", (), (), ())


def test_insertion():
    applied = apply_edits("ac", [Edit(1, 1, "b", "insert")])
    assert applied.text == "abc"
    assert applied.segments == ((1, 2, 1, 1),)


def test_replacement_of_a_different_length():
    applied = apply_edits("a&quot;b", [Edit(1, 7, '"', "reference")])
    assert applied.text == 'a"b'
    assert applied.segments == ((1, 2, 1, 7),)


def test_removal():
    assert apply_edits("a  b", [Edit(1, 2, "", "space")]).text == "a b"


def test_two_removals_given_out_of_order():
    applied = apply_edits("xaxbx", [Edit(4, 5, "", "second"), Edit(0, 1, "", "first")])
    assert applied.text == "axb"
    assert applied.segments == ((0, 0, 0, 1), (3, 3, 4, 5))


def test_overlapping_edit_is_rejected_and_the_first_kept():
    first, overlapping = Edit(0, 3, "X", "first"), Edit(2, 4, "Y", "second")
    applied = apply_edits("abcde", [overlapping, first])
    assert applied.text == "Xde"
    assert applied.rejected == ((overlapping, "overlaps an earlier edit of this filter"),)


def test_adjacent_edits_do_not_overlap():
    applied = apply_edits("abcd", [Edit(0, 2, "X", "a"), Edit(2, 2, "-", "b"), Edit(2, 4, "Y", "c")])
    assert applied.text == "X-Y"
    assert applied.rejected == ()


def test_edit_outside_the_text_is_rejected():
    bad = Edit(2, 9, "", "too long")
    assert apply_edits("abc", [bad]).rejected == ((bad, "span outside the text"),)


def test_report_only_edit_is_accepted_but_changes_nothing():
    report = Edit(0, 3, "", "junk?", apply=False)
    applied = apply_edits("abc", [report])
    assert (applied.text, applied.accepted, applied.segments) == ("abc", (report,), ())
