"""Writes of the news app: every rule-checked change to an article goes through here."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from portal.core.uploads import make_renditions, photo_renditions_refresh, validate_image

from .models import Article, ArticlePhoto, ArticleStatus, Category
from .sanitize import clean_html

MEETING_NEWS_CATEGORY = "hoat-dong-cum-khoi-thi-dua"


@transaction.atomic
def article_photo_add(
    *, article: Article, image, alt_text: str, caption: str = "", order: int | None = None, is_sample: bool = False
) -> ArticlePhoto:
    """Check the image, store it and its thumbnail and display sizes."""
    validate_image(image)
    if order is None:
        order = article.photos.count() + 1
    photo = ArticlePhoto(
        article=article, image=image, caption=caption, alt_text=alt_text, order=order, is_sample=is_sample
    )
    photo.full_clean()
    photo.save()
    article_photo_refresh_renditions(photo=photo)
    return photo


def article_photo_refresh_renditions(*, photo: ArticlePhoto) -> ArticlePhoto:
    """(Re)make the thumbnail and display sizes from the stored original."""
    return photo_renditions_refresh(photo=photo)


def article_cover_normalise(*, article: Article) -> Article:
    """Replace an uploaded cover by its display rendition: bounded size, upright, no EXIF."""
    if not article.cover_image:
        return article
    article.cover_image.open("rb")
    try:
        display = make_renditions(article.cover_image)["display"]
    finally:
        article.cover_image.close()
    stem = article.cover_image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    old_name = article.cover_image.name
    article.cover_image.save(f"{stem}-1200.jpg", display, save=False)
    if old_name != article.cover_image.name:
        article.cover_image.storage.delete(old_name)
    article.save(update_fields=["cover_image"])
    return article


@transaction.atomic
def article_publish(*, article: Article, at=None, user=None) -> Article:
    """Publish now, or schedule for `at` (a future time); the public sees it once `at` passes."""
    now = timezone.now()
    at = at or article.published_at or now
    article.published_at = at
    article.status = ArticleStatus.SCHEDULED if at > now else ArticleStatus.PUBLISHED
    if user is not None:
        article.updated_by = user
    article.full_clean()
    article.save()
    return article


def _meeting_category() -> Category:
    category = Category.objects.filter(slug=MEETING_NEWS_CATEGORY).first() or Category.objects.first()
    if category is None:
        with override(settings.LANGUAGE_CODE):
            category = Category.objects.create(
                name=_("Cluster and bloc activities"), slug=MEETING_NEWS_CATEGORY, order=1
            )
    return category


def _meeting_body(meeting) -> str:
    """An opening paragraph the editor rewrites: date, venue and cluster, as the Sở's news does."""
    from django.utils.html import escape

    cluster = meeting.cluster_year.cluster if getattr(meeting, "cluster_year_id", None) else None
    parts = {
        "date": meeting.date_short,
        "venue": meeting.venue or "",
        "cluster": cluster.name if cluster else "",
        "title": meeting.display_title,
    }
    if parts["venue"] and parts["cluster"]:
        text = _("On %(date)s, at %(venue)s, %(cluster)s held the %(title)s.") % parts
    elif parts["cluster"]:
        text = _("On %(date)s, %(cluster)s held the %(title)s.") % parts
    else:
        text = _("On %(date)s: %(title)s.") % parts
    paragraphs = [text]
    if meeting.summary:
        paragraphs += [p.strip() for p in meeting.summary.splitlines() if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


@transaction.atomic
def article_draft_from_meeting(*, meeting, user) -> Article:
    """A news draft about a meeting: its title, date, summary, photos and the link back to it.

    The draft stays unpublished until an editor reviews it. Photos are copied (new files), so
    editing or deleting one side never changes the other."""
    if not getattr(meeting, "pk", None):
        raise ValidationError(_("Save the meeting before writing news about it."))
    with override(settings.LANGUAGE_CODE):
        title = meeting.display_title
        summary = meeting.summary.strip().split("\n")[0] if meeting.summary else ""
        if not summary:
            summary = _("%(title)s, held on %(date)s.") % {"title": title, "date": meeting.date_display}
        body = _meeting_body(meeting)
        article = Article(
            title=title[:400],
            summary=summary,
            body=clean_html(body),
            category=_meeting_category(),
            status=ArticleStatus.DRAFT,
            author_name=(getattr(user, "full_name", "") or user.get_full_name() or "") if user else "",
            is_sample=meeting.is_sample,
            created_by=user,
            updated_by=user,
        )
        if hasattr(Article, "meeting"):
            article.meeting = meeting
        if hasattr(Article, "cluster") and getattr(meeting, "cluster_year_id", None):
            article.cluster = meeting.cluster_year.cluster
        article.full_clean(exclude=["slug"])
        article.save()
    for order, photo in enumerate(meeting.photos.order_by("order", "id"), start=1):
        photo.image.open("rb")
        try:
            content = ContentFile(photo.image.read(), name=photo.image.name.rsplit("/", 1)[-1])
        finally:
            photo.image.close()
        article_photo_add(
            article=article, image=content, alt_text=photo.alt_text, caption=photo.caption, order=order,
            is_sample=photo.is_sample,
        )
    return article
