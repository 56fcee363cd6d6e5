"""Filters of the commendation look-up and of the statistics (django-filter).

The statistics page and its CSV/XLSX files bind the same filter set to the same query string,
so what a file holds is what the page shows."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster, Unit, UnitKind
from portal.core.cache import cached
from portal.core.name_filters import NamedObjectFilter
from portal.core.text import fold

from ..models import Award, AwardLevel, Decision, DecisionLine, IssuerRole, SubjectType
from . import selectors


def published_years():
    """The years counted (the year signed, or the achievement year of an undated decision)."""
    return cached("statistics-years", (), lambda: list(
        Decision.objects.published().filter(statistics_year__isnull=False).order_by("-statistics_year")
        .values_list("statistics_year", flat=True).distinct()
    ))


def _award_choices():
    # the catalogue (a few dozen titles and forms set by law): finding those with lines would mean
    # reading every line. Plain (id, name) pairs kept per data version: a model choice field made
    # every page build sixty model instances to write sixty <option>s.
    return cached("filter-award-choices", (), lambda: [
        (str(pk), name) for pk, name in Award.objects.order_by("order", "name").values_list("pk", "name")])


def _role_choices():
    return cached("filter-role-choices", (), lambda: [
        (str(pk), name) for pk, name in IssuerRole.objects.filter(
            pk__in=Decision.objects.published().values("issuer_role_id")).order_by("order", "name")
        .values_list("pk", "name")])


class YearChoiceFilter(django_filters.ChoiceFilter):
    """A year select listing the years that have published decisions (filled in __init__).
    A ChoiceFilter, not a TypedChoiceFilter: only the former takes an empty label; the
    database converts the year text itself."""


class LookupFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name of the person or unit"), method="filter_name",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    year = YearChoiceFilter(label=_("Year"), field_name="decision__statistics_year", empty_label=_("All years"))
    award = django_filters.ChoiceFilter(label=_("Form"), choices=_award_choices, empty_label=_("All forms"))
    level = django_filters.ChoiceFilter(
        label=_("Level"), field_name="award__level", choices=AwardLevel.choices, empty_label=_("All levels"),
    )
    authority = django_filters.ChoiceFilter(
        label=_("Authority"), field_name="decision__issuer_role", choices=_role_choices,
        empty_label=_("All authorities"),
    )

    class Meta:
        model = DecisionLine
        fields = ["q", "year", "award", "level", "authority"]

    def __init__(self, *args, years=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(y, y) for y in (years if years is not None else published_years())]

    def filter_name(self, queryset, name, value):
        folded = fold(value)
        # the folded name column: "loc binh" finds "Lộc Bình" whatever the case and accents typed
        return queryset.filter(search_text__contains=folded) if folded else queryset


def _units():
    # the province's own units: an external one (another province's body) may be named on a
    # line, but the statistics are not kept by it
    return Unit.objects.internal().filter(
        kind__in=[UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.DEPARTMENT, UnitKind.COMMUNE]
    ).order_by("kind", "name")


class StatisticsFilter(django_filters.FilterSet):
    year_from = YearChoiceFilter(label=_("From year"), field_name="decision__statistics_year", lookup_expr="gte",
                                 empty_label=_("Any"))
    year_to = YearChoiceFilter(label=_("To year"), field_name="decision__statistics_year", lookup_expr="lte",
                               empty_label=_("Any"))
    # typed names, not selects: a province has hundreds of clusters and thousands of units
    cluster = NamedObjectFilter(
        label=_("Cluster"), queryset=Cluster.objects.order_by("number", "name"), method="filter_cluster",
        example="biên giới",
        help_text=_("Part of the name, e.g. “biên giới”."),
    )
    unit = NamedObjectFilter(
        label=_("Unit"), queryset=_units, method="filter_unit", help_text=_("Part of the name, e.g. “Lộc Bình”."),
    )
    award = django_filters.ChoiceFilter(label=_("Form"), choices=_award_choices, empty_label=_("All forms"))
    level = django_filters.ChoiceFilter(
        label=_("Level"), field_name="award__level", choices=AwardLevel.choices, empty_label=_("All levels"),
    )
    subject_type = django_filters.ChoiceFilter(
        label=_("Subject"), choices=SubjectType.choices, empty_label=_("All subjects"),
    )

    class Meta:
        model = DecisionLine
        fields = ["year_from", "year_to", "cluster", "unit", "award", "level", "subject_type"]

    def __init__(self, *args, years=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(y, y) for y in sorted(years if years is not None else published_years())]
        self.filters["year_from"].extra["choices"] = choices
        self.filters["year_to"].extra["choices"] = choices

    def filter_cluster(self, queryset, name, value):
        data = self.form.cleaned_data
        members = selectors.cluster_member_ids(value, year_from=data.get("year_from"), year_to=data.get("year_to"))
        return selectors.lines_of_units(queryset, selectors.unit_subtrees(members))

    def filter_unit(self, queryset, name, value):
        return selectors.lines_of_units(queryset, selectors.unit_subtrees([value.pk]))

    def by_place(self) -> bool:
        """A cluster or a unit is chosen: its figures come from the lines of its units (their
        unit indexes); every other filter applies to the roll-up as well (selectors.counted_rollup)."""
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        return bool(data.get("cluster") or data.get("unit"))

    def descriptions(self) -> list[tuple[str, str]]:
        """The filters in force as (label, value) pairs, for the page and the files' headers."""
        if not self.is_bound or not self.form.is_valid():
            return []
        out = []
        for name, bound in ((n, self.form[n]) for n in self.form.fields):
            value = self.form.cleaned_data.get(name)
            if value in (None, ""):
                continue
            field = self.form.fields[name]
            if hasattr(field, "choices") and not hasattr(value, "pk"):
                value = {str(k): v for k, v in field.choices}.get(str(value), value)
            out.append((str(bound.label), str(value)))
        return out
