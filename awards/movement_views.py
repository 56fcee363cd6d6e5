"""Public pages of the emulation movements: the list with its filters and a movement's page
with the awards it leads to, its results (the published decisions citing it) and how many units
registered. Whether a movement is in progress is computed from its period and today's date."""

import datetime

import django_filters
from django.db.models import Count, F, Max, Min, Prefetch, Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from portal.core.cache import cached
from portal.core.pagination import CachedCountPaginator

from . import selectors
from .models import DecisionLine, Movement, MovementAttachment, MovementScope

PAGE_SIZE = 20
RESULTS_PAGE_SIZE = 20

IN_PROGRESS, ENDED = "dang-dien-ra", "da-ket-thuc"


def published_movements():
    """Published movements, newest first; those whose start the source does not give last."""
    return (Movement.objects.published().select_related("launched_by")
            .order_by(F("start_date").desc(nulls_last=True), "name", "pk"))


def _years() -> list[int]:
    # the span of the published periods, once per change of the records
    def compute():
        span = Movement.objects.published().aggregate(first=Min("start_date"), last=Max("end_date"),
                                                      open_ended=Count("pk", filter=Q(end_date__isnull=True)))
        if span["first"] is None:
            return []
        last = span["last"].year if span["last"] else span["first"].year
        if span["open_ended"]:
            last = max(last, timezone.localdate().year)
        return list(range(last, span["first"].year - 1, -1))

    return cached("movement-years", (timezone.localdate().year,), compute)


class MovementFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(label=_("Year"), empty_label=_("All years"), method="filter_year")
    scope = django_filters.ChoiceFilter(label=_("Scope"), empty_label=_("All scopes"), choices=MovementScope.current)
    state = django_filters.ChoiceFilter(
        label=_("Movement status"), empty_label=_("In progress or ended"), method="filter_state",
        choices=[(IN_PROGRESS, _("In progress")), (ENDED, _("Movement ended"))],
    )

    class Meta:
        model = Movement
        fields = ["year", "scope", "state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(year, year) for year in _years()]

    def filter_year(self, queryset, name, value):
        """Movements whose period touches the year; a period with no date known touches none."""
        year = int(value)
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return (queryset.exclude(start_date__isnull=True, end_date__isnull=True)
                .filter(Q(start_date__isnull=True) | Q(start_date__lte=last),
                        Q(end_date__isnull=True) | Q(end_date__gte=first)))

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.in_progress(today) if value == IN_PROGRESS else queryset.ended(today)


def with_registration_counts(movements) -> list[Movement]:
    """Attach registration_count to each movement of a page (one query)."""
    movements = list(movements)
    counts = dict(Movement.objects.filter(pk__in=[m.pk for m in movements])
                  .annotate(n=Count("registrations")).values_list("pk", "n"))
    for movement in movements:
        movement.registration_count = counts.get(movement.pk, 0)
    return movements


@require_safe
def movement_list(request):
    filterset = MovementFilter(request.GET or None, queryset=published_movements())
    movements = filterset.qs if filterset.is_bound and filterset.is_valid() else published_movements()
    page = CachedCountPaginator(movements, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_registration_counts(page.object_list)
    today = timezone.localdate()
    for movement in page.object_list:
        movement.state = movement.period_state(today)
    return render(request, "awards/movements/movement_list.html", {"filter": filterset, "page": page})


def published_movement_detail(slug: str) -> Movement:
    """A published movement with what its page shows beside the results (three queries: it,
    the awards it leads to, its public attachments)."""
    return (
        Movement.objects.published()
        .select_related("launched_by", "launch_document_record", "cluster")
        .prefetch_related(
            "awards",
            Prefetch("attachments", queryset=MovementAttachment.objects.filter(is_public=True),
                     to_attr="public_attachments"),
        )
        .annotate(registration_count=Count("registrations", distinct=True),
                  pact_count=Count("pacts", distinct=True))
        .get(slug=slug)
    )


def result_line_counts(movement: Movement) -> dict[str, int]:
    """"3 tập thể, 12 cá nhân" over every published decision citing the movement (one query)."""
    counts = {"individual_count": 0, "collective_count": 0, "household_count": 0}
    rows = (DecisionLine.objects.filter(decision__in=selectors.published_decisions().filter(movement=movement)
                                        .values("pk"))
            .values_list("subject_type").annotate(n=Count("pk")).order_by())
    for subject_type, n in rows:
        counts[f"{subject_type}_count"] = n
    return counts


@require_safe
def movement_detail(request, slug):
    try:
        movement = published_movement_detail(slug)
    except Movement.DoesNotExist:
        raise Http404 from None
    results = selectors.published_decisions().filter(movement=movement)
    page = CachedCountPaginator(results, RESULTS_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_line_counts(page.object_list)
    document = movement.launch_document_record
    return render(request, "awards/movements/movement_detail.html", {
        "movement": movement, "page": page, "totals": result_line_counts(movement),
        "state": movement.period_state(timezone.localdate()),
        "launch_document": document if document is not None and document.is_published else None,
    })
