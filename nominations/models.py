"""Nomination dossiers (hồ sơ đề nghị khen thưởng) and the office's path to a decision
(domain.md §2.7, R2, R5–R12).

A dossier is filed by a unit (or by the leader unit of a cluster for the cluster), holds nominee
lines, and walks the states of `DossierState`; every step is a `DossierEvent`. Each line has its
own outcome, so a dossier can be partly approved, and a line that was decided holds the decision
line it became (`NomineeLine.decision_line`). The dated rules of the path are data: deadlines
(R12), vote thresholds (R7) and the days the government moved (R9's working-day count)."""

from __future__ import annotations

import math
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.models import (
    Award,
    AwardClass,
    AwardType,
    DatedQuerySet,
    DecisionLine,
    Household,
    IssuerRole,
    Movement,
    PersonCategory,
    ProposalMemo,
    SubjectType,
)
from clusters.models import Cluster, Gender, Person, Unit
from portal.core.files import random_name
from portal.core.locking import VersionedModel
from portal.core.models import SampleDataModel, TimeStampedModel
from portal.core.text import fold
from portal.core.uploads import validate_document

from .events import action_label


def validate_report(file) -> None:
    validate_document(file, allowed=("pdf", "docx"))


class DossierKind(models.TextChoices):
    """The kind of commendation a dossier asks for (Luật 2022 Điều 8), as offices file them."""

    REGULAR = "regular", _("regular (yearly)")
    THEMATIC = "thematic", _("thematic (a movement)")
    AD_HOC = "ad_hoc", _("one-off (ad hoc)")
    TERM = "term", _("by term of office")

    @property
    def award_type(self) -> str:
        return {
            "regular": AwardType.MERIT, "thematic": AwardType.CAMPAIGN, "ad_hoc": AwardType.AD_HOC,
            "term": AwardType.MERIT,
        }[self.value]


class DossierState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RECEIVED = "received", _("received")
    APPRAISAL = "appraisal", _("under appraisal")
    RETURNED = "returned", _("returned for changes")
    ON_HOLD = "on_hold", _("on hold")
    CONSULTATION = "consultation", _("public consultation")
    COUNCIL = "council", _("before the council")
    VOTED = "voted", _("council voted")
    PROPOSED = "proposed", _("proposed to the signer")
    DECIDED = "decided", _("decided")
    NOT_APPROVED = "not_approved", _("not approved")


class HoldGround(models.TextChoices):
    """Why the office holds a dossier (R8): the law names these three."""

    DISCIPLINE = "discipline", _("a disciplinary matter under consideration")
    INSPECTION = "inspection", _("an inspection or audit under way")
    COMPLAINT = "complaint", _("a complaint or denunciation being dealt with")
    OTHER = "other", _("another matter")


