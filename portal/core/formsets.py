"""Formsets whose duplicate-row messages name fields the way the form labels them: Django's
own message names the field by its code ("rank", "unit"), which staff read as English."""

from django.forms.models import BaseInlineFormSet
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class VerboseUniqueFormSetMixin:
    def _label(self, name: str) -> str:
        try:
            return str(self.model._meta.get_field(name).verbose_name)
        except Exception:  # noqa: BLE001 - a non-field name stays as it is
            return name

    def get_unique_error_message(self, unique_check):
        labels = [self._label(name) for name in unique_check]
        if len(labels) == 1:
            return gettext("Please correct the duplicate data for %(field)s.") % {"field": labels[0]}
        return gettext("Please correct the duplicate data for %(field)s, which must be unique.") % {
            "field": get_text_list(labels, _("and")),
        }


class VerboseInlineFormSet(VerboseUniqueFormSetMixin, BaseInlineFormSet):
    pass
