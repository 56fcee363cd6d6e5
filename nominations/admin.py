"""The office's work on nomination dossiers, in the admin (staff holding `process_dossier`).

A dossier filed by a unit is read here, never edited: the office moves it along its path with
one button per step open to it (workflow.allowed_steps), each leading to a confirmation page
with the reason the step needs, and works on each line on pages of its own (appraisal with the
nominee's history, the council's vote, an outcome set without a vote). Only a dossier that came on
paper has its content entered here. Every write goes through services.py; a step refused there
(a forged or stale request) comes back as a message, never as an error page. Nothing of the path
is ever deleted: dossiers, lines, steps and votes stay on record."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.admin import FoldedSearchMixin
from awards.models import Decision
from awards.rules import ConfirmationRequired
from clusters.models import Unit
from portal.core.admin import ReadOnlyAdminMixin
from portal.core.locking import OptimisticLockAdminMixin

from . import services, workflow
from .admin_forms import (
    AppraisalForm,
    CommentAnswerForm,
    ConsultationAdminForm,
    DraftDecisionForm,
    OutcomeForm,
    SignForm,
    StepForm,
    VoteForm,
    consultation_candidates,
)
from .checks import dossier_lines_check
from .events import action_label
from .models import (
    ConcurrenceRequest,
    Consultation,
    ConsultationComment,
    Deadline,
    Dossier,
    DossierAttachment,
    DossierEvent,
    DossierState,
    EmulationOffice,
    EmulationStaffer,
    LineOutcome,
    NomineeLine,
    VoteThreshold,
    WorkingDayChange,
)
from .selectors import nominee_history

S = DossierState

STEP_LABELS = {
    S.SUBMITTED: gettext_lazy("Submit the dossier"),
    S.RECEIVED: gettext_lazy("Receive and register"),
    S.APPRAISAL: gettext_lazy("Start the appraisal"),
    S.RETURNED: gettext_lazy("Return to the unit"),
    S.ON_HOLD: gettext_lazy("Put on hold"),
    S.CONSULTATION: gettext_lazy("Open a public consultation"),
    S.COUNCIL: gettext_lazy("Send to the council"),
    S.VOTED: gettext_lazy("Close the council's vote"),
    S.PROPOSED: gettext_lazy("Propose to the signer"),
}
STATE_ORDER = list(S.values)
# the states in which each of a line's pages may write (the services say the same)
APPRAISE_STATES = {S.RECEIVED, S.APPRAISAL, S.ON_HOLD}
VOTE_STATES = {S.COUNCIL, S.VOTED}
OUTCOME_STATES = {S.APPRAISAL, S.COUNCIL, S.VOTED, S.PROPOSED}


def _messages_of(error: ValidationError) -> list[str]:
    return list(error.messages)


class ProcessorOnlyMixin:
    """The path is the office's: only staff holding `process_dossier` (and superusers) see it,
    whatever other permissions of the app a group gives."""

    def _processor(self, request) -> bool:
        return workflow.is_processor(request.user)

    def has_module_permission(self, request):
        return self._processor(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._processor(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._processor(request) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._processor(request) and super().has_add_permission(request, *args)

    def has_delete_permission(self, request, obj=None):
        return False  # never deleted: the path stays on record

    def has_process_permission(self, request):
        return self._processor(request)

    @staticmethod
    def _posted(request):
        # a POST with no fields (a step that asks for nothing) is still a submitted form
        return request.POST if request.method == "POST" else None


# --- the dossier list -----------------------------------------------------------------------------


class UnitWithDossiersFilter(admin.SimpleListFilter):
    """Only the units that filed a dossier: a short list, however many units the register holds."""

    title = gettext_lazy("filing unit")
    parameter_name = "unit"

    def lookups(self, request, model_admin):
        return list(Unit.objects.filter(pk__in=Dossier.objects.values("unit_id")).order_by("name")
                    .values_list("pk", "name"))

    def queryset(self, request, queryset):
        value = self.value()
        if value and str(value).isdigit():
            return queryset.filter(unit_id=value)
        return queryset


class StateFilter(admin.SimpleListFilter):
    # the model field's own label ("state") reads as the award level "Nhà nước" in Vietnamese
    title = gettext_lazy("state of the dossier")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return S.choices

    def queryset(self, request, queryset):
        return queryset.filter(state=self.value()) if self.value() in S.values else queryset


class OnHoldFilter(admin.SimpleListFilter):
    title = gettext_lazy("on hold")
    parameter_name = "on_hold"

    def lookups(self, request, model_admin):
        return [("yes", _("On hold")), ("no", _("Not on hold"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(state=S.ON_HOLD)
        if self.value() == "no":
            return queryset.exclude(state=S.ON_HOLD)
        return queryset


# --- the dossier's inlines ------------------------------------------------------------------------


def _vote_text(line: NomineeLine) -> str:
    vote = getattr(line, "vote", None)
    if vote is None:
        return "–"
    verdict = _("passed") if vote.passed else _("failed")
    basis = vote.threshold.basis if vote.threshold_id and vote.threshold.basis else _(
        "more than half of all members (no threshold recorded)")
    return _("%(votes)s of %(members)s members for, %(needed)s needed: %(verdict)s (%(basis)s)") % {
        "votes": vote.votes_for, "members": vote.members_total, "needed": vote.required_votes,
        "verdict": verdict, "basis": basis}


class LineColumnsMixin:
    """The columns the office reads on every line: outcome, vote, the decision it became, and the
    way to its pages."""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(
            "award", "award_class", "vote__threshold", "decision_line__decision").order_by("order", "pk")

    @admin.display(description=gettext_lazy("nominee"))
    def nominee(self, obj):
        rest = ", ".join(part for part in (obj.title_text, obj.unit_text) if part)
        return format_html("<strong>{}</strong><br>{}", obj.name_text, rest) if rest else obj.name_text

    @admin.display(description=gettext_lazy("council vote"))
    def vote_column(self, obj):
        return _vote_text(obj)

    @admin.display(description=gettext_lazy("outcome"))
    def outcome_column(self, obj):
        if obj.outcome == LineOutcome.NOT_APPROVED and obj.outcome_reason:
            return format_html("{}<br>{}", obj.get_outcome_display(), obj.outcome_reason)
        return obj.get_outcome_display()

    @admin.display(description=gettext_lazy("decision"))
    def decision_column(self, obj):
        if not obj.decision_line_id:
            return "–"
        decision = obj.decision_line.decision
        label = decision.number_text if not decision.is_draft else _("draft decision")
        return format_html('<a href="{}">{}</a>', reverse("admin:awards_decision_change", args=[decision.pk]),
                           label or _("unknown"))

    @admin.display(description=gettext_lazy("work on the line"))
    def work_column(self, obj):
        if not obj.pk:
            return "–"
        links = [("appraise", _("Appraisal and history")), ("vote", _("Council vote")),
                 ("outcome", _("Set the outcome"))]
        return format_html_join(
            " · ", '<a href="{}">{}</a>',
            ((reverse(f"admin:nominations_dossier_line_{page}", args=[obj.dossier_id, obj.pk]), label)
             for page, label in links))


class NomineeLineReadInline(LineColumnsMixin, admin.TabularInline):
    """A unit's lines as filed: read, never edited by the office."""

    model = NomineeLine
    fields = ["order", "nominee", "award", "award_class", "meets_standards", "return_note", "vote_column",
              "outcome_column", "decision_column", "work_column"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NomineeLineEditInline(LineColumnsMixin, admin.StackedInline):
    """A paper dossier's lines, entered by staff; saved one by one through services.line_save."""

    model = NomineeLine
    extra = 1
    fields = [("subject_type", "award", "award_class"), ("name_text", "title_text", "unit_text"),
              ("birth_year", "gender", "person_category"), ("member_count", "is_small_collective"),
              "achievement_summary", "achievement_report", "confirmation_reason",
              ("outcome_column", "decision_column", "work_column")]
    readonly_fields = ["outcome_column", "decision_column", "work_column"]

    def has_delete_permission(self, request, obj=None):
        # lines of a paper draft may be removed; once submitted a dossier keeps its lines
        return obj is not None and obj.state == S.DRAFT


@admin.display(description=gettext_lazy("step"))
def _action(event):
    return action_label(event.action)


class DossierEventInline(admin.TabularInline):
    model = DossierEvent
    fields = ["at", "by", "action_column", "from_state", "to_state", "line", "reason"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name_plural = gettext_lazy("history of the dossier")

    action_column = staticmethod(_action)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by", "line__award")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ConcurrenceFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        # only this dossier's nominees (empty: the request covers the whole dossier)
        form.fields["line"].queryset = (NomineeLine.objects.filter(dossier=self.instance).order_by("order", "pk")
                                        if self.instance.pk else NomineeLine.objects.none())


class ConcurrenceRequestInline(admin.StackedInline):
    """Requests to the police, tax and social insurance offices and their answers; staff add
    them and fill in the answers; each save is logged on the dossier (services.concurrence_save)."""

    model = ConcurrenceRequest
    formset = ConcurrenceFormSet
    fields = [("office", "office_name", "line"), ("sent_on", "reference"), ("answer", "answered_on"),
              "answer_text", "file"]
    extra = 1
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return obj is not None and obj.state != S.DRAFT and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


class DossierAttachmentInline(admin.TabularInline):
    model = DossierAttachment
    fields = ["document", "file", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("name of the document"))
    def document(self, obj):
        return obj.title  # the field's own label, "title", reads as a person's job title


# --- the dossier ------------------------------------------------------------------------------------

CONTENT_FIELDS = ["movement", "kind", "achievement_year", "addressed_role", "addressed_unit", "memo_number",
                  "memo_date", "memo_signer", "summary", "unit_members_total", "unit_members_present",
                  "unit_votes_for", "minutes", "is_sample"]
PATH_FIELDS = ["state_column", "state_reason", "register_column", "is_paper", "submitted_at", "first_submitted_at",
               "deadline", "is_late", "decided_at", "proposal_memo"]


@admin.register(Dossier)
class DossierAdmin(ProcessorOnlyMixin, OptimisticLockAdminMixin, FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["register_column", "memo_column", "unit", "state_column", "submitted_at", "deadline", "is_late"]
    list_filter = [StateFilter, "achievement_year", "kind", UnitWithDossiersFilter, "is_late", OnHoldFilter, "is_paper",
                   "is_sample"]
    list_select_related = ["unit"]
    search_fields = ["search_text", "memo_number"]
    search_help_text = gettext_lazy("Memo number or summary; accents optional.")
    actions = None
    change_form_template = "admin/nominations/dossier/change_form.html"
    autocomplete_fields = ["unit", "cluster", "movement", "addressed_unit"]

    @admin.display(description=gettext_lazy("register no."), ordering="register_number")
    def register_column(self, obj):
        if obj.register_number is None:
            return "–"
        return f"{obj.register_number}/{obj.register_year}"

    @admin.display(description=gettext_lazy("state of the dossier"), ordering="state")
    def state_column(self, obj):
        return obj.get_state_display()

    @admin.display(description=gettext_lazy("memo"), ordering="memo_number")
    def memo_column(self, obj):
        number = obj.memo_number or _("no number")
        return format_html("{}<br><small>{}</small>", number, obj.summary[:120])

    # --- the form: content of paper dossiers only ---

    def _content_editable(self, request, obj) -> bool:
        return obj is None or (obj.is_paper and workflow.may_edit(request.user, obj))

    def get_fieldsets(self, request, obj=None):
        head = ["unit", "cluster"]
        content = (gettext_lazy("Submission memo"), {"fields": head + CONTENT_FIELDS})
        if obj is None:
            return [content]
        return [(gettext_lazy("Where the dossier stands"), {"fields": PATH_FIELDS}), content]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fields = [*PATH_FIELDS, "unit", "cluster"]
        if not self._content_editable(request, obj):
            fields += CONTENT_FIELDS
        return fields

    def get_changeform_initial_data(self, request):
        from awards.models import IssuerRole

        initial = super().get_changeform_initial_data(request)
        initial.setdefault("addressed_role", IssuerRole.objects.filter(code="provincial_chair")
                           .values_list("pk", flat=True).first())
        initial.setdefault("achievement_year", timezone.localdate().year)
        return initial

    def get_inlines(self, request, obj):
        if obj is None:
            return []
        lines = NomineeLineEditInline if self._content_editable(request, obj) else NomineeLineReadInline
        return [lines, ConcurrenceRequestInline, DossierAttachmentInline, DossierEventInline]

    def save_model(self, request, obj, form, change):
        if not change:
            fields = {name: form.cleaned_data.get(name) for name in CONTENT_FIELDS if name in form.cleaned_data}
            fields["minutes"] = fields.get("minutes") or ""
            created = services.dossier_create(user=request.user, unit=form.cleaned_data["unit"],
                                              cluster=form.cleaned_data.get("cluster"), **fields)
            obj.pk = created.pk
            obj.refresh_from_db()
            return
        if form.changed_data and self._content_editable(request, obj):
            services.dossier_update(user=request.user, dossier=obj)

    def save_formset(self, request, form, formset, change):
        dossier = form.instance
        if formset.model is ConcurrenceRequest:
            for concurrence in formset.save(commit=False):
                concurrence.dossier = dossier
                services.concurrence_save(user=request.user, request=concurrence)
            return
        if formset.model is NomineeLine and self._content_editable(request, dossier):
            for line in formset.save(commit=False):
                line.dossier = dossier
                check = services.line_save(user=request.user, line=line)
                for problem in check.errors + check.warnings:
                    messages.warning(request, str(problem))
            for line in formset.deleted_objects:
                services.line_delete(user=request.user, line=line)
            return
        super().save_formset(request, form, formset, change)  # read-only rows: nothing to write

    # --- the change page: steps, problems, the way to each line ---

    def _steps(self, request, dossier) -> list[tuple[str, str]]:
        allowed = sorted(workflow.allowed_steps(request.user, dossier), key=STATE_ORDER.index)
        steps = []
        for state in allowed:
            if dossier.state == S.ON_HOLD and state == dossier.held_from:
                label = _("Take off hold (back to “%(state)s”)") % {"state": S(state).label}
            else:
                label = STEP_LABELS.get(state, S(state).label)
            steps.append((label, reverse("admin:nominations_dossier_step", args=[dossier.pk, state])))
        return steps

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        dossier = Dossier.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if dossier is not None and self.has_view_permission(request, dossier):
            lines = list(dossier.lines.select_related("award").order_by("order", "pk"))
            check = dossier_lines_check(dossier, lines)
            extra_context.update(
                steps=self._steps(request, dossier),
                problems=[str(p) for p in check.errors], warnings=[str(p) for p in check.warnings],
                days_left=services.days_left(dossier) if dossier.state not in workflow.FINAL else None,
                is_paper=dossier.is_paper,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/step/<str:to_state>/", wrap(self.step_view), name="nominations_dossier_step"),
            path("<int:pk>/lines/<int:line_pk>/appraise/", wrap(self.appraise_view),
                 name="nominations_dossier_line_appraise"),
            path("<int:pk>/lines/<int:line_pk>/vote/", wrap(self.vote_view), name="nominations_dossier_line_vote"),
            path("<int:pk>/lines/<int:line_pk>/outcome/", wrap(self.outcome_view),
                 name="nominations_dossier_line_outcome"),
            *super().get_urls(),
        ]

    def _dossier(self, request, pk) -> Dossier:
        dossier = get_object_or_404(Dossier.objects.select_related("unit", "cluster"), pk=pk)
        if not self.has_change_permission(request, dossier):
            raise PermissionDenied
        return dossier

    def _context(self, request, dossier, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "original": dossier,
                "dossier": dossier, **extra}

    def _back(self, dossier) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:nominations_dossier_change", args=[dossier.pk]))

    def step_view(self, request, pk, to_state):
        dossier = self._dossier(request, pk)
        if to_state not in S.values:
            messages.error(request, _("There is no such step."))
            return self._back(dossier)
        error = workflow.step_error(request.user, dossier, to_state)
        if error:  # a stale page or a forged request: said, not shown as an error page
            messages.error(request, error)
            return self._back(dossier)
        if to_state == S.CONSULTATION:
            # a consultation publishes chosen nominees; opening it moves the dossier
            return HttpResponseRedirect(reverse("admin:nominations_consultation_add") + f"?dossier={dossier.pk}")
        lines = list(dossier.lines.select_related("award").order_by("order", "pk"))
        next_number = None
        if to_state == S.RECEIVED and dossier.register_number is None:
            year = timezone.localdate().year
            next_number = (Dossier.objects.filter(register_year=year).aggregate(m=Max("register_number"))["m"]
                           or 0) + 1
        form = StepForm(self._posted(request), to_state=to_state, lines=lines, next_number=next_number)
        if request.method == "POST" and form.is_valid():
            try:
                if to_state == S.SUBMITTED:
                    services.dossier_submit(user=request.user, dossier=dossier,
                                            confirm=form.cleaned_data.get("confirm_warnings", False))
                else:
                    services.dossier_step(user=request.user, dossier=dossier, to_state=to_state,
                                          reason=form.cleaned_data.get("reason", ""),
                                          register_number=form.cleaned_data.get("register_number"),
                                          line_notes=form.line_notes(),
                                          hold_ground=form.cleaned_data.get("hold_ground", ""))
            except ConfirmationRequired as warning:
                form.show_confirmation([str(w) for w in warning.warnings])
            except ValidationError as refused:
                for message in _messages_of(refused):
                    form.add_error(None, message)
            else:
                messages.success(request, _("The dossier is now “%(state)s”.") % {
                    "state": dossier.get_state_display()})
                return self._back(dossier)
        label = (_("Take off hold (back to “%(state)s”)") % {"state": S(to_state).label}
                 if dossier.state == S.ON_HOLD and to_state == dossier.held_from
                 else STEP_LABELS.get(to_state, S(to_state).label))
        return TemplateResponse(request, "admin/nominations/dossier/step.html", self._context(
            request, dossier, form=form, title=label, to_state=to_state, to_label=S(to_state).label, lines=lines))

    def _line(self, request, pk, line_pk):
        dossier = self._dossier(request, pk)
        line = get_object_or_404(NomineeLine.objects.select_related(
            "award", "award_class", "person", "organisation", "vote__threshold", "decision_line__decision"),
            pk=line_pk, dossier=dossier)
        line.dossier = dossier
        return dossier, line

    def _line_page(self, request, dossier, line, *, form, title, page, **extra):
        lines = list(dossier.lines.select_related("award").order_by("order", "pk"))
        check = dossier_lines_check(dossier, lines)
        index = next((i for i, ln in enumerate(lines) if ln.pk == line.pk), None)
        return TemplateResponse(request, "admin/nominations/dossier/line_page.html", self._context(
            request, dossier, line=line, form=form, title=title, page=page,
            errors_of_line=[p.text for p in check.errors_for(index)] if index is not None else [],
            warnings_of_line=[p.text for p in check.warnings_for(index)] if index is not None else [],
            vote_text=_vote_text(line), **extra))

    def appraise_view(self, request, pk, line_pk):
        dossier, line = self._line(request, pk, line_pk)
        initial = {"meets_standards": {True: "yes", False: "no"}.get(line.meets_standards, ""),
                   "note": line.appraisal_note}
        form = AppraisalForm(self._posted(request), initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.line_appraise(user=request.user, line=line,
                                       meets_standards=form.cleaned_data["meets_standards"],
                                       note=form.cleaned_data["note"])
            except ValidationError as refused:
                for message in _messages_of(refused):
                    form.add_error(None, message)
            else:
                messages.success(request, _("The appraisal of %(name)s is saved.") % {"name": line.name_text})
                return self._back(dossier)
        return self._line_page(request, dossier, line, form=form, page="appraise",
                               title=_("Appraise %(name)s") % {"name": line.name_text},
                               history=nominee_history(line), open=dossier.state in APPRAISE_STATES)

    def vote_view(self, request, pk, line_pk):
        dossier, line = self._line(request, pk, line_pk)
        vote = getattr(line, "vote", None)
        initial = ({"voted_on": vote.voted_on, "members_total": vote.members_total,
                    "members_present": vote.members_present, "votes_for": vote.votes_for,
                    "written_votes": vote.written_votes} if vote else {"voted_on": timezone.localdate(),
                                                                        "written_votes": 0})
        form = VoteForm(self._posted(request), initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                vote = services.vote_record(user=request.user, line=line, **form.cleaned_data)
            except ValidationError as refused:
                for message in _messages_of(refused):
                    form.add_error(None, message)
            else:
                line.refresh_from_db()
                level = messages.SUCCESS if vote.passed else messages.WARNING
                messages.add_message(request, level, _("%(name)s: %(vote)s") % {
                    "name": line.name_text, "vote": _vote_text(line)})
                return self._back(dossier)
        threshold = services.threshold_for(line.award_id, timezone.localdate())
        return self._line_page(request, dossier, line, form=form, page="vote",
                               title=_("Council vote on %(name)s") % {"name": line.name_text},
                               threshold=threshold, open=dossier.state in VOTE_STATES)

    def outcome_view(self, request, pk, line_pk):
        dossier, line = self._line(request, pk, line_pk)
        form = OutcomeForm(self._posted(request), initial={"outcome": line.outcome if line.outcome in (
            LineOutcome.APPROVED, LineOutcome.NOT_APPROVED) else LineOutcome.PENDING, "reason": line.outcome_reason})
        if request.method == "POST" and form.is_valid():
            try:
                services.line_set_outcome(user=request.user, line=line, outcome=form.cleaned_data["outcome"],
                                          reason=form.cleaned_data["reason"])
            except ValidationError as refused:
                for message in _messages_of(refused):
                    form.add_error(None, message)
            else:
                messages.success(request, _("%(name)s: %(outcome)s.") % {
                    "name": line.name_text, "outcome": line.get_outcome_display()})
                return self._back(dossier)
        return self._line_page(request, dossier, line, form=form, page="outcome",
                               title=_("Set the outcome of %(name)s") % {"name": line.name_text},
                               open=dossier.state in OUTCOME_STATES)


# --- nominee lines: the list to draft decisions from --------------------------------------------


@admin.register(NomineeLine)
class NomineeLineAdmin(ProcessorOnlyMixin, LineColumnsMixin, FoldedSearchMixin, admin.ModelAdmin):
    """Lines across dossiers, to find the approved ones and draft a decision from them. A line is
    read here; it is worked on from its dossier."""

    list_display = ["name_text", "award", "dossier_column", "year_column", "outcome_column", "vote_column",
                    "decision_column"]
    list_filter = ["outcome", "dossier__state", "dossier__achievement_year", "award"]
    list_select_related = ["dossier__unit", "award", "vote__threshold", "decision_line__decision"]
    search_fields = ["search_text", "dossier__memo_number"]
    search_help_text = gettext_lazy("Nominee's name (accents optional) or the memo number.")
    actions = ["draft_decision"]

    def get_queryset(self, request):
        return admin.ModelAdmin.get_queryset(self, request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("dossier"), ordering="dossier__unit__name")
    def dossier_column(self, obj):
        return format_html('<a href="{}">{} – {}</a>', reverse("admin:nominations_dossier_change",
                                                               args=[obj.dossier_id]),
                           obj.dossier.unit, obj.dossier.memo_number or _("no number"))

    @admin.display(description=gettext_lazy("year"), ordering="dossier__achievement_year")
    def year_column(self, obj):
        return obj.dossier.achievement_year

    @admin.action(description=gettext_lazy("Draft a decision from the selected approved lines"),
                  permissions=["process"])
    def draft_decision(self, request, queryset):
        lines = list(queryset.select_related("dossier__addressed_unit", "award").order_by("dossier_id", "order"))
        refused = [ln.name_text for ln in lines if ln.outcome != LineOutcome.APPROVED or ln.decision_line_id]
        if refused:
            self.message_user(request, _("Only approved lines not yet in a decision can be drafted: %(names)s.")
                              % {"names": ", ".join(refused)}, messages.ERROR)
            return None
        form = DraftDecisionForm(request.POST if "draft_form" in request.POST else None, lines=lines)
        if form.is_bound and form.is_valid():
            try:
                decision = services.decision_draft(user=request.user, lines=lines, **form.cleaned_data)
            except ValidationError as refused_error:
                for message in _messages_of(refused_error):
                    form.add_error(None, message)
            else:
                self.message_user(request, _("The draft decision is made with %(count)s lines: check it, then sign "
                                             "it.") % {"count": len(lines)}, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:awards_decision_change", args=[decision.pk]))
        return TemplateResponse(request, "admin/nominations/nomineeline/draft_decision.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "form": form, "lines": lines,
            "title": _("Draft a decision from the selected approved lines"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })

    # --- signing a drafted decision (the link is on the decision's page) ---

    def get_urls(self):
        return [
            path("sign/<int:decision_pk>/", self.admin_site.admin_view(self.sign_view),
                 name="nominations_decision_sign"),
            *super().get_urls(),
        ]

    def sign_view(self, request, decision_pk):
        if not self.has_process_permission(request):
            raise PermissionDenied
        decision = get_object_or_404(Decision.objects.select_related("issuer_role", "issuer_unit"), pk=decision_pk)
        back = HttpResponseRedirect(reverse("admin:awards_decision_change", args=[decision.pk]))
        if not decision.is_draft:
            messages.error(request, _("This decision is already signed."))
            return back
        form = SignForm(self._posted(request), decision=decision)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.decision_sign(user=request.user, decision=decision, number=data["number"],
                                       symbol=data["symbol"], signed_on=data["signed_on"],
                                       number_text=data["number_text"], signer_name=data["signer_name"],
                                       signer_title=data["signer_title"], confirm=data["confirm_warnings"])
            except ConfirmationRequired as warning:
                form.show_confirmation([str(w) for w in warning.warnings])
            except ValidationError as refused:
                for message in _messages_of(refused):
                    form.add_error(None, message)
            else:
                messages.success(request, _("The decision %(number)s is signed; its nominee lines are decided.")
                                 % {"number": decision.number_text})
                return back
            decision.refresh_from_db()
        nominees = list(NomineeLine.objects.filter(decision_line__decision=decision)
                        .select_related("dossier__unit", "award").order_by("dossier_id", "order"))
        return TemplateResponse(request, "admin/nominations/nomineeline/sign.html", {
            **self.admin_site.each_context(request), "opts": Decision._meta, "original": decision, "form": form,
            "nominees": nominees, "title": _("Sign the draft decision"),
        })


# --- public consultation (R9) ------------------------------------------------------------------------


class CommentInline(admin.StackedInline):
    """The public's comments; staff write the answer (services.comment_answer)."""

    model = ConsultationComment
    form = CommentAnswerForm
    fields = [("name", "contact", "sent_at"), "line", "text", "answer", ("answered_at", "answered_by")]
    readonly_fields = ["name", "contact", "sent_at", "line", "text", "answered_at", "answered_by"]
    extra = 0
    max_num = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("line", "answered_by")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Consultation)
class ConsultationAdmin(ProcessorOnlyMixin, admin.ModelAdmin):
    form = ConsultationAdminForm
    list_display = ["title", "published_on", "starts_on", "ends_on", "line_count", "comment_count", "is_sample"]
    list_filter = ["published_on", "is_sample"]
    search_fields = ["title"]
    inlines = [CommentInline]
    actions = None
    readonly_after = ["title", "slug", "intro", "published_on", "working_days", "starts_on", "ends_on",
                      "nominees", "is_sample"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_lines=Count("lines", distinct=True),
                                                      _comments=Count("comments", distinct=True))

    @admin.display(description=gettext_lazy("nominees"), ordering="_lines")
    def line_count(self, obj):
        return obj._lines

    @admin.display(description=gettext_lazy("comments"), ordering="_comments")
    def comment_count(self, obj):
        return obj._comments

    @admin.display(description=gettext_lazy("nominees"))
    def nominees(self, obj):
        rows = obj.lines.select_related("award", "dossier__unit").order_by("dossier_id", "order")
        return format_html_join(mark_safe("<br>"), '<a href="{}">{} – {} ({})</a>', (
            (reverse("admin:nominations_dossier_change", args=[ln.dossier_id]), ln.name_text, ln.award,
             ln.dossier.unit) for ln in rows)) or "–"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["title", "slug", "intro", "published_on", "working_days", "lines", "is_sample"]
        return self.readonly_after

    def get_readonly_fields(self, request, obj=None):
        # published, it is a record: the dates and nominees are what the public was shown
        return self.readonly_after if obj is not None else []

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        dossier = request.GET.get("dossier")
        if dossier and dossier.isdigit():
            initial["lines"] = list(consultation_candidates().filter(dossier_id=dossier).values_list("pk", flat=True))
        initial.setdefault("published_on", timezone.localdate())
        initial.pop("dossier", None)
        return initial

    def save_model(self, request, obj, form, change):
        if change:
            return
        data = form.cleaned_data
        created = services.consultation_open(
            user=request.user, title=data["title"], slug=data["slug"], lines=data["lines"],
            published_on=data["published_on"], intro=data.get("intro", ""), working_days=data["working_days"],
            is_sample=data.get("is_sample", False))
        obj.pk = created.pk
        obj.refresh_from_db()

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:  # nothing of a published consultation is edited: a bare form
            kwargs["form"] = forms.ModelForm
        return super().get_form(request, obj, change=change, **kwargs)

    def save_related(self, request, form, formsets, change):
        # the service set the nominees; the comments' answers go through it too
        for formset in formsets:
            answered = []
            for comment_form in formset.forms:
                if comment_form.instance.pk and "answer" in comment_form.changed_data:
                    services.comment_answer(user=request.user, comment=comment_form.instance,
                                            answer=comment_form.cleaned_data["answer"])
                    answered.append((comment_form.instance, ["answer"]))
            # what the admin's history message reads (formset.save() would have set it)
            formset.new_objects, formset.deleted_objects, formset.changed_objects = [], [], answered

    def response_add(self, request, obj, post_url_continue=None):
        messages.info(request, _("Open from %(start)s to %(end)s (%(days)s working days).") % {
            "start": f"{obj.starts_on:%d/%m/%Y}", "end": f"{obj.ends_on:%d/%m/%Y}", "days": obj.working_days})
        return super().response_add(request, obj, post_url_continue)


# --- the dated rules and the register of emulation offices -----------------------------------------


@admin.register(WorkingDayChange)
class WorkingDayChangeAdmin(admin.ModelAdmin):
    list_display = ["day", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    date_hierarchy = "day"

    # open consultations count their working days again (services)
    def save_model(self, request, obj, form, change):
        services.working_day_change_save(change=obj)

    def delete_model(self, request, obj):
        services.working_day_change_delete(changes=[obj])

    def delete_queryset(self, request, queryset):
        services.working_day_change_delete(changes=list(queryset))


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["kind", "award", "day", "month", "years_after", "valid_from", "valid_to", "basis"]
    list_filter = ["kind"]
    list_select_related = ["award"]


@admin.register(VoteThreshold)
class VoteThresholdAdmin(admin.ModelAdmin):
    list_display = ["award", "percent", "more_than", "valid_from", "valid_to", "basis"]
    list_select_related = ["award"]


class EmulationStafferInline(admin.TabularInline):
    model = EmulationStaffer
    fields = ["full_name", "gender", "birth_year", "training_level", "in_field_since", "joined_on", "left_on"]
    extra = 0


@admin.register(EmulationOffice)
class EmulationOfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "valid_from", "valid_to"]
    list_filter = ["kind"]
    list_select_related = ["unit"]
    search_fields = ["name"]
    autocomplete_fields = ["unit"]
    inlines = [EmulationStafferInline]


@admin.register(EmulationStaffer)
class EmulationStafferAdmin(admin.ModelAdmin):
    list_display = ["full_name", "office", "gender", "birth_year", "training_level", "in_field_since", "left_on"]
    list_filter = ["office", "training_level", "gender"]
    list_select_related = ["office"]
    search_fields = ["full_name"]


@admin.register(DossierEvent)
class DossierEventAdmin(ProcessorOnlyMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """The log of every dossier's path: read, never written here."""

    list_display = ["at", "dossier", "action_column", "from_state", "to_state", "by", "reason"]
    list_filter = ["action", "to_state"]
    list_select_related = ["dossier__unit", "by"]
    date_hierarchy = "at"
    action_column = staticmethod(_action)
