"""Cluster meetings: who came, what was on the agenda, what was decided, photos and papers.

A meeting belongs to one year of a cluster. Its record state says who may see it (only
published meetings are public); its event status says whether it took place. Attendance keeps
names and titles as written at the time, so history survives renames and new posts."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override, pgettext_lazy

from portal.core.attachments import TitledFileMixin
from portal.core.dates import format_date
from portal.core.files import random_name
from portal.core.locking import VersionedModel
from portal.core.models import Photo, SampleDataModel, TimeStampedModel
from portal.core.text import fold
from portal.core.uploads import validate_document, validate_image
from portal.core.urls import fast_reverse
from portal.core.withdrawal import WithdrawableModel


class MeetingKind(models.TextChoices):
    PACT_SIGNING = "pact_signing", _("pact signing")
    MID_YEAR_REVIEW = "mid_year_review", _("mid-year review")
    YEAR_END_REVIEW = "year_end_review", _("year-end review")
    BRIEFING = "briefing", _("briefing")
    OTHER = "other", _("other meeting")


class Period(models.TextChoices):
    FIRST_HALF = "first_half", _("first half of the year")
    SECOND_HALF = "second_half", _("second half of the year")
    YEAR = "year", _("whole year")
    QUARTER = "quarter", _("quarter")
    OTHER = "other", _("other period")


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("morning")
    AFTERNOON = "afternoon", _("afternoon")
    EVENING = "evening", _("evening")


class DatePrecision(models.TextChoices):
    """How much of a meeting's date the source gives. A month or a year is stored as its first
    day; an unknown date is stored as nothing, with the day the news reported it."""

    DAY = "day", _("exact day")
    MONTH = "month", _("month only")
    YEAR = "year", _("year only")
    UNKNOWN = "unknown", _("unknown")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    POSTPONED = "postponed", _("postponed")
    CANCELLED = "cancelled", _("cancelled")


class RecordState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("record state", "draft")
    SUBMITTED = "submitted", pgettext_lazy("record state", "submitted for review")
    RETURNED = "returned", pgettext_lazy("record state", "returned for changes")
    APPROVED = "approved", pgettext_lazy("record state", "approved")
    PUBLISHED = "published", pgettext_lazy("record state", "published")


# The default title by kind (and, for reviews, by the period covered); "%(year)s" is the
# cluster-year. Vietnamese readers expect the press's wording ("Hội nghị sơ kết 6 tháng đầu năm").
DEFAULT_TITLES = {
    (MeetingKind.MID_YEAR_REVIEW, Period.FIRST_HALF): _("Mid-year review of the first half of %(year)s"),
    (MeetingKind.MID_YEAR_REVIEW, None): _("Mid-year review of %(year)s"),
    (MeetingKind.YEAR_END_REVIEW, None): _("Year-end review of %(year)s"),
    (MeetingKind.PACT_SIGNING, None): _("Emulation pact signing conference of %(year)s"),
    (MeetingKind.BRIEFING, None): _("Briefing meeting of %(year)s"),
    (MeetingKind.OTHER, None): _("Cluster meeting of %(year)s"),
}


class MeetingQuerySet(models.QuerySet):
    def published(self):
        # a withdrawn record keeps its row (and its place in every guarantee), never its page
        return self.filter(record_state=RecordState.PUBLISHED, withdrawn_at__isnull=True)

    def upcoming(self, today=None):
        today = today or timezone.localdate()
        return self.filter(date__gte=today).exclude(event_status=EventStatus.CANCELLED)

    def with_day(self):
        """Meetings whose exact day is known (a calendar can place only those)."""
        return self.filter(date_precision=DatePrecision.DAY, date__isnull=False)


class Meeting(WithdrawableModel, VersionedModel, SampleDataModel, TimeStampedModel):
    cluster_year = models.ForeignKey(
        "clusters.ClusterYear", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("cluster year"),
        help_text=_("The cluster and the year whose work the meeting deals with."),
    )  # a cluster-year with meetings is history
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices, db_index=True)
    period = models.CharField(
        _("period covered"), max_length=20, choices=Period.choices, default=Period.YEAR,
    )
    title = models.CharField(
        pgettext_lazy("meeting", "title"), max_length=300, blank=True,
        help_text=_("Leave empty for the usual title, e.g. “Hội nghị sơ kết 6 tháng đầu năm 2017 – Cụm thi đua …”."),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    date = models.DateField(
        _("date"), null=True, blank=True, db_index=True,
        help_text=_("For a month or a year only, its first day is stored; empty when the source gives no date."),
    )
    date_precision = models.CharField(
        _("date known to"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY,
    )
    reported_on = models.DateField(
        _("reported on"), null=True, blank=True,
        help_text=_("The date of the news report, when the meeting's own date is not stated."),
    )
    # Ordering key: the meeting's date, else the report's, else the start of its cluster-year.
    sort_date = models.DateField(editable=False, db_index=True)
    # The year in the meeting's address, fixed when first saved so addresses never change.
    url_year = models.PositiveSmallIntegerField(editable=False)
    time = models.TimeField(_("start time"), null=True, blank=True)
    # The start time for ordering, midnight when unknown: a list sorted on a column without
    # nulls is read by key, and each database sorted a null time its own way.
    sort_time = models.TimeField(editable=False, default=datetime.time.min)
    part_of_day = models.CharField(
        _("part of day"), max_length=10, choices=PartOfDay.choices, blank=True,
        help_text=_("As the press writes it (“sáng”, “chiều”), when the time is not known."),
    )
    venue = models.CharField(
        _("venue"), max_length=300, blank=True, help_text=_("As written, e.g. “trụ sở UBND huyện Văn Lãng”.")
    )
    host = models.ForeignKey(
        "clusters.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="hosted_meetings",
        verbose_name=_("host unit"), help_text=_("The unit that hosted it; not necessarily the cluster leader."),
    )
    event_status = models.CharField(
        _("event status"), max_length=10, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    basis = models.CharField(
        _("basis"), max_length=500, blank=True,
        help_text=_("The plan or document the meeting was held under, as written."),
    )
    basis_document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("basis document"),
        help_text=_("The plan in the document library the meeting was held under; its page links to it."),
    )  # a document a meeting cites stays in the library
    summary = models.TextField(pgettext_lazy("meeting", "summary"), blank=True)
    # no index of its own: the indexes below start with it (or with the cluster-year), and a lone
    # one lured SQLite's planner into walking every published meeting for one cluster's
    record_state = models.CharField(
        _("record state"), max_length=10, choices=RecordState.choices, default=RecordState.DRAFT,
        help_text=_("Only published meetings are shown to the public."),
    )
    filing_unit = models.ForeignKey(
        "clusters.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="filed_meetings",
        verbose_name=_("filing unit"), help_text=_("The unit whose officer filed this record, if any."),
    )
    # Accounts are deactivated, not deleted; if one ever is, the meeting stays.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"), editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("updated by"), editable=False,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-sort_date", "-sort_time", "-id"]
        indexes = [
            # the public list, newest first, its deep pages read by key (portal.core.pagination)
            models.Index(fields=["record_state", "-sort_date", "-sort_time", "-id"], name="meeting_public_by_date"),
            # a document's page lists the published meetings held under it, newest first: with the
            # date in the index the page reads 51 rows however many meetings cite the document
            models.Index(fields=["basis_document", "record_state", "-sort_date", "-sort_time", "-id"],
                         name="meeting_basis_idx"),
            # the calendar feed: the published meetings from today on, in date order
            models.Index(fields=["record_state", "date"], name="meeting_upcoming_idx"),
            # a cluster's published meetings (its page, its rank chart): without it the planner walks
            # every published meeting of the province
            models.Index(fields=["cluster_year", "record_state"], name="meeting_cluster_year_state_idx"),
        ]
        # The filing workflow's own permission (meetings/workflow.py): reviewers return, approve,
        # publish and correct records. Grants made when it lived on the history model moved with it
        # (backoffice migration 0003).
        permissions = [("review_meeting", _("Can review, return, approve and publish filed meeting records"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_precision="unknown", date__isnull=True) | (
                    ~Q(date_precision="unknown") & Q(date__isnull=False)
                ),
                name="meeting_date_matches_precision",
                violation_error_message=_("Give the date as far as it is known, or mark it as unknown."),
            ),
        ]

    def __str__(self):
        return self.display_title

    @property
    def default_title(self) -> str:
        template = DEFAULT_TITLES.get((self.kind, self.period)) or DEFAULT_TITLES.get(
            (self.kind, None), DEFAULT_TITLES[(MeetingKind.OTHER, None)]
        )
        cluster_year = self.cluster_year if self.cluster_year_id else None
        year = cluster_year.year if cluster_year else (self.date.year if self.date else "")
        base = template % {"year": year}
        return f"{base} – {cluster_year.cluster.name}" if cluster_year else base

    @property
    def display_title(self) -> str:
        return self.title or self.default_title

    def save(self, *args, **kwargs):
        # Slug and search text are Vietnamese whatever language the editor uses.
        with override(settings.LANGUAGE_CODE):
            title = self.display_title
            if not self.slug:
                from portal.core.text import unique_slug

                self.slug = unique_slug(Meeting, title, instance=self, max_length=120)
            cluster = self.cluster_year.cluster if self.cluster_year_id else None
            # The cluster's other names too: readers search "5 huyện biên giới".
            names = [cluster.name, cluster.aliases] if cluster else []
            self.search_text = fold(" ".join([title, self.venue, self.summary, *names]))
        if self.record_state == RecordState.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.sync_dates()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "slug", "search_text", "published_at", "sort_date", "sort_time",
                                       "url_year"}
        super().save(*args, **kwargs)

    def sync_dates(self):
        """Keep the stored date on the first day of a known month or year, and the ordering key
        and address year filled."""
        if self.date_precision == DatePrecision.UNKNOWN:
            self.date = None
        elif self.date is not None and self.date_precision == DatePrecision.MONTH:
            self.date = self.date.replace(day=1)
        elif self.date is not None and self.date_precision == DatePrecision.YEAR:
            self.date = self.date.replace(month=1, day=1)
        cluster_year = self.cluster_year.year if self.cluster_year_id else timezone.localdate().year
        self.sort_date = self.date or self.reported_on or datetime.date(cluster_year, 1, 1)
        self.sort_time = self.time or datetime.time.min
        if not self.url_year:
            self.url_year = self.date.year if self.date else cluster_year

    def get_absolute_url(self):
        return fast_reverse("meetings:detail", year=self.url_year, slug=self.slug)

    @property
    def has_day(self) -> bool:
        return self.date is not None and self.date_precision == DatePrecision.DAY

    def clean(self):
        if self.date_precision != DatePrecision.UNKNOWN and self.date is None:
            raise ValidationError({"date": _("Give the date as far as it is known, or mark it as unknown.")})
        # A year's meetings fall in that year, or early the next (a year-end review in January).
        if self.cluster_year_id and self.date and self.date.year not in (
            self.cluster_year.year, self.cluster_year.year + 1
        ):
            raise ValidationError({"date": _(
                "A meeting about %(year)s is held in %(year)s or early in the following year."
            ) % {"year": self.cluster_year.year}})

    @property
    def is_public(self) -> bool:
        return self.record_state == RecordState.PUBLISHED and self.withdrawn_at is None

    @property
    def public_basis_document(self):
        """The cited plan, when the library shows it to the public."""
        document = self.basis_document if self.basis_document_id else None
        return document if document is not None and document.is_published else None

    @property
    def date_display(self) -> str:
        """The date alone, as far as it is known: "Thứ Sáu, 14/07/2017", "tháng 07/2017"…"""
        if self.date_precision == DatePrecision.DAY and self.date:
            return format_date(self.date)
        return self.when_display

    @property
    def date_short(self) -> str:
        """For running text: "14/7/2017", "tháng 07/2017", "năm 2017", "chưa rõ ngày"."""
        if self.date_precision == DatePrecision.DAY and self.date:
            return f"{self.date.day}/{self.date.month}/{self.date.year}"
        return self.when_display

    @property
    def when_display(self) -> str:
        """As the province writes it: "Thứ Sáu, 14/07/2017", "sáng Thứ Sáu, 14/07/2017" or
        "08:00, Thứ Sáu, 14/07/2017"; "tháng 01/2024", "năm 2024" or "chưa rõ ngày (đưa tin
        ngày 26/01/2024)" when the source gives no more."""
        if self.date_precision == DatePrecision.MONTH and self.date:
            return _("month %(month)s") % {"month": self.date.strftime("%m/%Y")}
        if self.date_precision == DatePrecision.YEAR and self.date:
            return _("year %(year)s") % {"year": self.date.year}
        if self.date is None:
            if self.reported_on:
                return _("date unknown (reported on %(day)s)") % {"day": self.reported_on.strftime("%d/%m/%Y")}
            return str(_("date unknown"))
        day = format_date(self.date)
        if self.time:
            return f"{self.time:%H:%M}, {day}"
        if self.part_of_day:
            return f"{self.get_part_of_day_display()} {day}"
        return day


class AttendanceRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    CO_CHAIR = "co_chair", _("co-chair")
    DELEGATE = "delegate", _("delegate")
    GUEST = "guest", _("guest")
    REPORTER = "reporter", _("reporter")


class Speech(models.TextChoices):
    NONE = "", _("no speech recorded")
    OPENING = "opening", _("opening speech")
    GUIDANCE = "guidance", _("guidance speech")
    REPORT = "report", _("presented the report")


class Attendance(models.Model):
    """Someone at the meeting: a person (linked, with the name and titles as written then), or
    only a group of organisations (“lãnh đạo và chuyên viên Phòng Nội vụ của 05 huyện”)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )  # the list of who came belongs to the meeting record
    person = models.ForeignKey(
        "clusters.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="attendances",
        verbose_name=_("person"),
    )
    name_as_written = models.CharField(
        _("person's name as written"), max_length=200, blank=True,
        help_text=_("Filled from the person when left empty."),
    )
    title_as_written = models.CharField(
        _("titles as written"), max_length=500, blank=True,
        help_text=_("All posts as written at the time, e.g. “Phó Bí thư Huyện ủy, Chủ tịch UBND huyện”."),
    )
    organisation = models.CharField(
        _("organisations (group)"), max_length=500, blank=True,
        help_text=_("For delegates named only as a group of organisations, as written."),
    )
    unit = models.ForeignKey(
        "clusters.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="meeting_attendances",
        verbose_name=_("unit represented"),
    )
    unit_as_written = models.CharField(
        _("unit as written"), max_length=300, blank=True,
        help_text=_("The unit as the source names it, when no unit record is linked."),
    )
    role = models.CharField(_("role"), max_length=10, choices=AttendanceRole.choices, default=AttendanceRole.DELEGATE)
    on_behalf_of = models.CharField(
        _("on behalf of"), max_length=300, blank=True, help_text=_("“thay mặt …”, as written.")
    )
    speech = models.CharField(_("speech"), max_length=10, choices=Speech.choices, blank=True, default="")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "order", "id"]
        constraints = [
            # A name and title as written is enough: linking a person record can come later.
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name_as_written="") | ~Q(organisation=""),
                name="attendance_names_someone",
                violation_error_message=_(
                    "Write the person's name as written, choose a person, or write the organisations that attended."
                ),
            ),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.fill_name()
        super().save(*args, **kwargs)

    def clean(self):
        self.fill_name()

    def fill_name(self):
        # The name as written is the record; the link may later point to a renamed person.
        if self.person_id and not self.name_as_written:
            self.name_as_written = self.person.full_name

    @property
    def display_name(self) -> str:
        if self.person_id or self.name_as_written:
            return self.name_as_written or self.person.full_name
        return self.organisation

    @property
    def is_group(self) -> bool:
        return not self.person_id and not self.name_as_written

    @property
    def unit_display(self) -> str:
        return self.unit_as_written or (self.unit.name if self.unit_id else "")


class AgendaItemKind(models.TextChoices):
    ITEM = "item", _("agenda item")
    ACTIVITY = "activity", _("activity or visit")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )  # owned by the meeting
    kind = models.CharField(_("kind"), max_length=10, choices=AgendaItemKind.choices, default=AgendaItemKind.ITEM)
    title = models.CharField(pgettext_lazy("meeting part", "title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["meeting", "order", "id"]

    def __str__(self):
        return self.title


class ResolutionKind(models.TextChoices):
    REPORT_ADOPTED = "report_adopted", _("report adopted")
    TASKS_ADOPTED = "tasks_adopted", _("tasks adopted")
    RANKING = "ranking", _("ranking")
    ELECTION = "election", _("election of next year's leader and deputy")
    PACT_SIGNED = "pact_signed", _("emulation pact signed")
    PROPOSAL = "proposal", _("commendation proposal")
    CHARTER_ADOPTED = "charter_adopted", _("charter adopted")
    HANDOVER = "handover", _("handover of the leader's duties")
    REPORT_DISCUSSED = "report_discussed", _("report discussed, not adopted")
    DISCUSSION = "discussion", _("discussion")
    OTHER = "other", _("other")


class DecisionMethod(models.TextChoices):
    VOTE = "vote", _("open vote (biểu quyết)")
    CONSENSUS = "consensus", _("consensus (thống nhất suy tôn)")
    BALLOT = "ballot", _("secret ballot (bỏ phiếu kín)")
    VOTE_UNSPECIFIED = "vote_unspecified", _("vote of a kind not stated")
    ORGANISER = "organiser", _("decision of the organiser or council")
    UNKNOWN = "unknown", _("not stated in the source")


class VoteCountsMixin(models.Model):
    """Vote counts as the minutes give them; any may be unknown."""

    members_entitled = models.PositiveSmallIntegerField(_("members entitled to vote"), null=True, blank=True)
    members_present = models.PositiveSmallIntegerField(_("members present"), null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def has_votes(self) -> bool:
        return any(v is not None for v in (self.members_entitled, self.members_present, self.votes_for))


def vote_count_constraints(prefix: str) -> list:
    return [
        models.CheckConstraint(
            condition=Q(members_present__isnull=True) | Q(members_entitled__isnull=True)
            | Q(members_present__lte=F("members_entitled")),
            name=f"{prefix}_present_within_entitled",
            violation_error_message=_("More members present than entitled to vote."),
        ),
        models.CheckConstraint(
            condition=Q(votes_for__isnull=True) | Q(members_entitled__isnull=True)
            | Q(votes_for__lte=F("members_entitled")),
            name=f"{prefix}_votes_within_entitled",
            violation_error_message=_("More votes for than members entitled to vote."),
        ),
    ]


class Resolution(VoteCountsMixin):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="resolutions", verbose_name=_("meeting")
    )  # owned by the meeting
    kind = models.CharField(_("kind"), max_length=20, choices=ResolutionKind.choices, db_index=True)
    text = models.TextField(_("text"), help_text=_("What was decided, as written."))
    method = models.CharField(_("method"), max_length=20, choices=DecisionMethod.choices, blank=True)
    deputy_votes_for = models.PositiveSmallIntegerField(
        _("votes for the deputy"), null=True, blank=True, help_text=_("At an election, when counted apart."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_roles = models.ManyToManyField(
        "clusters.ClusterMember", blank=True, related_name="created_by_resolutions",
        verbose_name=_("roles created"), help_text=_("The leader and deputy rows an election created."),
    )

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["meeting", "order", "id"]
        constraints = vote_count_constraints("resolution")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:80]}"


class RankBasis(models.TextChoices):
    SCORE = "score", _("score")
    # Rankings recorded before the kinds were told apart keep this value: never a guessed kind.
    VOTE = "vote", _("vote of a kind not stated")
    OPEN_VOTE = "open_vote", _("open vote (biểu quyết)")
    SECRET_BALLOT = "secret_ballot", _("secret ballot (bỏ phiếu kín)")
    CONSENSUS = "consensus", _("consensus (thống nhất suy tôn)")
    ORGANISER_DECISION = "organiser_decision", _("decision of the organiser")
    COUNCIL_DECISION = "council_decision", _("council decision")


class Ranking(VoteCountsMixin):
    """A unit's place in the cluster's ranking. Not purely arithmetic: the basis says whether
    the score, a vote or a council decided it. Ties are allowed ("đồng hạng"): several units may
    share a rank, and a group label ("xuất sắc dẫn đầu") may stand instead of a number's meaning."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="rankings", verbose_name=_("meeting")
    )  # owned by the meeting
    unit = models.ForeignKey("clusters.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("Units tied for a place share its number."))
    group_label = models.CharField(
        _("group"), max_length=100, blank=True, help_text=_("As written, e.g. “xuất sắc dẫn đầu”, “xuất sắc”."),
    )
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    basis = models.CharField(_("basis"), max_length=20, choices=RankBasis.choices, default=RankBasis.SCORE)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")
        ordering = ["meeting", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "unit"], name="ranking_unit_once",
                violation_error_message=_("This unit is already ranked at this meeting."),
            ),
            models.CheckConstraint(
                condition=Q(rank__gte=1), name="ranking_rank_positive",
                violation_error_message=_("A rank starts at 1."),
            ),
            *vote_count_constraints("ranking"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.unit}"

    def clean(self):
        if not (self.meeting_id and self.unit_id):
            return
        from clusters.models import ClusterMember

        cluster_year_id = self.meeting.cluster_year_id
        if not ClusterMember.objects.filter(cluster_year_id=cluster_year_id, unit_id=self.unit_id).exists():
            raise ValidationError({"unit": _("Only the cluster's members that year are ranked.")})


