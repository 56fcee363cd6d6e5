"""Pages and XLSX files of the nomination report (staff) and of the official forms 0601, 0602,
0604 and 0605 (public, like form 0603; 0602's proposed side for staff only).

Thin: they read the year (and filer) from the query string, ask reports / form_06xx for the
figures, and render them as a page or an XLSX file. Reviewers only for the report: it is about
dossiers, which are internal; the forms' public pages show counts and no dossier. A HEAD is
answered like a GET (require_safe)."""

from __future__ import annotations

from django.shortcuts import render
from django.template import RequestContext, Template
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from awards.statistics.charts import bar_chart
from backoffice.access import back_office
from portal.core.cache import cached

from . import report_exports, reports
from .form_0601 import form_0601_report
from .form_0602 import form_0602_report
from .form_0604 import form_0604_report
from .form_0605 import form_0605_report
from .official_forms import chosen_year

COMPUTE = {"0601": form_0601_report, "0602": form_0602_report, "0604": form_0604_report,
           "0605": form_0605_report}
REPORTING_BODY = Template("{{ site_profile.owner_name|default:'' }}")


def form_links() -> list[tuple[str, str, str]]:
    """(number, what it counts, public address) of the five forms, in the circular's order."""
    return [
        ("0601", _("Form 0601: emulation movements"), reverse("nomination_reports:form_0601")),
        ("0602", _("Form 0602: state awards"), reverse("nomination_reports:form_0602")),
        ("0603", _("Form 0603: awards at ministry and province level"), reverse("awards:form_0603")),
        ("0604", _("Form 0604: organisations doing emulation and commendation work"),
         reverse("nomination_reports:form_0604")),
        ("0605", _("Form 0605: civil servants doing emulation and commendation work"),
         reverse("nomination_reports:form_0605")),
    ]


def _reporting_body(request) -> str:
    """The owner named in the site profile (Sở Nội vụ tỉnh …), read through the context
    processors: nominations sits below the public shell that holds the profile."""
    return REPORTING_BODY.render(RequestContext(request)).strip()


# --- the staff report -----------------------------------------------------------------------------


def _nomination_report(request) -> reports.NominationReport:
    years = reports.report_years()
    default = years[0] if years else None
    year = chosen_year(request.GET.get("year") or default)
    filer = request.GET.get("filer", "")[:20]
    return cached("nomination-report", (get_language(), year, filer),
                  lambda: reports.nomination_report(year=year, filer=filer))


def _charts(report: reports.NominationReport):
    outcomes = bar_chart(
        id="chart-outcomes", title=_("Nominee lines by outcome"),
        description=_("Number of nominee lines in each state of the path."),
        items=[(label, value, str(value)) for label, value in report.outcome_items], value_header=_("Lines"),
    )
    top = sorted(report.by_award, key=lambda row: -row.lines)[:8]
    by_award = bar_chart(
        id="chart-awards", title=_("The awards most proposed"),
        description=_("Number of nominee lines for each award, the most proposed first."),
        items=[(row.label, row.lines, str(row.lines)) for row in top], value_header=_("Lines"),
    )
    by_category = bar_chart(
        id="chart-categories", title=_("Nominee lines by subject and person category"),
        description=_("Number of nominee lines for collectives, households and each category of individuals."),
        items=[(row.label, row.lines, str(row.lines)) for row in report.by_category], value_header=_("Lines"),
    )
    return [outcomes, by_award, by_category]


def _filer_options(report: reports.NominationReport) -> list[tuple[str, str]]:
    seen = {}
    for row in report.by_filer:
        seen.setdefault(row.key, row.label)
    return sorted(seen.items(), key=lambda item: item[1])


@back_office("reviewer")
@require_safe
def nomination_report(request):
    report = _nomination_report(request)
    query = f"?year={report.year}" + (f"&filer={report.filer}" if report.filer else "")
    return render(request, "nominations/reports/nomination_report.html", {
        "report": report, "charts": _charts(report), "filer_options": _filer_options(report),
        "years": sorted({*report.years, report.year}, reverse=True), "query": query, "form_links": form_links(),
        "is_reviewer": True, "line_headers": reports.line_headers(),
    })


@back_office("reviewer")
@require_safe
def nomination_report_xlsx(request):
    report = _nomination_report(request)
    return report_exports.nomination_report_xlsx(report, filename=f"bao-cao-ho-so-khen-thuong-{report.year}.xlsx")


# --- the official forms ---------------------------------------------------------------------------


def _form(request, number: str, *, with_proposed: bool = False):
    year = chosen_year(request.GET.get("year"))
    compute = COMPUTE[number]
    if with_proposed:
        return cached("official-form-staff", (get_language(), number, year),
                      lambda: compute(year=year, with_proposed=True))
    return cached("official-form", (get_language(), number, year), lambda: compute(year=year))


def _form_page(request, number: str, *, staff: bool = False):
    form = _form(request, number, with_proposed=staff)
    if staff:
        xlsx = reverse("backoffice:nomination-form-0602-xlsx")
    else:
        xlsx = reverse(f"nomination_reports:form_{number}_xlsx")
    return render(request, "nominations/reports/official_form.html", {
        "form": form, "layout": form.layout, "xlsx_url": f"{xlsx}?year={form.year}", "staff": staff,
        "form_links": form_links(), "is_reviewer": staff,
    })


def _form_xlsx(request, number: str, *, staff: bool = False):
    form = _form(request, number, with_proposed=staff)
    suffix = "-de-nghi" if staff else ""
    return report_exports.official_form_xlsx(form, reporting_body=_reporting_body(request),
                                             filename=f"mau-{number}-{form.year}{suffix}.xlsx")


@require_safe
def forms_index(request):
    return render(request, "nominations/reports/forms_index.html", {"form_links": form_links()})


@require_safe
def official_form_page(request, number):
    return _form_page(request, number)


@require_safe
def official_form_xlsx(request, number):
    return _form_xlsx(request, number)


@back_office("reviewer")
@require_safe
def form_0602_staff(request):
    return _form_page(request, "0602", staff=True)


@back_office("reviewer")
@require_safe
def form_0602_staff_xlsx(request):
    return _form_xlsx(request, "0602", staff=True)
