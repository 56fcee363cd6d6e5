from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from portal.core.fragments import lazy_context, lazy_value
from portal.core.pagination import CachedCountPaginator, filter_key

from . import selectors
from .filters import DecisionFilter

PAGE_SIZE = 20


@require_safe
def decision_list(request):
    filterset = DecisionFilter(request.GET or None, queryset=selectors.published_decisions())
    decisions = filterset.qs if filterset.is_bound and filterset.is_valid() else selectors.published_decisions()
    page = CachedCountPaginator(decisions, PAGE_SIZE, count_key=filter_key(request, "decisions")).get_page(
        request.GET.get("page"))
    # the page's rows are read only if the rendered list is not stored (portal.core.fragments)
    rows = page.object_list
    page.object_list = lazy_value(lambda: selectors.with_line_counts(rows))
    return render(request, "awards/decision_list.html", {"filter": filterset, "page": page})


DECISION_PARTS = ("decision", "lines", "counts", "memos", "show_cluster", "show_fund")


def _decision_context(pk) -> dict:
    decision = selectors.published_decision_detail(pk)
    lines = decision.lines.all()
    return {
        "decision": decision, "lines": lines, "counts": selectors.line_counts(lines), "memos": decision.based_on.all(),
        # columns only a few decisions fill are shown only when one of their lines does
        "show_cluster": any(line.cluster_id for line in lines), "show_fund": any(line.fund for line in lines),
    }


@require_safe
def decision_detail(request, pk, slug):
    head = selectors.published_decision_head(pk)
    if head is None:
        raise Http404
    if slug != head.slug:
        return redirect("awards:decision_detail", pk=pk, slug=head.slug, permanent=True)
    # the record is read only if a part of its page is not stored (portal.core.fragments)
    return render(request, "awards/decision_detail.html", {
        **lazy_context(lambda: _decision_context(pk), DECISION_PARTS), "decision_id": pk, "head": head})
