from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusters.models import ClusterYear, Person, Role, Unit
from portal.core.admin import ReadOnlyAdminMixin
from portal.core.admin_filters import DefaultListFilter
from portal.core.formsets import VerboseInlineFormSet
from portal.core.locking import OptimisticLockAdminMixin
from portal.core.pending import PendingUploadAdminMixin, PendingUploadModelForm
from portal.core.text import fold
from portal.core.withdrawal_admin import WithdrawAdminMixin

from . import ranking_locks, services, workflow
from .forms import MeetingDateFormMixin
from .models import (
    AgendaItem,
    Attendance,
    DecisionMethod,
    Meeting,
    MeetingDocument,
    MeetingPhoto,
    MeetingTransition,
    Ranking,
    RecordState,
    Resolution,
)


class AttendanceInline(admin.TabularInline):
    model = Attendance
    formset = VerboseInlineFormSet
    extra = 0
    fields = ["order", "role", "name_as_written", "title_as_written", "unit_as_written", "person", "organisation",
              "unit", "on_behalf_of", "speech"]
    autocomplete_fields = ["person", "unit"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    formset = VerboseInlineFormSet
    extra = 0
    fields = ["order", "kind", "title", "description"]


class ResolutionInline(admin.StackedInline):
    model = Resolution
    formset = VerboseInlineFormSet
    extra = 0
    fields = ["order", "kind", "method", "text", ("members_entitled", "members_present", "votes_for",
                                                    "deputy_votes_for"), "roles_created"]
    readonly_fields = ["roles_created"]

    @admin.display(description=_("roles created"))
    def roles_created(self, obj):
        if not obj or not obj.pk:
            return "–"
        rows = obj.created_roles.select_related("unit", "cluster_year__cluster")
        return format_html_join(
            ", ", "{} ({} {})", ((r.unit.name, r.role_label, r.cluster_year.year) for r in rows)
        ) or "–"


class RankingInline(admin.TabularInline):
    model = Ranking
    formset = VerboseInlineFormSet
    extra = 0
    fields = ["rank", "unit", "group_label", "score", "basis", "members_entitled", "members_present", "votes_for",
              "note"]
    autocomplete_fields = ["unit"]

    # Rows the cluster scoring holds (meetings.ranking_locks) are shown, never edited here.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not ranking_locks.held_because(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not ranking_locks.held_because(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not ranking_locks.held_because(obj)


class MeetingPhotoInline(admin.TabularInline):
    model = MeetingPhoto
    form = PendingUploadModelForm  # a photo chosen before a refused save is kept
    formset = VerboseInlineFormSet
    extra = 0
    fields = ["preview", "image", "caption", "alt_text", "order", "is_sample"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if obj and obj.thumbnail:
            return format_html('<img src="{}" alt="{}" width="120">', obj.thumbnail.url, obj.alt_text)
        return "–"


class MeetingDocumentInline(admin.TabularInline):
    model = MeetingDocument
    form = PendingUploadModelForm
    formset = VerboseInlineFormSet
    extra = 0
    fields = ["order", "kind", "title", "file", "is_public"]


class MeetingAdminForm(MeetingDateFormMixin, forms.ModelForm):
    state_reason = forms.CharField(
        label=_("reason for the change of state"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when returning a record or correcting its state; kept in the record's history."),
    )

    class Meta:
        model = Meeting
        fields = ["cluster_year", "kind", "period", "title", "date", "reported_on", "time", "part_of_day", "venue",
                  "host", "event_status", "basis", "basis_document", "summary", "record_state", "filing_unit",
                  "is_sample"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_meeting_date()

    request_user = None  # set by MeetingAdmin.get_form: the workflow's rules depend on who acts

    def clean(self):
        # the rules of services.meeting_transition, shown as form errors before anything is saved
        cleaned = super().clean()
        old_state = self.instance.record_state if self.instance.pk else None
        new_state = cleaned.get("record_state")
        reason = (cleaned.get("state_reason") or "").strip()
        if old_state is None:
            if new_state and new_state != RecordState.DRAFT and not workflow.is_reviewer(self.request_user):
                self.add_error("record_state", _("Only a reviewer may correct the state of a record."))
        elif new_state and new_state != old_state:
            own = workflow.four_eyes_error(self.instance, self.request_user, new_state)
            if own:  # not even as a "correction": another reviewer approves and publishes
                self.add_error("record_state", own)
            elif new_state in workflow.allowed_steps(self.instance, self.request_user):
                if new_state == RecordState.RETURNED and not reason:
                    self.add_error("state_reason", _("Say why the record is returned."))
            elif not workflow.is_reviewer(self.request_user):
                self.add_error("record_state", _("Only a reviewer may correct the state of a record."))
            elif not reason:  # a move outside the workflow: the explicit, logged correction
                self.add_error("state_reason", _("Say why the state is corrected."))
        return cleaned


@admin.register(Meeting)
class MeetingAdmin(PendingUploadAdminMixin, WithdrawAdminMixin, OptimisticLockAdminMixin, admin.ModelAdmin):
    form = MeetingAdminForm
    actions = ["withdraw_selected", "restore_selected"]
    change_form_template = "admin/meetings/meeting/change_form.html"
    list_display = ["display_title", "when_column", "cluster_name", "kind", "event_status", "record_state",
                    "is_sample"]
    list_filter = ["cluster_year__cluster", "cluster_year__year", "kind", "record_state", "event_status", "is_sample"]
    list_select_related = ["cluster_year__cluster"]
    date_hierarchy = "sort_date"
    search_fields = ["search_text"]
    search_help_text = _("Title, venue, summary or cluster; accents optional.")
    autocomplete_fields = ["cluster_year", "host", "filing_unit", "basis_document"]
    readonly_fields = ["slug_display", "published_at", "created_by", "updated_by", "history"]
    fieldsets = [
        (None, {"fields": ["cluster_year", "kind", "period", "title", "slug_display"]}),
        (_("When and where"), {"fields": ["date", "reported_on", "time", "part_of_day", "venue", "host",
                                          "event_status"]}),
        (_("Content"), {"fields": ["basis", "basis_document", "summary"]}),
        (pgettext_lazy("admin fieldset", "Record"), {"fields": [
            "record_state", "state_reason", "filing_unit", "is_sample", "published_at", "created_by", "updated_by",
            "history",
        ]}),
    ]
    inlines = [AttendanceInline, AgendaItemInline, ResolutionInline, RankingInline, MeetingPhotoInline,
               MeetingDocumentInline]

    @admin.display(description=pgettext_lazy("meeting", "title"), ordering="sort_date")
    def display_title(self, obj):
        return obj.display_title

    @admin.display(description=_("date"), ordering="sort_date")
    def when_column(self, obj):
        return obj.when_display

    @admin.display(description=_("cluster"), ordering="cluster_year__cluster__name")
    def cluster_name(self, obj):
        return f"{obj.cluster_year.cluster.name} ({obj.cluster_year.year})"

    @admin.display(description=_("slug"))
    def slug_display(self, obj):
        return obj.slug or _("made from the title when saved")

    @admin.display(description=_("history of the record"))
    def history(self, obj):
        if not obj or not obj.pk:
            return "–"
        rows = obj.transitions.select_related("by")
        return format_html_join(
            mark_safe("<br>"), "{} · {} → {} · {} {}",
            (
                (timezone.localtime(t.at).strftime("%d/%m/%Y %H:%M"), t.get_from_state_display() or "–",
                 t.get_to_state_display(), t.by or "–", t.reason)
                for t in rows
            ),
        ) or "–"

    def get_search_results(self, request, queryset, search_term):
        # The folded column lets "van lang" find "Văn Lãng".
        if not search_term.strip():
            return queryset, False
        return queryset.filter(search_text__contains=fold(search_term)), False

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        cluster_year = self._cluster_year_from_query(request)
        if cluster_year is not None:
            initial["cluster_year"] = cluster_year.pk
            today = timezone.localdate()
            if today.year == cluster_year.year:
                initial.setdefault("date", today)
        return initial

    def _cluster_year_from_query(self, request):
        value = request.GET.get("cluster_year")
        if not value or not str(value).isdigit():
            return None
        return ClusterYear.objects.filter(pk=value).select_related("cluster").first()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request_user = request.user  # a class made for this request
        cluster_year = self._cluster_year_from_query(request) if obj is None else None
        if cluster_year is not None and "cluster_year" in form.base_fields:
            # Opened from a cluster-year: the year is fixed (also on the POST, which carries
            # no initial data), the rest is to fill in.
            form.base_fields["cluster_year"].disabled = True
            form.base_fields["cluster_year"].initial = cluster_year.pk
        return form

    def save_model(self, request, obj, form, change):
        new_state = obj.record_state
        if change:
            old_state = form.initial.get("record_state", new_state)
            obj.record_state = old_state
        else:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            MeetingTransition.objects.create(meeting=obj, from_state="", to_state=new_state, by=request.user)
        elif new_state != obj.record_state:
            # a step of the workflow, or else the staff's explicit correction (checked by the form)
            services.meeting_transition(
                meeting=obj, to_state=new_state, user=request.user,
                reason=form.cleaned_data.get("state_reason", ""),
                correction=new_state not in workflow.allowed_steps(obj, request.user),
            )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is MeetingPhoto:
            for photo_form in formset.forms:
                photo = photo_form.instance
                if photo.pk and ("image" in photo_form.changed_data or not photo.thumbnail):
                    services.photo_refresh_renditions(photo=photo)

    # --- the election of next year's roles -------------------------------------------------

    def get_urls(self):
        return [
            path("<path:object_id>/election/", self.admin_site.admin_view(self.election_view),
                 name="meetings_meeting_election"),
            *super().get_urls(),
        ]

    def election_view(self, request, object_id):
        meeting = get_object_or_404(Meeting.objects.select_related("cluster_year__cluster"), pk=object_id)
        if not self.has_change_permission(request, meeting):
            return redirect("admin:index")
        # Last year's deputy leading next year is a habit, never a rule: only the first choice.
        deputy = meeting.cluster_year.members.filter(role=Role.DEPUTY).values_list("unit_id", flat=True).first()
        form = ElectionForm(request.POST or None, meeting=meeting, initial={"leader": deputy})
        if request.method == "POST" and form.is_valid():
            try:
                services.meeting_record_election(
                    meeting=meeting, leader=form.cleaned_data["leader"], deputy=form.cleaned_data["deputy"],
                    method=form.cleaned_data["method"], replace=form.cleaned_data["replace"],
                    text=form.cleaned_data["text"],
                    votes={name: form.cleaned_data[name] for name in ElectionForm.VOTE_FIELDS},
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                self.message_user(request, _("The election is recorded and next year's roles are set."),
                                  messages.SUCCESS)
                return redirect(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": meeting,
            "form": form,
            "title": _("Record the election of next year's %(leader)s and %(deputy)s")
            % meeting.cluster_year.cluster.labels,
            "next_year": meeting.cluster_year.year + 1,
            "labels": meeting.cluster_year.cluster.labels,
        }
        return TemplateResponse(request, "admin/meetings/meeting/election.html", context)


class ElectionForm(forms.Form):
    VOTE_FIELDS = ("members_entitled", "members_present", "votes_for", "deputy_votes_for")

    leader = forms.ModelChoiceField(
        label=_("leader"), queryset=Unit.objects.none(), empty_label=_("(choose a unit)"),
    )
    deputy = forms.ModelChoiceField(
        label=_("deputy"), queryset=Unit.objects.none(), required=False,
        empty_label=_("(no deputy)"),
    )
    method = forms.ChoiceField(label=_("Method"), choices=DecisionMethod.choices, initial=DecisionMethod.VOTE)
    members_entitled = forms.IntegerField(label=_("members entitled to vote"), required=False, min_value=0)
    members_present = forms.IntegerField(label=_("members present"), required=False, min_value=0)
    votes_for = forms.IntegerField(label=_("votes for the leader"), required=False, min_value=0)
    deputy_votes_for = forms.IntegerField(label=_("votes for the deputy"), required=False, min_value=0)
    text = forms.CharField(
        label=_("Text of the resolution"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave empty for the usual wording."),
    )
    replace = forms.BooleanField(
        label=_("Replace the existing roles"), required=False,
        help_text=_("Tick only if this election replaces a leader and deputy already recorded for that year."),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        cluster_year = meeting.cluster_year
        # Candidates: this year's members and, when already opened, next year's.
        units = Unit.objects.filter(
            cluster_memberships__cluster_year__cluster_id=cluster_year.cluster_id,
            cluster_memberships__cluster_year__year__in=[cluster_year.year, cluster_year.year + 1],
        ).distinct().order_by("name")
        self.fields["leader"].queryset = units
        self.fields["deputy"].queryset = units
        # "Trưởng khối" at a khối's meeting
        self.fields["leader"].label = cluster_year.cluster.leader_label
        self.fields["deputy"].label = cluster_year.cluster.deputy_label


@admin.register(MeetingTransition)
class MeetingTransitionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The log is read-only: it records what happened."""

    list_display = ["meeting", "from_state", "to_state", "by", "at"]
    list_filter = ["to_state"]
    list_select_related = ["meeting__cluster_year__cluster", "by"]
    date_hierarchy = "at"


class LinkedToPersonFilter(DefaultListFilter):
    """Unlinked names first: the staff's list of attendees known only by name and title."""

    title = _("linked to a person")
    parameter_name = "linked"
    default = "no"

    def lookups(self, request, model_admin):
        return [("no", _("Not linked")), ("yes", _("Linked")), ("all", _("All"))]

    def queryset(self, request, queryset):
        value = self.current()
        if value == "no":
            return queryset.filter(person__isnull=True).exclude(name_as_written="")
        if value == "yes":
            return queryset.filter(person__isnull=False)
        return queryset


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    """Names as written, and a one-click link to an existing person of the same name (accents
    and case ignored). Linking keeps the name and title as written: they are the record."""

    list_display = ["name_as_written", "title_as_written", "unit_as_written", "meeting", "person", "link_column"]
    list_filter = [LinkedToPersonFilter, "role"]
    list_select_related = ["meeting__cluster_year__cluster", "person"]
    search_fields = ["name_as_written", "title_as_written"]
    autocomplete_fields = ["person", "unit", "meeting"]
    actions = None

    def get_urls(self):
        return [
            path("<int:pk>/link/<int:person_id>/", self.admin_site.admin_view(self.link_view),
                 name="meetings_attendance_link"),
            *super().get_urls(),
        ]

    @admin.display(description=_("link to"))
    def link_column(self, obj):
        if obj.person_id or not obj.name_as_written:
            return "–"
        candidates = Person.objects.filter(search_text=fold(obj.name_as_written)).order_by("full_name")[:5]
        return format_html_join(
            " ", '<button type="submit" class="button" formmethod="post" formaction="{}">{}</button>',
            ((reverse("admin:meetings_attendance_link", args=[obj.pk, person.pk]),
              _("Link to %(name)s (%(slug)s)") % {"name": person.full_name, "slug": person.slug})
             for person in candidates),
        ) or _("no person of that name")

    def link_view(self, request, pk, person_id):
        attendance = get_object_or_404(Attendance, pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, attendance):
            return redirect("admin:meetings_attendance_changelist")
        person = get_object_or_404(Person, pk=person_id)
        services.attendance_link_person(attendance=attendance, person=person)
        self.message_user(request, _("%(name)s is now linked to the person record.") % {"name": person.full_name},
                          messages.SUCCESS)
        return redirect("admin:meetings_attendance_changelist")
