import django_filters
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Document, DocumentKind, DocumentStatus
from .selectors import documents_matching, issuer_choices, year_choices


def _kinds():
    # The admin's lower-case labels start a sentence here.
    return [(value, capfirst(label)) for value, label in DocumentKind.choices]


def _statuses():
    return [(value, capfirst(label)) for value, label in DocumentStatus.choices]


def _years():
    return [(year, year) for year in year_choices()]


class PublicDocumentFilter(django_filters.FilterSet):
    """Filters of the public list. The queryset is public_documents(), already annotated with
    the computed status, so filtering by status is a WHERE on the annotation."""

    q = django_filters.CharFilter(label=_("Words to look for"), method="filter_words", max_length=200,
                                 widget=forms.SearchInput)
    kind = django_filters.ChoiceFilter(label=_("Kind of document"), choices=_kinds, empty_label=_("All kinds"))
    issuer = django_filters.ChoiceFilter(
        label=_("Issuing body"), field_name="issuer_slug", choices=issuer_choices, empty_label=_("All issuers"),
    )
    year = django_filters.ChoiceFilter(label=_("Year of issue"), choices=_years, empty_label=_("All years"))
    status = django_filters.ChoiceFilter(label=_("Legal status"), choices=_statuses, empty_label=_("Any status"))

    class Meta:
        model = Document
        fields = ["q", "kind", "issuer", "year", "status"]

    def filter_words(self, queryset, name, value):
        return documents_matching(queryset, value)
