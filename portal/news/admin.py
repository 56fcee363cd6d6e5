from django.contrib import admin

from .models import Link, LinkGroup, SiteProfile


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    list_display = ["site_name", "phone", "email"]
    fields = ["site_name", "owner_name", "address", "phone", "fax", "email"]

    def has_add_permission(self, request):
        # one row only (the database checks it too)
        return super().has_add_permission(request) and not SiteProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class LinkInline(admin.TabularInline):
    model = Link
    extra = 1
    fields = ["title", "url", "order"]


@admin.register(LinkGroup)
class LinkGroupAdmin(admin.ModelAdmin):
    list_display = ["title", "order"]
    list_editable = ["order"]
    inlines = [LinkInline]
