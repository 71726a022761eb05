"""Report pages. No client is named on any of them: counts only, so they need no access
log; coordinators see small counts suppressed (crisis_center.reporting)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from crisis_center import policy
from crisis_center.reporting import csv_response, for_viewer
from crisis_center.roles import Role
from intake import reports
from intake.forms import ReportPeriodForm

REPORT_ROLES = (Role.SUPERVISOR, Role.COORDINATOR)


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
    """Blocks as the viewer may see them: counts 1-4 suppressed unless a supervisor."""
    return [
        {
            "block": block,
            "rows": [(label, for_viewer(count, user), count) for label, count in block.rows],
            "total": None if block.total is None else for_viewer(block.total, user),
        }
        for block in blocks
    ]


def _csv(name: str, period: reports.Period, shown: list[dict]) -> HttpResponse:
    rows = []
    for entry in shown:
        rows += [[entry["block"].title, label, count] for label, count, _ in entry["rows"]]
        if entry["total"] is not None:
            rows.append([entry["block"].title, "Total", entry["total"]])
    return csv_response(f"{name}-{period.slug}.csv", ["section", "item", "count"], rows)


def _report_page(request, name: str, title: str, build) -> HttpResponse:
    form, period = _period(request)
    shown = _shown(build(period), request.user) if period else []
    if period and request.GET.get("format") == "csv":
        return _csv(name, period, shown)
    context = {"form": form, "period": period, "shown": shown, "title": title, "name": name}
    return render(request, "reports/report.html", context)


@policy.role_required(*REPORT_ROLES)
def report_index(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/index.html")


@policy.role_required(*REPORT_ROLES)
def quarterly_report(request: HttpRequest) -> HttpResponse:
    return _report_page(
        request,
        "victim-services",
        "Quarterly victim-services report",
        lambda period: reports.quarterly_report(period).blocks,
    )


@policy.role_required(*REPORT_ROLES)
def outcome_measures(request: HttpRequest) -> HttpResponse:
    return _report_page(
        request, "outcome-measures", "Collaboration outcome measures", reports.outcome_measures
    )


@policy.role_required(Role.SUPERVISOR)
def caseload_dashboard(request: HttpRequest) -> HttpResponse:
    dashboard = reports.caseload_dashboard()
    largest = max([row["clients"] for row in dashboard.per_advocate] + [1])
    return render(request, "reports/caseload.html", {"d": dashboard, "largest": largest})
