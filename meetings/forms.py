"""Form pieces shared by the admin and the back office for meeting records.

A meeting's date is typed as the source gives it: "14/07/2017", "07/2017", "2017", or nothing
when the report does not say (then the report's own date goes in "reported on"). One text
field reads all four, so neither a clerk nor an officer has to invent a day; it also spares
everyone Chromium's mm/dd/yyyy date input under a Vietnamese locale."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import DatePrecision

_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")


def parse_approximate_date(text: str) -> tuple[datetime.date | None, str]:
    """"14/07/2017" → (2017-07-14, day); "07/2017" → (2017-07-01, month); "2017" → (2017-01-01,
    year); "" → (None, unknown). Raises ValidationError on anything else."""
    text = (text or "").strip()
    if not text:
        return None, DatePrecision.UNKNOWN
    try:
        if m := _DAY.match(text):
            return datetime.date(int(m[3]), int(m[2]), int(m[1])), DatePrecision.DAY
        if m := _ISO.match(text):
            return datetime.date(int(m[1]), int(m[2]), int(m[3])), DatePrecision.DAY
        if m := _MONTH.match(text):
            return datetime.date(int(m[2]), int(m[1]), 1), DatePrecision.MONTH
        if m := _YEAR.match(text):
            return datetime.date(int(m[1]), 1, 1), DatePrecision.YEAR
    except ValueError:
        pass
    raise ValidationError(
        _("Write the date as dd/mm/yyyy, or mm/yyyy or yyyy when the source gives no more; leave it empty "
          "when the source gives no date."),
        code="invalid",
    )


def format_approximate_date(day: datetime.date | None, precision: str) -> str:
    if day is None or precision == DatePrecision.UNKNOWN:
        return ""
    if precision == DatePrecision.MONTH:
        return f"{day:%m/%Y}"
    if precision == DatePrecision.YEAR:
        return f"{day:%Y}"
    return f"{day:%d/%m/%Y}"


class ApproximateDateField(forms.CharField):
    """Cleans to (date or None, precision)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("help_text", _(
            "dd/mm/yyyy; or mm/yyyy or yyyy when only the month or year is known; empty when the source gives "
            "no date."
        ))
        super().__init__(**kwargs)
        # vDateField: the admin's calendar; data-datepicker: the back office's (static/js/date-picker.js)
        self.widget.attrs.update({"inputmode": "numeric", "placeholder": "dd/mm/yyyy", "class": "vDateField",
                                  "data-datepicker": "approximate", "autocomplete": "off"})

    def to_python(self, value):
        return parse_approximate_date(super().to_python(value))


class MeetingDateFormMixin:
    """For a ModelForm of Meeting with `date` in its fields: shows the stored date with its
    precision and writes both back."""

    def setup_meeting_date(self):
        self.fields["date"] = ApproximateDateField(label=self.fields["date"].label)
        value = self.initial.get("date")
        if isinstance(value, datetime.date):
            precision = self.instance.date_precision if self.instance.pk else DatePrecision.DAY
            self.initial["date"] = format_approximate_date(value, precision)
        elif value is None and self.instance.pk:
            self.initial["date"] = ""

    def clean_date(self):
        day, precision = self.cleaned_data["date"]
        self.instance.date_precision = precision
        return day
