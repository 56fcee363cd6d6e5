import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.core.admin import ServerSlugAdminMixin
from portal.core.cache import records_written
from portal.core.text import fold
from portal.core.uploads import validate_image

from . import selectors, services
from .models import Article, ArticlePhoto, ArticleStatus, Category, Link, LinkGroup, SiteProfile


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    list_display = ["site_name", "phone", "email"]
    fields = ["site_name", "owner_name", "responsible", "address", "phone", "fax", "email",
              "publish_cluster_scores"]

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


# --- articles -----------------------------------------------------------------------------------

class RichTextarea(forms.Textarea):
    """A textarea the admin's ProseMirror editor takes over (static/js/news-editor.js). With
    JavaScript off it stays a plain textarea of HTML, which the model sanitizes all the same."""

    LABELS = {
        "strong": _("Bold"), "em": _("Italic"), "link": _("Add or remove a link"),
        "linkPrompt": _("Link address (https://…, mailto:… or /…)"), "blockType": _("Paragraph style"),
        "paragraph": _("Paragraph"), "heading2": _("Heading 2"), "heading3": _("Heading 3"),
        "heading4": _("Heading 4"), "bulletList": _("Bulleted list"), "orderedList": _("Numbered list"),
        "blockquote": _("Quotation"), "lift": _("Lift out of the list or quotation"), "image": _("Image"),
        "imagePrompt": _("Image address (a photo already uploaded, /media/…)"),
        "imageAltPrompt": _("Describe the image for readers who cannot see it"),
        "undo": _("Undo"), "redo": _("Redo"),
    }

    def __init__(self, attrs=None):
        super().__init__({"rows": 20, "cols": 90, "data-rich-editor": "1", **(attrs or {})})

    def get_context(self, name, value, attrs):
        # Translated when the page is drawn, in the editor's language; read by the bundle.
        attrs = {**(attrs or {}), "data-editor-labels": json.dumps({k: str(v) for k, v in self.LABELS.items()})}
        return super().get_context(name, value, attrs)

    class Media:
        css = {"all": ["vendor/editor/editor.css"]}
        js = ["vendor/editor/editor.js", "js/news-editor.js"]


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin narrows it with its fieldsets
        widgets = {
            "body": RichTextarea(attrs={"data-editor-label": _("Body")}),
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "gallery_intro": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "source_name": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "republication_note": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "summary": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        }

    def clean_cover_image(self):
        image = self.cleaned_data.get("cover_image")
        if image and "cover_image" in self.changed_data:
            validate_image(image)
        return image


