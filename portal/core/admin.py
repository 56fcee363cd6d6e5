import copy

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .forms import VietnameseSlugField
from .models import PathRedirect, RecordLog, User
from .permissions import TranslatedPermissionsMixin
from .services import path_redirect_record
from .text import unique_slug


@admin.register(User)
class UserAdmin(TranslatedPermissionsMixin, BaseUserAdmin):
    list_display = ["username", "full_name", "email", "is_staff", "is_active", "last_login"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "first_name", "last_name", "email"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(TranslatedPermissionsMixin, BaseGroupAdmin):
    pass


class ReadOnlyAdminMixin:
    """For logs (state transitions, change history): viewed in the admin, never written there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServerSlugAdminMixin:
    """Slugs made on the server, never by the admin's prepopulated-slug script: urlify.js has no
    Vietnamese map and saved "Huyện Đình Lập" as `huyn-djnh-lp`. So no `prepopulated_fields`.

    The slug box is optional. Left empty, the slug is made from `slug_source` with unique_slug;
    typed, it is normalised with vn_slugify ("Cụm thi đua số 2" -> `cum-thi-dua-so-2`). When the
    slug of a saved record changes, its old address answers 301 to the new one (for models
    with get_absolute_url).

        class UnitAdmin(ServerSlugAdminMixin, admin.ModelAdmin):
            slug_source = "name"
    """

    slug_source = "name"
    slug_field = "slug"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == self.slug_field:
            kwargs["form_class"] = VietnameseSlugField
            kwargs["required"] = False
            if not db_field.help_text:
                kwargs["help_text"] = _("Made from the name when left empty; the record's web address.")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        saved_slug = form.initial.get(self.slug_field) if change else None
        old_path = self._path_with_slug(obj, saved_slug) if saved_slug else None
        if not getattr(obj, self.slug_field):
            max_length = obj._meta.get_field(self.slug_field).max_length
            setattr(obj, self.slug_field, unique_slug(
                type(obj), getattr(obj, self.slug_source), field=self.slug_field, instance=obj, max_length=max_length,
            ))
        super().save_model(request, obj, form, change)
        if old_path and getattr(obj, self.slug_field) != saved_slug:
            path_redirect_record(old_path=old_path, new_path=obj.get_absolute_url())

    def _path_with_slug(self, obj, slug):
        if not hasattr(obj, "get_absolute_url"):
            return None
        before = copy.copy(obj)
        setattr(before, self.slug_field, slug)
        return before.get_absolute_url()


class PathRedirectForm(forms.ModelForm):
    class Meta:
        model = PathRedirect
        fields = ["old_path", "new_path"]

    def clean_new_path(self):
        new_path = self.cleaned_data["new_path"]
        onward = PathRedirect.objects.filter(old_path=new_path).values_list("new_path", flat=True).first()
        if onward is not None:
            # The new address must be a live page: one hop for visitors, and no loops.
            raise forms.ValidationError(
                _("%(path)s is itself an old address that leads to %(onward)s; enter that one."),
                params={"path": new_path, "onward": onward}, code="old_address",
            )
        return new_path


@admin.register(PathRedirect)
class PathRedirectAdmin(admin.ModelAdmin):
    """Old addresses are kept forever: staff may add one for a page that moved, or correct where
    one leads, but never delete one or change the old address (links to it live on in e-mails
    and printed documents)."""

    form = PathRedirectForm
    list_display = ["old_path", "new_path", "created_at"]
    search_fields = ["old_path", "new_path"]
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request, obj=None):
        return ["old_path", "created_at"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Through the service, so older addresses leading here are pointed at the new one too.
        saved = path_redirect_record(old_path=obj.old_path, new_path=obj.new_path)
        obj.pk, obj.created_at = saved.pk, saved.created_at  # the admin's log and messages name it


@admin.register(RecordLog)
class RecordLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Withdrawals, restorations and purges, for staff to see who did what and why."""

    list_display = ["at", "action", "model", "object_repr", "by", "reason"]
    list_filter = ["action", "model"]
    list_select_related = ["by"]
    search_fields = ["object_repr", "reason"]
    date_hierarchy = "at"
