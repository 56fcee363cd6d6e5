"""The officer's forms of a nomination dossier: its memo, a nominee line, an attachment, the Excel
list. What a field may offer is narrowed here (the officer's units, published movements, active
awards, the clusters the officer's unit leads); the services judge every write again."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import Award, AwardClass, Movement
from clusters.models import Cluster, ClusterYear, Role, Unit
from nominations.models import Dossier, DossierAttachment, NomineeLine
from portal.core.locking import VersionCheckFormMixin

from . import roles
from .forms import DAY_INPUT_FORMATS, VietnameseBlankChoice, day_input

DOCUMENT_TYPES = ".pdf,.docx"


def led_clusters(user):
    """Clusters or blocs the officer's units led in some year: the only ones they may be offered."""
    led = ClusterYear.objects.filter(members__role=Role.LEADER, members__unit_id__in=roles.officer_unit_ids(user),
                                     withdrawn_at__isnull=True).values("cluster_id")
    return Cluster.objects.filter(pk__in=led)


class DossierForm(VersionCheckFormMixin, VietnameseBlankChoice, forms.ModelForm):
    unit = forms.ModelChoiceField(label=_("Filing unit"), queryset=Unit.objects.none())

    class Meta:
        model = Dossier
        fields = ["movement", "kind", "achievement_year", "cluster", "memo_number", "memo_date", "memo_signer",
                  "summary", "unit_members_total", "unit_members_present", "unit_votes_for", "minutes"]
        widgets = {
            "memo_date": day_input(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.ClearableFileInput(attrs={"accept": DOCUMENT_TYPES}),
        }
        help_texts = {
            "cluster": _("Only when your unit leads the cluster or bloc in the achievement year (or, when that "
                         "year has no leader recorded, led it the year before)."),
            "movement": _("The movement the achievements were made in, for a thematic dossier."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["unit"]  # a dossier stays with the unit that filed it
        else:
            units = Unit.objects.filter(pk__in=roles.officer_unit_ids(user)).order_by("name")
            self.fields["unit"].queryset = units
            if len(roles.officer_unit_ids(user)) == 1:
                self.fields["unit"].initial = roles.officer_unit_ids(user)[0]
        self.fields["memo_date"].input_formats = DAY_INPUT_FORMATS
        current_movement = Q(pk=self.instance.movement_id) if self.instance.movement_id else Q(pk__in=[])
        self.fields["movement"].queryset = Movement.objects.filter(Q(is_published=True) | current_movement)
        clusters = led_clusters(user)
        if self.instance.cluster_id:
            clusters = Cluster.objects.filter(Q(pk__in=clusters.values("pk")) | Q(pk=self.instance.cluster_id))
        clusters = list(clusters.order_by("name"))
        if clusters:
            self.fields["cluster"].queryset = Cluster.objects.filter(pk__in=[c.pk for c in clusters]).order_by("name")
            self.fields["cluster"].empty_label = _("— none: the unit's own dossier —")
        else:
            # a unit that leads no cluster files for itself only: nothing to offer
            del self.fields["cluster"]

    def essential_fields(self):
        return [self[name] for name in ("unit", "kind", "achievement_year", "movement", "cluster", "summary")
                if name in self.fields]

    def memo_fields(self):
        return [self[name] for name in ("memo_number", "memo_date", "memo_signer")]

    def council_fields(self):
        return [self[name] for name in ("unit_members_total", "unit_members_present", "unit_votes_for", "minutes")]


class NomineeLineForm(VietnameseBlankChoice, forms.ModelForm):
    class Meta:
        model = NomineeLine
        fields = ["subject_type", "name_text", "title_text", "unit_text", "award", "award_class",
                  "achievement_summary", "achievement_report", "birth_year", "gender", "person_category",
                  "posthumous", "is_small_collective", "is_enterprise", "member_count", "advanced_worker_share",
                  "confirmation_reason"]
        widgets = {
            "achievement_summary": forms.Textarea(attrs={"rows": 5}),
            "achievement_report": forms.ClearableFileInput(attrs={"accept": DOCUMENT_TYPES}),
            "name_text": forms.TextInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {
            "name_text": _("As the memo writes it: a person's full name, or the collective's or household's name."),
            "confirmation_reason": _("When a warning asks for a reason, write it here."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = Q(pk=self.instance.award_id) if self.instance.award_id else Q(pk__in=[])
        self.fields["award"].queryset = Award.objects.filter(Q(active=True) | current)
        self.fields["award_class"].queryset = AwardClass.objects.select_related("award").filter(
            Q(award__active=True) | Q(award_id=self.instance.award_id))
        self.fields["award_class"].label_from_instance = lambda c: f"{c.award.name} – {c.name}"
        self.fields["award_class"].help_text = _("Only for an award with classes (Hạng Nhất, Nhì, Ba).")

    def _group(self, names):
        return [self[name] for name in names]

    def essential_fields(self):
        return self._group(["subject_type", "name_text", "title_text", "unit_text", "award", "award_class",
                            "achievement_summary", "achievement_report"])

    def individual_fields(self):
        return self._group(["birth_year", "gender", "person_category", "posthumous"])

    def collective_fields(self):
        return self._group(["is_small_collective", "is_enterprise", "member_count", "advanced_worker_share"])


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = DossierAttachment
        fields = ["title", "file"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx"})}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel list (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
                           help_text=_("The attached list's template: one nominee a row."))
