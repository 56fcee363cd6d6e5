"""The back office of the commendation records.

Every write of a decision or its lines goes through the rule service (services.decision_save and
its named cases): the inline formset and the forms first run `decision_lines_check` in
validate-only mode, show refusals as errors naming the line, and show warnings with a
confirmation box that must be ticked (and, where a warning asks, a reason written on the line)
before anything is saved. A change of a field the rules read re-checks the whole list, however
long; a line is revoked on its own page, never deleted once revoked.

A decision entered from a news report may have no number or signing date: the form leaves them
empty (the record says "chưa rõ"), the changelist lists such decisions under "Thiếu số hoặc ngày
ký", and filling the date later checks the whole list against the rules of that date.

Every search here ignores accents, as the site search does: "co thi dua" finds "Cờ thi đua"."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters.models import Cluster, Person, Unit
from portal.core.locking import OptimisticLockAdminMixin
from portal.core.models import RecordAction, RecordLog
from portal.core.text import fold
from portal.core.withdrawal_admin import WithdrawAdminMixin

from . import imports, line_imports, selectors
from .drafts.views import DecisionDraftAdminMixin
from .models import (
    Award,
    AwardClass,
    AwardRule,
    BaseSalary,
    ClusterPact,
    Decision,
    DecisionLine,
    Household,
    IssuerRole,
    LineImport,
    Movement,
    MovementAttachment,
    MovementRegistration,
    MovementScope,
    ProposalMemo,
    RecordStatus,
    SourceKind,
)
from .rules import REVOCATION_BASIS, RULE_FIELDS, Problem
from .services import (
    decision_line_change,
    decision_line_delete,
    decision_line_revoke,
    decision_lines_check,
    decision_save,
    validate_revocation,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# a queued import not picked up within this time means no task worker is running
WORKER_LATE = timedelta(seconds=20)


def _searchable(model) -> bool:
    """Autocomplete needs the related admin to be registered with search fields (the clusters
    app registers Unit and Person; until it does, raw id inputs stand in)."""
    return admin.site.is_registered(model) and bool(admin.site.get_model_admin(model).search_fields)


def _lookup_fields(names_by_model: dict) -> tuple[list[str], list[str]]:
    autocomplete, raw = [], []
    for model, names in names_by_model.items():
        (autocomplete if model is None or _searchable(model) else raw).extend(names)
    return autocomplete, raw


class FoldedSearchMixin:
    """Admin search (and autocomplete) that ignores accents. Each word typed must be found in one
    of `search_fields`: folded (portal.core.text.fold) in a folded `search_text` column, so "co thi
    dua" finds "Cờ thi đua"; as typed in the others, so "163/QĐ-UBND" finds its number."""

    def get_search_results(self, request, queryset, search_term):
        fields = self.get_search_fields(request)
        if not search_term.strip() or not fields:
            return queryset, False
        for bit in smart_split(search_term):
            if bit[:1] in ('"', "'") and bit[-1:] == bit[:1]:
                bit = unescape_string_literal(bit)
            match = Q()
            for name in fields:
                if name.split("__")[-1] == "search_text":
                    match |= Q(**{f"{name}__contains": fold(bit)})
                else:
                    match |= Q(**{f"{name}__icontains": bit})
            queryset = queryset.filter(match)
        return queryset, any(lookup_spawns_duplicates(self.opts, name) for name in fields)


# --- catalogue ------------------------------------------------------------------------------------


class AwardClassInline(admin.TabularInline):
    model = AwardClass
    extra = 0


@admin.register(Award)
class AwardAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "code", "category", "subject_type", "level", "has_classes", "form_0603_column",
                    "counts_for_streak", "active"]
    list_filter = ["category", "subject_type", "level", "form_0603_column", "active"]
    search_fields = ["search_text", "code"]
    search_help_text = gettext_lazy("Part of the name or the code; accents optional (“co thi dua”).")
    inlines = [AwardClassInline]


@admin.register(IssuerRole)
class IssuerRoleAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "code", "level", "order"]
    search_fields = ["search_text", "code"]


@admin.register(AwardRule)
class AwardRuleAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["issuer_role", "award", "subject_type", "valid_from", "valid_to", "cash_multiplier", "legal_basis"]
    list_filter = ["issuer_role", "subject_type", "valid_from", "award__category"]
    list_select_related = ["issuer_role", "award"]
    search_fields = ["award__search_text", "issuer_role__search_text", "search_text"]
    autocomplete_fields = ["award", "issuer_role", "basis_document"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "amount", "legal_basis"]


