"""Public pages of the commendation look-up, statistics, form 0603 and cluster summaries.

Thin: they bind a filter set, ask the reports for the figures and render them as a page, a CSV
or an XLSX file. The three statistics views share `_statistics`, so they agree. A HEAD is
answered like a GET (require_safe): link checkers and caches send it."""

import datetime

from django.db.models import Max
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from clusters.models import ClusterYear
from portal.core.cache import cached
from portal.core.pagination import CachedCountPaginator, filter_key

from . import exports, form_0603, reports, selectors, summary
from .charts import bar_chart
from .filters import LookupFilter, StatisticsFilter, published_years

PAGE_SIZE = 20
CLUSTER_SUMMARY_LIMIT = 60  # cluster summaries linked from the statistics page


@require_safe
def lookup(request):
    filterset = LookupFilter(request.GET or None, queryset=selectors.lookup_lines())
    searched = filterset.is_bound and filterset.is_valid() and any(filterset.form.cleaned_data.values())
    lines = filterset.qs if searched else selectors.lookup_lines().none()
    page = CachedCountPaginator(lines, PAGE_SIZE, count_key=filter_key(request, "lookup")).get_page(
        request.GET.get("page")) if searched else None
    return render(request, "awards/stats/lookup.html", {"filter": filterset, "page": page, "searched": searched})


def _statistics(request):
    years = published_years()
    filterset = StatisticsFilter(request.GET or None, queryset=selectors.counted_lines(), years=years)
    valid = not filterset.is_bound or filterset.is_valid()
    # The figures are kept until the next write; computing them reads the roll-up, not the lines.
    report = cached("statistics", (get_language(), valid, sorted(request.GET.lists())),
                    lambda: _statistics_report(filterset, valid))
    return filterset, report, years


def _statistics_report(filterset, valid):
    filters = filterset.descriptions()
    if not valid:
        return reports.statistics_report(lines=selectors.counted_lines().none(), filters=filters)
    if filterset.by_place():
        return reports.statistics_report(lines=filterset.qs, filters=filters)
    rows = selectors.counted_rollup()
    if filterset.is_bound:
        rows = filterset.filter_queryset(rows)  # the same filters, by the same names
    return reports.statistics_report_from_rollup(rows=rows, filters=filters)


def _charts(report):
    by_year = bar_chart(
        id="chart-years", title=_("Commendations by year"),
        description=_("Number of commendations (individuals, collectives and households) for each year."),
        items=[(row.label, row.total, str(row.total)) for row in report.by_year], value_header=_("Total"),
    )
    top = sorted(report.by_award, key=lambda row: -row.total)[:8]
    by_award = bar_chart(
        id="chart-forms", title=_("The most frequent forms of commendation"),
        description=_("Number of commendations for each form, the most frequent first."),
        items=[(row.label, row.total, str(row.total)) for row in top], value_header=_("Total"),
    )
    shares = bar_chart(
        id="chart-shares", title=_("Shares of direct workers, small collectives and women"),
        description=_("Percentage of the individual or collective commendations in each group."),
        items=[(label, float(share.percent or 0), share.percent_text) for label, share in report.chart_shares],
        maximum=100, value_header=_("Share"),
    )
    return [shares, by_year, by_award]


@require_safe
def statistics(request):
    filterset, report, years = _statistics(request)
    # One year's summaries (the latest, or the end of the chosen range): the list stays as long
    # as the number of clusters, however many years are recorded.
    summary_year = _summary_year(filterset, years)
    cluster_years = ClusterYear.objects.filter(year=summary_year).select_related("cluster").order_by(
        "cluster__number", "cluster__name")
    chosen = filterset.form.cleaned_data.get("cluster") if filterset.is_bound and valid_form(filterset) else None
    if chosen is not None:
        cluster_years = cluster_years.filter(cluster=chosen)
    # a province has a few dozen clusters a year; the page never lists more than this many
    cluster_years = list(cluster_years[:CLUSTER_SUMMARY_LIMIT + 1])
    more_clusters = len(cluster_years) > CLUSTER_SUMMARY_LIMIT
    query = request.GET.urlencode()
    return render(request, "awards/stats/statistics.html", {
        "filter": filterset, "report": report, "charts": _charts(report), "query": f"?{query}" if query else "",
        "cluster_years": cluster_years[:CLUSTER_SUMMARY_LIMIT], "more_clusters": more_clusters,
        "latest_year": years[0] if years else None,
        "summary_year": summary_year,
    })


def valid_form(filterset) -> bool:
    return filterset.form.is_valid()


def _summary_year(filterset, years):
    chosen = filterset.form.cleaned_data.get("year_to") if filterset.is_bound and filterset.is_valid() else None
    if chosen:
        return chosen
    if years:
        return years[0]
    # no published decision yet: the clusters' latest recorded year
    return ClusterYear.objects.aggregate(latest=Max("year"))["latest"]


def _export_name(report, extension):
    return f"thong-ke-khen-thuong-{datetime.date.today():%Y%m%d}.{extension}"


@require_safe
def statistics_csv(request):
    _filterset, report, _years = _statistics(request)
    return exports.statistics_csv(report, filename=_export_name(report, "csv"))


@require_safe
def statistics_xlsx(request):
    _filterset, report, _years = _statistics(request)
    return exports.statistics_xlsx(report, filename=_export_name(report, "xlsx"))


def _form_0603(request):
    years = selectors.official_years()
    default = years[0] if years else datetime.date.today().year
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        year = default
    if year not in years:
        year = default
    period = request.GET.get("period", "year")
    if period not in form_0603.PERIODS:
        period = "year"
    report = cached("form-0603", (get_language(), year, period),
                    lambda: form_0603.form_0603_report(year=year, period=period))
    return report, years


@require_safe
def form_0603_page(request):
    report, years = _form_0603(request)
    return render(request, "awards/stats/form_0603.html", {
        "report": report, "years": years or [report.year], "periods": [(k, v[0]) for k, v in form_0603.PERIODS.items()],
        "layout": form_0603.form_0603_layout(),
    })


@require_safe
def form_0603_xlsx(request):
    report, _years = _form_0603(request)
    return exports.form_0603_xlsx(report, filename=f"mau-0603-{report.year}-{report.period}.xlsx")


@require_safe
def cluster_summary(request, slug, year):
    cluster_year = get_object_or_404(ClusterYear.objects.select_related("cluster"), cluster__slug=slug, year=year)
    report = cached("cluster-summary", (get_language(), cluster_year.pk),
                    lambda: summary.cluster_summary(cluster_year=cluster_year))
    return render(request, "awards/stats/cluster_summary.html", {"summary": report, "cluster": cluster_year.cluster})