class LineOutcome(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    NOT_APPROVED = "not_approved", _("not approved")
    DECIDED = "decided", _("decided")


# --- dated rules ----------------------------------------------------------------------------------


class Deadline(TimeStampedModel):
    """When proposals of a kind (and, where it differs, of one award) are due, as a day of the
    year counted from the achievement year (R12): year-end proposals before 10/12 of that year;
    Chiến sĩ thi đua toàn quốc by 31/12 of the next."""

    kind = models.CharField(_("kind of commendation"), max_length=20, choices=DossierKind.choices)
    award = models.ForeignKey(
        Award, on_delete=models.PROTECT, null=True, blank=True, related_name="deadlines", verbose_name=_("award"),
        help_text=_("Empty: every award of the kind without its own deadline."),
    )
    day = models.PositiveSmallIntegerField(_("day"), validators=[MinValueValidator(1), MaxValueValidator(31)])
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    years_after = models.PositiveSmallIntegerField(
        _("years after the achievement year"), default=0,
        help_text=_("0: in the achievement year itself; 1: in the following year."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    basis = models.CharField(_("basis"), max_length=300, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["kind", "award", "-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                                   name="deadline_period_ordered",
                                   violation_error_message=_("The end of validity cannot precede its start.")),
        ]

    def __str__(self):
        award = f" – {self.award}" if self.award_id else ""
        return f"{self.get_kind_display()}{award}: {self.day:02d}/{self.month:02d} (+{self.years_after})"


class VoteThreshold(TimeStampedModel):
    """The share of all council members an award needs (R7). `award` empty: the default for every
    award without its own row. `more_than`: strictly more than the share (more than half)."""

    award = models.ForeignKey(
        Award, on_delete=models.PROTECT, null=True, blank=True, related_name="vote_thresholds",
        verbose_name=_("award"), help_text=_("Empty: every award without its own threshold."),
    )
    percent = models.DecimalField(_("share of all members (%)"), max_digits=5, decimal_places=2,
                                  validators=[MinValueValidator(0), MaxValueValidator(100)])
    more_than = models.BooleanField(_("strictly more than the share"), default=False,
                                    help_text=_("Ticked for “more than half”; otherwise “at least”."))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    basis = models.CharField(_("basis"), max_length=300, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("vote threshold")
        verbose_name_plural = _("vote thresholds")
        ordering = ["award", "-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="votethreshold_percent",
                                   violation_error_message=_("A share lies between 0 and 100 %.")),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                                   name="votethreshold_period_ordered",
                                   violation_error_message=_("The end of validity cannot precede its start.")),
        ]

    def __str__(self):
        sign = ">" if self.more_than else "≥"
        return f"{self.award or _('every other award')}: {sign} {self.percent.normalize():f} %"

    def required_votes(self, members: int) -> int:
        """Whole votes needed of `members`: a share is rounded up (90 % of 15 needs 14); "more than
        half" of 14 needs 8."""
        exact = Decimal(members) * self.percent / 100
        if self.more_than:
            return math.floor(exact) + 1
        return math.ceil(exact)


class WorkingDayChange(TimeStampedModel):
    """A day the government moved: a working day given off (an extra holiday) or a weekend day
    worked in exchange. Added by staff on top of the `holidays` package's calendar."""

    day = models.DateField(_("day"), unique=True)
    is_working_day = models.BooleanField(
        _("working day"), default=False,
        help_text=_("Ticked: a weekend day worked in exchange. Not ticked: a day off."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("E.g. the notice that moved it."))

    class Meta:
        verbose_name = _("moved working day")
        verbose_name_plural = _("moved working days")
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day:%d/%m/%Y}"


# --- the dossier ----------------------------------------------------------------------------------


def minutes_upload_to(instance, filename):
    return random_name("nominations/minutes", filename)


class Dossier(VersionedModel, SampleDataModel, TimeStampedModel):
    """A nomination dossier: the submission memo (tờ trình), its nominee lines, the unit's own
    council minutes and vote, attachments. Filed by a unit, or by the leader unit of a cluster for
    the cluster (R2), or entered by staff from paper."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="dossiers",
                             verbose_name=_("filing unit"))
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, null=True, blank=True, related_name="dossiers",
        verbose_name=_("for the cluster or bloc"),
        help_text=_("Filed by the leader unit for its cluster or bloc."),
    )
    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="dossiers", verbose_name=_("movement"))
    kind = models.CharField(_("kind of commendation"), max_length=20, choices=DossierKind.choices,
                            default=DossierKind.REGULAR)
    achievement_year = models.PositiveSmallIntegerField(
        _("achievement year"), validators=[MinValueValidator(1945), MaxValueValidator(2200)])
    addressed_role = models.ForeignKey(
        IssuerRole, on_delete=models.PROTECT, related_name="+", verbose_name=_("addressed to"),
        help_text=_("The authority asked to decide; state awards go on to the authority that holds them."),
    )
    addressed_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("body addressed"),
        help_text=_("E.g. UBND tỉnh Lạng Sơn."),
    )
    memo_number = models.CharField(_("memo number"), max_length=100, blank=True,
                                   help_text=_("As written, e.g. 15/TTr-UBND."))
    memo_date = models.DateField(_("memo date"), null=True, blank=True)
    memo_signer = models.CharField(_("memo signer"), max_length=200, blank=True)
    summary = models.CharField(_("summary"), max_length=500, help_text=_("What the memo proposes."))
    unit_members_total = models.PositiveSmallIntegerField(
        _("members of the unit's council"), null=True, blank=True)
    unit_members_present = models.PositiveSmallIntegerField(_("members present"), null=True, blank=True)
    unit_votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    minutes = models.FileField(
        _("minutes of the unit's council"), upload_to=minutes_upload_to, max_length=300, blank=True,
        validators=[validate_report], help_text=_("PDF or DOCX."),
    )
    state = models.CharField(pgettext_lazy("workflow", "state"), max_length=20, choices=DossierState.choices,
                             default=DossierState.DRAFT, db_index=True)
    held_from = models.CharField(max_length=20, choices=DossierState.choices, blank=True, editable=False)
    hold_ground = models.CharField(_("held because of"), max_length=20, choices=HoldGround.choices, blank=True,
                                   editable=False)
    is_paper = models.BooleanField(_("came on paper"), default=False,
                                   help_text=_("Entered by staff from a dossier received on paper."))
    register_year = models.PositiveSmallIntegerField(_("register year"), null=True, blank=True, editable=False)
    register_number = models.PositiveIntegerField(_("register number"), null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    deadline = models.DateField(_("deadline"), null=True, blank=True, editable=False)
    is_late = models.BooleanField(_("late"), default=False, editable=False)
    state_reason = models.TextField(_("reason"), blank=True, editable=False,
                                    help_text=_("Why it was returned or put on hold."))
    proposal_memo = models.OneToOneField(
        ProposalMemo, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="dossier",
        verbose_name=_("proposal memo"),
    )  # the memo a decision cites (Decision.based_on), made when the dossier is received
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False, verbose_name=_("entered by"))
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("nomination dossier")
        verbose_name_plural = _("nomination dossiers")
        ordering = ["-achievement_year", "-submitted_at", "-id"]
        permissions = [("process_dossier", _("Can receive, appraise and decide nomination dossiers"))]
        indexes = [models.Index(fields=["unit", "achievement_year"], name="dossier_unit_year_idx"),
                   models.Index(fields=["state", "submitted_at"], name="dossier_state_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["register_year", "register_number"], name="dossier_register_unique",
                condition=Q(register_number__isnull=False),
                violation_error_message=_("That register number is already taken this year."),
            ),
            models.CheckConstraint(
                condition=Q(unit_members_present__isnull=True) | Q(unit_members_total__isnull=True)
                | Q(unit_members_present__lte=F("unit_members_total")),
                name="dossier_present_within_members",
                violation_error_message=_("More members present than the council has."),
            ),
            models.CheckConstraint(
                condition=Q(unit_votes_for__isnull=True) | Q(unit_members_total__isnull=True)
                | Q(unit_votes_for__lte=F("unit_members_total")),
                name="dossier_votes_within_members",
                violation_error_message=_("More votes for than the council has members."),
            ),
            models.CheckConstraint(
                condition=~Q(state="on_hold") | ~Q(held_from=""), name="dossier_hold_remembers_state",
            ),
            models.CheckConstraint(
                condition=Q(state="on_hold", hold_ground__gt="") | (~Q(state="on_hold") & Q(hold_ground="")),
                name="dossier_hold_grounded",
                violation_error_message=_("A dossier on hold says what it waits for."),
            ),
        ]

    def __str__(self):
        number = self.memo_number or _("memo number: not yet")
        return f"{number} – {self.unit}"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.memo_number} {self.summary} {self.memo_signer}")
        super().save(*args, **kwargs)

    @property
    def register_label(self) -> str:
        if self.register_number is None:
            return ""
        return f"{self.register_number}/{self.register_year}"

    @property
    def award_type(self) -> str:
        return DossierKind(self.kind).award_type


def report_upload_to(instance, filename):
    return random_name("nominations/reports", filename)


class NomineeLine(TimeStampedModel):
    """One nominee × one proposed award, as the dossier writes it. Its outcome is its own; once
    decided it holds the decision line it became."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="lines", verbose_name=_("dossier"))
    order = models.PositiveIntegerField(_("no."), default=0)
    subject_type = models.CharField(_("subject"), max_length=20, choices=SubjectType.choices,
                                    default=SubjectType.INDIVIDUAL)
    # the record the name was matched to, when one is known; a new person is created at the decision
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations",
                               verbose_name=_("person"))
    collective = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="nominations", verbose_name=_("collective"))
    household = models.ForeignKey(Household, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="nominations", verbose_name=_("household"))
    organisation = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("unit of work"))
    name_text = models.CharField(pgettext_lazy("nominee", "name as written"), max_length=300)
    title_text = models.CharField(pgettext_lazy("nominee", "title as written"), max_length=300, blank=True)
    unit_text = models.CharField(pgettext_lazy("nominee", "unit as written"), max_length=300, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True,
                                                  validators=[MinValueValidator(1900), MaxValueValidator(2200)])
    person_category = models.CharField(_("person category"), max_length=40, choices=PersonCategory.choices,
                                       blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="nominations",
                              verbose_name=_("award proposed"))
    award_class = models.ForeignKey(AwardClass, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("class"))
    achievement_summary = models.TextField(_("achievement summary"), blank=True)
    achievement_report = models.FileField(
        _("achievement report"), upload_to=report_upload_to, max_length=300, blank=True,
        validators=[validate_report], help_text=_("PDF or DOCX."),
    )
    is_small_collective = models.BooleanField(_("small collective"), default=False)
    is_enterprise = models.BooleanField(_("enterprise"), default=False)
    posthumous = models.BooleanField(_("posthumous"), default=False)
    member_count = models.PositiveIntegerField(_("members"), null=True, blank=True,
                                               validators=[MinValueValidator(1)])
    advanced_worker_share = models.DecimalField(
        _("members who are Lao động tiên tiến (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)])
    confirmation_reason = models.CharField(_("reason for confirming"), max_length=500, blank=True)
    # the office's work on the line
    return_note = models.TextField(
        _("what to change"), blank=True,
        help_text=_("Set when staff return the line; cleared when the dossier is resubmitted."))
    appraisal_note = models.TextField(_("appraisal note"), blank=True)
    meets_standards = models.BooleanField(_("meets the standards"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=LineOutcome.choices,
                               default=LineOutcome.PENDING, db_index=True)
    outcome_reason = models.TextField(_("reason"), blank=True,
                                      help_text=_("Why the line was not approved."))
    decision_line = models.OneToOneField(
        DecisionLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="nominee_line",
        verbose_name=_("decision line"),
    )  # a drafted decision's line may still be deleted; a signed one never is
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("nominee line")
        verbose_name_plural = _("nominee lines")
        ordering = ["dossier", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="not_approved") | ~Q(outcome_reason=""), name="nomineeline_refusal_reasoned",
                violation_error_message=_("Say why the line is not approved."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="decided") | Q(decision_line__isnull=False), name="nomineeline_decided_linked",
                violation_error_message=_("A decided line names its decision line."),
            ),
            models.CheckConstraint(
                condition=Q(subject_type="individual") | Q(person__isnull=True, person_category="", gender=""),
                name="nomineeline_individual_fields",
                violation_error_message=_("Only an individual has a person, a person category and a gender."),
            ),
            models.CheckConstraint(
                condition=Q(subject_type="collective")
                | Q(collective__isnull=True, is_small_collective=False, is_enterprise=False,
                    member_count__isnull=True, advanced_worker_share__isnull=True),
                name="nomineeline_collective_fields",
                violation_error_message=_("Only a collective has members, a share of them, or the collective flags."),
            ),
            models.CheckConstraint(
                condition=Q(subject_type="household") | Q(household__isnull=True),
                name="nomineeline_household_fields",
                violation_error_message=_("Only a household line names a household."),
            ),
        ]

    def __str__(self):
        return f"{self.name_text} – {self.award}"

    def save(self, *args, **kwargs):
        self.search_text = fold(self.name_text)
        super().save(*args, **kwargs)

    @property
    def needs_consultation(self) -> bool:
        """Nominees for state awards are published for comment before the council (R9)."""
        return self.award.level == "state"


def attachment_upload_to(instance, filename):
    return random_name("nominations/attachments", filename)


class DossierAttachment(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments",
                                verbose_name=_("dossier"))
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=300,
                            validators=[validate_document], help_text=_("PDF, DOCX or XLSX, up to 20 MB."))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier attachment")
        verbose_name_plural = _("dossier attachments")
        ordering = ["dossier", "id"]

    def __str__(self):
        return self.title