class MovementAttachmentInline(admin.TabularInline):
    model = MovementAttachment
    fields = ["title", "file", "is_public", "order"]
    extra = 0


class MovementRegistrationInline(admin.TabularInline):
    """Read here; a unit files its registration in the back office (staff may correct it on its own page)."""

    model = MovementRegistration
    fields = ["unit", "registered_at", "registered_by", "content", "file"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ClusterPactInline(admin.TabularInline):
    model = ClusterPact
    fields = ["cluster_year", "signed_on", "text", "file", "filed_by"]
    readonly_fields = ["filed_by"]
    raw_id_fields = ["cluster_year"]
    extra = 0


@admin.register(Movement)
class MovementAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "form", "scope", "launched_by", "start_date", "end_date", "is_published", "is_sample"]
    list_filter = ["form", "scope", "is_published", "is_sample"]
    list_select_related = ["launched_by"]
    search_fields = ["search_text", "launch_document"]
    readonly_fields = ["slug"]
    filter_horizontal = ["awards"]
    inlines = [MovementAttachmentInline, ClusterPactInline, MovementRegistrationInline]

    def get_autocomplete_fields(self, request):
        return (_lookup_fields({Unit: ["launched_by"], None: ["launch_document_record"]})[0]
                + (["cluster"] if _cluster_searchable() else []))

    def get_raw_id_fields(self, request):
        return _lookup_fields({Unit: ["launched_by"]})[1]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "scope":
            # the old "ministry, sector or locality" value reads on old rows but is not offered anew
            kwargs["choices"] = MovementScope.current()
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_formset(self, request, form, formset, change):
        if formset.model is ClusterPact:
            for pact in formset.save(commit=False):
                pact.filed_by = pact.filed_by or request.user
                pact.save()
            for pact in formset.deleted_objects:
                pact.delete()
            return
        super().save_formset(request, form, formset, change)


@admin.register(MovementRegistration)
class MovementRegistrationAdmin(admin.ModelAdmin):
    list_display = ["movement", "unit", "registered_at", "registered_by"]
    list_filter = ["movement"]
    list_select_related = ["movement", "unit", "registered_by"]
    search_fields = ["movement__search_text", "unit__name"]
    readonly_fields = ["registered_at", "registered_by"]
    raw_id_fields = ["movement", "unit"]

    def save_model(self, request, obj, form, change):
        obj.registered_by = obj.registered_by or request.user
        super().save_model(request, obj, form, change)


@admin.register(ClusterPact)
class ClusterPactAdmin(admin.ModelAdmin):
    list_display = ["movement", "cluster_year", "signed_on", "filed_by"]
    list_filter = ["movement"]
    list_select_related = ["movement", "cluster_year__cluster", "filed_by"]
    search_fields = ["movement__search_text", "cluster_year__cluster__name"]
    readonly_fields = ["filed_by"]
    raw_id_fields = ["movement", "cluster_year"]

    def save_model(self, request, obj, form, change):
        obj.filed_by = obj.filed_by or request.user
        super().save_model(request, obj, form, change)


def _cluster_searchable() -> bool:
    return _searchable(Cluster)


@admin.register(ProposalMemo)
class ProposalMemoAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["number_text", "date", "submitting_unit", "cluster"]
    list_select_related = ["submitting_unit", "cluster"]
    search_fields = ["search_text", "number_text"]

    def get_autocomplete_fields(self, request):
        return _lookup_fields({Unit: ["submitting_unit"]})[0]

    def get_raw_id_fields(self, request):
        return _lookup_fields({Unit: ["submitting_unit"]})[1]


@admin.register(Household)
class HouseholdAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["head_name", "address", "commune"]
    list_select_related = ["commune"]
    search_fields = ["search_text", "address"]

    def get_raw_id_fields(self, request):
        return ["commune"]


# --- decisions ------------------------------------------------------------------------------------

DECISION_FIELDS = ["source_kind", "source_name", "source_url", "number", "symbol", "number_text", "signed_on",
                   "issuer_role", "issuer_unit", "signer_name", "signer_title", "signing_form", "subject_line",
                   "achievement_year", "award_type", "movement", "based_on", "legal_bases", "scan", "status",
                   "revoked_by",
                   "revoked_on", "is_published", "is_sample"]
