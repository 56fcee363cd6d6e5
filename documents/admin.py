from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from portal.core.admin import ServerSlugAdminMixin
from portal.core.locking import OptimisticLockAdminMixin
from portal.core.pending import PendingUploadAdminMixin, PendingUploadFormMixin
from portal.core.text import fold

from .models import LINK_HEADINGS, Document, DocumentLink, DocumentStatus


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else str(_("unknown"))


class DocumentLinkInline(admin.TabularInline):
    """The links this document makes; the links others make to it are listed read-only above."""

    model = DocumentLink
    fk_name = "from_document"
    extra = 0
    fields = ["kind", "to_document", "date", "note"]
    autocomplete_fields = ["to_document"]
    verbose_name = _("link to another document")
    verbose_name_plural = _("links to other documents (this document replaces, amends, guides or cites them)")


class StatusListFilter(admin.SimpleListFilter):
    """By the computed status (the change list is annotated, see DocumentAdmin.get_queryset)."""

    title = _("legal status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(value, capfirst(label)) for value, label in DocumentStatus.choices]

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


class DocumentAdminForm(PendingUploadFormMixin, forms.ModelForm):
    """The full text chosen before a refused save is kept (portal.core.pending)."""

    class Meta:
        model = Document
        fields = ["kind", "number", "title", "slug", "issuer_name", "issuer_unit", "signer", "signed_on",
                  "effective_on", "expires_on", "year", "summary", "summary_by_us", "source_note", "file",
                  "is_published", "is_sample"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "source_note": forms.TextInput(attrs={"size": 80})}


@admin.register(Document)
class DocumentAdmin(PendingUploadAdminMixin, ServerSlugAdminMixin, OptimisticLockAdminMixin, admin.ModelAdmin):
    form = DocumentAdminForm
    slug_source = "slug_text"
    list_display = ["display_title", "kind", "issuer_name", "signed_column", "effective_column", "status_column",
                    "is_published", "is_sample"]
    list_filter = ["kind", StatusListFilter, "year", "is_published", "summary_by_us", "is_sample"]
    list_select_related = ["issuer_unit"]
    search_fields = ["search_text"]
    search_help_text = _("Number, subject line, issuing body, signer or summary; accents optional "
                         "(“nghi dinh 152”).")
    autocomplete_fields = ["issuer_unit"]
    readonly_fields = ["status_display", "links_in_display", "published_at", "created_by", "updated_by"]
    fieldsets = [
        (None, {"fields": ["kind", "number", "title", "slug"]}),
        (_("Issuer and signer"), {"fields": ["issuer_name", "issuer_unit", "signer"]}),
        (_("Dates"), {"fields": ["signed_on", "effective_on", "expires_on", "year", "status_display"],
                      "description": _("Leave a date empty while it is not known: the site shows “chưa rõ”. "
                                       "The status is computed from the dates and the links, never typed.")}),
        (_("Content"), {"fields": ["summary", "summary_by_us", "source_note", "file"]}),
        (_("Links from other documents"), {"fields": ["links_in_display"]}),
        (_("Publication on the site"), {"fields": ["is_published", "is_sample", "published_at", "created_by",
                                                   "updated_by"]}),
    ]
    inlines = [DocumentLinkInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    @admin.display(description=_("legal document"), ordering="sort_date")
    def display_title(self, obj):
        return obj.display_title

    @admin.display(description=_("signing date"), ordering="signed_on")
    def signed_column(self, obj):
        return _day(obj.signed_on)

    @admin.display(description=_("effective date"), ordering="effective_on")
    def effective_column(self, obj):
        return _day(obj.effective_on)

    @admin.display(description=_("legal status"), ordering="status")
    def status_column(self, obj):
        return DocumentStatus(obj.status).label

    @admin.display(description=_("legal status today"))
    def status_display(self, obj):
        if not obj or not obj.pk:
            return _("computed once saved")
        return DocumentStatus(getattr(obj, "status", DocumentStatus.UNKNOWN)).label

    @admin.display(description=_("linked from"))
    def links_in_display(self, obj):
        if not obj or not obj.pk:
            return "–"
        rows = obj.links_in.select_related("from_document").order_by("kind", "id")
        return format_html_join(
            mark_safe("<br>"), "{}: {}{}",
            ((LINK_HEADINGS[link.kind][1], link.from_document.display_title,
              format_html(" ({})", _day(link.date)) if link.date else "") for link in rows),
        ) or "–"

    def get_search_results(self, request, queryset, search_term):
        # The folded column lets "nghi dinh 152" find "Nghị định số 152/2025/NĐ-CP"; the
        # autocomplete of other records' document fields searches the same way.
        terms = fold(search_term).split()
        for term in terms[:8]:
            queryset = queryset.filter(search_text__contains=term)
        return queryset, False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.slug else None