class DossierEvent(models.Model):
    """One step of a dossier, or of one of its lines: who, when, from, to, why. Never edited."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events", verbose_name=_("dossier"))
    line = models.ForeignKey(NomineeLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
                             verbose_name=_("line"))
    at = models.DateTimeField(pgettext_lazy("moment of a change", "at"), auto_now_add=True, db_index=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("by"))
    from_state = models.CharField(_("from"), max_length=20, choices=DossierState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=DossierState.choices, blank=True)
    action = models.CharField(_("action"), max_length=60)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("dossier step")
        verbose_name_plural = _("dossier steps")
        ordering = ["dossier", "at", "id"]

    def __str__(self):
        return action_label(self.action)  # the history reads as people say it, wherever it is listed


# --- appraisal and the council --------------------------------------------------------------------


class ConcurrenceOffice(models.TextChoices):
    POLICE = "police", _("police")
    TAX = "tax", _("tax office")
    SOCIAL_INSURANCE = "social_insurance", _("social insurance")
    OTHER = "other", _("other office")


class ConcurrenceAnswer(models.TextChoices):
    WAITING = "waiting", _("waiting for the answer")
    AGREED = "agreed", _("no objection")
    OBJECTED = "objected", _("objection")


def concurrence_upload_to(instance, filename):
    return random_name("nominations/concurrence", filename)


class ConcurrenceRequest(TimeStampedModel):
    """A request to another office (police, tax, social insurance) to confirm a nominee or the
    whole dossier (hiệp y), with its answer."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="concurrences",
                                verbose_name=_("dossier"))
    line = models.ForeignKey(NomineeLine, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="concurrences", verbose_name=_("nominee"),
                             help_text=_("Empty: the request covers the whole dossier."))
    office = models.CharField(_("office"), max_length=20, choices=ConcurrenceOffice.choices)
    office_name = models.CharField(_("office as written"), max_length=300, blank=True,
                                   help_text=_("E.g. Công an tỉnh Lạng Sơn."))
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True, help_text=_("The letter's number."))
    answer = models.CharField(_("answer"), max_length=20, choices=ConcurrenceAnswer.choices,
                              default=ConcurrenceAnswer.WAITING)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_text = models.TextField(_("answer as written"), blank=True)
    file = models.FileField(_("answer (file)"), upload_to=concurrence_upload_to, max_length=300, blank=True,
                            validators=[validate_document])

    class Meta:
        verbose_name = _("concurrence request")
        verbose_name_plural = _("concurrence requests")
        ordering = ["dossier", "sent_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer="waiting") | Q(answered_on__isnull=False), name="concurrence_answer_dated",
                violation_error_message=_("An answer has the date it was received."),
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(sent_on__isnull=True) | Q(answered_on__gte=F("sent_on")),
                name="concurrence_answer_after_request",
                violation_error_message=_("The answer cannot precede the request."),
            ),
        ]

    def __str__(self):
        return f"{self.get_office_display()} – {self.get_answer_display()}"


