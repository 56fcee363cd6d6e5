from django.contrib import admin
from django.shortcuts import redirect
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from portal.core.admin import ReadOnlyAdminMixin

from .audit import readable_changes
from .forms import AdminLoginForm
from .models import AuditEntry

# The admin's login is throttled like the site's.
admin.site.login_form = AdminLoginForm
_admin_login = admin.site.login


def login_or_back_office(request, extra_context=None):
    """The admin's login, except that an account that is not staff (a unit officer) goes to its
    own back office instead of a login form that would refuse it again and again."""
    response = _admin_login(request, extra_context)
    if request.user.is_authenticated and request.user.is_active and not request.user.is_staff:
        return redirect("backoffice:dashboard")
    return response


admin.site.login = login_or_back_office


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The history is read-only: it records what happened."""

    list_display = ["at", "actor_name", "source", "action", "content_type", "object_repr"]
    list_filter = ["action", "source", "content_type"]
    list_select_related = ["content_type"]
    search_fields = ["object_repr", "actor_name"]
    date_hierarchy = "at"
    fields = ["at", "actor_name", "source", "action", "content_type", "object_id", "object_repr", "change_list"]
    readonly_fields = fields

    @admin.display(description=_("changes"))
    def change_list(self, obj):
        # the same reading as the record page's history: labels, dd/mm/yyyy, names without ids
        return format_html_join("\n", "<p><strong>{}</strong>: {} → {}</p>", readable_changes(obj)) or "–"