class ArticlePhotoInline(admin.TabularInline):
    model = ArticlePhoto
    extra = 0
    fields = ["preview", "image", "caption", "alt_text", "order", "is_sample"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj or not obj.pk or not obj.image:
            return "–"
        return format_html('<img src="{}" alt="" width="120">', obj.thumb_url)


@admin.register(Category)
class CategoryAdmin(ServerSlugAdminMixin, admin.ModelAdmin):
    # The slug is made on the server from the name (no prepopulated_fields: see the mixin).
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.action(description=_("Publish now (or at the time set)"))
def publish_articles(modeladmin, request, queryset):
    count = 0
    for article in queryset:
        try:
            services.article_publish(article=article, user=request.user)
            count += 1
        except ValidationError as error:
            modeladmin.message_user(request, f"{article}: {' '.join(error.messages)}", messages.ERROR)
    if count:
        modeladmin.message_user(request, ngettext(
            "%(count)d article published or scheduled.", "%(count)d articles published or scheduled.", count,
        ) % {"count": count}, messages.SUCCESS)


@admin.action(description=_("Withdraw to draft"))
def withdraw_articles(modeladmin, request, queryset):
    count = queryset.update(status=ArticleStatus.DRAFT)
    selectors.home_context_clear()  # update() sends no signal
    records_written()
    modeladmin.message_user(request, ngettext(
        "%(count)d article withdrawn.", "%(count)d articles withdrawn.", count) % {"count": count}, messages.SUCCESS)


@admin.register(Article)
class ArticleAdmin(ServerSlugAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    slug_source = "title"
    list_display = ["title", "category", "status", "published_at", "public_now", "featured", "is_sample"]
    list_filter = ["status", "category", "featured", "is_sample", ("published_at", admin.DateFieldListFilter)]
    list_select_related = ["category"]
    search_fields = ["search_text"]
    date_hierarchy = "published_at"
    actions = [publish_articles, withdraw_articles]
    readonly_fields = ["preview_link", "created_by", "updated_by", "created_at", "updated_at"]
    inlines = [ArticlePhotoInline]
    save_on_top = True

    def get_fieldsets(self, request, obj=None):
        links = [name for name in ("meeting", "cluster", "decisions") if name in self._article_fields()]
        fieldsets = [
            (None, {"fields": ["title", "slug", "category", "summary", "body", "gallery_intro"]}),
            (_("Publication"), {"fields": ["status", "published_at", "featured", "preview_link"]}),
            (_("Author"), {"fields": ["author_name", "author_unit"]}),
            (_("Source"), {"fields": ["source_name", "source_url", "source_published_on", "republication_note"],
                           "description": _("For an item republished from elsewhere: what its source says.")}),
            (_("Cover image"), {"fields": ["cover_image", "cover_alt"]}),
        ]
        if links:
            fieldsets.append((_("Linked records"), {"fields": links}))
        fieldsets.append((_("Record"), {"fields": ["is_sample", "created_by", "updated_by", "created_at",
                                                   "updated_at"], "classes": ["collapse"]}))
        return fieldsets

    @staticmethod
    def _article_fields():
        return {field.name for field in Article._meta.get_fields()}

    def get_autocomplete_fields(self, request):
        fields = []
        for name in ("meeting", "cluster", "decisions"):
            if name in self._article_fields():
                related = Article._meta.get_field(name).related_model
                related_admin = admin.site._registry.get(related)
                if related_admin is not None and related_admin.search_fields:
                    fields.append(name)
        return fields

    def get_search_results(self, request, queryset, search_term):
        # search_text is folded: fold the words typed too, so "lang son" and "Lạng Sơn" both match.
        return super().get_search_results(request, queryset, fold(search_term))

    def view_on_site(self, obj):
        # Drafts have no public page yet: "view on site" opens the staff preview instead.
        return reverse("news:preview", args=[obj.pk])

    @admin.display(description=_("public now"), boolean=True)
    def public_now(self, obj):
        return obj.is_public

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if not obj or not obj.pk:
            return _("Save the article first.")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>',
                           reverse("news:preview", args=[obj.pk]), _("Open the preview"))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        if "cover_image" in form.changed_data and obj.cover_image:
            services.article_cover_normalise(article=obj)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is ArticlePhoto:
            for inline_form in formset.forms:
                photo = inline_form.instance
                if photo.pk and "image" in inline_form.changed_data and photo.image:
                    services.article_photo_refresh_renditions(photo=photo)


# --- "create a news draft from this meeting" on the meetings admin ------------------------------

@admin.action(description=_("Create a news draft from this meeting"))
def create_news_draft(modeladmin, request, queryset):
    if not request.user.has_perm("news.add_article"):
        modeladmin.message_user(request, _("You may not write news articles."), messages.ERROR)
        return None
    created = []
    for meeting in queryset:
        try:
            created.append(services.article_draft_from_meeting(meeting=meeting, user=request.user))
        except ValidationError as error:
            modeladmin.message_user(request, f"{meeting}: {' '.join(error.messages)}", messages.ERROR)
    if len(created) == 1:
        modeladmin.message_user(request, _("News draft created; review it and publish it."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:news_article_change", args=[created[0].pk]))
    if created:
        modeladmin.message_user(request, ngettext(
            "%(count)d news draft created.", "%(count)d news drafts created.", len(created),
        ) % {"count": len(created)}, messages.SUCCESS)
    return None


def _add_action_to_meeting_admin():
    """The meetings app owns its admin; the news app adds its own action to it from here."""
    try:
        from meetings.models import Meeting
    except ImportError:
        return
    meeting_admin = admin.site._registry.get(Meeting)
    if meeting_admin is None:
        return
    actions = list(meeting_admin.actions or [])
    if create_news_draft not in actions:
        meeting_admin.actions = [*actions, create_news_draft]


_add_action_to_meeting_admin()
