from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.core.files import random_name
from portal.core.models import Photo, SampleDataModel, TimeStampedModel
from portal.core.text import fold, unique_slug
from portal.core.uploads import validate_image
from portal.core.urls import fast_reverse

from .sanitize import clean_html, html_to_text


class SiteProfile(TimeStampedModel):
    """The one row of site-wide facts shown in every page's header and footer."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    site_name = models.CharField(_("site name"), max_length=200)
    owner_name = models.CharField(
        _("managing body"), max_length=200, blank=True,
        help_text=_("The body responsible for the site, e.g. Sở Nội vụ tỉnh Lạng Sơn."),
    )
    responsible = models.CharField(
        _("chief responsible"), max_length=200, blank=True,
        help_text=_("“Chịu trách nhiệm chính”, as government portals name it: a title, e.g. Giám đốc Sở Nội vụ "
                    "tỉnh Lạng Sơn, or a name with its title."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    publish_cluster_scores = models.BooleanField(
        _("publish cluster scores"), default=True,
        help_text=_("Show each unit's total on the public results of cluster scoring; when off, only the ranking "
                    "is shown."),
    )

    class Meta:
        verbose_name = _("site profile")
        verbose_name_plural = _("site profile")
        constraints = [
            # A singleton the database itself guarantees.
            models.CheckConstraint(condition=Q(id=1), name="siteprofile_singleton"),
        ]

    def __str__(self):
        return self.site_name

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).first() or cls(site_name=str(_("Emulation and commendation portal")))


class LinkGroup(models.Model):
    """A list of links in the sidebar ("Sở ban ngành, huyện thị", "Liên kết Websites")."""

    title = models.CharField(pgettext_lazy("news", "title"), max_length=200)
    order = models.PositiveSmallIntegerField(pgettext_lazy("news", "order"), default=0)

    class Meta:
        verbose_name = _("link list")
        verbose_name_plural = _("link lists")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class Link(models.Model):
    group = models.ForeignKey(
        LinkGroup, on_delete=models.CASCADE, related_name="links", verbose_name=_("link list"),
    )  # a link belongs to its list and goes with it
    title = models.CharField(pgettext_lazy("news", "title"), max_length=200)
    url = models.URLField(pgettext_lazy("news", "address"), max_length=500)
    order = models.PositiveSmallIntegerField(pgettext_lazy("news", "order"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("news", "link")
        verbose_name_plural = pgettext_lazy("news", "links")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class Category(models.Model):
    """A news section ("Thi đua - Khen thưởng", "Hoạt động cụm, khối thi đua")."""

    name = models.CharField(pgettext_lazy("news", "name"), max_length=200, unique=True)
    slug = models.SlugField(
        pgettext_lazy("news", "slug"), max_length=200, unique=True, blank=True,
        help_text=_("Made from the name when left empty; the category's address."),
    )
    order = models.PositiveSmallIntegerField(pgettext_lazy("news", "order"), default=0)

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Category, self.name, instance=self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return fast_reverse("news:category", slug=self.slug)


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("news", "draft")
    SCHEDULED = "scheduled", pgettext_lazy("news", "scheduled")
    PUBLISHED = "published", pgettext_lazy("news", "published")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may read right now. `now()` is read on each call, so a scheduled
        article appears by itself once its time has come, with no job to flip its status."""
        # "not a draft" rather than "scheduled or published": the same rows, but SQLite then walks
        # the published_at index in the list's order instead of sorting every published row
        return self.exclude(status=ArticleStatus.DRAFT).filter(published_at__lte=timezone.now())


# Random names, private until the article is public (portal.core.files, portal.news.files).
def article_cover_path(instance, filename):
    return random_name("news/covers", filename)


