"""Cluster scoring (domain.md R4, §5.2): the province's scoring table per year and type of
cluster (criteria in groups, with bonus and penalty items), each member's self-score with its
evidence, the leader unit's compilation with logged adjustments, and published results that are
never changed: a correction is a new version with its reason."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusters.models import Cluster, ClusterYear, Unit
from portal.core.files import random_name
from portal.core.locking import VersionedModel
from portal.core.models import SampleDataModel, TimeStampedModel
from portal.core.uploads import validate_document
from portal.core.urls import fast_reverse


class ClusterType(TimeStampedModel):
    """A kind of cluster or bloc the province scores with one table (e.g. the districts' clusters,
    the departments' blocs), with how many units after the first are proposed for a Bằng khen."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    clusters = models.ManyToManyField(Cluster, blank=True, related_name="scoring_types",
                                      verbose_name=_("clusters and blocs"))
    certificate_count = models.PositiveSmallIntegerField(
        _("units proposed for a certificate of merit"), default=2,
        help_text=_("After the unit or units ranked first (proposed for the emulation flag)."))

    class Meta:
        verbose_name = _("type of cluster")
        verbose_name_plural = _("types of cluster")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ScoreTemplate(SampleDataModel, TimeStampedModel):
    """The scoring table (bảng tiêu chí, thang điểm) of one year for one type of cluster. Fixed once
    a cluster-year has started scoring with it."""

    cluster_type = models.ForeignKey(ClusterType, on_delete=models.PROTECT, related_name="templates",
                                     verbose_name=_("type of cluster"))
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    basis = models.CharField(_("issued by"), max_length=300, blank=True,
                             help_text=_("The decision that issued the table, e.g. Quyết định số 3853/QĐ-UBND."))
    bonus_cap = models.DecimalField(_("cap on all bonus points"), max_digits=6, decimal_places=2, null=True,
                                    blank=True, validators=[MinValueValidator(0)],
                                    help_text=_("Empty: only each bonus item's own limit applies."))
    penalty_cap = models.DecimalField(_("cap on all penalty points"), max_digits=6, decimal_places=2, null=True,
                                      blank=True, validators=[MinValueValidator(0)],
                                      help_text=_("Empty: only each penalty item's own limit applies."))
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    editable=False, verbose_name=_("copied from"))

    class Meta:
        verbose_name = _("scoring table")
        verbose_name_plural = _("scoring tables")
        ordering = ["-year", "cluster_type"]
        constraints = [
            models.UniqueConstraint(fields=["cluster_type", "year"], name="scoretemplate_once_a_year",
                                    violation_error_message=_("This type of cluster already has a table that year.")),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    @property
    def is_locked(self) -> bool:
        return self.scorings.exists()


class CriterionKind(models.TextChoices):
    SCORED = "scored", _("criterion")
    BONUS = "bonus", _("bonus item")
    PENALTY = "penalty", _("penalty item")


class CriterionGroup(models.Model):
    template = models.ForeignKey(ScoreTemplate, on_delete=models.CASCADE, related_name="groups",
                                 verbose_name=_("scoring table"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=20, blank=True, help_text=_("E.g. I, II."))
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)

    class Meta:
        verbose_name = _("group of criteria")
        verbose_name_plural = _("groups of criteria")
        ordering = ["template", "order", "id"]

    def __str__(self):
        return f"{self.code} {self.title}".strip()


class Criterion(models.Model):
    template = models.ForeignKey(ScoreTemplate, on_delete=models.CASCADE, related_name="criteria",
                                 verbose_name=_("scoring table"))
    group = models.ForeignKey(CriterionGroup, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="criteria", verbose_name=_("group"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=20, blank=True, help_text=_("E.g. 1.2."))
    title = models.CharField(_("criterion"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.SCORED)
    max_points = models.DecimalField(
        _("maximum points"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)],
        help_text=_("For a bonus or penalty item: its limit."))
    guidance = models.TextField(_("guidance"), blank=True)
    evidence_required = models.BooleanField(_("evidence required"), default=False)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["template", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive",
                                   violation_error_message=_("The maximum must be more than zero.")),
        ]

    def __str__(self):
        return f"{self.code} {self.title}".strip()


class ScoringState(models.TextChoices):
    SELF_SCORING = "self_scoring", _("members scoring themselves")
    CLOSED = "closed", _("compilation closed")
    READY = "ready", _("ready for the meeting")
    RANKED = "ranked", _("ranked at the meeting")
    PUBLISHED = "published", _("published")


class Scoring(VersionedModel, SampleDataModel, TimeStampedModel):
    """One cluster-year's scoring with one table: self-scores until the deadline (later ones marked
    late until the leader closes the compilation), then compiled, ranked at the year-end meeting,
    reviewed and published by the province."""

    cluster_year = models.OneToOneField(ClusterYear, on_delete=models.PROTECT, related_name="scoring",
                                        verbose_name=_("cluster year"))
    template = models.ForeignKey(ScoreTemplate, on_delete=models.PROTECT, related_name="scorings",
                                 verbose_name=_("scoring table"))
    deadline = models.DateField(_("self-scores due"), null=True, blank=True)
    state = models.CharField(pgettext_lazy("workflow", "state"), max_length=20, choices=ScoringState.choices,
                             default=ScoringState.SELF_SCORING)
    closed_at = models.DateTimeField(_("compilation closed at"), null=True, blank=True, editable=False)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True, editable=False)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("year-end meeting"))
    dossier = models.ForeignKey("nominations.Dossier", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("nomination dossier"), editable=False)
    compiled_visible = models.BooleanField(
        _("compilation shown to members"), default=False, editable=False,
        help_text=_("Members see only their own scores until the leader publishes the compilation."))

    class Meta:
        verbose_name = _("cluster scoring")
        verbose_name_plural = _("cluster scorings")
        ordering = ["-cluster_year__year", "cluster_year__cluster__name"]
        permissions = [("publish_scoring", _("Can review and publish cluster scoring results"))]

    def __str__(self):
        return str(self.cluster_year)

    def get_absolute_url(self):
        """The public results page; it answers only once a version is published."""
        return fast_reverse("scoring:cluster_year", slug=self.cluster_year.cluster.slug, year=self.cluster_year.year)


