"""Staff screens: the layouts of the blanks (with a preview over the scan), printer profiles, the
print log and the register (both read-only), and the print page that the decision and line lists
send their selections to (“In giấy khen/bằng khen”).

The awards admin is not edited for this: the print action is added to the registered decision
admin's actions, and the line admin, which has no actions at all on purpose (no bulk delete:
lines are deleted one by one through the rule service), is registered again as a subclass that
offers the print action and nothing else."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

import awards.admin  # noqa: F401  (registers Decision and DecisionLine first: this module extends them)
from awards.models import Decision, DecisionLine
from portal.core.files import protect_download

from . import samples, selectors, services
from .models import (
    CertificateLayout,
    CertificateNumber,
    CertificatePrint,
    CertificatePrintItem,
    LayoutField,
    PrinterProfile,
)
from .render import render
from .texts import certificate_page, line_texts

PRINT_PERMISSION = "certificates.add_certificateprint"


def may_print(user) -> bool:
    """Staff allowed to print and to read decision lines; unit officers and the public never."""
    return bool(user.is_active and user.is_staff and user.has_perm(PRINT_PERMISSION)
                and user.has_perm("awards.view_decisionline"))


def _pdf_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body)
    protect_download(response, filename, attachment=True)
    response["Cache-Control"] = "private, no-store"
    return response


# --- layouts ---------------------------------------------------------------------------------------

class LayoutFieldInline(admin.TabularInline):
    model = LayoutField
    extra = 0
    fields = ["order", "source", "text", "prefix", "x_mm", "y_mm", "width_mm", "height_mm", "font_size",
              "min_font_size", "bold", "italic", "uppercase", "align"]


@admin.register(CertificateLayout)
class CertificateLayoutAdmin(admin.ModelAdmin):
    inlines = [LayoutFieldInline]
    list_display = ["name", "kind", "award", "issuer_role", "page_column", "active", "is_sample", "preview_link"]
    list_filter = ["kind", "active", "is_sample"]
    list_select_related = ["award", "issuer_role"]
    search_fields = ["name"]
    readonly_fields = ["preview_link"]
    fieldsets = [
        (None, {"fields": ["name", ("kind", "award", "issuer_role"), ("active", "is_sample"), "note"]}),
        (_("The blank"), {
            "fields": [("width_mm", "height_mm", "orientation"), "blank_scan", "preview_link"],
            "description": _("Measure every box in millimetres from the top-left corner of the blank as it lies in "
                             "the printer. The preview draws the boxes over the scan with a sample certificate."),
        }),
    ]

    @admin.display(description=_("page (mm)"))
    def page_column(self, obj):
        width, height = obj.page_size_mm
        return f"{width:g} × {height:g}"

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if not obj or not obj.pk:
            return "–"
        url = reverse("admin:certificates_certificatelayout_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Preview (PDF)"))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [path("<int:pk>/preview.pdf", wrap(self.preview_view), name="certificates_certificatelayout_preview"),
                ] + super().get_urls()

    def preview_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        layout = get_object_or_404(CertificateLayout.objects.select_related("award"), pk=pk)
        fields = list(layout.fields.order_by("order", "id"))
        line = None
        if request.GET.get("line", "").isdigit() and request.user.has_perm("awards.view_decisionline"):
            line = selectors.printable_lines(line_ids=[int(request.GET["line"])]).first()
        if line is not None:
            number = selectors.existing_number(line)
            texts = line_texts(line, register_number=number.display if number else samples.REGISTER_NUMBER)
        else:
            texts = samples.texts(layout)
        background = None
        if layout.blank_scan:
            with layout.blank_scan.open("rb") as scan:
                background = scan.read()
        page = certificate_page(layout, fields, texts, label=layout.name, background=background)
        body = render([page], preview=True, title=gettext("Preview: %(layout)s") % {"layout": layout.name})
        return _pdf_response(body, f"xem-truoc-mau-{layout.pk}.pdf")


@admin.register(PrinterProfile)
class PrinterProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "x_offset_mm", "y_offset_mm", "note"]
    search_fields = ["name"]


# --- the log and the register: written by printing only ------------------------------------------

class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the register's numbers are never freed, the log never rewritten


class PrintItemInline(admin.TabularInline):
    model = CertificatePrintItem
    fields = ["line", "certificate", "is_reprint", "layout"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PrintForm(forms.Form):
    profile = forms.ModelChoiceField(
        PrinterProfile.objects.all(), required=False, label=_("Printer profile"),
        empty_label=_("no calibration (offsets 0)"),
        help_text=_("The printer's calibration moves every text by its offsets."),
    )


@admin.register(CertificatePrint)
class CertificatePrintAdmin(ReadOnlyAdmin):
    inlines = [PrintItemInline]
    list_display = ["printed_at", "printed_by", "profile_name", "certificate_count", "reprint_count"]
    list_filter = ["printed_at"]
    fields = ["printed_at", "printed_by", "profile_name", "x_offset_mm", "y_offset_mm"]
    readonly_fields = fields

    def get_queryset(self, request):
        from django.db.models import Count, Q

        return super().get_queryset(request).select_related("printed_by").annotate(
            certificates=Count("items"), reprints=Count("items", filter=Q(items__is_reprint=True)))

    @admin.display(description=_("certificates"), ordering="certificates")
    def certificate_count(self, obj):
        return obj.certificates

    @admin.display(description=_("of which reprints"), ordering="reprints")
    def reprint_count(self, obj):
        return obj.reprints

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [path("print/", wrap(self.print_view), name="certificates_certificateprint_print")] + super().get_urls()

    def print_view(self, request):
        """The lines chosen (?lines=…) or whole decisions (?decisions=…): their certificates'
        state, a printer profile to choose, and the PDF on submit."""
        if not may_print(request.user):
            raise PermissionDenied  # before any read
        line_ids, decision_ids = _ids(request.GET.get("lines")), _ids(request.GET.get("decisions"))
        lines = list(selectors.printable_lines(line_ids=line_ids, decision_ids=decision_ids))
        if not lines:
            raise Http404
        form = PrintForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                pdf, job = services.certificates_print(lines=lines, profile=form.cleaned_data["profile"],
                                                       user=request.user)
            except services.PrintRefused as refused:
                for message in refused.messages:
                    messages.error(request, message)
            else:
                return _pdf_response(pdf, f"in-giay-khen-bang-khen-{job.pk}.pdf")
        plan = services.print_plan(lines)
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta, "title": gettext("Print certificates"),
            "plan": plan, "form": form, "printable": not any(item.problem for item in plan),
            "first_count": sum(1 for item in plan if not item.is_reprint),
            "reprint_count": sum(1 for item in plan if item.is_reprint),
        }
        return TemplateResponse(request, "admin/certificates/print.html", context)


@admin.register(CertificateNumber)
class CertificateNumberAdmin(ReadOnlyAdmin):
    list_display = ["display_column", "kind", "name_text", "award_text", "decision_text", "assigned_at"]
    list_filter = ["kind", "year"]
    search_fields = ["name_text", "decision_text"]
    fields = ["kind", "year", "number", "line", "name_text", "award_text", "decision_text", "assigned_at",
              "assigned_by"]
    readonly_fields = fields

    @admin.display(description=_("number"), ordering="number")
    def display_column(self, obj):
        return obj.display


def _ids(value) -> list[int]:
    return [int(part) for part in (value or "").split(",") if part.strip().isdigit()][:2000]


# --- “In giấy khen/bằng khen” from the decisions and the lines ----------------------------------

def _to_print_page(ids_name: str, queryset) -> HttpResponseRedirect:
    ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True)[:2000])
    return HttpResponseRedirect(f"{reverse('admin:certificates_certificateprint_print')}?{urlencode({ids_name: ids})}")


# on the lists (a selection) and on each record's own page (the whole decision, or one line)
WHERE = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]


@admin.action(description=_("Print certificates (Bằng khen, Giấy khen)"), location=WHERE)
def print_decisions(modeladmin, request, queryset):
    if not may_print(request.user):
        raise PermissionDenied
    return _to_print_page("decisions", queryset)


@admin.action(description=_("Print certificates (Bằng khen, Giấy khen)"), location=WHERE)
def print_lines(modeladmin, request, queryset):
    if not may_print(request.user):
        raise PermissionDenied
    return _to_print_page("lines", queryset)


def _add_print_actions(site) -> None:
    decision_admin = site._registry.get(Decision)
    if decision_admin is not None and print_decisions not in (decision_admin.actions or []):
        decision_admin.actions = [*(decision_admin.actions or []), print_decisions]
    line_admin = site._registry.get(DecisionLine)
    if line_admin is not None and not isinstance(line_admin, PrintableLineAdminMixin):
        site.unregister(DecisionLine)
        site.register(DecisionLine, type("PrintableDecisionLineAdmin", (PrintableLineAdminMixin, type(line_admin)),
                                         {"__module__": __name__}))


class PrintableLineAdminMixin:
    actions = [print_lines]

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)  # lines are deleted one by one through the rule service
        if not may_print(request.user):
            actions.pop("print_lines", None)
        return actions


_add_print_actions(admin.site)
