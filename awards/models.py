"""The commendation records: the catalogue of titles and forms, who may grant them (dated rules),
base salaries, movements, proposal memos, decisions and their lines.

Rules that change with the law (who may award what, cash multipliers, the base salary, the
standards and prerequisites of each title) are rows with `valid_from`/`valid_to` and their legal
basis, never constants: the switch of 01/07/2025 is data."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clusters.models import AdministrativeLevel, Cluster, ClusterYear, Gender, Person, Unit
from portal.core.attachments import TitledFileMixin
from portal.core.files import random_name
from portal.core.locking import VersionedModel
from portal.core.models import SampleDataModel, TimeStampedModel
from portal.core.text import fold, unique_slug, vn_slugify
from portal.core.uploads import validate_document
from portal.core.urls import fast_reverse
from portal.core.withdrawal import WithdrawableModel

from .validators import validate_pdf


class SubjectType(models.TextChoices):
    INDIVIDUAL = "individual", _("individual")
    COLLECTIVE = "collective", _("collective")
    HOUSEHOLD = "household", _("household")


class AwardCategory(models.TextChoices):
    EMULATION_TITLE = "emulation_title", _("emulation title")
    ORDER = "order", _("order (Huân chương)")
    MEDAL = "medal", _("medal (Huy chương)")
    STATE_HONORARY_TITLE = "state_honorary_title", _("state honorary title")
    PRIZE = "prize", _("prize")
    COMMEMORATIVE_MEDAL = "commemorative_medal", _("commemorative medal")
    CERTIFICATE_OF_MERIT = "certificate_of_merit", _("certificate of merit (Bằng khen)")
    CERTIFICATE_OF_COMMENDATION = "certificate_of_commendation", _("certificate of commendation (Giấy khen)")
    CUSTOM = "custom", _("other honour (outside the law)")


class AwardSubject(models.TextChoices):
    """Who an award may go to; the dated rules narrow it per issuer."""

    INDIVIDUAL = "individual", _("individuals")
    COLLECTIVE = "collective", _("collectives")
    HOUSEHOLD = "household", _("households")
    ANY = "any", _("individuals, collectives or households")


class AwardLevel(models.TextChoices):
    STATE = "state", _("state")
    MINISTRY_PROVINCE = "ministry_province", _("ministry or province")
    DEPARTMENT = "department", _("department")
    DISTRICT = "district", _("district")
    COMMUNE = "commune", _("commune")
    GRASSROOTS = "grassroots", _("grassroots (agency or unit)")
    ENTERPRISE = "enterprise", _("enterprise")


class Form0603Column(models.TextChoices):
    """The four award columns of the provincial statistics form 0603 (TT 02/2023/TT-BNV)."""

    BANG_KHEN = "bang_khen", _("Certificate of merit")
    CSTD_TINH = "cstd_tinh", _("Provincial emulation fighter")
    CO_THI_DUA_TINH = "co_thi_dua_tinh", _("Provincial emulation flag")
    KY_NIEM_CHUONG = "ky_niem_chuong", _("Commemorative medal")
    NONE = "none", _("not counted in form 0603")


class Award(TimeStampedModel):
    """One title or form of commendation. Names are data and stay as the law writes them."""

    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("Stable identifier, e.g. advanced_worker.")
    )
    name = models.CharField(_("name"), max_length=255, help_text=_("Exact Vietnamese name, e.g. Lao động tiên tiến."))
    category = models.CharField(_("category"), max_length=40, choices=AwardCategory.choices, db_index=True)
    subject_type = models.CharField(_("granted to"), max_length=20, choices=AwardSubject.choices)
    level = models.CharField(_("level"), max_length=30, choices=AwardLevel.choices)
    has_classes = models.BooleanField(
        _("has classes"), default=False, help_text=_("Hạng Nhất/Nhì/Ba: a line of this award must name its class.")
    )
    form_0603_column = models.CharField(
        _("form 0603 column"), max_length=20, choices=Form0603Column.choices, default=Form0603Column.NONE,
        help_text=_("Where the provincial statistics form counts this award."),
    )
    counts_for_streak = models.BooleanField(
        _("counts for prerequisites"), default=False,
        help_text=_("Merit awards of this title count toward the consecutive-title prerequisites."),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    active = models.BooleanField(_("active"), default=True, help_text=_("Inactive awards are kept for history."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    search_text = models.TextField(editable=False, blank=True, default="")  # folded: "co thi dua" finds "Cờ thi đua"

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards (titles and forms)")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.code.replace('_', ' ')}")
        super().save(*args, **kwargs)


class AwardClass(models.Model):
    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="classes", verbose_name=_("award")
    )  # a class has no meaning without its award; lines protect the class itself
    code = models.SlugField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=50, help_text=_("As printed, e.g. Hạng Nhất."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("award class")
        verbose_name_plural = _("award classes")
        ordering = ["award", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["award", "code"], name="awardclass_unique_code",
                violation_error_message=_("This award already has a class with that code."),
            ),
        ]

    def __str__(self):
        return f"{self.award} – {self.name}"


class IssuerRole(TimeStampedModel):
    """The office in whose name a decision is issued (Chủ tịch UBND tỉnh), whoever signs for it."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255, help_text=_("As written, e.g. Chủ tịch UBND tỉnh."))
    level = models.CharField(_("level"), max_length=30, choices=AwardLevel.choices)
    admin_level = models.CharField(
        _("administrative level of the body signed for"), max_length=20, choices=AdministrativeLevel.choices,
        blank=True,
        help_text=_("The chair of a People's Committee signs for a body of that level (a province's, a district's, "
                    "a commune's); empty for authorities of bodies with no level (ministries, departments, "
                    "enterprises, central bodies). Decisions check the issuing body against it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("issuing authority")
        verbose_name_plural = _("issuing authorities")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(self.name)
        super().save(*args, **kwargs)


class DatedQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class AwardRule(TimeStampedModel):
    """A power in force over a period: this authority may grant this award to this kind of subject."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="rules", verbose_name=_("award"))
    subject_type = models.CharField(_("subject"), max_length=20, choices=SubjectType.choices)
    issuer_role = models.ForeignKey(
        IssuerRole, on_delete=models.PROTECT, related_name="rules", verbose_name=_("issuing authority")
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True, help_text=_("Empty while in force."))
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    # the same basis as a record of the document library, where the library holds it: the
    # document's page then lists the rules made under it
    basis_document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="award_rules",
        verbose_name=_("legal basis in the library"),
    )
    cash_multiplier = models.DecimalField(
        _("cash multiplier"), max_digits=6, decimal_places=2, null=True, blank=True,
        help_text=_("Times the base salary; empty where the law's value is not known."),
    )
    # "A household gets 1.5 times the individual's amount": a factor of another rule's amount,
    # kept as data beside the multiplier so that a new period changes rows, not code.
    cash_relative_award = models.ForeignKey(
        "Award", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("cash relative to the award"),
        help_text=_("When the amount is a multiple of another award's amount under the same authority."),
    )
    cash_relative_subject = models.CharField(
        _("cash relative to the subject"), max_length=20, choices=SubjectType.choices, blank=True,
        help_text=_("E.g. individual: a household gets a multiple of what an individual gets."),
    )
    cash_relative_factor = models.DecimalField(
        _("factor of that amount"), max_digits=6, decimal_places=2, null=True, blank=True,
        help_text=_("E.g. 1.5: one and a half times that amount."),
    )
    cash_legal_basis = models.CharField(
        _("legal basis of the cash"), max_length=255, blank=True,
        help_text=_("Article and clause that set the multiplier or the factor."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")
        ordering = ["-valid_from", "issuer_role", "award"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")), name="awardrule_valid_period",
                violation_error_message=_("A rule cannot end before it begins."),
            ),
            models.CheckConstraint(
                condition=Q(cash_multiplier__isnull=True) | Q(cash_multiplier__gte=0),
                name="awardrule_multiplier_positive",
            ),
            models.CheckConstraint(
                condition=Q(cash_relative_award__isnull=True, cash_relative_subject="",
                            cash_relative_factor__isnull=True)
                | Q(cash_relative_award__isnull=False, cash_relative_factor__gt=0, cash_multiplier__isnull=True)
                & ~Q(cash_relative_subject=""),
                name="awardrule_relative_cash_whole",
                violation_error_message=_(
                    "A relative amount names the award, the subject and the factor, and replaces the multiplier."),
            ),
            models.UniqueConstraint(
                fields=["award", "subject_type", "issuer_role", "valid_from"], name="awardrule_unique_start",
                violation_error_message=_("A rule for this award, subject and authority already starts that day."),
            ),
        ]

    def __str__(self):
        end = self.valid_to.strftime("%d/%m/%Y") if self.valid_to else "…"
        start = self.valid_from.strftime("%d/%m/%Y")
        return f"{self.issuer_role} → {self.award} ({self.get_subject_type_display()}, {start}–{end})"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.legal_basis} {self.note}")
        super().save(*args, **kwargs)


class BaseSalary(TimeStampedModel):
    """The lương cơ sở from a date on; a row holds until the next one starts."""

    valid_from = models.DateField(_("valid from"), unique=True)
    amount = models.PositiveIntegerField(_("amount (đồng)"))
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.amount:,} đ ({self.valid_from:%d/%m/%Y})".replace(",", ".")

    @classmethod
    def on(cls, day):
        return cls.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


class StandardKind(models.TextChoices):
    STREAK = "streak", _("consecutive earlier titles")
    SAME_YEAR = "same_year", _("another title of the same year")
    MEMBER_SHARE = "member_share", _("share of the members holding a title")
    QUOTA = "quota", _("at most a share of another title's number")
    LEADS_CLUSTER = "leads_cluster", _("ranked first in its cluster or bloc")


class Standard(TimeStampedModel):
    """A standard or prerequisite of a title in force over a period (domain.md R6), with the
    article and clause it comes from. The rule service reads these rows: a threshold that changes
    with the law (more than 50 % before 2024, at least 70 % since) is a new row, not new code.

    Records before the portal are incomplete, so every standard warns and asks for confirmation;
    none refuses. `code` is the rule's stable name, shared by its rows of every period and shown
    with every warning it raises (docs/rules.md lists them)."""

    code = models.CharField(
        _("rule code"), max_length=60, help_text=_("Stable name of the rule, e.g. R6.cstd-tinh-streak."),
    )
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="standards", verbose_name=_("award"))
    kind = models.CharField(_("kind"), max_length=20, choices=StandardKind.choices)
    required_award = models.ForeignKey(
        Award, on_delete=models.PROTECT, null=True, blank=True, related_name="required_by",
        verbose_name=_("title required"), help_text=_("The title the standard counts, e.g. Chiến sĩ thi đua cơ sở."),
    )
    count = models.PositiveSmallIntegerField(
        _("how many"), null=True, blank=True,
        help_text=_("Consecutive titles needed, the last in the achievement year."),
    )
    max_gap_years = models.PositiveSmallIntegerField(
        _("at most years between two"), null=True, blank=True,
        help_text=_("1 for a yearly title; 3 for one given on a three-year cycle (Chiến sĩ thi đua cấp tỉnh)."),
    )
    threshold = models.DecimalField(
        _("threshold (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    threshold_inclusive = models.BooleanField(
        _("threshold included"), default=True, help_text=_("Ticked: at least the threshold; unticked: more than it."),
    )
    is_enabled = models.BooleanField(
        _("checked"), default=True,
        help_text=_("Unticked: kept for the record, not checked (e.g. a quota off by default)."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True, help_text=_("Empty while in force."))
    legal_basis = models.CharField(
        _("legal basis"), max_length=255, help_text=_("Article and clause, e.g. Luật Thi đua, khen thưởng "
                                                      "06/2022/QH15, Điều 22, khoản 1."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("standard of a title")
        verbose_name_plural = _("standards of titles")
        ordering = ["code", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")), name="standard_valid_period",
                violation_error_message=_("A rule cannot end before it begins."),
            ),
            models.CheckConstraint(
                condition=Q(threshold__isnull=True) | Q(threshold__gte=0, threshold__lte=100),
                name="standard_threshold_percent", violation_error_message=_("A share lies between 0 and 100 %."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="streak", required_award__isnull=False, count__gte=1, max_gap_years__gte=1)
                           | Q(kind="same_year", required_award__isnull=False)
                           | Q(kind__in=["member_share", "quota"], required_award__isnull=False,
                               threshold__isnull=False)
                           | Q(kind="leads_cluster")),
                name="standard_parameters_of_its_kind",
                violation_error_message=_("Fill the parameters this kind of standard needs."),
            ),
            models.UniqueConstraint(
                fields=["code", "award", "valid_from"], name="standard_unique_start",
                violation_error_message=_("This rule already has a row for this award starting that day."),
            ),
        ]

    def __str__(self):
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.code}: {self.award} ({self.valid_from}–{end})"


class MovementForm(models.TextChoices):
    REGULAR = "regular", _("regular")
    THEMATIC = "thematic", _("thematic")


class MovementScope(models.TextChoices):
    """Điều 16.2 as a province meets it: its own movements and its departments' apart, since
    the public list is filtered by them. National movements stay: the province carries them out."""

    NATIONAL = "national", _("national")
    PROVINCE = "province", _("province")
    SECTOR = "sector", _("sector or department")
    CLUSTER = "cluster", _("emulation cluster or bloc")
    UNIT = "unit", _("agency or unit")
    # The value before the province and its sectors were told apart (migration 0012 moved the
    # saved rows); kept so that a row written by older code still reads, never offered anew.
    SECTOR_OR_LOCAL = "sector_or_local", _("ministry, sector or locality (old record)")

    @classmethod
    def current(cls) -> list[tuple[str, str]]:
        return [(value, label) for value, label in cls.choices if value != cls.SECTOR_OR_LOCAL]


class MovementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def in_progress(self, today):
        """Started (or start unknown) and not yet ended on `today`: computed, never typed."""
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=today),
                           Q(end_date__isnull=True) | Q(end_date__gte=today))

    def ended(self, today):
        return self.filter(end_date__lt=today)

    def open_for_registration(self, today):
        """Published and not ended: a unit may register before a movement starts."""
        return self.published().filter(Q(end_date__isnull=True) | Q(end_date__gte=today))


class Movement(SampleDataModel, TimeStampedModel):
    """A launched emulation movement (phong trào thi đua)."""

    name = models.CharField(_("name"), max_length=400)
    form = models.CharField(_("form"), max_length=20, choices=MovementForm.choices)
    scope = models.CharField(_("scope"), max_length=20, choices=MovementScope.choices)
    launched_by = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="launched_movements", verbose_name=_("launched by"),
        null=True, blank=True,
    )
    launch_document = models.CharField(
        _("launch document"), max_length=255, blank=True, help_text=_("Number and symbol, e.g. 123/KH-UBND.")
    )
    launch_document_record = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="launched_movements",
        verbose_name=_("launch document in the library"),
    )
    launch_date = models.DateField(
        _("launch document date"), null=True, blank=True, help_text=_("Empty when the source does not give it.")
    )
    launch_signer = models.CharField(
        _("launch document signer"), max_length=200, blank=True,
        help_text=_("Title and name as written, e.g. Chủ tịch UBND tỉnh …; empty when the source does not give it."),
    )
    slogan = models.CharField(_("slogan"), max_length=500, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, null=True, blank=True, related_name="movements", verbose_name=_("cluster"),
        help_text=_("For a movement launched within a cluster."),
    )
    description = models.TextField(_("description"), blank=True)
    aims = models.TextField(_("aims"), blank=True, help_text=_("What the movement sets out to achieve."))
    criteria = models.TextField(
        _("criteria"), blank=True, help_text=_("The targets and standards units are measured against.")
    )
    awards = models.ManyToManyField(
        Award, blank=True, related_name="movements", verbose_name=_("awards it leads to"),
        help_text=_("The titles and forms of commendation the movement's results are proposed for."),
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published movements are public and open for registration.")
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True, editable=False, blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = MovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="movement_valid_period", violation_error_message=_("A movement cannot end before it starts."),
            ),
        ]
        indexes = [
            # the public list: published movements, newest first
            models.Index(fields=["is_published", "-start_date"], name="movement_public_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(self.name)
        if not self.slug:
            # made once on the server and then kept: renaming a movement does not move its address
            self.slug = unique_slug(Movement, self.name, instance=self, max_length=200)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "slug", "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return fast_reverse("awards:movement_detail", slug=self.slug)

    def period_state(self, today) -> str:
        """"upcoming", "in_progress" or "ended" on `today`, from the period (never typed)."""
        if self.end_date and self.end_date < today:
            return "ended"
        if self.start_date and self.start_date > today:
            return "upcoming"
        return "in_progress"


def movement_attachment_upload_to(instance, filename):
    # private for good: even a published movement's public attachments go out through the checked view
    return random_name("awards/movements", filename)


class MovementAttachment(TitledFileMixin, models.Model):
    """A file of a movement (the plan that launched it, the criteria table, a form)."""

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("movement")
    )  # owned by the movement
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"), upload_to=movement_attachment_upload_to, max_length=300, validators=[validate_document],
        help_text=_("PDF, DOCX or XLSX, up to 20 MB."),
    )
    is_public = models.BooleanField(_("public"), default=True, help_text=_("Shown on the public movement page."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("movement attachment")
        verbose_name_plural = _("movement attachments")
        ordering = ["movement", "order", "id"]

    def __str__(self):
        return self.title


def registration_upload_to(instance, filename):
    return random_name("awards/movement-registrations", filename)


class MovementRegistration(TimeStampedModel):
    """A unit's registration for a movement (đăng ký thi đua), filed by its officer: seen by the
    unit and by staff only; the public sees how many units registered."""

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("movement")
    )  # a registration has no life without its movement
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="movement_registrations", verbose_name=_("unit")
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("registered by"),
    )  # the row outlives the account
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    content = models.TextField(_("content and commitments"), help_text=_("What the unit commits to achieve."))
    file = models.FileField(
        _("file"), upload_to=registration_upload_to, max_length=300, blank=True, validators=[validate_document],
        help_text=_("The signed registration, PDF or DOCX, up to 20 MB (optional)."),
    )

    class Meta:
        verbose_name = _("movement registration")
        verbose_name_plural = _("movement registrations")
        ordering = ["-registered_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit"], name="movementregistration_once",
                violation_error_message=_("This unit has already registered for this movement."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.movement}"


def pact_upload_to(instance, filename):
    return random_name("awards/cluster-pacts", filename)


class ClusterPact(TimeStampedModel):
    """A cluster's pact (giao ước thi đua) for a movement in one year, filed by an officer of
    that year's leader unit (R2: the leader drafts and convenes)."""

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="pacts", verbose_name=_("movement")
    )  # owned by the movement
    cluster_year = models.ForeignKey(
        ClusterYear, on_delete=models.PROTECT, related_name="pacts", verbose_name=_("cluster year")
    )  # a year's history stays
    signed_on = models.DateField(_("signed on"), null=True, blank=True,
                                 help_text=_("Empty when the source does not give it."))
    text = models.TextField(_("text of the pact"))
    file = models.FileField(
        _("file"), upload_to=pact_upload_to, max_length=300, blank=True, validators=[validate_document],
        help_text=_("The signed pact, PDF or DOCX, up to 20 MB (optional)."),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("entered by"),
    )  # the row outlives the account

    class Meta:
        verbose_name = _("cluster pact")
        verbose_name_plural = _("cluster pacts")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "cluster_year"], name="clusterpact_once",
                violation_error_message=_("This cluster already has a pact for this movement in that year."),
            ),
        ]

    def __str__(self):
        return f"{self.cluster_year} – {self.movement}"