class SheetState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class ScoreSheet(TimeStampedModel):
    """A member unit's self-score for the cluster-year."""

    scoring = models.ForeignKey(Scoring, on_delete=models.CASCADE, related_name="sheets",
                                verbose_name=_("cluster scoring"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="score_sheets", verbose_name=_("unit"))
    state = models.CharField(pgettext_lazy("workflow", "state"), max_length=20, choices=SheetState.choices,
                             default=SheetState.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", editable=False, verbose_name=_("submitted by"))
    is_late = models.BooleanField(_("late"), default=False, editable=False)

    class Meta:
        verbose_name = _("self-score")
        verbose_name_plural = _("self-scores")
        ordering = ["scoring", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["scoring", "unit"], name="scoresheet_once",
                                    violation_error_message=_("This unit already has a self-score.")),
            models.CheckConstraint(condition=Q(state="draft") | Q(submitted_at__isnull=False),
                                   name="scoresheet_submitted_dated"),
        ]

    def __str__(self):
        return f"{self.unit} – {self.scoring}"


class ScoreEntry(models.Model):
    """A unit's points on one criterion, with its explanation; the leader may adjust them, with a
    reason the member sees."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="entries",
                              verbose_name=_("self-score"))
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="entries",
                                  verbose_name=_("criterion"))
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0)])
    explanation = models.TextField(_("explanation"), blank=True)
    adjusted_points = models.DecimalField(_("points after adjustment"), max_digits=6, decimal_places=2, null=True,
                                          blank=True, editable=False)
    adjustment_reason = models.TextField(_("reason for the adjustment"), blank=True, editable=False)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["sheet", "criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="scoreentry_once"),
            models.CheckConstraint(condition=Q(points__isnull=True) | Q(points__gte=0),
                                   name="scoreentry_points_positive",
                                   violation_error_message=_("Points are never negative: a penalty is deducted.")),
            models.CheckConstraint(condition=Q(adjusted_points__isnull=True) | Q(adjusted_points__gte=0),
                                   name="scoreentry_adjusted_positive"),
            models.CheckConstraint(condition=Q(adjusted_points__isnull=True) | ~Q(adjustment_reason=""),
                                   name="scoreentry_adjustment_reasoned",
                                   violation_error_message=_("An adjustment needs its reason.")),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.effective_points}"

    @property
    def effective_points(self):
        return self.adjusted_points if self.adjusted_points is not None else self.points


def evidence_upload_to(instance, filename):
    return random_name("scoring/evidence", filename)


class Evidence(models.Model):
    entry = models.ForeignKey(ScoreEntry, on_delete=models.CASCADE, related_name="evidence",
                              verbose_name=_("score"))
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=300, validators=[validate_document],
                            help_text=_("PDF, DOCX or XLSX, up to 20 MB."))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["entry", "id"]

    def __str__(self):
        return self.title or self.file.name.rsplit("/", 1)[-1]


class ScoreAdjustment(models.Model):
    """The leader's change of a member's score: who, when, from, to, why. Never edited."""

    entry = models.ForeignKey(ScoreEntry, on_delete=models.CASCADE, related_name="adjustments",
                              verbose_name=_("score"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                           verbose_name=_("by"))
    at = models.DateTimeField(pgettext_lazy("moment of a change", "at"), auto_now_add=True)
    old_points = models.DecimalField(_("from"), max_digits=6, decimal_places=2, null=True)
    new_points = models.DecimalField(_("to"), max_digits=6, decimal_places=2)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("score adjustment")
        verbose_name_plural = _("score adjustments")
        ordering = ["entry", "at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="scoreadjustment_reasoned")]

    def __str__(self):
        return f"{self.old_points} → {self.new_points}"


class ScoringResult(models.Model):
    """A published version of a cluster-year's results. Never changed: a correction is the next
    version, with its reason; the public page says there was one."""

    scoring = models.ForeignKey(Scoring, on_delete=models.PROTECT, related_name="results",
                                verbose_name=_("cluster scoring"))
    version = models.PositiveSmallIntegerField(_("version"), validators=[MinValueValidator(1)])
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     related_name="+", verbose_name=_("published by"))
    reason = models.TextField(_("reason for the correction"), blank=True)
    # Empty: the ranks are the year-end meeting's. A correction may change them only by a decision
    # of the province's council (R4), which the version then names.
    rank_basis = models.CharField(_("ranks set by"), max_length=20, blank=True,
                                  choices=[("council_decision", _("council decision"))])

    class Meta:
        verbose_name = _("published result")
        verbose_name_plural = _("published results")
        ordering = ["scoring", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["scoring", "version"], name="scoringresult_version_once"),
            models.CheckConstraint(condition=Q(version=1) | ~Q(reason=""), name="scoringresult_correction_reasoned",
                                   violation_error_message=_("A correction says why.")),
            models.CheckConstraint(condition=Q(rank_basis="") | Q(version__gt=1),
                                   name="scoringresult_reranked_in_a_correction",
                                   violation_error_message=_("Only a correction changes the meeting's ranks.")),
        ]

    def __str__(self):
        return f"{self.scoring} – v{self.version}"


class ResultRow(models.Model):
    result = models.ForeignKey(ScoringResult, on_delete=models.CASCADE, related_name="rows",
                               verbose_name=_("published result"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    total = models.DecimalField(_("total points"), max_digits=7, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), validators=[MinValueValidator(1)])
    proposed_for = models.CharField(_("proposed for"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("result row")
        verbose_name_plural = _("result rows")
        ordering = ["result", "rank", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["result", "unit"], name="resultrow_unit_once"),
            models.CheckConstraint(condition=Q(total__isnull=True) | Q(total__gte=0), name="resultrow_total_positive"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.unit}"


