"""Units, people, their positions, emulation clusters and each year's members and roles."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.core.models import SampleDataModel, TimeStampedModel
from portal.core.text import fold


def _period_covers_year(valid_from, valid_to, year: int) -> bool:
    """True when [valid_from, valid_to] (open ends allowed) shares at least one day with `year`."""
    return (valid_from is None or valid_from.year <= year) and (valid_to is None or valid_to.year >= year)


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("province")
    DISTRICT = "district", _("district")
    COMMUNE = "commune", _("commune or ward")
    PEOPLES_COMMITTEE = "peoples_committee", _("people's committee")
    DEPARTMENT = "department", _("department or agency")
    OFFICE = "office", _("office or division")
    PARTY = "party", _("Party body")
    ASSOCIATION = "association", _("association or mass organisation")
    COUNCIL = "council", _("emulation and commendation council")
    ENTERPRISE = "enterprise", _("enterprise")
    SCHOOL = "school", _("school or public service unit")
    VILLAGE = "village", _("village or residential group")
    CENTRAL = "central", _("central body")
    OTHER = "other", _("other")


class UnitQuerySet(models.QuerySet):
    def existing_on(self, day):
        """Units that existed on `day` (valid_from <= day <= valid_to, open ends allowed)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def existing_in_year(self, year: int):
        """Units that existed on at least one day of `year`."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__year__lte=year)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__year__gte=year)
        )

    def still_existing(self, today=None):
        """Units not yet ended: no end date, or one still ahead."""
        today = today or timezone.localdate()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))


class Unit(SampleDataModel, TimeStampedModel):
    """An organisation: a province, a district, a commune, a department, a Party body…

    A cluster member is the district itself ("huyện Văn Lãng"); its bodies (UBND huyện,
    Huyện ủy, Phòng Nội vụ) are child units. Units are never deleted once referenced: every
    foreign key to a unit protects it, and a dissolved district keeps its history with a
    `valid_to` date and a successor."""

    name = models.CharField(_("name"), max_length=255, help_text=_("Full name, e.g. huyện Văn Lãng."))
    short_name = models.CharField(
        _("short name"), max_length=100, blank=True, help_text=_("As used in tables, e.g. Văn Lãng.")
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("parent unit"),
    )  # a parent with children cannot vanish
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Last day of existence; empty while it exists.")
    )
    successor = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="predecessors",
        verbose_name=_("successor"), help_text=_("The unit that took over its duties."),
    )
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="unit_valid_period",
                violation_error_message=_("A unit cannot end before it begins."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="unit_not_own_parent",
                violation_error_message=_("A unit cannot be its own parent."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join(filter(None, [self.name, self.short_name])))
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # A unit's history must stay inside its existence: shortening the period may not strand
        # a cluster membership outside it.
        if self.pk:
            stranded = sorted({
                year for year in self.cluster_memberships.values_list("year", flat=True)
                if not _period_covers_year(self.valid_from, self.valid_to, year)
            })
            if stranded:
                raise ValidationError(
                    _("The unit was a cluster member in %(years)s; its period must cover those years.")
                    % {"years": ", ".join(map(str, stranded))}
                )

    def get_absolute_url(self):
        return reverse("clusters:unit", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        return self.short_name or self.name

    def exists_in_year(self, year: int) -> bool:
        return _period_covers_year(self.valid_from, self.valid_to, year)

    @property
    def has_ended(self) -> bool:
        return self.valid_to is not None and self.valid_to < timezone.localdate()


class Gender(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class Person(SampleDataModel, TimeStampedModel):
    full_name = models.CharField(_("full name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_text = fold(self.full_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("clusters:person", kwargs={"slug": self.slug})


class Position(TimeStampedModel):
    """A title held by a person at a unit over a period ("Chủ tịch UBND huyện", 2016–2021)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="positions", verbose_name=_("person")
    )  # positions belong to the person's record
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions", verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=255, help_text=_("As written, e.g. Chủ tịch UBND huyện."))
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Order among concurrent posts, the main one first.")
    )

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["person", "order", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="position_valid_period",
                violation_error_message=_("A position cannot end before it begins."),
            ),
        ]

    def __str__(self):
        return f"{self.title}, {self.unit}"


class ClusterKind(models.TextChoices):
    CUM = "cum", _("cluster (cụm)")
    KHOI = "khoi", _("bloc (khối)")


class OrganisingLevel(models.TextChoices):
    CENTRAL = "central", _("central emulation council")
    MINISTRY = "ministry", _("ministry or central body")
    PROVINCE = "province", _("province")
    PARTY = "party", _("provincial Party committee")
    DISTRICT = "district", _("district")
    COMMUNE = "commune", _("commune")


