import django_filters
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster
from portal.core.cache import cached
from portal.core.name_filters import NamedObjectFilter

from .models import Meeting, MeetingKind


def _years():
    # read once per change of the records, not on every page of the list (portal.core.cache)
    years = cached("meeting-years", (), lambda: sorted(set(
        Meeting.objects.published().values_list("cluster_year__year", flat=True).order_by().distinct()),
        reverse=True))
    return [(year, year) for year in years]


def _kinds():
    # The admin's lower-case labels start a sentence here.
    return [(value, capfirst(label)) for value, label in MeetingKind.choices]


class PublicMeetingFilter(django_filters.FilterSet):
    # a typed name (or a slug from a link), not a select of every cluster of twenty years
    cluster = NamedObjectFilter(
        label=_("Cluster"), field_name="cluster_year__cluster", queryset=Cluster.objects.order_by("name"),
        example="biên giới",
        help_text=_("Part of the name, e.g. “biên giới”."),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="cluster_year__year", choices=_years, empty_label=_("All years"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Meeting kind"), choices=_kinds, empty_label=_("All kinds"),
    )

    class Meta:
        model = Meeting
        fields = ["cluster", "year", "kind"]