class ProposalMemo(SampleDataModel, TimeStampedModel):
    """A tờ trình a decision rests on ("Tờ trình số 02/TTr-UBND…"); a cluster may submit one."""

    number_text = models.CharField(_("number and symbol"), max_length=100, help_text=_("E.g. 02/TTr-UBND."))
    date = models.DateField(_("date"), null=True, blank=True)
    submitting_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="proposal_memos", verbose_name=_("submitted by")
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, null=True, blank=True, related_name="proposal_memos",
        verbose_name=_("cluster"), help_text=_("When a cluster submits the memo itself."),
    )
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("proposal memo")
        verbose_name_plural = _("proposal memos")
        ordering = ["-date", "number_text"]

    def __str__(self):
        date = f" ({self.date:%d/%m/%Y})" if self.date else ""
        return f"{self.number_text}{date}"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.number_text} {self.summary}")
        super().save(*args, **kwargs)


class Household(SampleDataModel, TimeStampedModel):
    head_name = models.CharField(_("head of household"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    commune = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="households", verbose_name=_("commune")
    )
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["head_name"]

    def __str__(self):
        return _("Household of %(name)s") % {"name": self.head_name}

    def save(self, *args, **kwargs):
        self.search_text = fold(self.head_name)
        super().save(*args, **kwargs)


class AwardType(models.TextChoices):
    """Loại hình khen thưởng (Luật 2022 Điều 8); the labels are those of the statistics forms."""

    MERIT = "merit", _("Regular (merit)")
    CAMPAIGN = "campaign", _("Thematic (campaign)")
    AD_HOC = "ad_hoc", _("Ad hoc")
    CAREER_CONTRIBUTION = "career_contribution", _("Career contribution")
    SENIORITY = "seniority", _("Seniority")
    FOREIGN = "foreign", _("Foreign relations")
    RESISTANCE = "resistance", _("Resistance")


class SigningForm(models.TextChoices):
    TM = "TM", _("TM. (on behalf of the body)")
    KT = "KT", _("KT. (signed for the head)")
    OTHER = "other", _("other (signed in one's own name)")


class RecordStatus(models.TextChoices):
    IN_FORCE = "in_force", _("in force")
    REVOKED = "revoked", _("revoked")


class SourceKind(models.TextChoices):
    """Where a decision's record comes from. A news report or a register may leave out the
    number or the signing date; the record then says "unknown" instead of a guess."""

    DECISION = "decision", _("the decision itself")
    SECONDARY = "secondary", _("a secondary source (news report, register…)")


class DecisionQuerySet(models.QuerySet):
    def published(self):
        # a withdrawn decision keeps its row (and its place in the number's key), never its page
        return self.filter(is_published=True, withdrawn_at__isnull=True)

    def current(self):
        """Not withdrawn: what every page, look-up and statistic counts."""
        return self.filter(withdrawn_at__isnull=True)

    def signed(self):
        """Records of a signed decision as printed: its number and signing date are known."""
        return self.filter(number__isnull=False, signed_on__isnull=False)

    def in_force(self):
        return self.filter(status=RecordStatus.IN_FORCE)

    def missing_number_or_date(self):
        return self.filter(Q(number__isnull=True) | Q(signed_on__isnull=True))


def decision_scan_path(instance, filename):
    # Private, under a random name: the scan of an unpublished or withdrawn decision must not be
    # guessable from its number; a published one goes out through the checked view (awards/files.py).
    return random_name("awards/decisions", filename or "quyet-dinh.pdf", private=True)


class Decision(WithdrawableModel, VersionedModel, SampleDataModel, TimeStampedModel):
    """A commendation decision (quyết định khen thưởng). Counts of its lines are computed, never typed.

    The record holds what its source says and nothing more: a decision known from a news report
    may have no number and no signing date, and says so ("chưa rõ") wherever it is shown.

    Staff never hard-delete a decision: they withdraw it (portal.core.withdrawal), and it keeps its
    row. A *signed* record (`is_signed`: its number and signing date are known, so it is the signed
    paper as printed) keeps its lines too: they are changed or revoked, never deleted by staff.
    The lines of a record still waiting for its number or date (taken from a news report) are a
    draft of the list and may still be deleted when the decision itself turns up."""

    source_kind = models.CharField(
        _("recorded from"), max_length=20, choices=SourceKind.choices, default=SourceKind.DECISION,
        help_text=_("A decision whose number or signing date is unknown comes from a secondary source."),
    )
    source_name = models.CharField(
        _("source"), max_length=300, blank=True,
        help_text=_("Who published what this record is taken from, e.g. Báo Lạng Sơn, 12/03/2024."),
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    number = models.PositiveIntegerField(
        _("number"), null=True, blank=True, help_text=_("Empty when the source does not give it.")
    )
    symbol = models.CharField(_("symbol"), max_length=60, blank=True, help_text=_("E.g. QĐ-UBND."))
    number_text = models.CharField(
        _("number as written"), max_length=100, blank=True,
        help_text=_("The number and symbol as printed, e.g. 163/QĐ-UBND. Empty: made from the number and symbol."),
    )
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True,
        help_text=_("Selects the rules in force. Empty when the source does not give it: the lines are then "
                    "recorded without being checked against the rules of a period."),
    )
    year = models.PositiveSmallIntegerField(_("year signed"), null=True, editable=False)  # copy for the number's key
    # The year the public figures count the decision in: the year signed, or the achievement year
    # when the signing date is unknown (a news report of "Bằng khen năm 2023").
    statistics_year = models.PositiveSmallIntegerField(_("year counted"), null=True, editable=False)
    # Sort key of the public list: undated decisions go last on every database (SQLite and
    # PostgreSQL put NULL dates at opposite ends, and neither indexes "NULLS LAST" portably).
    signed_on_known = models.BooleanField(default=True, editable=False)
    # The rest of the list's order without nulls, so that its deep pages are read by key: the date
    # signed (an undated one: 1 January of its year counted), and the number (0 when unknown).
    sort_date = models.DateField(editable=False, default=datetime.date.min)
    sort_number = models.PositiveIntegerField(editable=False, default=0)
    lines_unchecked = models.BooleanField(
        _("lines not checked against the rules"), default=False, editable=False,
        help_text=_("Saved without a signing date: who may award what, and the cash, could not be checked. "
                    "Filling the date checks every line and clears this note."),
    )
    issuer_role = models.ForeignKey(
        IssuerRole, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("issuing authority")
    )
    issuer_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="issued_decisions", verbose_name=_("issuing body"),
        help_text=_("E.g. UBND tỉnh Lạng Sơn."),
    )
    signer_name = models.CharField(_("signer"), max_length=200, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True, help_text=_("E.g. Phó Chủ tịch."))
    signing_form = models.CharField(
        _("signing form"), max_length=10, choices=SigningForm.choices, default=SigningForm.TM
    )
    subject_line = models.TextField(_("subject line"), help_text=_("The trích yếu, e.g. Về việc tặng Bằng khen…"))
    achievement_year = models.PositiveSmallIntegerField(
        _("achievement year"), null=True, blank=True,
        help_text=_("The year of the achievement; may differ from the year signed."),
    )
    award_type = models.CharField(
        _("type of commendation"), max_length=30, choices=AwardType.choices, default=AwardType.MERIT
    )
    movement = models.ForeignKey(
        Movement, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions", verbose_name=_("movement")
    )
    based_on = models.ManyToManyField(
        ProposalMemo, blank=True, related_name="decisions", verbose_name=_("based on proposal memos")
    )
    legal_bases = models.ManyToManyField(
        "documents.Document", blank=True, related_name="decisions_citing", verbose_name=_("legal bases"),
        help_text=_("The documents of the library the decision cites (“Căn cứ …”)."),
    )
    scan = models.FileField(
        _("scanned decision (PDF)"), upload_to=decision_scan_path, blank=True, max_length=255, validators=[validate_pdf]
    )
    status = models.CharField(_("status"), max_length=20, choices=RecordStatus.choices, default=RecordStatus.IN_FORCE)
    revoked_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="revoked_decisions",
        verbose_name=_("revoked by"),
    )  # the revoking decision is history too
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published decisions are public.")
    )
    # Drafted from approved nominations (the nominations app): no number or date until signed,
    # never public, and its lines stay editable; signing fills the number and date.
    is_draft = models.BooleanField(
        _("draft"), default=False, editable=False,
        help_text=_("Drafted from approved nominations and not yet signed."),
    )
    slug = models.SlugField(_("slug"), max_length=120, editable=False, blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-signed_on_known", "-sort_date", "-sort_number", "-id"]
        indexes = [
            models.Index(fields=["is_published", "-signed_on_known", "-sort_date", "-sort_number", "-id"],
                         name="decision_public_idx"),
            # statistics filter on these and join on id: with id last the join reads the index only
            models.Index(fields=["is_published", "status", "statistics_year", "id"], name="decision_stats_idx"),
            # the official forms count every decision in force by the date signed, published or not
            models.Index(fields=["status", "signed_on", "id"], name="decision_official_idx"),
        ]
        constraints = [
            # a number without a known year cannot be told from next year's: only known pairs are unique
            models.UniqueConstraint(
                fields=["issuer_unit", "year", "number", "symbol"], name="decision_unique_number",
                condition=Q(number__isnull=False, year__isnull=False),
                violation_error_message=_("This body already issued a decision with that number and symbol that year."),
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=False, signed_on__isnull=False) | Q(source_kind="secondary")
                | Q(is_draft=True),
                name="decision_unknown_facts_from_secondary_source",
                violation_error_message=_(
                    "A decision whose number or signing date is unknown must come from a secondary source: "
                    "choose “a secondary source” and name it."),
            ),
            models.CheckConstraint(
                condition=~Q(source_kind="secondary") | ~Q(source_name=""),
                name="decision_secondary_source_named",
                violation_error_message=_("Name the secondary source, e.g. Báo Lạng Sơn, 12/03/2024."),
            ),
            # a draft gets its number and date by being signed (nominations.services.decision_sign),
            # which also decides the nominee lines it holds
            models.CheckConstraint(
                condition=Q(is_draft=False) | Q(number__isnull=True, signed_on__isnull=True),
                name="decision_draft_unsigned",
                violation_error_message=_("A draft decision gets its number and signing date when it is signed."),
            ),
            models.CheckConstraint(
                condition=Q(is_draft=False) | Q(is_published=False), name="decision_draft_not_public",
                violation_error_message=_("A draft decision is not published until it is signed."),
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | ~Q(number_text=""), name="decision_number_written",
                violation_error_message=_("Write the number as printed."),
            ),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=False, year__isnull=False, signed_on_known=True)
                | Q(signed_on__isnull=True, year__isnull=True, signed_on_known=False),
                name="decision_date_copies_consistent",
            ),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=False) | Q(lines_unchecked=True), name="decision_undated_lines_unchecked",
            ),
            models.CheckConstraint(
                condition=Q(status="in_force", revoked_by__isnull=True, revoked_on__isnull=True)
                | Q(status="revoked", revoked_on__isnull=False),
                name="decision_revocation_consistent",
                violation_error_message=_("A revoked decision needs its revocation date; one in force has none."),
            ),
            models.CheckConstraint(
                condition=~Q(revoked_by=F("id")), name="decision_not_revoking_itself",
                violation_error_message=_("A decision cannot revoke itself."),
            ),
            # a decision rewards what was done: never a year still to come when it was signed
            models.CheckConstraint(
                condition=Q(achievement_year__isnull=True) | Q(year__isnull=True) | Q(achievement_year__lte=F("year")),
                name="decision_achievement_not_after_signing",
                violation_error_message=_("The achievement year cannot follow the year the decision was signed."),
            ),
        ]

    def __str__(self):
        date = f"{self.signed_on:%d/%m/%Y}" if self.signed_on else gettext("date signed: unknown")
        if self.number_text:
            return f"{self.number_text} ({date})"
        # several decisions may lack a number: the subject line tells them apart in the admin
        return gettext("Decision – number: unknown, %(date)s: %(subject)s") % {
            "date": date, "subject": Truncator(self.subject_line).chars(60)}

    @property
    def title(self) -> str:
        """'Quyết định số 163/QĐ-UBND', or 'Quyết định (số: chưa rõ)' when the source gives no number."""
        if self.number_text:
            return gettext("Decision No. %(number)s") % {"number": self.number_text}
        return gettext("Decision (number: unknown)")

    @property
    def is_secondary(self) -> bool:
        return self.source_kind == SourceKind.SECONDARY

    @property
    def is_signed(self) -> bool:
        """The record of the signed paper: its number and signing date are known (DecisionQuerySet.signed)."""
        return self.number is not None and self.signed_on is not None

    def save(self, *args, **kwargs):
        self.sync_copies()
        super().save(*args, **kwargs)

    def sync_copies(self):
        if self.number is not None and not self.number_text:
            self.number_text = f"{self.number}/{self.symbol}" if self.symbol else str(self.number)
        self.year = self.signed_on.year if self.signed_on else None
        self.signed_on_known = self.signed_on is not None
        self.statistics_year = self.year or self.achievement_year
        self.sort_date = self.signed_on or (datetime.date(self.statistics_year, 1, 1) if self.statistics_year
                                            else datetime.date.min)
        self.sort_number = self.number or 0
        if self.signed_on is None:
            # the rules of a period cannot be applied without a date; services.decision_save
            # clears the note once a date is filled and the whole list passes
            self.lines_unchecked = True
        self.slug = vn_slugify(self.number_text.replace("/", " "), max_length=100) or "quyet-dinh"
        self.search_text = fold(f"{self.number_text} {self.subject_line} {self.signer_name} {self.source_name}")

    def validate_constraints(self, exclude=None):
        # `is_draft` is never a form field, so a form would leave out every constraint that reads
        # it (the source rules among them); its value on the instance is the stored one
        if exclude:
            exclude = set(exclude) - {"is_draft"}
        super().validate_constraints(exclude=exclude)

    def clean(self):
        super().clean()
        self.sync_copies()
        if self.revoked_on and self.signed_on and self.revoked_on < self.signed_on:
            raise ValidationError({"revoked_on": _("A decision cannot be revoked before it was signed.")})
        if self.achievement_year and self.signed_on and self.achievement_year > self.signed_on.year:
            raise ValidationError({"achievement_year": _(
                "The achievement year cannot follow the year the decision was signed.")})

    def get_absolute_url(self):
        return fast_reverse("awards:decision_detail", pk=self.pk, slug=self.slug or "quyet-dinh")

    @property
    def is_revoked(self):
        return self.status == RecordStatus.REVOKED


