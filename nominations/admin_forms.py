"""The forms of the office's admin pages: a step with its reason, a line's appraisal, vote and
outcome, a decision drafted from approved lines and its signing, a public consultation. They
only collect input; the services (services.py) check it and write."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.models import IssuerRole, SigningForm
from clusters.models import AdministrativeLevel, Unit
from portal.core.forms import VietnameseSlugField
from portal.core.text import unique_slug

from .models import Consultation, ConsultationComment, DossierState, HoldGround, LineOutcome, NomineeLine

S = DossierState
DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"size": 10, "placeholder": "dd/mm/yyyy"})
TEXT_WIDGET = forms.Textarea(attrs={"rows": 3, "cols": 60})
# with a context: the awards app's plain "Reason" is a decision line's achievement ("Thành tích"),
# and where two apps translate one msgid, the app listed first wins on every page
REASON = pgettext_lazy("state change", "Reason")


class ConfirmWarningsMixin(forms.Form):
    """A box hidden until the rule service returns warnings; ticking it confirms them."""

    confirm_warnings = forms.BooleanField(
        label=_("I confirm"), required=False, widget=forms.HiddenInput,
        help_text=_("I have read the warnings and the record is lawful as entered."),
    )

    def show_confirmation(self, warnings: list[str]) -> None:
        self.fields["confirm_warnings"].widget = forms.CheckboxInput()
        self.add_error("confirm_warnings", warnings)


class StepForm(ConfirmWarningsMixin):
    """What a step asks for: a reason to return or hold; per line, what to change on a return;
    the register number on receipt (empty: the next one)."""

    def __init__(self, *args, to_state: str, lines=(), next_number: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.to_state = to_state
        self.line_fields: list[tuple[str, NomineeLine]] = []
        if to_state != S.SUBMITTED:
            del self.fields["confirm_warnings"]
        if to_state == S.ON_HOLD:
            self.fields["hold_ground"] = forms.ChoiceField(
                label=_("Held because of"), choices=HoldGround.choices, widget=forms.RadioSelect,
                error_messages={"required": _("Say what the dossier waits for: a disciplinary matter, an inspection "
                                              "or a complaint.")})
        if to_state in (S.RETURNED, S.ON_HOLD):
            self.fields["reason"] = forms.CharField(
                label=REASON, widget=TEXT_WIDGET,
                help_text=_("Required. Shown to the filing unit and kept in the dossier's history."))
        if to_state == S.RETURNED:
            for line in lines:
                name = f"note_{line.pk}"
                self.fields[name] = forms.CharField(
                    label=_("What to change: %(name)s (%(award)s)") % {"name": line.name_text, "award": line.award},
                    required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
                    initial=line.return_note)
                self.line_fields.append((name, line))
        if to_state == S.RECEIVED:
            self.fields["register_number"] = forms.IntegerField(
                label=_("Number in the register"), required=False, min_value=1,
                help_text=_("Leave empty for the next number of the year (%(number)s).") % {"number": next_number}
                if next_number else _("Leave empty for the next number of the year."))

    def line_notes(self) -> dict[int, str]:
        return {line.pk: self.cleaned_data.get(name) or "" for name, line in self.line_fields}


class AppraisalForm(forms.Form):
    meets_standards = forms.TypedChoiceField(
        label=_("Meets the standards"), widget=forms.RadioSelect, required=False,
        choices=[("yes", _("yes")), ("no", _("no")), ("", _("not yet known"))],
        coerce=lambda value: {"yes": True, "no": False}.get(value), empty_value=None,
    )
    note = forms.CharField(label=_("Appraisal note"), required=False, widget=TEXT_WIDGET)


class VoteForm(forms.Form):
    voted_on = forms.DateField(label=_("Voted on"), widget=DATE_WIDGET)
    members_total = forms.IntegerField(label=_("Members entitled"), min_value=1,
                                       help_text=_("All members of the council: the threshold counts them all."))
    members_present = forms.IntegerField(label=_("Members present"), min_value=0)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, help_text=_("Written votes included."))
    written_votes = forms.IntegerField(label=_("Written votes"), min_value=0, initial=0,
                                       help_text=_("Of absent members, voting in writing."))


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), widget=forms.RadioSelect,
        choices=[(LineOutcome.APPROVED, LineOutcome.APPROVED.label),
                 (LineOutcome.NOT_APPROVED, LineOutcome.NOT_APPROVED.label),
                 (LineOutcome.PENDING, LineOutcome.PENDING.label)],
    )
    reason = forms.CharField(label=REASON, required=False, widget=TEXT_WIDGET,
                             help_text=_("Required when the line is not approved."))

    def clean(self):
        data = super().clean()
        if data.get("outcome") == LineOutcome.NOT_APPROVED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the line is not approved."))
        return data


class DraftDecisionForm(forms.Form):
    issuer_role = forms.ModelChoiceField(label=_("Issuing authority"), queryset=IssuerRole.objects.all())
    issuer_unit = forms.ModelChoiceField(label=_("Issuing body"), queryset=Unit.objects.none())
    subject_line = forms.CharField(label=_("Subject line"), max_length=500,
                                   widget=forms.TextInput(attrs={"size": 80}))
    signer_name = forms.CharField(label=_("Signer's name"), max_length=200, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=200, required=False)
    signing_form = forms.ChoiceField(label=_("Signing form"), choices=SigningForm.choices, initial=SigningForm.TM)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        addressed = {ln.dossier.addressed_unit_id for ln in lines if ln.dossier.addressed_unit_id}
        # the bodies the dossiers were addressed to, and the province's own: a short list, no script
        self.fields["issuer_unit"].queryset = Unit.objects.filter(
            Q(pk__in=addressed) | Q(admin_level=AdministrativeLevel.PROVINCE)).order_by("name")
        self.fields["subject_line"].initial = _("Regarding the award of the Certificate of Merit of the Chairman "
                                                "of the Provincial People's Committee")
        self.fields["issuer_role"].initial = IssuerRole.objects.filter(code="provincial_chair").first()
        if len(addressed) == 1:
            self.fields["issuer_unit"].initial = addressed.pop()


class SignForm(ConfirmWarningsMixin):
    # with a context: the awards app's plain "Number" is a count ("Số lượng")
    number = forms.IntegerField(label=pgettext_lazy("decision", "Number"), min_value=1)
    symbol = forms.CharField(label=_("Symbol"), max_length=50, initial="QĐ-UBND")
    number_text = forms.CharField(label=_("Number as printed"), max_length=100, required=False,
                                  help_text=_("Empty: made from the number and symbol, e.g. 2345/QĐ-UBND."))
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE_WIDGET)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=200, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=200, required=False)

    field_order = ["number", "symbol", "number_text", "signed_on", "signer_name", "signer_title", "confirm_warnings"]

    def __init__(self, *args, decision, **kwargs):
        kwargs.setdefault("initial", {"signed_on": timezone.localdate(), "signer_name": decision.signer_name,
                                      "signer_title": decision.signer_title})
        super().__init__(*args, **kwargs)


class NomineeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name_text} – {obj.award} ({obj.dossier.unit}, {obj.dossier.memo_number or '–'})"


def consultation_candidates():
    """Nominees for state awards still to be decided in dossiers under appraisal or consultation:
    the few a consultation may publish."""
    return (NomineeLine.objects.filter(award__level="state", outcome=LineOutcome.PENDING,
                                       dossier__state__in=[S.APPRAISAL, S.CONSULTATION])
            .select_related("award", "dossier__unit").order_by("dossier_id", "order", "pk"))


class ConsultationAdminForm(forms.ModelForm):
    slug = VietnameseSlugField(label=_("slug"), max_length=120, required=False,
                               help_text=_("Made from the title when left empty; the page's web address."))
    lines = NomineeChoiceField(label=_("Nominees to publish"), queryset=NomineeLine.objects.none(),
                               widget=forms.CheckboxSelectMultiple,
                               help_text=_("Nominees for state awards in dossiers under appraisal."))

    class Meta:
        model = Consultation
        fields = ["title", "slug", "intro", "published_on", "working_days", "lines", "is_sample"]
        widgets = {"published_on": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].queryset = consultation_candidates()
        self.fields["published_on"].required = True

    def clean(self):
        data = super().clean()
        if not data.get("slug") and data.get("title"):
            data["slug"] = unique_slug(Consultation, data["title"], max_length=120)
        return data


class CommentAnswerForm(forms.ModelForm):
    class Meta:
        model = ConsultationComment
        fields = ["answer"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 3, "cols": 40})}

    def clean_answer(self):
        answer = (self.cleaned_data.get("answer") or "").strip()
        if "answer" in self.changed_data and not answer:
            raise forms.ValidationError(_("Write the answer."))
        return answer
