"""What every report shares: small-cell suppression and CSV download.

DESIGN.md "Reports people need": counts between 1 and 4 are suppressed in anything a
coordinator or someone outside the center sees, because a small count in a small town
can name a person. Supervisors inside the center see exact numbers.

A "1-4" is no use if the reader can subtract: Male 0, Female "1-4", Other 5, Not
Reported 6, Total 13 says Female is 2. So wherever a block's rows add up to a total the
reader knows (printed with the block or elsewhere), `suppress_block` hides more counts
until no hidden count can be worked out (complementary suppression).
"""

import csv
import io
import math
from collections.abc import Collection, Iterable, Sequence

from django.http import HttpResponse

from crisis_center.policy import sees_all_clients

SUPPRESSED = "1-4"  # shown instead of a count between 1 and 4
SMALL_CELL_MAX = 4


def suppress(count: int) -> int | str:
    """A count as it may leave the center: 1 to 4 become "1-4"; 0 and 5+ stay."""
    return SUPPRESSED if 0 < count <= SMALL_CELL_MAX else count


HIDDEN = "hidden"  # shown instead of a count that would let a small one be worked out


def suppress_block(
    counts: Sequence[int],
    total: int | None = None,
    *,
    total_shown: int | str | None = None,
    at_least: bool = False,
    public: Collection[int] = (),
) -> tuple[list[int | str], int | str | None]:
    """A block's counts as they may leave the center, and its total as shown.

    `total` is what the rows add up to (at least, with `at_least`: a person can be in
    several rows) and the reader knows it, from this block or another; `total_shown`
    is how the reader sees it when another block shows it (default: `suppress(total)`).
    `public` rows are counts another block shows: they are never hidden to protect
    another count, because the reader would read them there.

    The reader knows the counts shown, that "1-4" is 1 to 4, that "hidden" is a count
    that is not 0 (any count, 0 too, when the whole breakdown is hidden) and the total.
    A block about one to four people shows no breakdown: every row is hidden, 0 too
    (with the zeros shown, four rows of "1-4" would say one person in each). Then,
    while some hidden count (or a total not shown exactly) has only one possible value:
      1. the block's "1-4" become "hidden" (which no longer says they are small), then
      2. every count equal to the smallest shown non-zero count is hidden too (all the
         equal ones, so that which one was hidden says nothing), again if needed;
      3. if that is not enough (nothing left to hide), every row is hidden, 0 included;
      4. and if still not, the total: only when every other row is public, as the new
         individuals are beside the continuing ones, so a caller printing the total
         elsewhere never gets it back hidden.
    Zeros stay 0 otherwise: knowing nobody is in a row says nothing of anyone.

    A reader who also knows these steps learns no hidden count either (all the blocks
    that end up looking the same differ in each hidden row), with one exception a
    center will not meet: one person in every row of a block of five rows or more,
    where step 3 hides every row and the total says how many there are.
    """
    shown: list[int | str] = [suppress(count) for count in counts]
    if total is None:
        return shown, None
    total_label = suppress(total) if total_shown is None else total_shown
    own = [i for i in range(len(counts)) if i not in public]
    breakdown_hidden = False

    def worked_out() -> bool:
        rows = [_known(c, label, breakdown_hidden) for c, label in zip(counts, shown, strict=True)]
        return _any_worked_out(rows, _known(total, total_label, True), at_least)

    if 0 < total <= SMALL_CELL_MAX and not at_least:  # about one to four people
        breakdown_hidden = True
        for i in own:
            shown[i] = HIDDEN
    if not worked_out():
        return shown, total_label
    for i in own:
        if shown[i] == SUPPRESSED:
            shown[i] = HIDDEN
    while worked_out():
        left = [i for i in own if shown[i] != HIDDEN and counts[i] > 0]
        if not left:
            break
        smallest = min(counts[i] for i in left)
        for i in left:
            if counts[i] == smallest:
                shown[i] = HIDDEN
    else:
        return shown, total_label
    breakdown_hidden = True
    for i in own:
        shown[i] = HIDDEN
    if worked_out():
        total_label = HIDDEN
    return shown, total_label


def _known(count: int, label: int | str, zero_possible: bool) -> tuple[float, float]:
    """The least and the most a count can be, for a reader who sees `label`."""
    if label == SUPPRESSED:
        return 1, SMALL_CELL_MAX
    if label == HIDDEN:
        return (0 if zero_possible else 1), math.inf
    return count, count


def _any_worked_out(
    rows: list[tuple[float, float]], total: tuple[float, float], at_least: bool
) -> bool:
    """Whether a row the reader does not see, or the total, has a single possible value,
    given that the rows add up to the total (or at least to it). Counts are whole
    numbers and a sum of ranges of whole numbers is one range, so comparing bounds is
    exact for one block."""
    least_total, most_total = total
    for i, (least, most) in enumerate(rows):
        if least == most:
            continue
        others_least = sum(low for j, (low, _) in enumerate(rows) if j != i)
        others_most = sum(high for j, (_, high) in enumerate(rows) if j != i)
        low = max(least, least_total - others_most)
        high = most if at_least else min(most, most_total - others_least)
        if low >= high:
            return True
    if least_total != most_total and not at_least:
        low = max(least_total, sum(low for low, _ in rows))
        high = min(most_total, sum(high for _, high in rows))
        return low >= high
    return False


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
