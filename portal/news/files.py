"""An article's cover and photos follow the article: private (served by the checked view to staff
only) until it is public, public while it is, private again once withdrawn. A scheduled article
that goes live by itself is served through the checked view until its next save moves the files."""

from portal.core.files import delete_files_with_rows, register, sync_privacy

from .models import Article, ArticlePhoto

PHOTO_FIELDS = ("image", "thumbnail", "display")


def article_visible_to(user, article: Article) -> bool:
    return article.is_public or bool(user and user.is_authenticated and user.is_active and user.is_staff)


def article_files_sync(*, article: Article) -> None:
    private = not article.is_public
    sync_privacy(article, ("cover_image",), private=private)
    for photo in article.photos.all():
        sync_privacy(photo, PHOTO_FIELDS, private=private)


def _on_article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        article_files_sync(article=instance)


def _on_photo_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_privacy(instance, PHOTO_FIELDS, private=not instance.article.is_public)


def connect() -> None:
    from django.db.models.signals import post_save

    register(Article, ("cover_image",), can_view=article_visible_to)
    register(ArticlePhoto, PHOTO_FIELDS, can_view=lambda user, photo: article_visible_to(user, photo.article))
    delete_files_with_rows(Article, ("cover_image",))
    delete_files_with_rows(ArticlePhoto, PHOTO_FIELDS)
    post_save.connect(_on_article_saved, sender=Article, dispatch_uid="article-files-sync")
    post_save.connect(_on_photo_saved, sender=ArticlePhoto, dispatch_uid="article-photo-files-sync")
