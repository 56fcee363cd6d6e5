from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.core.exceptions import ValidationError
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from clusters.models import ClusterYear, Person, Unit
from meetings import ranking_locks
from meetings.forms import MeetingDateFormMixin
from meetings.models import AgendaItem, Attendance, Meeting, MeetingDocument, MeetingPhoto, Ranking, Resolution
from portal.core.locking import VersionCheckFormMixin
from portal.core.pending import PendingUploadFormMixin

from . import throttle


class ThrottledLoginMixin:
    """Refuses to even check the password while a user name or an address is over its limit."""

    def clean(self):
        username = self.data.get("username", "") or ""
        address = throttle.client_address(self.request)
        minutes = throttle.blocked_for(username, address)
        if minutes:
            raise ValidationError(
                ngettext(
                    "Too many failed log-in attempts. For your security, please wait %(minutes)d minute "
                    "and try again.",
                    "Too many failed log-in attempts. For your security, please wait %(minutes)d minutes "
                    "and try again.",
                    minutes,
                ) % {"minutes": minutes},
                code="throttled",
            )
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if any(e.code == "invalid_login" for e in error.error_list):
                throttle.record_failure(username, address)
            raise
        # A right password never counts as a failure: it clears this pair and marks it known.
        throttle.record_success(username, address)
        return cleaned


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """A unit officer who signs in here with the right password is let in and sent on to the
    back office (backoffice.admin wraps the admin's login view), never told the password is
    wrong, and never counted as a failure."""

    def confirm_login_allowed(self, user):
        AuthenticationForm.confirm_login_allowed(self, user)  # active accounts only


class PasswordResetForm(DjangoPasswordResetForm):
    """Only provincial staff and unit officers get a reset link; nobody learns who has an account
    (the page says the same whatever the address)."""

    def get_users(self, email):
        from . import roles

        for user in super().get_users(email):
            if user.is_staff or roles.is_officer(user) or roles.is_reviewer(user):
                yield user


FILES_NOTE = _("If the form shows an error, the files you chose are kept for a day: you need not choose them "
               "again.")


EMPTY_CHOICE = _("— choose —")

# dd/mm/yyyy whatever the browser's language: a text box (Chromium's date input shows
# mm/dd/yyyy under a Vietnamese locale), which static/js/date-picker.js gives a calendar.
DAY_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]


def day_input(**attrs):
    return forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "data-datepicker": "",
                                  "autocomplete": "off", **attrs}, format="%d/%m/%Y")


