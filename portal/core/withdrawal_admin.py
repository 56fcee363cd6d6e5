"""The admin side of withdrawal (portal.core.withdrawal): staff withdraw and restore with a
reason; only superusers delete, and a delete is a logged purge."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .admin_filters import DefaultListFilter
from .withdrawal import record_purge, record_restore, record_withdraw


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawal"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Kept in the log; the record can be restored at any time."))


class WithdrawnFilter(DefaultListFilter):
    title = _("withdrawn")
    parameter_name = "withdrawn"
    default = "no"

    def lookups(self, request, model_admin):
        return [("no", _("In use")), ("yes", _("Withdrawn")), ("all", _("All"))]

    def queryset(self, request, queryset):
        value = self.current()
        if value == "no":
            return queryset.filter(withdrawn_at__isnull=True)
        if value == "yes":
            return queryset.filter(withdrawn_at__isnull=False)
        return queryset


class WithdrawAdminMixin:
    """Staff withdraw and restore; only superusers delete (purge), and every purge is logged."""

    def get_list_filter(self, request):
        return [WithdrawnFilter, *super().get_list_filter(request)]

    # Django's "delete selected" action asks this too, so staff never see it.
    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def delete_model(self, request, obj):
        record_purge(obj=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record_purge(obj=obj, by=request.user)

    @admin.action(description=_("Withdraw the selected records (with a reason)"))
    def withdraw_selected(self, request, queryset):
        form = WithdrawForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            count = 0
            for obj in queryset:
                record_withdraw(obj=obj, by=request.user, reason=form.cleaned_data["reason"])
                count += 1
            self.message_user(request, ngettext("%(count)s record withdrawn.", "%(count)s records withdrawn.",
                                                count) % {"count": count}, messages.SUCCESS)
            return None
        return TemplateResponse(request, "admin/withdraw_confirmation.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
            "queryset": queryset, "action": "withdraw_selected",
            "title": gettext("Withdraw records"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })

    @admin.action(description=_("Restore the selected withdrawn records"))
    def restore_selected(self, request, queryset):
        count = 0
        for obj in queryset.filter(withdrawn_at__isnull=False):
            record_restore(obj=obj, by=request.user)
            count += 1
        self.message_user(request, ngettext("%(count)s record restored.", "%(count)s records restored.",
                                            count) % {"count": count}, messages.SUCCESS)
        return redirect(request.get_full_path())
