"""Small-cell suppression and the CSV cells every report shares."""

import pytest

from crisis_center.reporting import csv_response, for_viewer, suppress


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
