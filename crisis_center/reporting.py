"""What every report shares: small-cell suppression and CSV download.

DESIGN.md "Reports people need": counts between 1 and 4 are suppressed in anything a
coordinator or someone outside the center sees, because a small count in a small town
can name a person. Supervisors inside the center see exact numbers.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from crisis_center.policy import sees_all_clients

SUPPRESSED = "1-4"  # shown instead of a count between 1 and 4
SMALL_CELL_MAX = 4


def suppress(count: int) -> int | str:
    """A count as it may leave the center: 1 to 4 become "1-4"; 0 and 5+ stay."""
    return SUPPRESSED if 0 < count <= SMALL_CELL_MAX else count


def sees_exact_counts(user) -> bool:
    """Supervisors see exact counts; coordinators (and every export for outsiders) do not."""
    return sees_all_clients(user)


def for_viewer(count: int, user) -> int | str:
    return count if sees_exact_counts(user) else suppress(count)


def spreadsheet_safe(value) -> str:
    """A CSV cell that a spreadsheet shows as text: = + - @ would start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(("=", "+", "-", "@")) else text


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV download of counts (never names or record ids: callers pass aggregates)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(value) for value in row] for row in rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