class Cluster(SampleDataModel, TimeStampedModel):
    """A cụm or khối thi đua, formed by an organiser (usually UBND tỉnh) by a decision."""

    kind = models.CharField(_("kind"), max_length=10, choices=ClusterKind.choices, default=ClusterKind.CUM)
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    aliases = models.TextField(
        _("other names"), blank=True, help_text=_("One per line; search finds the cluster by each of them.")
    )
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True, help_text=_("Cụm số …"))
    level = models.CharField(_("organising level"), max_length=20, choices=OrganisingLevel.choices,
                             default=OrganisingLevel.PROVINCE)
    organiser = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="organised_clusters", verbose_name=_("organising body"),
        help_text=_("The body that formed the cluster, e.g. UBND tỉnh Lạng Sơn."),
    )
    established_by = models.CharField(
        _("founding decision"), max_length=200, blank=True, help_text=_("Number and symbol, e.g. 30/2014/QĐ-UBND.")
    )
    established_on = models.DateField(_("founding decision date"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("emulation cluster")
        verbose_name_plural = _("emulation clusters")
        ordering = ["number", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="cluster_valid_period",
                violation_error_message=_("A cluster cannot end before it begins."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join([self.name, self.aliases]))
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.pk:
            stranded = sorted(
                year for year in self.years.values_list("year", flat=True)
                if not _period_covers_year(self.valid_from, self.valid_to, year)
            )
            if stranded:
                raise ValidationError(
                    _("The cluster has rows for %(years)s; its period must cover those years.")
                    % {"years": ", ".join(map(str, stranded))}
                )

    def get_absolute_url(self):
        return reverse("clusters:detail", kwargs={"slug": self.slug})

    @property
    def leader_label(self):
        """"Trưởng cụm" or "Trưởng khối", as the province writes it for this kind."""
        if self.kind == ClusterKind.KHOI:
            return pgettext_lazy("bloc role", "Leader")
        return pgettext_lazy("cluster role", "Leader")

    @property
    def deputy_label(self):
        if self.kind == ClusterKind.KHOI:
            return pgettext_lazy("bloc role", "Deputy")
        return pgettext_lazy("cluster role", "Deputy")

    def is_valid_in_year(self, year: int) -> bool:
        return _period_covers_year(self.valid_from, self.valid_to, year)

    @property
    def alias_list(self):
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]


class ClusterYear(SampleDataModel, TimeStampedModel):
    """One calendar year of a cluster: its members, and the leader and deputy among them.

    `is_sample` marks invented demo years so the public table can label them beside real ones."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, related_name="years", verbose_name=_("cluster")
    )  # clusters are frozen, never deleted
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("cluster year")
        verbose_name_plural = _("cluster years")
        ordering = ["cluster", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year"], name="clusteryear_unique",
                violation_error_message=_("This cluster already has a row for that year."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945) & Q(year__lte=2200), name="clusteryear_year_range",
                violation_error_message=_("The year must be between 1945 and 2200."),
            ),
        ]

    def __str__(self):
        return f"{self.cluster} – {self.year}"


class Role(models.TextChoices):
    MEMBER = "member", _("member")
    LEADER = "leader", _("leader (Trưởng cụm)")
    DEPUTY = "deputy", _("deputy (Phó trưởng cụm)")


class SelectionMethod(models.TextChoices):
    ELECTED = "elected", _("elected at a meeting")
    APPOINTED = "appointed", _("appointed by a decision")
    ROTATION = "rotation", _("rotation")


class ClusterMember(TimeStampedModel):
    """A unit's membership of a cluster in one year, with its role that year.

    A leader or deputy is a member row with a role, so a role holder is a member by
    construction. `year` and `organiser` are copies of the cluster-year's (kept in save()
    and by the service) so that plain unique constraints can hold the rules."""

    cluster_year = models.ForeignKey(
        ClusterYear, on_delete=models.CASCADE, related_name="members", verbose_name=_("cluster year")
    )  # the year's member list belongs to it
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="cluster_memberships", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    selection_method = models.CharField(
        _("how the role was given"), max_length=20, choices=SelectionMethod.choices, blank=True
    )
    decision_number = models.CharField(
        _("decision number"), max_length=100, blank=True, help_text=_("For an appointment: number and symbol.")
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    source_note = models.CharField(_("source"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # copies kept by save() for the constraints below
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    organiser = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)

    class Meta:
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")
        ordering = ["cluster_year", "order", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster_year", "unit"], name="clustermember_unit_once",
                violation_error_message=_("This unit is already a member of the cluster that year."),
            ),
            models.UniqueConstraint(
                fields=["cluster_year"], condition=Q(role="leader"), name="clustermember_one_leader",
                violation_error_message=_("The cluster already has a leader for that year."),
            ),
            models.UniqueConstraint(
                fields=["cluster_year"], condition=Q(role="deputy"), name="clustermember_one_deputy",
                violation_error_message=_("The cluster already has a deputy for that year."),
            ),
            models.UniqueConstraint(
                fields=["unit", "organiser", "year"], name="clustermember_one_cluster_per_organiser",
                violation_error_message=_(
                    "This unit already belongs to another cluster of the same organiser that year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(role="member") | ~Q(selection_method=""), name="clustermember_role_has_source",
                violation_error_message=_("Say how the leader or deputy was chosen."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} ({self.get_role_display()}, {self.year})"

    def save(self, *args, **kwargs):
        self.copy_from_cluster_year()
        super().save(*args, **kwargs)

    def copy_from_cluster_year(self):
        cluster_year = self.cluster_year
        self.year = cluster_year.year
        self.organiser_id = cluster_year.cluster.organiser_id


class UnitOfficer(TimeStampedModel):
    """Ties a user account to a unit it files reports for (a user may serve several units)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unit_links", verbose_name=_("user")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="officers", verbose_name=_("unit"))

    class Meta:
        verbose_name = _("unit officer")
        verbose_name_plural = _("unit officers")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="unitofficer_once")]

    def __str__(self):
        return f"{self.user} – {self.unit}"
