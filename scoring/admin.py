"""The province's scoring work in the admin (provincial staff): the types of cluster, the scoring
tables (edited, copied forward, imported from and exported to Excel), and each cluster-year's
scoring (started here, followed here, published here).

Every write goes through services.py. A table is fixed once a cluster scores with it: its page
turns read-only, and a save that still arrives (a page opened before the scoring started) is
refused by the services with their message, never an error page. Scorings, self-scores, scores,
adjustments and published results are never deleted: the record of a year stays whole."""

from __future__ import annotations

import re

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.imports import ImportFileError

from . import services, template_io
from .admin_forms import PublishForm, ScoreCorrectionForm, ScoringStartForm, TemplateCopyForm, TemplateImportForm
from .models import (
    ClusterType,
    Criterion,
    CriterionGroup,
    ResultRow,
    ScoreAdjustment,
    ScoreTemplate,
    Scoring,
    ScoringState,
    SheetState,
)

IMPORT_SALT = "scoring.template_import"
IMPORT_MAX_AGE = 2 * 60 * 60  # a preview left open over lunch still saves


def _locked(template: ScoreTemplate | None) -> bool:
    """Asked by every inline and field list of a page: one query per request object."""
    if template is None or template.pk is None:
        return False
    if not hasattr(template, "_is_locked"):
        template._is_locked = template.is_locked
    return template._is_locked


# A table's and a group's title and a scoring's state are labelled here in the pages' own words
# (Tên bảng, Tên nhóm, Trạng thái): the models' bare "title" and "state" once read "chức vụ" and
# "Nhà nước" through other apps' catalogs, and a generic word says less than these anyway.
TITLE_LABEL = gettext_lazy("Table title")
GROUP_TITLE_LABEL = gettext_lazy("Group title")
STATE_LABEL = gettext_lazy("State")


def _relabel(field, label):
    if field is not None:
        field.label = label
    return field