class PersonCategory(models.TextChoices):
    """Categories of individuals in the statistics forms 0602/0603 (TT 02/2023/TT-BNV)."""

    LEADER_MINISTRY_PROVINCE = "leader_ministry_province", _("Leader at ministry or province level and above")
    LEADER_DEPARTMENT = "leader_department", _("Leader at department or sector level")
    ENTREPRENEUR = "entrepreneur", _("Entrepreneur")
    OTHER_LEADER = "other_leader", _("Other leader (deputy head of division and above)")
    DIRECT_WORKER = "direct_worker", _("Direct worker (workers, farmers, …)")
    OTHER = "other", _("Other individual")


class DecisionLine(TimeStampedModel):
    """One subject × one award (+ class) in a decision's attached list, as printed."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="lines", verbose_name=_("decision")
    )  # the list is part of the decision
    order = models.PositiveIntegerField(_("no."), default=0)
    subject_type = models.CharField(_("subject"), max_length=20, choices=SubjectType.choices)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="award_lines", verbose_name=_("person")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="award_lines",
        verbose_name=_("collective"), help_text=_("The unit awarded, for a collective."),
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="award_lines",
        verbose_name=_("household"),
    )
    organisation = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="member_award_lines",
        verbose_name=_("unit of work"),
        help_text=_("Where the person works, or the body a collective or household belongs to."),
    )
    name_text = models.CharField(_("name as written"), max_length=300)
    title_text = models.CharField(_("title as written"), max_length=300, blank=True)
    unit_text = models.CharField(_("unit as written"), max_length=300, blank=True)
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="lines", verbose_name=_("award"))
    award_class = models.ForeignKey(
        AwardClass, on_delete=models.PROTECT, null=True, blank=True, related_name="lines", verbose_name=_("class")
    )
    reason = models.TextField(_("reason"), blank=True)
    person_category = models.CharField(
        _("person category"), max_length=40, choices=PersonCategory.choices, blank=True,
        help_text=_("At the time of the decision, for the statistics."),
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    is_small_collective = models.BooleanField(
        _("small collective"), default=False, help_text=_("A team, a village, a school class…")
    )
    is_enterprise = models.BooleanField(_("enterprise"), default=False)
    posthumous = models.BooleanField(_("posthumous"), default=False)
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, null=True, blank=True, related_name="award_lines",
        verbose_name=_("cluster or bloc"), help_text=_("For a flag given to a cluster's or a bloc's leading unit."),
    )
    member_count = models.PositiveIntegerField(
        _("members"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("For a collective: how many members it has, as the dossier says."),
    )
    advanced_worker_share = models.DecimalField(
        _("members who are Lao động tiên tiến (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("For a collective title: the share of its members holding Lao động tiên tiến that year."),
    )
    confirmation_reason = models.CharField(
        _("reason for confirming"), max_length=500, blank=True,
        help_text=_("Why the line stands despite a warning that asks for a reason, e.g. the council's decision "
                    "to give a second flag."),
    )
    fund = models.CharField(
        _("fund source"), max_length=200, blank=True,
        help_text=_("As the decision writes it, e.g. Quỹ thi đua, khen thưởng tỉnh."),
    )
    cash_multiplier = models.DecimalField(
        _("cash multiplier"), max_digits=6, decimal_places=2, null=True, blank=True, editable=False
    )
    base_salary = models.PositiveIntegerField(_("base salary used"), null=True, blank=True, editable=False)
    cash_amount = models.PositiveBigIntegerField(_("cash amount (đồng)"), null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=RecordStatus.choices, default=RecordStatus.IN_FORCE)
    revoked_by = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="revoked_lines",
        verbose_name=_("revoked by"),
    )
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_basis = models.CharField(
        _("basis of the revocation"), max_length=300, blank=True,
        help_text=_("The revoking decision as written, when it is not recorded here, e.g. Quyết định số 12/QĐ-UBND."),
    )
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("decision line")
        verbose_name_plural = _("decision lines (attached list)")
        ordering = ["decision", "order", "id"]
        indexes = [
            models.Index(fields=["award", "status"], name="decisionline_award_idx"),
            # covers every column the statistics group and count by, reached from the decision join
            models.Index(
                fields=["decision", "status", "award", "subject_type", "person_category", "is_small_collective"],
                name="decisionline_stats_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(subject_type="individual", person__isnull=False, unit__isnull=True, household__isnull=True)
                    | Q(subject_type="collective", person__isnull=True, unit__isnull=False, household__isnull=True)
                    | Q(subject_type="household", person__isnull=True, unit__isnull=True, household__isnull=False)
                ),
                name="decisionline_exactly_one_subject",
                violation_error_message=_("A line names exactly one subject: a person, a collective or a household."),
            ),
            models.CheckConstraint(
                condition=Q(subject_type="collective") | Q(is_small_collective=False, is_enterprise=False),
                name="decisionline_collective_flags",
                violation_error_message=_("Only a collective can be a small collective or an enterprise."),
            ),
            models.CheckConstraint(
                condition=Q(subject_type="individual") | Q(person_category="", gender=""),
                name="decisionline_individual_fields",
                violation_error_message=_("Only an individual has a person category and a gender."),
            ),
            models.CheckConstraint(
                condition=Q(subject_type="collective")
                | Q(member_count__isnull=True, advanced_worker_share__isnull=True),
                name="decisionline_collective_members",
                violation_error_message=_("Only a collective has members and a share of them who are Lao động "
                                          "tiên tiến."),
            ),
            models.CheckConstraint(
                condition=Q(advanced_worker_share__isnull=True)
                | Q(advanced_worker_share__gte=0, advanced_worker_share__lte=100),
                name="decisionline_share_percent", violation_error_message=_("A share lies between 0 and 100 %."),
            ),
            models.CheckConstraint(
                condition=Q(status="revoked") | Q(revoked_by__isnull=True, revoked_on__isnull=True),
                name="decisionline_revocation_consistent",
                violation_error_message=_("A line in force has no revocation."),
            ),
        ]

    def __str__(self):
        return self.name_text

    def save(self, *args, **kwargs):
        self.search_text = fold(self.name_text)
        super().save(*args, **kwargs)

    def clean(self):
        """What a line must be, whatever path writes it (the admin, an import, the rule service):
        the database's constraints on the subject, said as messages a person can act on."""
        super().clean()
        errors = self.subject_errors()
        if errors:
            raise ValidationError(errors)

    def subject_errors(self) -> dict[str, list[str]]:
        """{field: [messages]} for what the subject kind forbids or lacks; reads no database."""
        errors: dict[str, list[str]] = {}

        def add(field_name, message):
            errors.setdefault(field_name, []).append(str(message))

        subject_fields = {SubjectType.INDIVIDUAL: "person", SubjectType.COLLECTIVE: "unit",
                          SubjectType.HOUSEHOLD: "household"}
        own = subject_fields.get(self.subject_type)
        if own is not None:
            if getattr(self, f"{own}_id") is None:
                add(own, {SubjectType.INDIVIDUAL: _("Choose the person this line awards."),
                          SubjectType.COLLECTIVE: _("Choose the collective this line awards."),
                          SubjectType.HOUSEHOLD: _("Choose the household this line awards.")}[self.subject_type])
            for other in set(subject_fields.values()) - {own}:
                if getattr(self, f"{other}_id") is not None:
                    add(other, _("A line names exactly one subject: a person, a collective or a household."))
        if self.subject_type != SubjectType.COLLECTIVE:
            if self.is_small_collective or self.is_enterprise:
                add("is_small_collective" if self.is_small_collective else "is_enterprise",
                    _("Only a collective can be a small collective or an enterprise."))
            if self.member_count is not None or self.advanced_worker_share is not None:
                add("member_count" if self.member_count is not None else "advanced_worker_share",
                    _("Only a collective has members and a share of them who are Lao động tiên tiến."))
        if self.subject_type != SubjectType.INDIVIDUAL and (self.person_category or self.gender):
            add("gender" if self.gender else "person_category",
                _("Only an individual has a person category and a gender."))
        return errors

    @property
    def subject(self):
        return self.person or self.unit or self.household