DECISION_LINE_FIELDS = ["order", "subject_type", "person", "unit", "household", "name_text", "title_text",
                        "unit_text", "organisation", "award", "award_class", "reason", "person_category", "gender",
                        "is_small_collective", "is_enterprise", "member_count", "advanced_worker_share",
                        "posthumous", "cluster", "fund", "confirmation_reason"]
REVOCATION_FIELDS = ["status", "revoked_by", "revoked_on", "revocation_basis"]
LINES_PREFIX = "lines"  # the inline formset's prefix: the related name of the decision's lines


class DecisionLineForm(forms.ModelForm):
    """A line as typed. What the line must be is the model's one validation
    (DecisionLine.subject_errors); this form only fills the name from the chosen subject."""

    class Meta:
        model = DecisionLine
        fields = DECISION_LINE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "name_text" in self.fields:  # not on a view-only page (a revoked line)
            self.fields["name_text"].required = False
            self.fields["name_text"].help_text = gettext_lazy("Empty: copied from the chosen subject.")
            self.fields["order"].required = False  # numbered after the others on save

    def clean(self):
        data = super().clean()
        subject = data.get("person") or data.get("unit") or data.get("household")
        if not data.get("name_text") and subject is not None:
            data["name_text"] = subject.full_name if isinstance(subject, Person) else (
                subject.name if isinstance(subject, Unit) else subject.head_name)
        if not data.get("name_text"):
            self.add_error("name_text", _("Write the name as printed, or choose the subject."))
        if data.get("order") is None:
            data["order"] = 0
        return data

    def _update_errors(self, errors):
        # the model names the field at fault; one this form does not show is said above the line
        if hasattr(errors, "error_dict"):
            shown = {k: v for k, v in errors.error_dict.items() if k in self.fields or k == NON_FIELD_ERRORS}
            hidden = [m for k, v in errors.error_dict.items() if k not in shown for m in v]
            if hidden:
                shown.setdefault(NON_FIELD_ERRORS, []).extend(hidden)
            errors = ValidationError(shown)
        super()._update_errors(errors)


def _lines_from(formset) -> tuple[list, list, list, list]:
    """(kept forms, new lines, changed lines, lines to delete) of a valid inline formset."""
    kept, added, changed, deleted = [], [], [], []
    for form in formset.forms:
        if not getattr(form, "cleaned_data", None):
            continue
        if formset.can_delete and formset._should_delete_form(form):
            if form.instance.pk:
                deleted.append(form.instance)
            continue
        kept.append(form)
        if form.instance.pk is None:
            if form.has_changed():
                added.append(form.instance)
        elif form.has_changed():
            changed.append(form.instance)
    kept = [form for form in kept if form.instance.pk is not None or form.has_changed()]
    return kept, added, changed, deleted


class DecisionLineFormSet(BaseInlineFormSet):
    """Runs the rule service's check on the whole list before anything is saved; the decision
    admin then saves the list through the service, which checks it again."""

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        # the admin validates the decision form after building the formsets: read it only now
        parent = getattr(self.request, "_awards_decision_form", None)
        if parent is None or parent.errors or any(self.errors):
            return
        kept_forms, _added, changed, deleted = _lines_from(self)
        for form in kept_forms:
            if form.instance in changed and form.instance.status == RecordStatus.REVOKED:
                form.add_error(None, Problem("R11.line-already-revoked", _("A revoked line stays as it was revoked."),
                                             basis=REVOCATION_BASIS).text)
        if any(form.errors for form in kept_forms):
            raise ValidationError(_("A revoked line stays as it was revoked."))
        revoked = [line for line in deleted if line.status == RecordStatus.REVOKED]
        if revoked:
            raise ValidationError(Problem(
                "R11.revoked-line-kept", _("%(name)s's line is revoked: revoked lines stay on record and are never "
                                           "deleted.") % {"name": revoked[0].name_text}, basis=REVOCATION_BASIS).text)
        lines = [form.instance for form in kept_forms]
        check = decision_lines_check(decision=self.instance, lines=lines)
        for problem in check.errors:
            if problem.index is not None:
                kept_forms[problem.index].add_error(None, problem.text)
        if check.errors:
            raise ValidationError([str(p) for p in check.errors])
        unconfirmed = check.warnings if not parent.cleaned_data.get("confirm_warnings") else check.unreasoned(lines)
        if unconfirmed:
            parent.show_confirmation([str(w) for w in check.warnings])
            raise ValidationError(_("Read the warnings, tick “I confirm” under the decision (and write the reason on "
                                    "a line where one is asked) and save again."))
        self.lines_to_save = _lines_from(self)[1:]


