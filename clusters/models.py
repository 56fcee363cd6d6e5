"""Units, people, their positions, emulation clusters and each year's members and roles."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.core.locking import VersionedModel
from portal.core.models import SampleDataModel, TimeStampedModel
from portal.core.text import fold
from portal.core.urls import fast_reverse
from portal.core.withdrawal import WithdrawableModel

SLUG_HELP = _("Made from the name when left empty (đ → d, accents dropped).")


def server_slug(instance, text: str) -> str:
    """The slug the server makes: a typed one normalised (the admin's urlify.js would have turned
    "đ" into "dj"), an empty one made from `text`, unique among the model's rows."""
    from portal.core.text import unique_slug, vn_slugify

    typed = vn_slugify(instance.slug or "", max_length=200)
    if typed:
        others = type(instance)._default_manager.exclude(pk=instance.pk) if instance.pk else None
        if others is None or not others.filter(slug=typed).exists():
            return typed
    return unique_slug(type(instance), typed or text, instance=instance)


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


class AdministrativeLevel(models.TextChoices):
    """The tier of local government a unit belongs to, so a signer can be checked against the
    body they sign for. Departments and other bodies carry no level of their own."""

    PROVINCE = "province", _("province")
    DISTRICT = "district", _("district (until 30/06/2025)")
    COMMUNE = "commune", _("commune, ward or special zone")


