import django_filters
from django.utils.translation import gettext_lazy as _

from clusters.models import Unit
from portal.core.cache import cached

from .models import Award, Decision, DecisionLine


def _issuers(request):
    # The bodies that issued a published decision: one pass over the decisions (thousands), never
    # a probe per unit (an EXISTS per unit took seconds on SQLite with 5,000 units). External
    # bodies (a central ministry, another province) stay out of the choices, as everywhere.
    issuers = Decision.objects.published().values("issuer_unit_id")
    return Unit.objects.internal().filter(pk__in=issuers).order_by("name")


def _awards(request):
    # The catalogue (a few dozen titles and forms set by law), not "those with lines": finding
    # those means reading a million lines.
    return Award.objects.order_by("order", "name")


UNKNOWN = "chua-ro"  # the year choice of the decisions whose signing date the source does not give


class DecisionFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(label=_("Year signed"), empty_label=_("All years"), method="filter_year")
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
        # once per change of the records (portal.core.cache), not on every page of the list
        years = cached("decision-years", (), lambda: list(
            Decision.objects.published().order_by("-year").values_list("year", flat=True).distinct()))
        choices = [(y, y) for y in years if y is not None]
        if None in years:
            choices.append((UNKNOWN, _("Date signed unknown")))
        self.filters["year"].extra["choices"] = choices

    def filter_year(self, queryset, name, value):
        if value == UNKNOWN:
            return queryset.filter(signed_on__isnull=True)
        return queryset.filter(year=value)

    def filter_award(self, queryset, name, value):
        # a subquery, not a join: the line counts annotated on the list must stay whole
        return queryset.filter(pk__in=DecisionLine.objects.filter(award=value).values("decision_id"))
