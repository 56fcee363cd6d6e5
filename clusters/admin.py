"""Back office for the cluster register. A year's member list is checked as a whole by the
service rules before anything is saved, so a wrong role comes back as a form error with the
rest of the input kept."""

import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.forms.models import BaseInlineFormSet, ModelForm
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.core.admin import ServerSlugAdminMixin
from portal.core.admin_filters import DefaultListFilter
from portal.core.formsets import VerboseUniqueFormSetMixin
from portal.core.locking import OptimisticLockAdminMixin
from portal.core.text import fold
from portal.core.withdrawal_admin import WithdrawAdminMixin

from . import services
from .models import (
    Cluster,
    ClusterMember,
    ClusterYear,
    Person,
    Position,
    Role,
    SelectionMethod,
    Succession,
    Unit,
    UnitName,
    UnitOfficer,
    UnitParent,
    role_label,
)
from .selectors import cluster_years_with_roles, role_holder_full_name


class FoldedSearchMixin:
    """Search also the accent-folded column, so "van lang" finds "Văn Lãng"."""

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            results = results | queryset.filter(search_text__contains=fold(search_term))
        return results, may_have_duplicates


class StillExistingFilter(DefaultListFilter):
    """Existing units by default: the districts ended in 2025 stay one click away."""

    title = _("existence")
    parameter_name = "existing"
    default = "yes"

    def lookups(self, request, model_admin):
        return [("yes", _("Still existing")), ("no", _("Ended")), ("all", _("All"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        value = self.current()
        if value == "yes":
            return queryset.still_existing(today)
        if value == "no":
            return queryset.filter(valid_to__lt=today)
        return queryset


class UnitNameInline(admin.TabularInline):
    model = UnitName
    extra = 0
    fields = ["name", "short_name", "valid_from", "valid_to", "legal_basis"]


class UnitParentInline(admin.TabularInline):
    model = UnitParent
    fk_name = "unit"
    extra = 0
    autocomplete_fields = ["parent"]
    fields = ["parent", "valid_from", "valid_to", "legal_basis"]


class SuccessorInline(admin.TabularInline):
    """Where the unit's duties went: one row for a merger into one unit, several for a split."""

    model = Succession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]
    fields = ["successor", "kind", "date", "legal_basis"]
    verbose_name = _("successor")
    verbose_name_plural = _("successors (mergers and splits)")


# Django's prepopulated slug script (urlify.js) has no Vietnamese map ("Đình Lập" → "djnh-lp"):
# slugs are left empty in the forms and made on the server by the models' save().
@admin.register(Unit)
class UnitAdmin(ServerSlugAdminMixin, FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "valid_to", "is_external", "is_sample"]
    list_filter = [StillExistingFilter, "kind", "admin_level", "is_external", "is_sample"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "slug"]
    autocomplete_fields = ["parent"]
    inlines = [UnitNameInline, UnitParentInline, SuccessorInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "admin_level", "parent", "is_external",
                           "is_sample"]}),
        (_("Existence"), {"fields": ["valid_from", "valid_to"]}),
    ]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 1
    autocomplete_fields = ["unit"]
    fields = ["title", "unit", "valid_from", "valid_to", "order"]


@admin.register(Person)
class PersonAdmin(ServerSlugAdminMixin, FoldedSearchMixin, admin.ModelAdmin):
    slug_source = "full_name"
    list_display = ["full_name", "gender", "birth_year", "is_sample"]
    list_filter = ["gender", "is_sample"]
    search_fields = ["full_name", "slug"]
    inlines = [PositionInline]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "unit", "valid_from", "valid_to"]
    list_select_related = ["person", "unit"]
    search_fields = ["person__full_name", "title", "unit__name"]
    autocomplete_fields = ["person", "unit"]


