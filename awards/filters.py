import django_filters
from django.utils.translation import gettext_lazy as _

from clusters.models import Unit

from .models import Award, Decision, DecisionLine


def _issuers(request):
    return Unit.objects.filter(issued_decisions__is_published=True).distinct().order_by("name")


def _awards(request):
    return Award.objects.filter(lines__decision__is_published=True).distinct().order_by("order", "name")


class DecisionFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(label=_("Year signed"), empty_label=_("All years"))
    issuer = django_filters.ModelChoiceFilter(
        label=_("Issuing body"), field_name="issuer_unit", queryset=_issuers, empty_label=_("All bodies"),
    )
    award = django_filters.ModelChoiceFilter(
        label=_("Award"), queryset=_awards, empty_label=_("All awards"), method="filter_award",
    )

    class Meta:
        model = Decision
        fields = ["year", "issuer", "award"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = Decision.objects.published().order_by("-year").values_list("year", flat=True).distinct()
        self.filters["year"].extra["choices"] = [(y, y) for y in years]

    def filter_award(self, queryset, name, value):
        # a subquery, not a join: the line counts annotated on the list must stay whole
        return queryset.filter(pk__in=DecisionLine.objects.filter(award=value).values("decision_id"))