class Article(SampleDataModel, TimeStampedModel):
    """A news item. Its body is stored sanitized (see sanitize.py), so pages print it as is."""

    title = models.CharField(pgettext_lazy("news", "title"), max_length=400)
    slug = models.SlugField(
        pgettext_lazy("news", "slug"), max_length=200, unique=True, blank=True,
        help_text=_("Made from the title when left empty; the article's address."),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=pgettext_lazy("news", "category"),
    )  # a category with articles cannot vanish under them
    summary = models.TextField(
        pgettext_lazy("news", "summary"), blank=True, help_text=_("One or two sentences shown in lists and feeds."),
    )
    body = models.TextField(pgettext_lazy("news", "body"), blank=True)
    status = models.CharField(
        pgettext_lazy("news", "status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT,
        db_index=True,
        help_text=_("A scheduled article appears by itself at its publication time."),
    )
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True, db_index=True)
    featured = models.BooleanField(
        pgettext_lazy("news", "featured"), default=False, help_text=_("Shown first on the home page.")
    )
    author_name = models.CharField(
        pgettext_lazy("news", "author"), max_length=200, blank=True, help_text=_("E.g. Trần Văn Ba.")
    )
    author_unit = models.CharField(
        _("author's unit"), max_length=200, blank=True, help_text=_("E.g. Phòng Nghiệp vụ 2, Ban TĐKT.")
    )
    cover_image = models.FileField(
        _("cover image"), upload_to=article_cover_path, max_length=300, blank=True, validators=[validate_image],
        help_text=_("Shown in lists and when the article is shared. JPEG, PNG, WebP or GIF, up to 10 MB."),
    )
    cover_alt = models.CharField(_("cover image text alternative"), max_length=300, blank=True)
    # Where a republished item comes from, as its source gives it; each part is optional, since
    # a source often gives a name but no address, or no date.
    source_name = models.CharField(
        _("source"), max_length=300, blank=True,
        help_text=_("Who first published it, shown as “Nguồn: …”, e.g. Cổng thông tin điện tử tỉnh Bắc Ninh."),
    )
    source_url = models.URLField(
        _("source address"), max_length=500, blank=True,
        help_text=_("The original item's web address; the source's name links to it."),
    )
    source_published_on = models.DateField(
        _("original publication date"), null=True, blank=True,
        help_text=_("The date the source published it, when the source gives one."),
    )
    republication_note = models.CharField(
        _("republication note"), max_length=300, blank=True,
        help_text=_("E.g. “Đăng lại từ Cổng thông tin điện tử tỉnh Bắc Ninh, có lược bớt.”"),
    )
    gallery_intro = models.CharField(
        _("gallery introduction"), max_length=300, blank=True,
        help_text=_("The sentence before the photos, e.g. “Sau đây là một số hình ảnh về Hội nghị:”."),
    )
    # Soft links to the records the news is about: deleting a record never deletes the news.
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="articles",
        verbose_name=pgettext_lazy("news", "meeting"),
    )
    cluster = models.ForeignKey(
        "clusters.Cluster", on_delete=models.SET_NULL, null=True, blank=True, related_name="articles",
        verbose_name=_("emulation cluster"),
    )
    decisions = models.ManyToManyField(
        "awards.Decision", blank=True, related_name="articles", verbose_name=_("commendation decisions"),
    )
    search_title = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+", verbose_name=pgettext_lazy("news", "created by"),
    )  # articles outlive staff accounts
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+", verbose_name=pgettext_lazy("news", "updated by"),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("news", "article")
        verbose_name_plural = pgettext_lazy("news", "articles")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ArticleStatus.DRAFT) | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message=_("A scheduled or published article needs a publication time."),
            ),
            models.CheckConstraint(
                condition=Q(source_url="") | ~Q(source_name=""), name="article_source_address_has_name",
                violation_error_message=_("Name the source whose address is given."),
            ),
        ]
        # the public lists' order, overall, per category and per meeting: a page of the newest is
        # read from the index, however many articles there are
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="article_recent_idx"),
            models.Index(fields=["category", "-published_at", "-id"], name="article_category_recent_idx"),
            models.Index(fields=["meeting", "-published_at", "-id"], name="article_meeting_recent_idx"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        # Every problem at once, so an editor fixes the form in one pass.
        errors = {}
        if self.status != ArticleStatus.DRAFT and self.published_at is None:
            errors["published_at"] = _("A scheduled or published article needs a publication time.")
        if self.cover_image and not self.cover_alt.strip():
            errors["cover_alt"] = _("Describe the cover image for readers who cannot see it.")
        if self.source_url and not self.source_name.strip():
            errors["source_name"] = _("Name the source whose address is given.")
        if (self.source_published_on and self.published_at
                and self.source_published_on > timezone.localdate(self.published_at)):
            errors["source_published_on"] = _("The original cannot come out after this article; check the two dates.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        if self.meeting_id and not self.cluster_id:
            # News about a meeting is news about its cluster too.
            self.cluster_id = (
                type(self).meeting.field.related_model.objects.filter(pk=self.meeting_id)
                .values_list("cluster_year__cluster_id", flat=True).first()
            )
        if not self.slug:
            self.slug = unique_slug(Article, self.title, instance=self)
        self.search_title = fold(self.title)
        self.search_text = fold(" ".join([self.title, self.summary, html_to_text(self.body)]))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return fast_reverse("news:detail", slug=self.slug)

    @property
    def is_public(self):
        if self.status == ArticleStatus.DRAFT or self.published_at is None:
            return False
        return self.published_at <= timezone.now()

    @cached_property
    def body_text(self):
        # for the description tags when there is no summary: parsed once per article version and
        # kept (the page asks twice; the HTML parser is the costliest step of the page)
        if not self.pk:
            return html_to_text(self.body)
        key = f"portal:article-text:{self.pk}:{self.updated_at.timestamp() if self.updated_at else 0}"
        text = cache.get(key)
        if text is None:
            text = html_to_text(self.body)
            cache.set(key, text, 24 * 60 * 60)
        return text


def article_photo_path(instance, filename):
    return random_name("news/photos", filename)


def article_rendition_path(instance, filename):
    return random_name("news/photos", filename)


class ArticlePhoto(Photo):
    """A photo of the gallery at the foot of an article, "Ảnh: …" caption and all.

    Stored like a meeting photo (portal.core.uploads): the original as uploaded, and two
    renditions without EXIF that pages show (thumbnail and display size)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="photos", verbose_name=pgettext_lazy("news", "article"),
    )  # the gallery belongs to its article
    # A plain FileField: ImageField's own form check would hide validate_image's clearer messages.
    image = models.FileField(
        pgettext_lazy("news", "image"), upload_to=article_photo_path, max_length=300, validators=[validate_image],
        help_text=_("JPEG, PNG, WebP or GIF, up to 10 MB and 40 megapixels."),
    )
    thumbnail = models.FileField(pgettext_lazy("news", "thumbnail"), upload_to=article_rendition_path,
                                 max_length=300, blank=True, editable=False)
    display = models.FileField(_("display size"), upload_to=article_rendition_path, max_length=300, blank=True,
                               editable=False)

    class Meta:
        verbose_name = pgettext_lazy("news", "photo")
        verbose_name_plural = pgettext_lazy("news", "photos")
        ordering = ["article", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt_text=""), name="articlephoto_has_alt_text",
                violation_error_message=_("Describe the photo for readers who cannot see it."),
            ),
        ]