class DecisionAdminForm(forms.ModelForm):
    confirm_warnings = forms.BooleanField(
        label=gettext_lazy("I confirm"), required=False, widget=forms.HiddenInput,
        help_text=gettext_lazy("I have read the warnings and the decision is lawful as entered."),
    )

    class Meta:
        model = Decision
        fields = DECISION_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_kind"].required = False  # not sent (a script, an old form): the decision itself
        self.saved = Decision.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None

    def clean_source_kind(self):
        return self.cleaned_data.get("source_kind") or SourceKind.DECISION

    def _get_validation_exclusions(self):
        # the year is copied from the signing date (not a form field) but belongs to the
        # number's unique key: keep that constraint checked here, as a form error
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("year")
        return exclusions

    def clean(self):
        data = super().clean()
        was_revoked = self.saved is not None and self.saved.is_revoked
        if was_revoked and data.get("status") == RecordStatus.IN_FORCE:
            self.add_error("status", _("A revoked decision stays revoked; if the revocation was itself annulled, "
                                       "record that decision."))
        elif data.get("status") == RecordStatus.REVOKED and not was_revoked:
            try:
                validate_revocation(target=self.instance, revoked_by=data.get("revoked_by"),
                                    revoked_on=data.get("revoked_on"))
            except ValidationError as error:
                self.add_error("revoked_on", error)
        return data

    def _post_clean(self):
        super()._post_clean()
        decision, saved = self.instance, self.saved
        if self.errors or saved is None or f"{LINES_PREFIX}-TOTAL_FORMS" in self.data:
            return
        # The list is too long for the inline (which would check it): when a field the rules read
        # changed (a date filled in, another authority or body, year or type), check the saved
        # lines with the new values here, as the service will.
        if not any(getattr(decision, name) != getattr(saved, name) for name in RULE_FIELDS):
            return
        lines = list(decision.lines.order_by("order", "pk"))
        check = decision_lines_check(decision=decision, lines=lines)
        if check.errors:
            self.add_error(None, [str(p) for p in check.errors])
        elif check.warnings and (not self.cleaned_data.get("confirm_warnings") or check.unreasoned(lines)):
            self.show_confirmation([str(w) for w in check.warnings])

    def show_confirmation(self, warnings: list[str]) -> None:
        self.fields["confirm_warnings"].widget = forms.CheckboxInput()
        self.add_error("confirm_warnings", warnings)


def _signed_in_db(decision_id) -> bool:
    """Whether the saved decision is signed (Decision.is_signed), whatever a form holds in memory:
    clearing the number in the same request does not open its lines to deletion."""
    return bool(decision_id) and Decision.objects.signed().filter(pk=decision_id).exists()


def _may_delete_lines_of(request, decision_id) -> bool:
    """Lines of a signed decision are history: staff change or revoke them, only a superuser
    deletes one (and the purge is logged). Lines of a record not yet signed stay deletable."""
    return (request.user.is_active and request.user.is_superuser) or not _signed_in_db(decision_id)


def _log_line_purges(request, lines) -> None:
    """A line of a signed decision deleted (by a superuser) leaves its name in the log."""
    signed = set(Decision.objects.signed().filter(pk__in={ln.decision_id for ln in lines}).values_list("pk", flat=True))
    RecordLog.objects.bulk_create([
        RecordLog(model=DecisionLine._meta.label, object_id=str(ln.pk),
                  object_repr=f"{ln.name_text} – {ln.decision}"[:300], action=RecordAction.PURGE,
                  by=request.user, reason=_("purged in the admin"))
        for ln in lines if ln.decision_id in signed])


def _line_lookups() -> tuple[list[str], list[str]]:
    return _lookup_fields({None: ["award", "household", "revoked_by"], Person: ["person"],
                           Unit: ["unit", "organisation"], Cluster: ["cluster"]})


