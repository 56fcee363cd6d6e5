"""The public pages of cluster scoring: a cluster-year's published results under the cluster's
address, and the summary per type of cluster in the statistics section. Only the latest published
version is shown, with a notice of every correction; each unit's total only when the province
publishes scores (a setting of the site profile)."""

from django.apps import apps
from django.shortcuts import render
from django.views.decorators.http import require_safe

from meetings.models import RecordState

from . import public_selectors


def _scores_published() -> bool:
    # The site profile belongs to the public shell above this app: looked up by name, not imported.
    return apps.get_model("news", "SiteProfile").current().publish_cluster_scores


@require_safe
def cluster_year_results(request, slug, year):
    result = public_selectors.published_result(slug=slug, year=year)
    scoring = result.scoring
    meeting = scoring.meeting
    if meeting is not None and not (meeting.record_state == RecordState.PUBLISHED and meeting.withdrawn_at is None):
        meeting = None  # an unpublished meeting keeps its page private
    first_rank = result.row_list[0].rank if result.row_list else None
    return render(request, "scoring/cluster_year_results.html", {
        "result": result,
        "scoring": scoring,
        "cluster": scoring.cluster_year.cluster,
        "year": scoring.cluster_year.year,
        "rows": result.row_list,
        "leaders": [row for row in result.row_list if row.rank == first_rank],
        "meeting": meeting,
        "show_totals": _scores_published(),
    })


@require_safe
def summary(request):
    return render(request, "scoring/summary.html", {
        "types": public_selectors.summary_by_type(),
        "show_totals": _scores_published(),
    })