class UnitQuerySet(models.QuerySet):
    def internal(self):
        """The province's own units: external ones are only named on decision lines."""
        return self.filter(is_external=False)

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
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, allow_unicode=False, blank=True, help_text=SLUG_HELP,
    )
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("parent unit"),
    )  # a parent with children cannot vanish
    admin_level = models.CharField(
        _("administrative level"), max_length=20, choices=AdministrativeLevel.choices, blank=True,
        help_text=_("For people's committees and local governments; empty for departments and other bodies."),
    )
    is_external = models.BooleanField(
        _("external"), default=False, db_index=True,
        help_text=_(
            "Not one of the province's own units (a collective of another province or a central body named "
            "on a decision): no public page, left out of lists and filters."
        ),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Last day of existence; empty while it exists.")
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
        self.slug = server_slug(self, self.name)
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
        return fast_reverse("clusters:unit", slug=self.slug)

    @property
    def display_name(self):
        return self.short_name or self.name

    def name_on(self, day) -> str:
        """The name in force on `day` (from the name history), else today's name. Reads the
        prefetched `name_rows` when a page prefetched them, so a list pays no query per row."""
        if day is None:
            return self.name
        rows = getattr(self, "name_rows", None)
        if rows is None:
            rows = list(self.names.all())
        for row in rows:
            if row.covers(day):
                return row.name
        return self.name

    def exists_in_year(self, year: int) -> bool:
        return _period_covers_year(self.valid_from, self.valid_to, year)

    @property
    def has_ended(self) -> bool:
        return self.valid_to is not None and self.valid_to < timezone.localdate()


def _covers(valid_from, valid_to, day) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


class UnitName(TimeStampedModel):
    """A name the unit bore over a period: an office renamed in a reorganisation, a Ban that
    became a Phòng, stays one unit with its history; the unit's own `name` is today's."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="names", verbose_name=_("unit")
    )  # a name history is part of its unit's record
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True, help_text=_("Last day the name was used."))
    legal_basis = models.CharField(
        _("legal basis"), max_length=255, blank=True, help_text=_("The decision that gave or changed the name.")
    )

    class Meta:
        verbose_name = _("former or dated name")
        verbose_name_plural = _("name history")
        ordering = ["unit", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="unitname_valid_period",
                violation_error_message=_("A name cannot end before it begins."),
            ),
        ]

    def __str__(self):
        return self.name

    def covers(self, day) -> bool:
        return _covers(self.valid_from, self.valid_to, day)


class UnitParent(TimeStampedModel):
    """A dated link to the unit a unit belonged to: a commune re-parented on 01/07/2025 keeps its
    history under the district before that date. `Unit.parent` is the parent of today."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="parent_links", verbose_name=_("unit")
    )  # part of the unit's history
    parent = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="child_links", verbose_name=_("parent unit")
    )  # a parent with a history of children cannot vanish
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("dated parent")
        verbose_name_plural = _("parents over time")
        ordering = ["unit", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="unitparent_valid_period",
                violation_error_message=_("A period cannot end before it begins."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("unit")), name="unitparent_not_self",
                violation_error_message=_("A unit cannot be its own parent."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} ⊂ {self.parent}"

    def covers(self, day) -> bool:
        return _covers(self.valid_from, self.valid_to, day)


class SuccessionKind(models.TextChoices):
    MERGER = "merger", _("merger")
    SPLIT = "split", _("split")
    TRANSFER = "transfer", _("transfer of duties")
    RENAMING = "renaming", _("renaming into a new unit")


class Succession(TimeStampedModel):
    """One predecessor → successor link. A merger is several links to one successor, a split
    several links from one predecessor; each keeps its date and legal basis."""

    predecessor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successions_out", verbose_name=_("predecessor")
    )
    successor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successions_in", verbose_name=_("successor")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SuccessionKind.choices, default=SuccessionKind.MERGER)
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("First day of the successor's duties."))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions (mergers and splits)")
        ordering = ["date", "predecessor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="succession_once",
                violation_error_message=_("This succession is already recorded."),
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")), name="succession_not_self",
                violation_error_message=_("A unit cannot succeed itself."),
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"


class Gender(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class Person(SampleDataModel, TimeStampedModel):
    full_name = models.CharField(_("full name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True, help_text=SLUG_HELP)
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
        self.slug = server_slug(self, self.full_name)
        self.search_text = fold(self.full_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return fast_reverse("clusters:person", slug=self.slug)


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


class Cluster(VersionedModel, SampleDataModel, TimeStampedModel):
    """A cụm or khối thi đua, formed by an organiser (usually UBND tỉnh) by a decision."""

    kind = models.CharField(_("kind"), max_length=10, choices=ClusterKind.choices, default=ClusterKind.CUM)
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True, help_text=SLUG_HELP)
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
        self.slug = server_slug(self, self.name)
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
        return fast_reverse("clusters:detail", slug=self.slug)

    @property
    def is_khoi(self) -> bool:
        return self.kind == ClusterKind.KHOI

    @property
    def leader_label(self):
        """"Trưởng cụm" or "Trưởng khối", as the province writes it for this kind."""
        return role_label(Role.LEADER, self.kind)

    @property
    def deputy_label(self):
        return role_label(Role.DEPUTY, self.kind)

    @property
    def labels(self) -> dict:
        """The words messages fill in for this kind: "cụm"/"khối", "Trưởng cụm"/"Trưởng khối"…"""
        return kind_labels(self.kind)

    def is_valid_in_year(self, year: int) -> bool:
        return _period_covers_year(self.valid_from, self.valid_to, year)

    @property
    def alias_list(self):
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]


class ClusterYear(WithdrawableModel, VersionedModel, SampleDataModel, TimeStampedModel):
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
    # Neutral labels: pages and messages say "Trưởng cụm" or "Trưởng khối" by the cluster's kind.
    MEMBER = "member", _("member")
    LEADER = "leader", _("leader (Trưởng cụm/khối)")
    DEPUTY = "deputy", _("deputy (Phó trưởng cụm/khối)")


def role_label(role: str, kind: str):
    """A role as the province writes it for a cụm or a khối."""
    khoi = kind == ClusterKind.KHOI
    if role == Role.LEADER:
        return pgettext_lazy("bloc role", "Leader") if khoi else pgettext_lazy("cluster role", "Leader")
    if role == Role.DEPUTY:
        return pgettext_lazy("bloc role", "Deputy") if khoi else pgettext_lazy("cluster role", "Deputy")
    return _("member")


def kind_labels(kind: str) -> dict:
    khoi = kind == ClusterKind.KHOI
    return {
        "leader": role_label(Role.LEADER, kind),
        "deputy": role_label(Role.DEPUTY, kind),
        "noun": pgettext_lazy("bloc noun", "bloc") if khoi else pgettext_lazy("cluster noun", "cluster"),
        "Noun": pgettext_lazy("bloc noun", "Bloc") if khoi else pgettext_lazy("cluster noun", "Cluster"),
    }


class SelectionMethod(models.TextChoices):
    ELECTED = "elected", _("elected at a meeting")
    APPOINTED = "appointed", _("appointed by a decision")
    ROTATION = "rotation", _("rotation")
    # A recorded value, not a blank: the source was read and does not say.
    UNKNOWN = "unknown", _("not stated in the source")


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
    valid_from = models.DateField(
        _("member from"), null=True, blank=True,
        help_text=_("Only when the unit joined during the year; empty means from 1 January."),
    )
    valid_to = models.DateField(
        _("member until"), null=True, blank=True,
        help_text=_("Only when the unit left during the year (e.g. a district ended on 30/06/2025)."),
    )
    is_provisional = models.BooleanField(
        _("provisional"), default=False,
        help_text=_("Carried over from another year and not yet confirmed by staff; not shown to the public."),
    )
    # copies kept by save() for the constraints below
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    organiser = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    starts_on = models.DateField(editable=False)  # the membership period with the year's bounds filled in
    ends_on = models.DateField(editable=False)

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
            # One cluster of an organiser per unit at any day: an exclusion constraint over
            # (unit, organiser, [starts_on, ends_on]) on PostgreSQL (migration 0005), the service on SQLite.
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="clustermember_valid_period",
                violation_error_message=_("A membership cannot end before it begins."),
            ),
            models.CheckConstraint(
                condition=Q(role="member") | ~Q(selection_method=""), name="clustermember_role_has_source",
                violation_error_message=_("Say how the leader or deputy was chosen."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} ({self.role_label}, {self.year})"

    @property
    def role_label(self):
        return role_label(self.role, self.cluster_year.cluster.kind)

    @property
    def is_part_year(self) -> bool:
        return bool(self.valid_from or self.valid_to)

    def save(self, *args, **kwargs):
        self.copy_from_cluster_year()
        super().save(*args, **kwargs)

    def copy_from_cluster_year(self):
        cluster_year = self.cluster_year
        self.year = cluster_year.year
        self.organiser_id = cluster_year.cluster.organiser_id
        self.starts_on = self.valid_from or datetime.date(self.year, 1, 1)
        self.ends_on = self.valid_to or datetime.date(self.year, 12, 31)

    def clean(self):
        super().clean()
        if not self.cluster_year_id:
            return
        year = self.cluster_year.year
        for field in ("valid_from", "valid_to"):
            day = getattr(self, field)
            if day is not None and day.year != year:
                raise ValidationError({field: _("A membership period lies within the year %(year)s.") % {"year": year}})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("A membership cannot end before it begins.")})

    def overlaps(self, other: "ClusterMember") -> bool:
        """Both periods share a day (call copy_from_cluster_year() first on unsaved rows)."""
        return self.starts_on <= other.ends_on and other.starts_on <= self.ends_on


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
