from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from portal.core.pagination import CachedCountPaginator

from . import selectors
from .filters import DecisionFilter
from .models import Decision

PAGE_SIZE = 20


@require_safe
def decision_list(request):
    filterset = DecisionFilter(request.GET or None, queryset=selectors.published_decisions())
    decisions = filterset.qs if filterset.is_bound and filterset.is_valid() else selectors.published_decisions()
    page = CachedCountPaginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_line_counts(page.object_list)
    return render(request, "awards/decision_list.html", {"filter": filterset, "page": page})


@require_safe
def decision_detail(request, pk, slug):
    try:
        decision = selectors.published_decision_detail(pk)
    except Decision.DoesNotExist:
        raise Http404 from None
    if slug != decision.slug:
        return redirect(decision, permanent=True)
    lines = decision.lines.all()
    return render(request, "awards/decision_detail.html", {
        "decision": decision, "lines": lines, "counts": selectors.line_counts(lines), "memos": decision.based_on.all(),
        # columns only a few decisions fill are shown only when one of their lines does
        "show_cluster": any(line.cluster_id for line in lines), "show_fund": any(line.fund for line in lines),
    })