# Random names, private until the meeting is published (portal.core.files): neither a guess
# nor a public thumbnail's address leads to a draft's photo or to any original.
def photo_upload_to(instance, filename):
    return random_name("meetings/photos", filename)


def rendition_upload_to(instance, filename):
    return random_name("meetings/photos", filename)


class MeetingPhoto(Photo):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="photos", verbose_name=_("meeting")
    )  # owned by the meeting
    # A plain FileField: ImageField's own form check would hide our clearer messages.
    image = models.FileField(
        _("image"), upload_to=photo_upload_to, max_length=300, validators=[validate_image],
        help_text=_("JPEG, PNG, WebP or GIF, up to 10 MB and 40 megapixels."),
    )
    thumbnail = models.FileField(_("thumbnail"), upload_to=rendition_upload_to, max_length=300, blank=True,
                                 editable=False)
    display = models.FileField(_("display size"), upload_to=rendition_upload_to, max_length=300, blank=True,
                               editable=False)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["meeting", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt_text=""), name="meetingphoto_has_alt_text",
                violation_error_message=_("Describe the photo for readers who cannot see it."),
            ),
        ]


class DocumentKind(models.TextChoices):
    INVITATION = "invitation", _("invitation")
    PLAN = "plan", _("plan")
    REPORT = "report", _("report")
    MINUTES = "minutes", _("minutes")
    CONCLUSIONS = "conclusions", _("conclusions")
    OTHER = "other", _("other document")


