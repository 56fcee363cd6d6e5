"""A filter that picks one record by typing its name, for lists of records that grow with the
data (1,000 clusters, 5,000 units at a province's size): a select would put every one of them in
every page. The visitor types part of a name, accents optional ("loc binh"); a link may carry the
record's slug or number instead. One match is the choice; none or several is a message on the field.

A script may add suggestions as the visitor types; without it the field works alone."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .text import fold

MAX_NAMED = 8  # names offered when a typed text fits several records


class NamedObjectField(forms.CharField):
    def __init__(self, *, queryset, search_field="search_text", example="Lộc Bình", **kwargs):
        self.queryset, self.search_field, self.example = queryset, search_field, example
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search", "autocomplete": "off"}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def _queryset(self):
        return self.queryset() if callable(self.queryset) else self.queryset

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        queryset = self._queryset()
        found = self._by_key(queryset, text)
        if found is not None:
            return found
        folded = fold(text)
        exact = list(queryset.filter(**{self.search_field: folded})[:2])
        if len(exact) == 1:
            return exact[0]
        matches = list(queryset.filter(**{f"{self.search_field}__contains": folded})[:MAX_NAMED + 1])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ValidationError(_("Nothing by that name: type part of the name, e.g. “%(example)s”."),
                                  code="none", params={"example": self.example})
        names = ", ".join(str(m) for m in matches[:MAX_NAMED]) + ("…" if len(matches) > MAX_NAMED else "")
        raise ValidationError(_("Several fit “%(text)s”: %(names)s. Type more of the name."),
                              code="several", params={"text": text, "names": names})

    @staticmethod
    def _by_key(queryset, text):
        """The record a link names by slug or by number (older addresses, the drill-down links)."""
        if hasattr(queryset.model, "slug"):
            found = queryset.filter(slug=text).first()
            if found is not None:
                return found
        if text.isdigit():
            return queryset.filter(pk=int(text)).first()
        return None

    def prepare_value(self, value):
        # a bound form shows the name of the record a slug in the address stands for
        if hasattr(value, "pk"):
            return str(value)
        if isinstance(value, str) and value:
            found = self._by_key(self._queryset(), value)
            if found is not None:
                return str(found)
        return value


class NamedObjectFilter(django_filters.Filter):
    field_class = NamedObjectField