class VietnameseBlankChoice:
    """Django's blank choice ("- Select an option -") has no Vietnamese translation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        django_blanks = {"---------", str(BLANK_CHOICE_LABEL)}
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label is not None:
                    field.empty_label = EMPTY_CHOICE
            elif isinstance(field, forms.ChoiceField):
                field.choices = [(value, EMPTY_CHOICE if value == "" and str(label) in django_blanks else label)
                                 for value, label in field.choices]


class MeetingForm(VersionCheckFormMixin, MeetingDateFormMixin, VietnameseBlankChoice, forms.ModelForm):
    filing_unit = forms.ModelChoiceField(
        label=_("Filing unit"), queryset=Unit.objects.none(),
        help_text=_("The unit you file this record for; it must be a member of the cluster that year."),
    )

    class Meta:
        model = Meeting
        fields = ["cluster_year", "filing_unit", "kind", "period", "title", "date", "reported_on", "time",
                  "part_of_day", "venue", "host", "event_status", "basis", "summary"]
        widgets = {
            "reported_on": day_input(),
            "time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "summary": forms.Textarea(attrs={"rows": 8}),
            "basis": forms.TextInput(),
        }

    # What a new record opens with; the rest is folded away until it holds something.
    ESSENTIAL_FIELDS = ("cluster_year", "filing_unit", "kind", "date", "venue", "summary")

    def __init__(self, *args, unit_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_meeting_date()
        self.fields["reported_on"].input_formats = DAY_INPUT_FORMATS
        self.fields["cluster_year"].queryset = (
            ClusterYear.objects.filter(members__unit_id__in=unit_ids).select_related("cluster").distinct()
            .order_by("-year", "cluster__name")
        )
        self.fields["cluster_year"].help_text = _("Only the clusters one of your units belongs to that year.")
        units = Unit.objects.filter(pk__in=unit_ids).order_by("name")
        self.fields["filing_unit"].queryset = units
        if len(unit_ids) == 1 and not self.initial.get("filing_unit"):
            # the instance's empty value would hide a field's initial: preselect in the form's
            self.initial["filing_unit"] = unit_ids[0]
        self.fields["host"].queryset = Unit.objects.internal().order_by("name")

    def essential_fields(self):
        return [self[name] for name in self.ESSENTIAL_FIELDS]

    def other_fields(self):
        return [field for field in self.visible_fields() if field.name not in self.ESSENTIAL_FIELDS]

    def other_fields_open(self) -> bool:
        """Unfolded when one of the other fields has an error or holds more than its default."""
        if self.is_bound and any(self.errors.get(field.name) for field in self.other_fields()):
            return True
        for field in self.other_fields():
            value = field.value()
            default = Meeting._meta.get_field(field.name).get_default() if field.name != "date" else None
            if value not in (None, "", []) and str(value) != str(default if default is not None else ""):
                return True
        return False

    def clean(self):
        cleaned = super().clean()
        cluster_year, unit = cleaned.get("cluster_year"), cleaned.get("filing_unit")
        if cluster_year and unit and not cluster_year.members.filter(unit=unit).exists():
            self.add_error("filing_unit", _("%(unit)s is not a member of %(cluster)s in %(year)s.") % {
                "unit": unit.name, "cluster": cluster_year.cluster.name, "year": cluster_year.year,
            })
        # the service builds the record from these values: "07/2017" stays a month, not 1 July
        cleaned["date_precision"] = self.instance.date_precision
        return cleaned


class AttendanceForm(VietnameseBlankChoice, forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["role", "name_as_written", "title_as_written", "unit_as_written", "person", "organisation", "unit",
                  "on_behalf_of", "speech", "order"]
        widgets = {"organisation": forms.TextInput(), "title_as_written": forms.TextInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("full_name")
        self.fields["unit"].queryset = Unit.objects.internal().order_by("name")


class AgendaItemForm(VietnameseBlankChoice, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["kind", "title", "description", "order"]
        widgets = {"title": forms.TextInput(), "description": forms.Textarea(attrs={"rows": 2})}


class ResolutionForm(VietnameseBlankChoice, forms.ModelForm):
    class Meta:
        model = Resolution
        fields = ["kind", "method", "text", "order"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class RankingForm(VietnameseBlankChoice, forms.ModelForm):
    class Meta:
        model = Ranking
        fields = ["rank", "unit", "score", "basis", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.internal().order_by("name")


class PhotoForm(PendingUploadFormMixin, VietnameseBlankChoice, forms.ModelForm):
    class Meta:
        model = MeetingPhoto
        fields = ["image", "alt_text", "caption", "order"]
        widgets = {"image": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"})}


class DocumentForm(PendingUploadFormMixin, VietnameseBlankChoice, forms.ModelForm):
    class Meta:
        model = MeetingDocument
        fields = ["kind", "title", "file", "is_public", "order"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx"})}


def _formset(model, form):
    # No blank rows: the officer adds one when needed ("Add a row", with or without JavaScript).
    return inlineformset_factory(Meeting, model, form=form, extra=0, can_delete=True, max_num=200,
                                 validate_max=True)


AttendanceFormSet = _formset(Attendance, AttendanceForm)
AgendaFormSet = _formset(AgendaItem, AgendaItemForm)
ResolutionFormSet = _formset(Resolution, ResolutionForm)


class RankingFormSet(_formset(Ranking, RankingForm)):
    """A ranking held by the cluster scoring (meetings.ranking_locks) is shown read-only and
    any change sent anyway is refused with the reason."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.held_because = ranking_locks.held_because(self.instance)
        if self.held_because:
            self.can_delete = False
            for form in self.forms:
                for field in form.fields.values():
                    field.disabled = True

    def changes_rows(self) -> bool:
        return bool(self.deleted_forms) or any(form.has_changed() for form in self.forms)

    def clean(self):
        super().clean()
        if self.held_because and self.changes_rows():
            raise forms.ValidationError(self.held_because, code="held")


PhotoFormSet = _formset(MeetingPhoto, PhotoForm)
DocumentFormSet = _formset(MeetingDocument, DocumentForm)

FORMSETS = [
    ("attendances", AttendanceFormSet, _("Attendees")),
    ("agenda", AgendaFormSet, _("Agenda")),
    ("resolutions", ResolutionFormSet, _("Resolutions")),
    ("rankings", RankingFormSet, _("Ranking")),
    ("photos", PhotoFormSet, _("Photos")),
    ("documents", DocumentFormSet, _("Documents")),
]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        help_text=_("The officer reads this in the e-mail and on the record."),
        error_messages={"required": _("Say why the record is returned.")},
    )