def document_upload_to(instance, filename):
    # Documents stay private for good: even a published one goes out through the checked view,
    # as an attachment with the headers that keep a browser from running it.
    return random_name("meetings/documents", filename)


class MeetingDocument(TitledFileMixin, models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("meeting")
    )  # owned by the meeting
    kind = models.CharField(_("kind"), max_length=15, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField(pgettext_lazy("meeting part", "title"), max_length=300)
    file = models.FileField(
        _("file"), upload_to=document_upload_to, max_length=300, validators=[validate_document],
        help_text=_("PDF, DOCX or XLSX, up to 20 MB."),
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public meeting page.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["meeting", "order", "id"]

    def __str__(self):
        return self.title


class MeetingTransition(models.Model):
    """Every change of a meeting's record state: who, when, from what to what, and why."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("meeting")
    )  # the log is part of the meeting's record
    from_state = models.CharField(_("from"), max_length=10, choices=RecordState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=10, choices=RecordState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("by"),
    )  # the log outlives an account
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(pgettext_lazy("state change", "reason"), blank=True)

    class Meta:
        verbose_name = _("record state change")
        verbose_name_plural = _("record state changes")
        ordering = ["meeting", "at", "id"]

    def __str__(self):
        return f"{self.meeting_id}: {self.from_state} → {self.to_state}"