def line_import_upload_to(instance, filename):
    return random_name("awards/imports", filename, private=True)


class LineImport(models.Model):
    """An upload of an attached list, read and saved by the task worker (awards.tasks), so that no
    web worker waits on a large file. The parsed rows wait here between the preview and the save;
    the upload and its rows are dropped a day after the last step (imports.purge_stale)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        READING = "reading", _("reading the file")
        READY = "ready", _("ready to check")
        SAVING = "saving", _("saving")
        DONE = "done", _("saved")
        FAILED = "failed", _("refused")
        CANCELLED = "cancelled", _("cancelled")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="imports",
                                 verbose_name=_("decision"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                   verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    file = models.FileField(_("file"), upload_to=line_import_upload_to, max_length=255, blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.QUEUED)
    rows_declared = models.PositiveIntegerField(_("rows declared by the file"), null=True, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows = models.JSONField(_("rows"), null=True, blank=True, editable=False)
    # what the save step was asked to do, for the worker
    save_options = models.JSONField(_("save options"), default=dict, blank=True, editable=False)
    saved_count = models.PositiveIntegerField(_("lines saved"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("import of an attached list")
        verbose_name_plural = _("imports of attached lists")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "updated_at"], name="awards_import_state_idx")]

    def __str__(self):
        return self.filename or gettext("import %(pk)s") % {"pk": self.pk}

    @property
    def is_running(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.READING, self.State.SAVING)

    @property
    def percent(self) -> int | None:
        if self.state == self.State.READING and self.rows_declared:
            return min(99, 100 * self.rows_read // max(self.rows_declared, 1))
        return None
