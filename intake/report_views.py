"""Report pages. The reports are counts only (coordinators see small ones suppressed,
crisis_center.reporting); only the supervisors' list of the entries behind a count
names clients, and it writes the access log."""

from itertools import zip_longest

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from crisis_center import permissions, policy, roster, service_hours
from crisis_center import reports as shared_reports
from crisis_center.models import User
from crisis_center.paging import page_of
from crisis_center.reporting import csv_response, sees_exact_counts, suppress, suppress_block
from crisis_center.reports import DUE
from intake import counts as running
from intake import reports, stability, stored_reports
from intake.choices import ServiceCategory, ServiceCode
from intake.forms import ReportPeriodForm
from intake.models import CrisisContact, ServiceDelivery

STAFF_PER_PAGE = 25


def _period(request: HttpRequest) -> tuple[ReportPeriodForm, reports.Period | None]:
    """The period asked for in the query string; the current quarter when none is."""
    current = reports.Period.containing(timezone.localdate())
    if not {"fiscal_year", "quarter"} & request.GET.keys():
        initial = {"fiscal_year": current.fiscal_year, "quarter": current.quarter}
        return ReportPeriodForm(initial=initial), current
    form = ReportPeriodForm(request.GET)
    if not form.is_valid():
        return form, None
    return form, reports.Period(form.cleaned_data["fiscal_year"], form.cleaned_data["quarter"])


def _shown(blocks: list[reports.Block], user) -> list[dict]:
    """Blocks as the viewer may see them: exact for a supervisor, suppressed otherwise.
    Service rows carry their code, which a supervisor can open to the entries behind."""
    exact = sees_exact_counts(user)
    totals: dict[str, int | str | None] = {}  # each block's total as shown, by key
    shown = []
    for block in blocks:
        counts = [count for _, count in block.rows]
        if exact or not block.people:
            labels, total = counts, block.total
        else:
            labels, total = _suppressed(block, totals)
        totals[block.key] = total
        codes = block.codes[: len(block.rows)]
        rows = [
            (label, shown_count, count, code)
            for ((label, count), code), shown_count in zip(
                zip_longest(block.rows, codes), labels, strict=True
            )
        ]
        # Bars are drawn to the largest count shown: a hidden one would set their scale.
        largest = max([n for n in labels if isinstance(n, int)] + [1])
        # Rows shown as zero fold away on the page (most of a quarter's rows); the CSV
        # and the total keep every row.
        zeros = [row for row in rows if _is_zero(row[1])]
        counted = [row for row in rows if not _is_zero(row[1])]
        shown.append(
            {"block": block, "rows": rows, "total": total, "largest": largest,
             "counted": counted, "zeros": zeros}
        )  # fmt: skip
    return shown


def _is_zero(shown_count) -> bool:
    # "1-4" and "hidden" are not zero; hours come as numbers or numeric text.
    if isinstance(shown_count, str):
        try:
            return float(shown_count) == 0
        except ValueError:
            return False
    return shown_count == 0


def _suppressed(block: reports.Block, totals: dict) -> tuple[list, int | str | None]:
    """A block's counts and total as a coordinator sees them: small counts suppressed,
    and as many more as it takes for none to be worked out from what the rows add up to
    (shown with the block, or by another block: `totals` holds those already shown)."""
    counts = [count for _, count in block.rows]
    summed = [i for i in range(len(counts)) if i not in block.apart]
    known = block.total if block.total is not None else block.adds_up_to
    # The total as the reader sees it where another block prints it; a bound worked out
    # from several counts is taken as known exactly.
    seen = known if block.at_least else totals.get(block.total_of or None)
    labels, total = suppress_block(
        [counts[i] for i in summed],
        known,
        total_shown=seen,
        at_least=block.at_least,
        public=[summed.index(i) for i in block.public],
    )
    shown = [suppress(count) for count in counts]
    for i, label in zip(summed, labels, strict=True):
        shown[i] = label
    return shown, (total if block.total is not None else None)


def _csv(name: str, period: reports.Period, shown: list[dict]) -> HttpResponse:
    rows = []
    for entry in shown:
        rows += [[entry["block"].title, label, count] for label, count, _, _ in entry["rows"]]
        if entry["block"].warning:  # a failed check leaves with the counts
            rows.append(["Check", entry["block"].warning, ""])
        if entry["total"] is not None:
            rows.append([entry["block"].title, "Total", entry["total"]])
    return csv_response(f"{name}-{period.slug}.csv", ["section", "item", "count"], rows)


