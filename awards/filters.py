import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from clusters.models import Unit

from .models import Award, Decision, DecisionLine


# EXISTS, not a join with DISTINCT: each choice is one index probe however many lines there are
def _issuers(request):
    published = Decision.objects.published().filter(issuer_unit=OuterRef("pk"))
    return Unit.objects.filter(Exists(published)).order_by("name")


def _awards(request):
    lines = DecisionLine.objects.filter(award=OuterRef("pk"), decision__is_published=True)
    return Award.objects.filter(Exists(lines)).order_by("order", "name")


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