class DecisionLineInline(admin.TabularInline):
    model = DecisionLine
    form = DecisionLineForm
    formset = DecisionLineFormSet
    fk_name = "decision"
    extra = 1
    # the columns needed to enter a list by hand; the rest (unit of work, posthumous, revocation) on
    # the line's own page, behind the change link
    fields = ["order", "subject_type", "person", "unit", "household", "name_text", "title_text", "unit_text",
              "award", "award_class", "reason", "person_category", "gender", "is_small_collective", "is_enterprise",
              "member_count", "advanced_worker_share", "cluster", "fund", "confirmation_reason", "status",
              "cash_amount"]
    readonly_fields = ["status", "cash_amount"]
    show_change_link = True
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(
            "person", "unit", "household", "organisation", "award", "award_class", "revoked_by")

    def has_delete_permission(self, request, obj=None):
        # `obj` is the decision: no "delete" box on the lines of a signed one, except for a superuser
        if obj is not None and not _may_delete_lines_of(request, obj.pk):
            return False
        return super().has_delete_permission(request, obj)

    def get_autocomplete_fields(self, request):
        return _line_lookups()[0]

    def get_raw_id_fields(self, request):
        return _line_lookups()[1]


class DecisionLineAdminForm(DecisionLineForm):
    """One line edited on its own page: checked with the rest of its decision's list, or revoked
    on its own (R11) with the decision that revokes it."""

    confirm_warnings = forms.BooleanField(
        label=gettext_lazy("I confirm"), required=False, widget=forms.HiddenInput,
        help_text=gettext_lazy("I have read the warnings and the decision is lawful as entered."),
    )

    class Meta(DecisionLineForm.Meta):
        fields = [*DECISION_LINE_FIELDS, *REVOCATION_FIELDS]

    def clean(self):
        data = super().clean()
        if self.errors or not self.instance.decision_id:
            return data
        if data.get("status") == RecordStatus.REVOKED:
            try:
                if not data.get("revoked_by") and not (data.get("revocation_basis") or "").strip():
                    raise ValidationError(_("Name the decision that revokes the line: choose it, or write its "
                                            "number and date."))
                validate_revocation(target=self.instance, revoked_by=data.get("revoked_by"),
                                    revoked_on=data.get("revoked_on"))
            except ValidationError as error:
                self.add_error("revoked_on", error)
            return data
        if data.get("revoked_by") or data.get("revoked_on") or data.get("revocation_basis"):
            self.add_error("status", _("Choose “revoked” to revoke the line."))
            return data
        self._post_clean_instance()
        decision = self.instance.decision
        others = list(decision.lines.exclude(pk=self.instance.pk).order_by("order", "pk"))
        lines = [*others, self.instance]
        check = decision_lines_check(decision=decision, lines=lines)
        mine = len(others)
        errors = [p.text for p in check.errors if p.index in (mine, None)]
        if errors:
            raise ValidationError(errors)
        warnings = [p for p in check.warnings if p.index in (mine, None)]
        if warnings and (not data.get("confirm_warnings") or check.unreasoned(lines)):
            self.fields["confirm_warnings"].widget = forms.CheckboxInput()
            self.add_error("confirm_warnings", [p.text for p in warnings])
        return data

    def _post_clean_instance(self):
        from django.forms.models import construct_instance

        construct_instance(self, self.instance, fields=self._meta.fields, exclude=self._meta.exclude)


