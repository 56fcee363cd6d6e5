from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal.core.fragments import lazy_value
from portal.core.pagination import CachedCountPaginator

from . import selectors

CLUSTERS_PER_PAGE = 30


@require_safe
def cluster_list(request):
    # A province has a few dozen clusters; pages keep the list's cost flat if it ever has hundreds.
    page = CachedCountPaginator(selectors.cluster_queryset(), CLUSTERS_PER_PAGE, count_key=("clusters",)).get_page(
        request.GET.get("page"))
    return render(request, "clusters/cluster_list.html", {
        # read only if the rendered list is not stored (portal.core.fragments)
        "clusters": lazy_value(lambda: selectors.with_latest(page.object_list)), "page": page,
    })


@require_safe
def cluster_detail(request, slug):
    cluster_id, name = selectors.cluster_head(slug=slug)
    wanted = request.GET.get("nam", "")
    wanted = wanted if wanted.isdigit() else ""

    def record():
        cluster = selectors.cluster_detail(slug=slug)
        years = cluster.year_rows
        # ?nam=2017 shows that year's members; by default the latest recorded (not invented) year
        # whose member list is confirmed.
        shown = next(
            (y for y in years if not y.is_sample and not y.provisional_count),
            next((y for y in years if not y.is_sample), years[0] if years else None),
        )
        if wanted:
            shown = next((y for y in years if y.year == int(wanted)), shown)
        return {"cluster": cluster, "years": years, "shown": shown}

    # the record is read only if a part of the page is not stored (portal.core.fragments)
    return render(request, "clusters/cluster_detail.html", {
        "cluster_id": cluster_id, "cluster_name": name, "year_wanted": wanted, "record": lazy_value(record),
    })


@require_safe
def unit_detail(request, slug):
    return render(request, "clusters/unit_detail.html", {"unit": selectors.unit_detail(slug=slug)})


@require_safe
def person_detail(request, slug):
    return render(request, "clusters/person_detail.html", {"person": selectors.person_detail(slug=slug)})
