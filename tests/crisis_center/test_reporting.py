"""Small-cell suppression and the CSV cells every report shares."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisis_center.reporting import (
    HIDDEN,
    SUPPRESSED,
    csv_response,
    for_viewer,
    suppress,
    suppress_block,
)
from tests.disclosure import truthful, worked_out
from tests.examples import examples


@pytest.mark.parametrize(
    ("count", "shown"), [(0, 0), (1, "1-4"), (2, "1-4"), (4, "1-4"), (5, 5), (120, 120)]
)
def test_counts_between_one_and_four_are_suppressed(count, shown):
    assert suppress(count) == shown


def test_supervisors_see_exact_counts_and_coordinators_do_not(staff):
    assert for_viewer(3, staff["supervisor"]) == 3
    assert for_viewer(3, staff["coordinator"]) == "1-4"
    assert for_viewer(7, staff["coordinator"]) == 7


def test_csv_cells_cannot_start_a_formula():
    response = csv_response("r.csv", ["label", "count"], [["=1+1", 3], ["-x", None]])
    assert response["Content-Disposition"] == 'attachment; filename="r.csv"'
    assert response.content.decode().splitlines() == ["label,count", "'=1+1,3", "'-x,"]


# Complementary suppression: no hidden count can be worked out from the rest -----------

COUNT = st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 14))


def test_the_issues_example_hides_the_next_smallest_count_too():
    # Male 0, Female 2, Other 5, Not Reported 6, Not Tracked 0, Total 13.
    shown, total = suppress_block([0, 2, 5, 6, 0], 13)
    assert (shown, total) == ([0, HIDDEN, HIDDEN, 6, 0], 13)
    assert worked_out(shown, total) == []


def test_a_small_count_that_cannot_be_worked_out_stays_one_to_four():
    # Female 2, Other 3, Not Reported 8, Total 13: Female + Other = 5, either 1 to 4.
    assert suppress_block([2, 3, 8], 13) == (["1-4", "1-4", 8], 13)


def test_every_count_as_small_as_the_one_hidden_is_hidden_too():
    # Which of two equal counts was hidden would say which the small one is.
    assert suppress_block([5, 5, 1, 9], 20)[0] == [HIDDEN, HIDDEN, HIDDEN, 9]


def test_four_people_in_four_rows_of_a_block_of_one_to_four_are_not_given_away():
    # Total "1-4" and four rows of "1-4": there must be 4 people, one in each row.
    shown, total = suppress_block([1, 1, 1, 1, 0], 4)
    assert total == "1-4" and shown == [HIDDEN] * 5
    assert worked_out(shown, total) == []


def test_a_count_another_block_shows_is_not_hidden_to_protect_another():
    # New 10 (every demographic block's total), Continuing 3, Total 13: hiding New
    # would not help, since 10 is printed three times; the total is hidden instead.
    shown, total = suppress_block([10, 3], 13, public=[0])
    assert shown[0] == 10 and total == HIDDEN
    assert worked_out(shown, total, public=[0]) == []


def test_rows_that_can_count_a_person_twice_add_up_to_at_least_the_total():
    # 20 people, 5 of them with two types: the types add up to at least 25, so one
    # "1-4" with 21 shown would have to be 4.
    shown, _ = suppress_block([4, 9, 12], 25, total_shown=25, at_least=True)
    assert worked_out(shown, 25, at_least=True) == []


@given(
    counts=st.lists(COUNT, min_size=2, max_size=7),
    data=st.data(),
)
@settings(max_examples=examples(300), deadline=None)
def test_no_hidden_count_of_a_block_with_a_total_can_be_worked_out(counts, data):
    """For any counts and their total, after suppression no hidden count (nor a hidden
    total) has a single possible value, and every label tells the truth."""
    public = data.draw(st.sets(st.integers(0, len(counts) - 1), max_size=len(counts) - 1))
    at_least = data.draw(st.booleans())
    total = sum(counts) - (data.draw(st.integers(0, sum(counts))) if at_least else 0)
    shown, shown_total = suppress_block(
        counts, total, total_shown=total if at_least else None, at_least=at_least, public=public
    )
    assert truthful(counts, shown, total, shown_total)
    assert [shown[i] for i in public] == [suppress(counts[i]) for i in public]
    if shown_total == HIDDEN:  # only where showing it would give a hidden count away
        assert worked_out(shown, total, at_least=at_least, public=public) != []
    if at_least:
        shown_total = total  # the reader is taken to know the bound exactly
    assert worked_out(shown, shown_total, at_least=at_least, public=public) == []


@pytest.mark.parametrize("size", [2, 3, 4, 5])
def test_the_same_page_comes_from_many_counts_even_for_a_reader_who_knows_the_rule(size):
    """Every block of `size` rows adding up to at most 12, suppressed: among all the
    blocks that look the same after suppression, each hidden row takes at least two
    values, so a reader who knows exactly how counts are hidden learns none of them.
    The one exception (documented with suppress_block): one person in each of five or
    more rows, every row hidden, the total shown."""
    pages: dict[tuple, list[tuple[int, ...]]] = {}
    for counts in itertools.product(range(13), repeat=size):
        if sum(counts) <= 12:
            shown, total = suppress_block(list(counts), sum(counts))
            pages.setdefault((tuple(shown), total), []).append(counts)
    given_away = [
        blocks
        for (shown, _total), blocks in pages.items()
        for i, label in enumerate(shown)
        if label in (HIDDEN, SUPPRESSED) and len({block[i] for block in blocks}) == 1
    ]
    assert all(blocks == [(1,) * size] for blocks in given_away), given_away
    assert len(given_away) == (size if size >= 5 else 0)