def _report_page(request, name: str, title: str, build) -> HttpResponse:
    """A report for the period asked for: its stored counts, or counted now. A POST
    ("Count again") counts now and comes back to the same page."""
    form, period = _period(request)
    if request.method == "POST":
        if period:
            stored_reports.counted(name, period, build, again=True)
        return redirect(request.get_full_path())
    blocks, counted_at = stored_reports.counted(name, period, build) if period else ([], None)
    shown = _shown(blocks, request.user)
    if period and request.GET.get("format") == "csv":
        return _csv(name, period, shown)
    context = {
        "form": form,
        "period": period,
        "shown": shown,
        "title": title,
        "name": name,
        "counted_at": counted_at,
    }
    return render(request, "reports/report.html", context)


@permissions.required("see_reports")
def report_index(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/index.html")


@permissions.required("see_reports")
@require_http_methods(["GET", "HEAD", "POST"])
def quarterly_report(request: HttpRequest) -> HttpResponse:
    return _report_page(
        request,
        "victim-services",
        "Quarterly victim-services report",
        lambda period: reports.quarterly_report(period).blocks,
    )


@permissions.required("see_reports")
@require_http_methods(["GET", "HEAD", "POST"])
def outcome_measures(request: HttpRequest) -> HttpResponse:
    return _report_page(
        request,
        "outcome-measures",
        "Collaboration outcome measures",
        shared_reports.outcome_measures,
    )


@permissions.required("see_reports")
@require_http_methods(["GET", "HEAD", "POST"])
def stability_report(request: HttpRequest) -> HttpResponse:
    """Stability outcomes (issue 21): how clients' answers changed from first to last."""
    return _report_page(request, "stability", "Stability outcomes", stability.report)


@permissions.required("see_reports")
def service_hours_report(request: HttpRequest) -> HttpResponse:
    """Hours of direct service in a period by kind and by staff member, volunteers
    apart (crisis_center/service_hours.py). Staff names and counts; no client data."""
    form, period = _period(request)
    report = service_hours.service_hours(period) if period else None
    if report and request.GET.get("format") == "csv":
        return csv_response(
            f"service-hours-{period.slug}.csv",
            ["section", "row", "column", "value"],
            service_hours.csv_rows(report),
        )
    untimed = _(service_hours.UNTIMED)
    context = {"form": form, "period": period, "report": report, "untimed": untimed}
    return render(request, "reports/service_hours.html", context)


@permissions.required("see_reports")
def volunteer_hours_report(request: HttpRequest) -> HttpResponse:
    """Volunteer hours in a period (crisis_center/roster.py): shifts worked and direct
    service time, per volunteer, with totals. Funders ask for them. Staff names only."""
    form, period = _period(request)
    rows = roster.volunteer_hours(period) if period else None
    table = roster.volunteer_table(rows) if rows is not None else None
    if table and request.GET.get("format") == "csv":
        return csv_response(f"volunteer-hours-{period.slug}.csv", table[0], table[1:])
    context = {"form": form, "period": period, "table": table}
    return render(request, "reports/volunteer_hours.html", context)


@permissions.required("see_caseloads")
def caseload_dashboard(request: HttpRequest) -> HttpResponse:
    if request.GET.get("format") == "csv":
        return csv_response(
            f"caseload-{timezone.localdate():%Y-%m-%d}.csv",
            ["section", "item", "count"],
            _dashboard_rows(reports.caseload_dashboard()),
        )
    context = reports.dashboard_context()
    # A page of the staff list at a time (a center of 100,000 clients has ~1,000
    # advocates); the bars keep one scale on every page: the largest caseload of all.
    page = page_of(request, context["d"].per_advocate, STAFF_PER_PAGE)
    largest = context["d"].per_advocate.values_list("clients", flat=True).first() or 1
    context |= {"page": page, "largest": largest}
    return render(request, "reports/caseload.html", context)


# What each of the dashboard's numbers is called on the page that lists what it counts.
BEHIND = {
    running.FILES["active"]: gettext_lazy("Active clients"),
    running.FILES["inactive"]: gettext_lazy("Inactive clients"),
    running.FILES["closed"]: gettext_lazy("Closed files"),
    running.OPENED: gettext_lazy("Files opened this month"),
    running.CONTACTS: gettext_lazy("Crisis contacts this week"),
    running.ANONYMOUS: gettext_lazy("Anonymous contacts this week"),
    running.CONCERNS: gettext_lazy("Screenings with concerns (30 days)"),
    running.AWAITING_REVIEW: gettext_lazy("Emergency accesses waiting for review"),
}


@permissions.required("see_caseloads")
def caseload_list(request: HttpRequest) -> HttpResponse:
    """One number of the caseload dashboard opened to the records behind it (`count`,
    the running count's name; or `staff`, one staff member's caseload). Names clients,
    so through the access policy, and every client shown is in the access log."""
    name, staff_id = request.GET.get("count", ""), request.GET.get("staff", "")
    dues = {due.name: _(due.label) for due in DUE}
    if staff_id:
        if not staff_id.isdigit() or len(staff_id) > 18:
            raise Http404
        staff = User.objects.filter(pk=int(staff_id)).first()
        if staff is None:
            raise Http404
        title = _("Active clients of %(name)s") % {"name": staff.get_full_name() or staff}
        rows = reports.caseload_of(staff.pk)
    elif name in BEHIND or name in dues:
        title = str(BEHIND.get(name) or _("%(label)s due today or overdue") % {"label": dues[name]})
        rows = reports.behind(name)
    else:
        raise Http404
    model = rows.model
    scoped = hasattr(rows, "visible_to")  # client-linked (agreement reviews are not)
    if scoped:
        rows = rows.visible_to(request.user)
        if path := rows.client_path:
            rows = rows.select_related(path)
    else:
        rows = rows.select_related()  # what its name reads (an agreement's agency)
    day = running.measure(name).day if name and not staff_id else None
    rows = rows.order_by(f"-{day}" if day else "-pk", "-pk")
    page = page_of(request, rows, 50)
    if scoped:
        policy.log_listed(request, model.objects, page)
    entries = [_entry(record, rows if scoped else None, day) for record in page]
    context = {
        "title": title,
        "page": page,
        "entries": entries,
        "kind": model._meta.verbose_name,
        "day": day,
    }
    return render(request, "reports/caseload_list.html", context)


def _entry(record, rows, day: str | None) -> dict:
    """A row of the list: the client (or the anonymous contact) and the record's day;
    a record that names no client (a networking agreement) by its name."""
    client = None
    if rows is not None:
        client = record if not rows.client_path else getattr(record, rows.client_path)
    anonymous = rows is not None and client is None
    return {
        "client": client,
        "contact_id": record.pk if anonymous and isinstance(record, CrisisContact) else None,
        "anonymous": anonymous,
        "text": "" if rows is not None else str(record),
        "day": getattr(record, day) if day else None,
    }


@permissions.required("see_report_entries")
def report_entries(request: HttpRequest) -> HttpResponse:
    """One cell of the quarterly report opened to the services behind it. Names clients,
    so supervisors only, and every client shown is in the access log."""
    form, period = _period(request)
    code, category = request.GET.get("code", ""), request.GET.get("category", "")
    if period is None or not (code in ServiceCode.values or category in ServiceCategory.values):
        raise Http404
    rows = reports.entries(period, code=code, category=category)
    page = page_of(request, rows, 50)
    policy.log_listed(request, ServiceDelivery.objects, page)
    label = ServiceCode(code).label if code else ServiceCategory(category).label
    context = {"period": period, "label": label, "page": page}
    return render(request, "reports/entries.html", context)


def _dashboard_rows(d: reports.Dashboard) -> list[list]:
    names = [
        " ".join(filter(None, [row["staff__first_name"], row["staff__last_name"]]))
        or row["staff__username"]
        for row in d.per_advocate
    ]
    return [
        *(["Active clients per staff member", name, row["clients"]]
          for name, row in zip(names, d.per_advocate, strict=True)),
        *(["Client files", label, d.clients[key]] for key, label in (
            ("active", "Active"), ("inactive", "Inactive"), ("closed", "Closed"),
            ("new_this_month", "New this month"))),
        ["Contacts this week", "All", d.contacts["total"]],
        ["Contacts this week", "Anonymous", d.contacts["anonymous"]],
        ["Screenings with concerns", "Last 30 days", d.concerns],
        ["Emergency access", "Reviews pending", d.reviews_pending],
        *(["Follow-ups due", label, count] for label, count in d.due),
    ]  # fmt: skip