@admin.register(DecisionLine)
class DecisionLineAdmin(FoldedSearchMixin, admin.ModelAdmin):
    """Look up lines across decisions (a person's awards, an award's lines), correct one, or revoke
    one on its own. New lines are added on their decision, or imported; every write goes through
    the rule service. A revoked line is kept as it was revoked: shown, never changed or deleted."""

    form = DecisionLineAdminForm
    actions = None  # no bulk delete: one line at a time, through the service
    list_display = ["name_text", "award", "award_class", "subject_type", "person_category", "decision", "status"]
    list_filter = ["award", "subject_type", "person_category", "is_small_collective", "status", "decision__year"]
    list_select_related = ["award", "award_class", "decision"]
    search_fields = ["search_text", "decision__number_text"]
    readonly_fields = ["decision", "cash_multiplier", "base_salary", "cash_amount"]
    fieldsets = [
        (None, {"fields": ["decision", *DECISION_LINE_FIELDS, "cash_multiplier", "base_salary", "cash_amount"]}),
        (gettext_lazy("Revocation of this line"), {
            "fields": REVOCATION_FIELDS,
            "description": gettext_lazy("To revoke this line alone, choose “revoked”, its date and the decision "
                                        "that revokes it (or write its number and date). The line stays on record."),
        }),
        (gettext_lazy("Confirmation"), {"fields": ["confirm_warnings"]}),
    ]

    def has_add_permission(self, request):
        return False

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj.saved_status = obj.status  # the form edits `status` in memory before the page is drawn
        return obj

    @staticmethod
    def _revoked(obj) -> bool:
        return obj is not None and getattr(obj, "saved_status", obj.status) == RecordStatus.REVOKED

    def has_change_permission(self, request, obj=None):
        if self._revoked(obj):
            return False  # history: shown as it was revoked
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._revoked(obj):
            return False
        if obj is not None and not _may_delete_lines_of(request, obj.decision_id):
            return False
        return super().has_delete_permission(request, obj)

    def get_autocomplete_fields(self, request):
        return _line_lookups()[0]

    def get_raw_id_fields(self, request):
        return _line_lookups()[1]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if data.get("status") == RecordStatus.REVOKED:
            obj.status, obj.revoked_by, obj.revoked_on, obj.revocation_basis = RecordStatus.IN_FORCE, None, None, ""
            if set(form.changed_data) - set(REVOCATION_FIELDS):
                decision_line_change(line=obj, confirm=True)  # checked by the form, warnings confirmed there
            decision_line_revoke(line=obj, revoked_by=data.get("revoked_by"), revoked_on=data["revoked_on"],
                                 basis=data.get("revocation_basis", ""))
        else:
            decision_line_change(line=obj, confirm=True)

    def delete_model(self, request, obj):
        _log_line_purges(request, [obj])
        decision_line_delete(line=obj)


INLINE_LIMIT = 300
MISSING = "missing"  # the query parameter of MissingFactsFilter


class MissingFactsFilter(admin.SimpleListFilter):
    """Decisions still missing what their source did not give: the list to work through when the
    decision itself turns up."""

    title = gettext_lazy("missing facts")
    parameter_name = MISSING

    def lookups(self, request, model_admin):
        return [("any", _("Missing number or signing date")), ("number", _("Missing number")),
                ("date", _("Missing signing date"))]

    def queryset(self, request, queryset):
        match self.value():
            case "any":
                return queryset.missing_number_or_date()
            case "number":
                return queryset.filter(number__isnull=True)
            case "date":
                return queryset.filter(signed_on__isnull=True)
        return queryset


