"""What a reader can work out from a block of suppressed counts, for the tests.

The reader knows the counts shown, that "1-4" is a count from 1 to 4, that "hidden" is
any count (not 0, unless every row of the block is hidden: then the block may be hiding
its zeros too), and the total the rows add up to (or, for rows that can count a person
twice, at least add up to). The reader tries every value each unknown count could take;
a count with a single possible value has been worked out. Written apart from
crisis_center.reporting (sets of sums, not its interval arithmetic) so that the tests
do not share its mistakes.
"""

from collections.abc import Collection, Sequence

SMALL = "1-4"
HIDDEN = "hidden"
ROOM = 40  # how far above the total a count of an "at least" block is tried


def _domain(label, zeros_possible: bool, cap: int) -> list[int]:
    label = str(label)
    if label == SMALL:
        return [1, 2, 3, 4]
    if label == HIDDEN:
        return list(range(0 if zeros_possible else 1, cap + 1))
    return [int(label)]


def _sums(domains: Sequence[list[int]], cap: int) -> set[int]:
    sums = {0}
    for domain in domains:
        sums = {s + v for s in sums for v in domain if s + v <= cap}
    return sums


def worked_out(
    rows: Sequence, total, *, at_least: bool = False, public: Collection[int] = ()
) -> list:
    """The indexes of the rows (and "total") whose unknown count has one possible value."""
    if str(total) == HIDDEN:
        return []  # nothing ties the rows together for this reader
    totals = _domain(total, False, 0)
    cap = max(totals) + (ROOM if at_least else 0)
    own = [i for i in range(len(rows)) if i not in public]
    zeros_possible = bool(own) and all(str(rows[i]) == HIDDEN for i in own)
    domains = [_domain(label, zeros_possible, cap) for label in rows]
    found: list = []
    for i, domain in enumerate(domains):
        if len(domain) == 1:
            continue
        rest = domains[:i] + domains[i + 1 :]
        if at_least:  # the others at their largest leave the least this one can be
            most = sum(max(d) for d in rest)
            possible = [v for v in domain if v + most >= min(totals)]
        else:
            others = _sums(rest, max(totals))
            possible = [v for v in domain if any(t - v in others for t in totals)]
        if len(possible) == 1:
            found.append(i)
    if len(totals) > 1 and not at_least:
        every = _sums(domains, max(totals))
        if len([t for t in totals if t in every]) == 1:
            found.append("total")
    return found


def truthful(counts: Sequence[int], rows: Sequence, total: int, shown_total) -> bool:
    """Every label tells the truth: a shown count is the count, "1-4" is 1 to 4."""
    for count, label in [*zip(counts, rows, strict=True), (total, shown_total)]:
        label = str(label)
        if label == SMALL and not 1 <= count <= 4:
            return False
        if label not in (SMALL, HIDDEN) and int(label) != count:
            return False
    return True
