"""Forms of the scoring pages: the member's sheet (points, explanation and evidence per
criterion), the leader's adjustment, the meeting's choice and its vote. Limits are the service's
to judge; these only read what was typed."""

from django import forms
from django.utils.translation import gettext_lazy

from meetings.models import Meeting, MeetingKind, RankBasis

DOCUMENT_TYPES = ".pdf,.docx,.xlsx"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files in one input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": DOCUMENT_TYPES}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


def points_field(**kwargs) -> forms.DecimalField:
    # localized, so "12,5" reads as the Vietnamese write it
    return forms.DecimalField(max_digits=6, decimal_places=2, localize=True,
                              widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}), **kwargs)


class SheetForm(forms.Form):
    """One row of fields per criterion: points_<id>, explanation_<id>, evidence_<id>."""

    def __init__(self, *args, criteria, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            entry = entries.get(criterion.pk)
            self.fields[f"points_{criterion.pk}"] = points_field(
                label=gettext_lazy("Points"), required=False,
                initial=entry.points if entry is not None else None)
            self.fields[f"explanation_{criterion.pk}"] = forms.CharField(
                label=gettext_lazy("Explanation"), required=False,
                initial=entry.explanation if entry is not None else "",
                widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"evidence_{criterion.pk}"] = MultipleFileField(
                label=gettext_lazy("Evidence files"), required=False,
                help_text=gettext_lazy("PDF, DOCX or XLSX, up to 20 MB each; several may be chosen at once."))

    def has_criterion_errors(self, criterion) -> bool:
        return any(f"{name}_{criterion.pk}" in self.errors for name in ("points", "explanation", "evidence"))

    def values(self, criterion):
        data = self.cleaned_data
        return (data.get(f"points_{criterion.pk}"), data.get(f"explanation_{criterion.pk}", "").strip(),
                data.get(f"evidence_{criterion.pk}") or [])


class AdjustForm(forms.Form):
    points = points_field(label=gettext_lazy("Points after the adjustment"))
    # not the bare "Reason": the awards catalogue, ahead of this one, reads it "Thành tích"
    reason = forms.CharField(label=gettext_lazy("Why the score is changed"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=gettext_lazy("The member unit sees it beside its score."))


class MeetingChoiceForm(forms.Form):
    meeting = forms.ModelChoiceField(label=gettext_lazy("Year-end review meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args, scoring, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            cluster_year_id=scoring.cluster_year_id, kind=MeetingKind.YEAR_END_REVIEW).order_by("-date", "-pk")


class VoteForm(forms.Form):
    """A place per ranked unit (rank_<unit id>), how the meeting decided and its counts."""

    basis = forms.ChoiceField(label=gettext_lazy("How the meeting decided"))
    members_entitled = forms.IntegerField(label=gettext_lazy("Members entitled to vote"), min_value=0,
                                          required=False)
    members_present = forms.IntegerField(label=gettext_lazy("Members present"), min_value=0, required=False)
    votes_for = forms.IntegerField(label=gettext_lazy("Votes for"), min_value=0, required=False)

    def __init__(self, *args, rankings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["basis"].choices = [("", "---------")] + [
            (value, label) for value, label in RankBasis.choices if value != RankBasis.SCORE]
        self.rankings = rankings
        first = rankings[0] if rankings else None
        if first is not None and first.basis != RankBasis.SCORE:
            self.fields["basis"].initial = first.basis
            for name in ("members_entitled", "members_present", "votes_for"):
                self.fields[name].initial = getattr(first, name)
        for ranking in rankings:
            self.fields[f"rank_{ranking.unit_id}"] = forms.IntegerField(
                label=ranking.unit.name, min_value=1, initial=ranking.rank)
        self.order_fields([f"rank_{r.unit_id}" for r in rankings])

    def ranks(self) -> dict[int, int]:
        return {r.unit_id: self.cleaned_data[f"rank_{r.unit_id}"] for r in self.rankings}
