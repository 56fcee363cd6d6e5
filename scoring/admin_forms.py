"""The forms of the scoring admin's own pages: starting a cluster-year's scoring, copying a table
to another year, importing a table from Excel, publishing the results. They only collect input;
the services check it and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusters.models import ClusterYear

from .models import ClusterType, Criterion, ScoreSheet, ScoreTemplate, SheetState

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"size": 10, "placeholder": "dd/mm/yyyy"})
XLSX_ACCEPT = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ScoringStartForm(forms.Form):
    cluster_year = forms.ModelChoiceField(
        label=_("Cluster year"), queryset=ClusterYear.objects.none(),
        help_text=_("Only the years of clusters that belong to a type of cluster and have no scoring yet."))
    template = forms.ModelChoiceField(
        label=_("Scoring table"), queryset=ScoreTemplate.objects.select_related("cluster_type"),
        help_text=_("The table of the same year and type of cluster. It can no longer be changed once the scoring "
                    "starts."))
    deadline = forms.DateField(label=_("Self-scores due"), required=False, widget=DATE_WIDGET,
                               help_text=_("dd/mm/yyyy. Later self-scores are accepted and marked late."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster_year"].queryset = (
            ClusterYear.objects.filter(scoring__isnull=True, cluster__scoring_types__isnull=False)
            .select_related("cluster").distinct().order_by("-year", "cluster__name"))


class TemplateCopyForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2200)
    title = forms.CharField(label=_("Table title"), max_length=300)


class TemplateImportForm(forms.Form):
    """A new table (type and year chosen here), or, with `template`, the criteria of that table."""

    file = forms.FileField(label=_("Excel file (.xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": XLSX_ACCEPT}))
    cluster_type = forms.ModelChoiceField(label=_("Type of cluster"), queryset=ClusterType.objects.all())
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2200)

    def __init__(self, *args, template: ScoreTemplate | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template
        if template is not None:
            del self.fields["cluster_type"], self.fields["year"]

    def clean(self):
        data = super().clean()
        taken = (self.template is None and data.get("cluster_type") and data.get("year")
                 and ScoreTemplate.objects.filter(cluster_type=data["cluster_type"], year=data["year"]).exists())
        if taken:
            raise forms.ValidationError(_("This type of cluster already has a table that year: import into that "
                                          "table (if no cluster scores with it yet), or choose another year."))
        return data


class PublishForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the correction"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3, "cols": 60}))

    def __init__(self, *args, correction: bool, ranks: dict | None = None, **kwargs):
        """`ranks`: {unit: rank} last published; a correction may change them (the council's
        decision, R4)."""
        super().__init__(*args, **kwargs)
        self.unit_fields = {}
        if correction:
            # not required here: the service refuses a correction without a reason, in its words
            self.fields["reason"].help_text = _("Required. Shown on the public page beside the new version.")
            for unit, rank in sorted((ranks or {}).items(), key=lambda item: (item[1], item[0].name)):
                name = f"rank_{unit.pk}"
                self.fields[name] = forms.IntegerField(  # left empty: unchanged
                    label=_("Rank of %(unit)s") % {"unit": unit.name}, min_value=1, initial=rank, required=False,
                    help_text=_("Change a rank only by a decision of the council; the reason says which."))
                self.unit_fields[name] = unit.pk
        else:
            del self.fields["reason"]

    def ranks(self) -> dict[int, int] | None:
        if not self.unit_fields:
            return None
        return {unit_id: self.cleaned_data.get(name) or self.fields[name].initial
                for name, unit_id in self.unit_fields.items()}


class SheetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.unit.name


class ScoreCorrectionForm(forms.Form):
    """Staff's change of one member's score on one criterion, with its reason (kept like the
    leader's adjustments); the correction is then published as a new version."""

    sheet = SheetChoiceField(label=_("Unit"), queryset=ScoreSheet.objects.none())
    criterion = forms.ModelChoiceField(label=_("Criterion"), queryset=Criterion.objects.none())
    # localized, so "8,5" reads as the Vietnamese write it; the limits are the service's to judge
    points = forms.DecimalField(label=_("Points after the adjustment"), max_digits=6, decimal_places=2,
                                localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}))
    reason = forms.CharField(label=_("Why the score is changed"),
                             widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                             help_text=_("The member unit sees it beside its score."))

    def __init__(self, *args, scoring, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sheet"].queryset = (scoring.sheets.filter(state=SheetState.SUBMITTED)
                                         .select_related("unit").order_by("unit__name"))
        self.fields["criterion"].queryset = scoring.template.criteria.all()