class CouncilVote(TimeStampedModel):
    """The council's secret ballot on one nominee line (R7). The denominator is all members; the
    threshold of the vote's date is kept with it, so a later change of the rule does not rewrite
    what was decided."""

    line = models.OneToOneField(NomineeLine, on_delete=models.CASCADE, related_name="vote", verbose_name=_("line"))
    voted_on = models.DateField(_("voted on"))
    members_total = models.PositiveSmallIntegerField(_("members entitled"), validators=[MinValueValidator(1)])
    members_present = models.PositiveSmallIntegerField(_("members present"))
    votes_for = models.PositiveSmallIntegerField(_("votes for"), help_text=_("Written votes included."))
    written_votes = models.PositiveSmallIntegerField(_("written votes"), default=0,
                                                     help_text=_("Of absent members, voting in writing."))
    threshold = models.ForeignKey(VoteThreshold, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="votes", verbose_name=_("threshold applied"), editable=False)
    required_votes = models.PositiveSmallIntegerField(_("votes required"), editable=False)
    passed = models.BooleanField(_("passed"), editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", editable=False, verbose_name=_("entered by"))

    class Meta:
        verbose_name = _("council vote")
        verbose_name_plural = _("council votes")
        constraints = [
            models.CheckConstraint(condition=Q(members_present__lte=F("members_total")),
                                   name="councilvote_present_within_members",
                                   violation_error_message=_("More members present than the council has.")),
            models.CheckConstraint(
                condition=Q(written_votes__lte=F("members_total") - F("members_present")),
                name="councilvote_written_from_absent",
                violation_error_message=_("Written votes come from absent members only."),
            ),
            models.CheckConstraint(
                condition=Q(votes_for__lte=F("members_present") + F("written_votes")),
                name="councilvote_votes_within_ballots",
                violation_error_message=_("More votes for than ballots cast."),
            ),
            models.CheckConstraint(condition=Q(passed=False) | Q(votes_for__gte=F("required_votes")),
                                   name="councilvote_passed_consistent"),
        ]

    def __str__(self):
        return f"{self.votes_for}/{self.members_total}"


# --- public consultation (R9) ----------------------------------------------------------------------


class Consultation(SampleDataModel, TimeStampedModel):
    """Nominees for state awards published for comment for ten working days, counted from the
    first working day after publication (NĐ 152/2025 Điều 60.3)."""

    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    intro = models.TextField(_("introduction"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True, editable=False)
    ends_on = models.DateField(_("ends on"), null=True, blank=True, editable=False)
    working_days = models.PositiveSmallIntegerField(_("working days"), default=10)
    lines = models.ManyToManyField(NomineeLine, related_name="consultations", verbose_name=_("nominees"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)

    class Meta:
        verbose_name = _("public consultation")
        verbose_name_plural = _("public consultations")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_on__isnull=True, starts_on__isnull=True, ends_on__isnull=True)
                | Q(published_on__isnull=False, starts_on__gt=F("published_on"), ends_on__gte=F("starts_on")),
                name="consultation_dates_ordered",
            ),
        ]

    def __str__(self):
        return self.title

    def is_open_on(self, day) -> bool:
        return bool(self.starts_on and self.published_on <= day <= self.ends_on)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("nominations:consultation", kwargs={"slug": self.slug})