class ClusterYearInline(admin.TabularInline):
    """The cluster's years at a glance; each is edited on its own page (members and roles)."""

    model = ClusterYear
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["year", "leader_column", "deputy_column", "member_count_column", "is_sample"]
    readonly_fields = ["year", "leader_column", "deputy_column", "member_count_column", "is_sample"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return cluster_years_with_roles().order_by("-year")

    @admin.display(description=_("Leader"))
    def leader_column(self, obj):
        return obj.leader_name or "–"

    @admin.display(description=_("Deputy"))
    def deputy_column(self, obj):
        return obj.deputy_name or "–"

    @admin.display(description=_("Members"))
    def member_count_column(self, obj):
        return obj.member_count


@admin.register(Cluster)
class ClusterAdmin(OptimisticLockAdminMixin, ServerSlugAdminMixin, FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "organiser", "latest_year", "latest_leader", "latest_deputy", "valid_to",
                    "is_sample"]
    list_filter = ["kind", "level", "is_sample"]
    list_select_related = ["organiser"]
    search_fields = ["name", "aliases", "slug"]
    autocomplete_fields = ["organiser"]
    inlines = [ClusterYearInline]
    actions = ["start_next_year"]
    fieldsets = [
        (None, {"fields": ["kind", "name", "slug", "aliases", "number", "description", "is_sample"]}),
        (_("Formation"), {"fields": ["level", "organiser", "established_by", "established_on",
                                     "valid_from", "valid_to"]}),
    ]

    def get_queryset(self, request):
        latest = ClusterYear.objects.filter(cluster=OuterRef("pk")).order_by("-year")
        return super().get_queryset(request).annotate(
            latest_year_number=Subquery(latest.values("year")[:1]),
            latest_leader_name=Subquery(latest.annotate(n=role_holder_full_name(Role.LEADER)).values("n")[:1]),
            latest_deputy_name=Subquery(latest.annotate(n=role_holder_full_name(Role.DEPUTY)).values("n")[:1]),
        )

    def get_readonly_fields(self, request, obj=None):
        # The member rows copy the organiser for the one-cluster-per-organiser constraint;
        # once a cluster has years, moving it to another organiser is a deliberate data fix.
        if obj is not None and obj.years.exists():
            return ["organiser"]
        return []

    @admin.display(description=_("Latest year"), ordering="latest_year_number")
    def latest_year(self, obj):
        return obj.latest_year_number or "–"

    @admin.display(description=_("Leader"))
    def latest_leader(self, obj):
        return obj.latest_leader_name or "–"

    @admin.display(description=_("Deputy"))
    def latest_deputy(self, obj):
        return obj.latest_deputy_name or "–"

    @admin.action(description=_("Start a new year (copy the members of a chosen year)"))
    def start_next_year(self, request, queryset):
        """Asks which year to open (default: the year after the latest) and which year's members to
        copy, on a page of its own, one cluster at a time."""
        cluster = queryset.order_by("name").first()
        if queryset.count() > 1:
            self.message_user(request, gettext("Start new years one cluster at a time."), messages.WARNING)
        return redirect(reverse("admin:clusters_cluster_start_year", args=[cluster.pk]))

    def get_urls(self):
        return [
            path("<int:pk>/start-year/", self.admin_site.admin_view(self.start_year_view),
                 name="clusters_cluster_start_year"),
            *super().get_urls(),
        ]

    def start_year_view(self, request, pk):
        cluster = get_object_or_404(Cluster, pk=pk)
        if not self.has_change_permission(request, cluster):
            return redirect("admin:index")
        form = StartYearForm(request.POST or None, cluster=cluster)
        if request.method == "POST" and form.is_valid():
            source = form.cleaned_data["copy_from"]
            try:
                cluster_year = services.cluster_year_start(
                    cluster=cluster, year=form.cleaned_data["year"], copy_members=source is not None,
                    copy_from=source,
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                text = gettext(
                    "%(cluster_year)s started with %(count)s members copied from %(source)s, marked provisional "
                    "until you confirm the list."
                ) % {"cluster_year": cluster_year, "count": cluster_year.members.count(),
                     "source": source.year if source else "–"}
                suggestion = services.cluster_year_suggest_leader(cluster_year=cluster_year)
                if suggestion:
                    text += " " + gettext(
                        "Suggestion only: last year's deputy, %(unit)s, could lead this year. "
                        "Set the roles when decided."
                    ) % {"unit": suggestion}
                self.message_user(request, text, messages.SUCCESS)
                return redirect(reverse("admin:clusters_clusteryear_change", args=[cluster_year.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta, "original": cluster, "form": form,
            "title": gettext("Start a new year of %(cluster)s") % {"cluster": cluster},
        }
        return TemplateResponse(request, "admin/clusters/cluster/start_year.html", context)


class StartYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year to start"), min_value=1945, max_value=2200)
    copy_from = forms.ModelChoiceField(
        label=_("Copy the members of"), queryset=ClusterYear.objects.none(), required=False,
        empty_label=_("(start with no members)"),
        help_text=_("Copied units are provisional: they stay off the public pages until you confirm the list."),
    )

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, **kwargs)
        years = ClusterYear.objects.filter(cluster=cluster).order_by("-year")
        latest = years.first()
        self.fields["copy_from"].queryset = years
        self.fields["copy_from"].label_from_instance = lambda cy: str(cy.year)
        self.fields["year"].initial = (latest.year + 1) if latest else timezone.localdate().year
        self.fields["copy_from"].initial = latest.pk if latest else None


class ClusterMemberForm(ModelForm):
    class Meta:
        model = ClusterMember
        fields = ["unit", "role", "selection_method", "decision_number", "decision_date", "source_note", "order",
                  "valid_from", "valid_to", "is_provisional"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selection_method"].choices = [("", "—")] + SelectionMethod.choices
        kind = getattr(getattr(self.instance, "cluster_year", None), "cluster", None)
        if kind is not None:
            # "Trưởng khối" in a khối's year
            self.fields["role"].choices = [(r, role_label(r, kind.kind)) for r in Role.values]

    def _get_validation_exclusions(self):
        # Role rules are checked by the formset on the whole year's list (a leader may move from
        # one row to another in a single save), not row by row against the database.
        return super()._get_validation_exclusions() | {"role"}


class ClusterMemberFormSet(VerboseUniqueFormSetMixin, BaseInlineFormSet):
    """Checks the year's complete member list with the service rules before anything is saved."""

    def clean(self):
        super().clean()
        cluster_year = self.instance
        if any(self.errors) or not cluster_year.cluster_id or not cluster_year.year:
            return
        rows = []
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            if form.instance.unit_id is None:
                continue
            rows.append((form, form.instance))
        problems = services.cluster_year_member_problems(
            cluster_year=cluster_year, members=[member for _form, member in rows]
        )
        by_member = {id(member): form for form, member in rows}
        general = []
        for problem in problems:
            form = by_member.get(id(problem.member)) if problem.member is not None else None
            if form is not None:
                form.add_error(problem.field, problem.message)  # shown on the offending row
            else:
                general.append(problem.message)
        if general:
            raise ValidationError(general)


class ClusterMemberInline(admin.TabularInline):
    model = ClusterMember
    form = ClusterMemberForm
    formset = ClusterMemberFormSet
    extra = 3
    autocomplete_fields = ["unit"]
    fields = ["order", "unit", "role", "selection_method", "decision_number", "decision_date", "source_note",
              "valid_from", "valid_to", "is_provisional"]

    class Media:
        css = {"all": ["css/clusters-admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit")


YEAR_IN_TERM = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")


@admin.register(ClusterYear)
class ClusterYearAdmin(WithdrawAdminMixin, OptimisticLockAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "year", "leader_column", "deputy_column", "member_count_column", "is_sample"]
    list_filter = ["year", "cluster", "is_sample"]
    search_fields = ["cluster__name", "cluster__aliases"]
    search_help_text = _("A year, a name or another name of the cluster; accents optional (“bien gioi 2023”).")
    autocomplete_fields = ["cluster"]
    inlines = [ClusterMemberInline]
    readonly_fields = ["suggested_leader"]
    actions = ["confirm_members", "withdraw_selected", "restore_selected"]

    def get_search_results(self, request, queryset, search_term):
        # Autocompletes and the list find "2023", "bien gioi" or both: a year in the term matches
        # the year, the rest the cluster's folded names.
        term = search_term.strip()
        if not term:
            return queryset, False
        years = YEAR_IN_TERM.findall(term)
        words = fold(YEAR_IN_TERM.sub(" ", term)).strip()
        if years:
            queryset = queryset.filter(year__in=[int(y) for y in years])
        if words:
            queryset = queryset.filter(cluster__search_text__contains=words)
        return queryset.order_by("-year", "cluster__name"), False

    @admin.action(description=_("Confirm the carried-over member list"))
    def confirm_members(self, request, queryset):
        count = sum(services.cluster_year_confirm_members(cluster_year=cy) for cy in queryset)
        self.message_user(request, gettext("%(count)s provisional members confirmed.") % {"count": count},
                          messages.SUCCESS)

    def get_queryset(self, request):
        return cluster_years_with_roles()

    def get_fields(self, request, obj=None):
        fields = ["cluster", "year", "is_sample", "note"]
        return fields + ["suggested_leader"] if obj is not None else fields

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            pending = obj.members.filter(is_provisional=True).count()
            if pending and request.method == "GET":
                self.message_user(request, gettext(
                    "%(count)s members were carried over from another year and are provisional: untick "
                    "“provisional” on each, or use the list's action “Confirm the carried-over member list”."
                ) % {"count": pending}, messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_readonly_fields(self, request, obj=None):
        # The year and cluster are copied onto every member row; change them by starting anew.
        if obj is not None:
            return ["cluster", "year", "suggested_leader"]
        return []

    @admin.display(description=_("Leader"), ordering="leader_name")
    def leader_column(self, obj):
        return obj.leader_name or "–"

    @admin.display(description=_("Deputy"), ordering="deputy_name")
    def deputy_column(self, obj):
        return obj.deputy_name or "–"

    @admin.display(description=_("Members"), ordering="member_count")
    def member_count_column(self, obj):
        return obj.member_count

    @admin.display(description=_("Suggested leader"))
    def suggested_leader(self, obj):
        if obj is None or obj.pk is None or obj.members.filter(role=Role.LEADER).exists():
            return "–"
        unit = services.cluster_year_suggest_leader(cluster_year=obj)
        if unit is None:
            return "–"
        return format_html(
            "{} <span class=\"help\">{}</span>", unit,
            gettext("(last year's deputy; a habit, not a rule)"),
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is ClusterMember:
            changed_roles = [
                f.instance.pk for f in formset.forms
                if f.instance.pk and ("role" in f.changed_data or f in formset.deleted_forms)
            ]
            services.cluster_year_release_changed_roles(cluster_year=form.instance, member_ids=changed_roles)
        super().save_formset(request, form, formset, change)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class ClusterYearForm(form_class):
            def clean(self):
                cleaned = super().clean()
                cluster, year = cleaned.get("cluster"), cleaned.get("year")
                if cluster and year:
                    for message in services.cluster_year_period_problems(cluster=cluster, year=year):
                        self.add_error("year", message)
                return cleaned

        return form_class if obj is not None else ClusterYearForm


@admin.register(UnitOfficer)
class UnitOfficerAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "created_at"]
    list_select_related = ["user", "unit"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]