def _posted(request):
    # a POST with no fields (publishing the first version asks for nothing) is still a submitted form
    return request.POST if request.method == "POST" else None


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@admin.register(ClusterType)
class ClusterTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "certificate_count", "cluster_count"]
    search_fields = ["name"]
    filter_horizontal = ["clusters"]
    fields = ["name", "clusters", "certificate_count"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(cluster_total=Count("clusters", distinct=True))

    @admin.display(description=gettext_lazy("clusters and blocs"), ordering="cluster_total")
    def cluster_count(self, obj):
        return obj.cluster_total

    def has_delete_permission(self, request, obj=None):
        # a type whose tables exist is history (the tables PROTECT it anyway)
        if obj is not None and obj.templates.exists():
            return False
        return super().has_delete_permission(request, obj)


# --- the scoring tables ---------------------------------------------------------------------------


class LockedTemplateInline:
    """Read-only on a table a cluster scores with; writes go through the services."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _locked(obj) and super().has_delete_permission(request, obj)


class GroupFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        doomed = [form.instance.pk for form in self.deleted_forms if form.instance.pk]
        if doomed and Criterion.objects.filter(group_id__in=doomed).exists():
            # a group's criteria would go with it (CASCADE): the scores of a table are never lost silently
            raise ValidationError(_("A group that still holds criteria is not deleted: move its criteria to another "
                                    "group or delete them first."))


class CriterionFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "group" in form.fields:
            form.fields["group"].queryset = (CriterionGroup.objects.filter(template=self.instance)
                                             if self.instance.pk else CriterionGroup.objects.none())


class CriterionGroupInline(LockedTemplateInline, admin.TabularInline):
    model = CriterionGroup
    formset = GroupFormSet
    fields = ["order", "code", "title"]

    def get_fields(self, request, obj=None):
        return ["order", "code", "group_title"] if _locked(obj) else self.fields

    def get_readonly_fields(self, request, obj=None):
        return ["group_title"] if _locked(obj) else []

    @admin.display(description=GROUP_TITLE_LABEL)
    def group_title(self, obj):
        return obj.title

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        return _relabel(field, GROUP_TITLE_LABEL) if db_field.name == "title" else field


class CriterionInline(LockedTemplateInline, admin.TabularInline):
    model = Criterion
    formset = CriterionFormSet
    fields = ["order", "code", "title", "group", "kind", "max_points", "evidence_required", "guidance"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("guidance", "title") and field is not None:
            field.widget.attrs.update({"rows": 2, "cols": 40})
        if db_field.name == "group" and field is not None:
            field.help_text = _("Save a new group first, then choose it here.")
        return field


@admin.register(ScoreTemplate)
class ScoreTemplateAdmin(admin.ModelAdmin):
    list_display = ["table_title", "year", "cluster_type", "criterion_count", "in_use"]
    list_filter = ["year", "cluster_type"]
    list_select_related = ["cluster_type"]
    search_fields = ["title", "basis"]
    fields = ["cluster_type", "year", "title", "basis", "bonus_cap", "penalty_cap", "copied_from"]
    inlines = [CriterionGroupInline, CriterionInline]
    actions = ["copy_to_another_year"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            criterion_total=Count("criteria", distinct=True),
            locked=Exists(Scoring.objects.filter(template=OuterRef("pk"))))

    @admin.display(description=TITLE_LABEL, ordering="title")
    def table_title(self, obj):
        return obj.title

    @admin.display(description=gettext_lazy("criteria"), ordering="criterion_total")
    def criterion_count(self, obj):
        return obj.criterion_total

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        return _relabel(field, TITLE_LABEL) if db_field.name == "title" else field

    def get_fields(self, request, obj=None):
        if _locked(obj):
            return [("table_title" if name == "title" else name) for name in self.fields]
        return self.fields

    @admin.display(description=gettext_lazy("in use (fixed)"), boolean=True, ordering="locked")
    def in_use(self, obj):
        return obj.locked

    def get_readonly_fields(self, request, obj=None):
        if _locked(obj):
            return self.get_fields(request, obj)
        return ["copied_from"]

    def has_delete_permission(self, request, obj=None):
        return not _locked(obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        services.template_save(template=obj)

    def save_formset(self, request, form, formset, change):
        save, delete = {
            CriterionGroup: (lambda o: services.group_save(group=o), lambda o: services.group_delete(group=o)),
            Criterion: (lambda o: services.criterion_save(criterion=o),
                        lambda o: services.criterion_delete(criterion=o)),
        }[formset.model]
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete(obj)
        for obj in instances:
            save(obj)

    def delete_model(self, request, obj):
        services.template_delete(template=obj)

    def delete_queryset(self, request, queryset):
        for template in queryset:
            services.template_delete(template=template)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and _locked(obj):
                extra_context["locked_message"] = _(
                    "A cluster has started scoring with this table: it can no longer be changed. Copy it to a new "
                    "year instead.")
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:  # the services refused (the table was fixed meanwhile): nothing saved
            _error_messages(request, error)
            return HttpResponseRedirect(request.get_full_path())

    @admin.action(description=gettext_lazy("Copy to another year"))
    def copy_to_another_year(self, request, queryset):
        chosen = list(queryset.values_list("pk", flat=True)[:2])
        if len(chosen) != 1:
            messages.warning(request, _("Choose one table to copy."))
            return None
        return HttpResponseRedirect(reverse("admin:scoring_scoretemplate_copy", args=[chosen[0]]))

    # --- copy, export and import ---------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="scoring_scoretemplate_import"),
            path("example/", wrap(self.example_view), name="scoring_scoretemplate_example"),
            path("<int:pk>/import/", wrap(self.import_view), name="scoring_scoretemplate_import_into"),
            path("<int:pk>/export/", wrap(self.export_view), name="scoring_scoretemplate_export"),
            path("<int:pk>/copy/", wrap(self.copy_view), name="scoring_scoretemplate_copy"),
        ] + super().get_urls()

    def _template(self, request, pk, *, change: bool) -> ScoreTemplate:
        template = get_object_or_404(ScoreTemplate.objects.select_related("cluster_type"), pk=pk)
        allowed = (self.has_change_permission if change else self.has_view_permission)(request, template)
        if not allowed:
            raise PermissionDenied
        return template

    def _context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "has_view_permission": True,
                **extra}

    def copy_view(self, request, pk):
        template = self._template(request, pk, change=False)
        if not self.has_add_permission(request):
            raise PermissionDenied
        year = template.year + 1
        title = re.sub(rf"\b{template.year}\b", str(year), template.title)
        form = TemplateCopyForm(_posted(request), initial={"year": year, "title": title})
        if request.method == "POST" and form.is_valid():
            try:
                copy = services.template_copy(template=template, year=form.cleaned_data["year"],
                                              title=form.cleaned_data["title"])
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                self.log_addition(request, copy, [{"added": {}}])
                messages.success(request, _("The table was copied to %(year)s: edit it there.") % {"year": copy.year})
                return HttpResponseRedirect(reverse("admin:scoring_scoretemplate_change", args=[copy.pk]))
        return TemplateResponse(request, "admin/scoring/scoretemplate/copy.html", self._context(
            request, title=_("Copy %(table)s to another year") % {"table": template}, original=template, form=form))

    def export_view(self, request, pk):
        template = self._template(request, pk, change=False)
        response = HttpResponse(template_io.export_xlsx(template), content_type=template_io.XLSX)
        name = slugify(f"bang-diem-{template.cluster_type.name}-{template.year}", allow_unicode=False) or "bang-diem"
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response

    def example_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        response = HttpResponse(template_io.example_xlsx(), content_type=template_io.XLSX)
        response["Content-Disposition"] = 'attachment; filename="bang-diem-mau.xlsx"'
        return response

    def import_view(self, request, pk=None):
        template = None
        if pk is not None:
            template = self._template(request, pk, change=True)
            if _locked(template):
                messages.error(request, _("A cluster has started scoring with this table: its criteria can no "
                                          "longer be replaced. Copy it to a new year and import there."))
                return HttpResponseRedirect(reverse("admin:scoring_scoretemplate_change", args=[template.pk]))
        elif not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST" and request.POST.get("action") in ("confirm", "cancel"):
            return self._import_confirm(request, template)
        form = TemplateImportForm(request.POST or None, request.FILES or None, template=template)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                raw = template_io.read_table(upload)
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                payload = {"raw": raw, "user": request.user.pk, "template": template.pk if template else None,
                           "type": form.cleaned_data["cluster_type"].pk if template is None else None,
                           "year": form.cleaned_data.get("year")}
                return self._preview(request, template, template_io.check(raw), payload, upload.name)
        return TemplateResponse(request, "admin/scoring/scoretemplate/import_upload.html", self._context(
            request, title=self._import_title(template), original=template, form=form))

    @staticmethod
    def _import_title(template):
        if template is None:
            return _("Import a scoring table from Excel")
        return _("Replace the criteria of %(table)s from Excel") % {"table": template}

    def _preview(self, request, template, checked, payload, filename):
        target = None
        if template is None:
            cluster_type = ClusterType.objects.filter(pk=payload["type"]).first()
            target = _("a new table of “%(type)s” for %(year)s") % {"type": cluster_type, "year": payload["year"]}
        return TemplateResponse(request, "admin/scoring/scoretemplate/import_preview.html", self._context(
            request, title=_("Check the scoring table before saving"), original=template, checked=checked,
            payload=signing.dumps(payload, salt=IMPORT_SALT, compress=True), filename=filename, target=target))

    def _import_confirm(self, request, template):
        back = (reverse("admin:scoring_scoretemplate_import_into", args=[template.pk]) if template
                else reverse("admin:scoring_scoretemplate_import"))
        if request.POST.get("action") == "cancel":
            messages.info(request, _("The import was cancelled; nothing was saved."))
            return HttpResponseRedirect(back)
        try:
            payload = signing.loads(request.POST.get("payload", ""), salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
        except signing.BadSignature:
            payload = None
        if (payload is None or payload.get("user") != request.user.pk
                or payload.get("template") != (template.pk if template else None)):
            messages.error(request, _("This import has expired or was already used; upload the file again."))
            return HttpResponseRedirect(back)
        checked = template_io.check(payload["raw"])
        if not checked.is_valid:
            return self._preview(request, template, checked, payload, request.POST.get("filename", ""))
        cluster_type = None
        if template is None:
            cluster_type = ClusterType.objects.filter(pk=payload["type"]).first()
            if cluster_type is None:
                messages.error(request, _("This import has expired or was already used; upload the file again."))
                return HttpResponseRedirect(back)
        try:
            saved = template_io.apply(checked, template=template, cluster_type=cluster_type, year=payload["year"])
        except ValidationError as error:
            _error_messages(request, error)
            return HttpResponseRedirect(back)
        if template is None:
            self.log_addition(request, saved, [{"added": {}}])
        else:
            self.log_change(request, saved, _("Criteria replaced from Excel."))
        messages.success(request, _("The table was saved with %(count)s criteria.") % {"count": len(checked.rows)})
        return HttpResponseRedirect(reverse("admin:scoring_scoretemplate_change", args=[saved.pk]))


# --- a cluster-year's scoring ----------------------------------------------------------------------


class StateFilter(admin.ChoicesFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = STATE_LABEL


@admin.register(Scoring)
class ScoringAdmin(admin.ModelAdmin):
    """Started here, then followed: members score themselves and the leader compiles in the back
    office. Staff publish the results once the meeting has ranked."""

    def view_on_site(self, obj):
        # the public page answers only once a version is published
        return obj.get_absolute_url() if obj.results.exists() else None

    list_display = ["cluster_year", "template", "state_label", "deadline", "sheet_progress", "published_version"]
    list_filter = ["cluster_year__year", ("state", StateFilter), "template__cluster_type"]
    list_select_related = ["cluster_year__cluster", "template"]
    search_fields = ["cluster_year__cluster__name"]
    fields = ["cluster_year", "template", "state_label", "deadline", "closed_at", "ready_at", "compiled_visible",
              "meeting", "dossier"]
    readonly_fields = fields

    @admin.display(description=STATE_LABEL, ordering="state")
    def state_label(self, obj):
        return obj.get_state_display()

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            sheet_total=Count("sheets", distinct=True),
            sheets_submitted=Count("sheets", filter=Q(sheets__state=SheetState.SUBMITTED), distinct=True),
            latest_version=Max("results__version"))

    @admin.display(description=gettext_lazy("self-scores submitted"))
    def sheet_progress(self, obj):
        return f"{obj.sheets_submitted}/{obj.sheet_total}"

    @admin.display(description=gettext_lazy("published version"), ordering="latest_version")
    def published_version(self, obj):
        return obj.latest_version or "–"

    def has_add_permission(self, request):
        return services.is_publisher(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return False  # followed here; every step is a service behind a page of its own

    def has_delete_permission(self, request, obj=None):
        return False  # a year's scoring stays on record

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/publish/", wrap(self.publish_view), name="scoring_scoring_publish"),
            path("<int:pk>/adjust/", wrap(self.adjust_view), name="scoring_scoring_adjust"),
        ] + super().get_urls()

    def _context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "has_view_permission": True,
                **extra}

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ScoringStartForm(_posted(request))
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                scoring = services.scoring_start(cluster_year=data["cluster_year"], template=data["template"],
                                                 deadline=data["deadline"], user=request.user)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                self.log_addition(request, scoring, [{"added": {}}])
                messages.success(request, _("The scoring of %(year)s started: each member's officer can now score "
                                            "the unit.") % {"year": scoring.cluster_year})
                return HttpResponseRedirect(reverse("admin:scoring_scoring_change", args=[scoring.pk]))
        return TemplateResponse(request, "admin/scoring/scoring/start.html", self._context(
            request, title=_("Start a cluster-year's scoring"), form=form))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        scoring = self.get_object(request, unquote(object_id))
        extra_context = extra_context or {}
        if scoring is not None:
            extra_context.update(self._follow_up(request, scoring))
        return super().change_view(request, object_id, form_url, extra_context)

    @staticmethod
    def _follow_up(request, scoring) -> dict:
        """The sheets with their totals and final ranks, the adjustments and the published versions."""
        figures = services.totals(scoring)
        ranks = services.final_ranks(scoring)
        sheets = [(sheet, figures.get(sheet.unit_id), ranks.get(sheet.unit_id))
                  for sheet in scoring.sheets.select_related("unit")]
        adjustments = (ScoreAdjustment.objects.filter(entry__sheet__scoring=scoring)
                       .select_related("entry__criterion", "entry__sheet__unit", "by").order_by("at", "id"))
        results = scoring.results.select_related("published_by").prefetch_related(
            Prefetch("rows", queryset=ResultRow.objects.select_related("unit")))
        publishable = scoring.state in (ScoringState.RANKED, ScoringState.PUBLISHED)
        return {"sheets": sheets, "adjustments": list(adjustments), "results": list(results),
                "may_publish": publishable and services.is_publisher(request.user),
                "is_published": scoring.state == ScoringState.PUBLISHED}

    def adjust_view(self, request, pk):
        """A score changed by staff after publication (a finding of a later check): the entry is
        adjusted with its reason through the service, then a correction is published."""
        scoring = get_object_or_404(Scoring.objects.select_related("cluster_year__cluster", "template"), pk=pk)
        if not (self.has_view_permission(request, scoring) and services.is_publisher(request.user)):
            raise PermissionDenied
        form = ScoreCorrectionForm(_posted(request), scoring=scoring)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.criterion_adjust(user=request.user, sheet=data["sheet"], criterion=data["criterion"],
                                          points=data["points"], reason=data["reason"])
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                self.log_change(request, scoring, _("Score of %(unit)s on %(criterion)s adjusted.")
                                % {"unit": data["sheet"].unit.name, "criterion": data["criterion"]})
                messages.success(request, _("The score of %(unit)s is adjusted. Publish a correction to show it on "
                                            "the public page.") % {"unit": data["sheet"].unit.name})
                return HttpResponseRedirect(reverse("admin:scoring_scoring_change", args=[scoring.pk]))
        return TemplateResponse(request, "admin/scoring/scoring/adjust.html", self._context(
            request, title=_("Adjust a member's score"), original=scoring, form=form,
            adjustable=scoring.state == ScoringState.PUBLISHED))

    def publish_view(self, request, pk):
        scoring = get_object_or_404(Scoring.objects.select_related("cluster_year__cluster", "template"), pk=pk)
        if not (self.has_view_permission(request, scoring) and services.is_publisher(request.user)):
            raise PermissionDenied
        correction = scoring.results.exists()
        units = {s.unit_id: s.unit for s in scoring.sheets.select_related("unit")}
        kept = services.published_ranks(scoring)
        form = PublishForm(_posted(request), correction=correction,
                           ranks={units[unit_id]: rank for unit_id, rank in kept.items() if unit_id in units})
        if request.method == "POST" and form.is_valid():
            try:
                result = services.publish(user=request.user, scoring=scoring,
                                          reason=form.cleaned_data.get("reason", ""), ranks=form.ranks())
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                self.log_change(request, scoring, _("Results published (version %(version)s).")
                                % {"version": result.version})
                messages.success(request, _("Version %(version)s of the results is published.")
                                 % {"version": result.version})
                return HttpResponseRedirect(reverse("admin:scoring_scoring_change", args=[scoring.pk]))
        figures = services.submitted_totals(scoring)
        ranks = kept
        ranking = sorted(((rank, units.get(unit_id), figures.get(unit_id)) for unit_id, rank in ranks.items()),
                         key=lambda item: (item[0], str(item[1])))
        title = _("Publish a correction of the results") if correction else _("Publish the results")
        return TemplateResponse(request, "admin/scoring/scoring/publish.html", self._context(
            request, title=title, original=scoring, form=form, correction=correction, ranking=ranking,
            publishable=scoring.state in (ScoringState.RANKED, ScoringState.PUBLISHED)))