class ConsultationComment(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments",
                                     verbose_name=_("consultation"))
    line = models.ForeignKey(NomineeLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments",
                             verbose_name=_("about the nominee"))
    name = models.CharField(_("your name"), max_length=200)
    contact = models.CharField(_("phone or e-mail"), max_length=200)
    text = models.TextField(_("comment"), max_length=5000)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sender_key = models.CharField(max_length=64, editable=False, blank=True, db_index=True)  # hashed address
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", editable=False, verbose_name=_("answered by"))

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.sent_at:%d/%m/%Y})" if self.sent_at else self.name


# --- the register of emulation offices and their staff (forms 0604, 0605) -------------------------


class OfficeKind(models.TextChoices):
    """Rows of form 0604 (TT 02/2023/TT-BNV)."""

    DEPARTMENT_LEVEL = "department_level", _("unit at the level of a department (Vụ)")
    DIVISION_UNDER_DEPARTMENT = "division_under_department", _("division under such a unit")
    HOME_AFFAIRS_DIVISION = "home_affairs_division", _("board or division under the Department of Home Affairs")
    OTHER = "other", _("other")


class EmulationOffice(TimeStampedModel):
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=40, choices=OfficeKind.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("unit"))
    valid_from = models.DateField(_("set up on"), null=True, blank=True)
    valid_to = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("emulation office")
        verbose_name_plural = _("emulation offices (form 0604)")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class TrainingLevel(models.TextChoices):
    """The training levels form 0605 counts."""

    DOCTORATE = "doctorate", _("doctorate")
    MASTER = "master", _("master's degree")
    UNIVERSITY = "university", _("university")
    COLLEGE = "college", _("college")
    OTHER = "other", _("other")


class EmulationStaffer(TimeStampedModel):
    office = models.ForeignKey(EmulationOffice, on_delete=models.PROTECT, related_name="staff",
                               verbose_name=_("office"))
    full_name = models.CharField(_("full name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    training_level = models.CharField(_("training level"), max_length=20, choices=TrainingLevel.choices,
                                      blank=True)
    in_field_since = models.PositiveSmallIntegerField(_("working in the field since (year)"), null=True, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("emulation staff member")
        verbose_name_plural = _("emulation staff (form 0605)")
        ordering = ["office", "full_name"]

    def __str__(self):
        return self.full_name