@admin.register(Decision)
class DecisionAdmin(DecisionDraftAdminMixin, WithdrawAdminMixin, OptimisticLockAdminMixin, FoldedSearchMixin,
                    admin.ModelAdmin):
    """A decision and its attached list, saved through the rule service (services.decision_save):
    the form and the inline show its refusals and warnings first; the service checks again.

    Two editors cannot overwrite each other (portal.core.locking): a change of the list, by the
    inline, a line's page or an import, moves the decision's version too. Staff withdraw a
    decision (with a reason, logged, reversible) and never delete it; only a superuser purges."""

    form = DecisionAdminForm
    actions = ["withdraw_selected", "restore_selected"]
    inlines = [DecisionLineInline]
    list_display = ["number_column", "is_draft", "signed_on", "issuer_unit", "issuer_role", "award_type", "line_count",
                    "lines_checked", "status", "is_published", "is_sample"]
    list_filter = [MissingFactsFilter, "lines_unchecked", "source_kind", "year", "issuer_role", "award_type", "status",
                   "is_published", "is_sample"]
    list_select_related = ["issuer_unit", "issuer_role"]
    search_fields = ["search_text", "number_text"]
    search_help_text = gettext_lazy("Number, subject line, signer or source; accents optional.")
    empty_value_display = gettext_lazy("unknown")  # an empty date is one the source did not give
    date_hierarchy = "signed_on"
    readonly_fields = ["lines_unchecked"]
    radio_fields = {"source_kind": admin.HORIZONTAL}
    fieldsets = [
        (gettext_lazy("Source of this record"), {
            "fields": [("source_kind", "source_name"), "source_url"],
            "description": gettext_lazy(
                "What this record is taken from. A news report or a register may not give the number or the "
                "signing date: leave them empty, never guess; the public pages say “unknown”."),
        }),
        (None, {"fields": [("number", "symbol", "number_text"), "signed_on", ("issuer_role", "issuer_unit"),
                           ("signer_name", "signer_title", "signing_form"), "subject_line",
                           ("achievement_year", "award_type"), "movement", "based_on", "legal_bases", "scan"]}),
        (gettext_lazy("Status and publication"), {"fields": [("status", "revoked_by", "revoked_on"),
                                                              ("is_published", "is_sample"), "lines_unchecked"]}),
        (gettext_lazy("Confirmation"), {"fields": ["confirm_warnings"]}),
    ]
    change_form_template = "admin/awards/decision/change_form.html"
    change_list_template = "admin/awards/decision/change_list.html"

    @admin.display(description=gettext_lazy("number"), ordering="number")
    def number_column(self, obj):
        return obj.number_text or _("unknown")

    @admin.display(description=gettext_lazy("lines checked against the rules"), boolean=True,
                   ordering="lines_unchecked")
    def lines_checked(self, obj):
        return not obj.lines_unchecked

    def changelist_view(self, request, extra_context=None):
        # the way to the decisions still missing a fact, with how many there are (one count)
        extra_context = {"missing_count": Decision.objects.current().missing_number_or_date().count(),
                         "missing_param": MISSING, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_draft:
            # signing gives the number and date (the nominations app), and decides the nominee lines
            fields += ["number", "symbol", "number_text", "signed_on", "is_published"]
        return fields

    def get_autocomplete_fields(self, request):
        return _lookup_fields({None: ["issuer_role", "movement", "based_on", "revoked_by", "legal_bases"],
                               Unit: ["issuer_unit"]})[0]

    def get_raw_id_fields(self, request):
        return _lookup_fields({Unit: ["issuer_unit"]})[1]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_line_count=Count("lines"))

    def get_inlines(self, request, obj):
        # a list of thousands of lines is no form to edit in one page: it is imported, exported,
        # and corrected line by line
        if obj is not None and obj.lines.count() > INLINE_LIMIT:
            return []
        return super().get_inlines(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id and str(object_id).isdigit():
            count = DecisionLine.objects.filter(decision_id=object_id).count()
            if count > INLINE_LIMIT:
                extra_context["lines_url"] = (
                    reverse("admin:awards_decisionline_changelist") + f"?decision__id__exact={object_id}")
                extra_context["line_total"] = count
            # the user's imports still under way, to come back to
            extra_context["open_imports"] = list(LineImport.objects.filter(
                decision_id=object_id, created_by=request.user,
                state__in=[LineImport.State.QUEUED, LineImport.State.READING, LineImport.State.READY,
                           LineImport.State.SAVING]))
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=gettext_lazy("lines"), ordering="_line_count")
    def line_count(self, obj):
        return obj._line_count

    # the formset needs the (validated) decision form to ask for the confirmation on it
    def save_form(self, request, form, change):
        request._awards_decision_form = form
        return super().save_form(request, form, change)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, DecisionLineInline):
            kwargs["request"] = request
        return kwargs

    def save_model(self, request, obj, form, change):
        """Nothing yet: the decision and its list are written together by the service, in
        save_related, once the inline's lines are known."""

    def save_related(self, request, form, formsets, change):
        decision = form.instance
        added, changed, deleted = [], [], []
        for formset in formsets:
            if isinstance(formset, DecisionLineFormSet):
                added, changed, deleted = getattr(formset, "lines_to_save", None) or _lines_from(formset)[1:]
        if deleted:
            _log_line_purges(request, deleted)  # only a superuser gets here for a signed decision
        decision_save(decision=decision, add=added, change=changed, delete=deleted,
                      confirm=form.cleaned_data.get("confirm_warnings", False))
        form.save_m2m()
        for formset in formsets:
            # what the change message of the history reads (formset.save() would have set it)
            formset.new_objects, formset.deleted_objects = added, deleted
            formset.changed_objects = [
                (f.instance, f.changed_data) for f in formset.forms
                if f.instance.pk and f.instance in changed]
        if decision.lines_unchecked:
            messages.warning(request, _(
                "This decision has no signing date: its lines were saved without being checked against the rules "
                "of a period (who may award what, the cash). Fill the date when it is known; the check runs then."))


    # --- import and export of the attached list -------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import-template/", wrap(self.template_view), name="awards_decision_import_template"),
            path("<int:pk>/import-lines/", wrap(self.import_view), name="awards_decision_import"),
            path("<int:pk>/import-lines/<int:job_id>/", wrap(self.import_job_view),
                 name="awards_decision_import_job"),
            path("<int:pk>/export-lines/", wrap(self.export_view), name="awards_decision_export"),
        ] + super().get_urls()

    def _decision(self, request, pk, *, change=True) -> Decision:
        decision = get_object_or_404(Decision.objects.select_related("issuer_role", "issuer_unit"), pk=pk)
        check = self.has_change_permission if change else self.has_view_permission
        allowed = check(request, decision)
        if not allowed:
            raise PermissionDenied
        return decision

    def template_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        response = HttpResponse(imports.template_xlsx(), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="danh-sach-kem-theo-mau.xlsx"'
        return response

    def export_view(self, request, pk):
        decision = self._decision(request, pk, change=False)
        response = HttpResponse(imports.export_xlsx(decision, selectors.export_lines(decision)), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{decision.slug or "quyet-dinh"}.xlsx"'
        return response

    def _context(self, request, decision, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "decision": decision,
                "original": decision, "has_view_permission": True, **extra}

    def import_view(self, request, pk):
        decision = self._decision(request, pk)
        error = None
        if request.method == "POST":
            upload = request.FILES.get("file")
            if upload is None:
                error = _("Choose an Excel file.")
            else:
                try:
                    job = line_imports.start(decision=decision, upload=upload, user=request.user)
                except imports.ImportFileError as exc:
                    error = str(exc)
                else:
                    return HttpResponseRedirect(reverse("admin:awards_decision_import_job",
                                                        args=[decision.pk, job.pk]))
        return TemplateResponse(request, "admin/awards/decision/import_upload.html", self._context(
            request, decision, title=_("Import the attached list of %(decision)s") % {"decision": decision},
            error=error,
        ))

    def import_job_view(self, request, pk, job_id):
        """One page for the whole import: progress while the worker reads or saves, the preview
        when the rows are read, back to the decision once saved."""
        decision = self._decision(request, pk)
        job = LineImport.objects.filter(pk=job_id, decision=decision).first()
        if job is None or (job.created_by_id != request.user.pk and not request.user.is_superuser):
            messages.error(request, _("This import has expired or was already used; upload the file again."))
            return HttpResponseRedirect(reverse("admin:awards_decision_import", args=[decision.pk]))
        State = LineImport.State
        if job.state == State.DONE:
            messages.success(request, _("%(count)s lines were saved.") % {"count": job.saved_count})
            line_imports.cancel(job)  # seen: nothing more to keep
            return HttpResponseRedirect(reverse("admin:awards_decision_change", args=[decision.pk]))
        if job.state == State.CANCELLED:
            return HttpResponseRedirect(reverse("admin:awards_decision_import", args=[decision.pk]))
        if job.state == State.FAILED:
            return TemplateResponse(request, "admin/awards/decision/import_upload.html", self._context(
                request, decision, title=_("Import the attached list of %(decision)s") % {"decision": decision},
                error=job.message,
            ))
        if job.is_running:
            waiting = job.state == State.QUEUED and job.updated_at < timezone.now() - WORKER_LATE
            return TemplateResponse(request, "admin/awards/decision/import_progress.html", self._context(
                request, decision, title=_("Importing the attached list of %(decision)s") % {"decision": decision},
                job=job, waiting=waiting,
            ))
        choices = {int(k.removeprefix("choice-")): v for k, v in request.POST.items() if k.startswith("choice-")
                   and k.removeprefix("choice-").isdigit()}
        result = imports.preview(decision, job.rows or [], choices=choices)
        problem = job.message or None
        if request.method == "POST":
            action = request.POST.get("action")
            if action == "cancel":
                line_imports.cancel(job)
                messages.info(request, _("The import was cancelled; nothing was saved."))
                return HttpResponseRedirect(reverse("admin:awards_decision_change", args=[decision.pk]))
            problem = None
            if action in ("save_valid", "save_all"):  # else "check again" with the choices made
                valid_only = action == "save_valid"
                confirm = bool(request.POST.get("confirm_warnings"))
                problem = line_imports.check_save(result, valid_only=valid_only, confirm=confirm)
                if problem is None:
                    line_imports.request_save(job, valid_only=valid_only, confirm=confirm, choices=choices)
                    return HttpResponseRedirect(reverse("admin:awards_decision_import_job",
                                                        args=[decision.pk, job.pk]))
        return TemplateResponse(request, "admin/awards/decision/import_preview.html", self._context(
            request, decision, title=_("Check the attached list before saving"), preview=result, problem=problem,
            filename=job.filename,
        ))

