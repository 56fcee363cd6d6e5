"""The public's comment on a consultation: who writes (name, and a phone or e-mail the office may
answer at, never published), about which nominee, what. Against bots, no login and no outside
service: a small sum whose operands travel signed in a hidden field (a bot cannot pick its own
question), and a field people never see that a form-filling bot fills."""

from __future__ import annotations

import re
import secrets

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

QUESTION_SALT = "nominations.comment-question"
QUESTION_MAX_AGE = 3 * 60 * 60  # seconds: time enough to read the nominees and write
PHONE = re.compile(r"^\+?[\d\s.()-]+$")


def new_question(consultation_id: int) -> tuple[int, int, str]:
    first, second = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    return first, second, signing.dumps([first, second, consultation_id], salt=QUESTION_SALT)


def read_question(token: str, consultation_id: int) -> tuple[int, int] | None:
    try:
        first, second, for_id = signing.loads(token, salt=QUESTION_SALT, max_age=QUESTION_MAX_AGE)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if for_id != consultation_id or not all(isinstance(n, int) for n in (first, second)):
        return None
    return first, second


def validate_contact(value: str) -> None:
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(_("Enter a valid e-mail address or phone number."), code="contact") from None
        return
    digits = sum(ch.isdigit() for ch in value)
    if not PHONE.match(value) or not 8 <= digits <= 15:
        raise ValidationError(_("Enter a valid e-mail address or phone number."), code="contact")


class NomineeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        award = f"{obj.award.name} {obj.award_class.name}" if obj.award_class_id else obj.award.name
        return f"{obj.name_text} – {award}"


class CommentForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    contact = forms.CharField(
        label=_("Phone or e-mail"), max_length=200, validators=[validate_contact],
        help_text=_("So that the office can answer you. It is never published."),
    )
    line = NomineeChoiceField(label=_("About the nominee"), queryset=None, required=False,
                              empty_label=_("The consultation as a whole"))
    text = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
    answer = forms.CharField(max_length=4, widget=forms.TextInput(
        attrs={"inputmode": "numeric", "autocomplete": "off", "size": 4}))
    token = forms.CharField(widget=forms.HiddenInput)
    # Never shown to people (hidden by the stylesheet, labelled to stay empty if it is not).
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["line"].queryset = consultation.lines.select_related("award", "award_class").order_by(
            "award__order", "award__name", "dossier_id", "order", "id")
        self.fields["answer"].help_text = _("A question against automated spam: write the answer in digits.")
        self.question = read_question(self.data.get("token", ""), consultation.pk) if self.is_bound else None
        if self.question is None and not self.is_bound:
            self.ask_again()
        elif self.question is not None:
            self._label_question()

    def _label_question(self) -> None:
        label = _("How much is %(first)s + %(second)s?") % {"first": self.question[0], "second": self.question[1]}
        self.fields["answer"].label = label
        self["answer"].label = label  # the bound field copied the label when it was made

    def ask_again(self) -> None:
        """A new sum and an empty answer box: on a first visit, and after a wrong or stale answer."""
        first, second, token = new_question(self.consultation.pk)
        self.question = (first, second)
        self._label_question()
        self.initial["token"] = token
        if self.is_bound:
            self.data = self.data.copy()
            self.data["token"], self.data["answer"] = token, ""

    @property
    def is_bot(self) -> bool:
        return bool(self.is_bound and self.data.get("website", "").strip())

    def clean_answer(self):
        answer = self.cleaned_data["answer"].strip()
        question = self.question
        if question is None:
            raise ValidationError(_("The question has expired: answer the new one."), code="expired")
        if answer != str(sum(question)):
            raise ValidationError(_("That is not the right answer: try the new question."), code="wrong")
        return answer
