"""Existing covers and photos get random names; those of articles not yet public move to the
private storage (portal.core.files)."""

from django.db import migrations
from django.utils import timezone

from portal.core.files import rehome_files


def rehome(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    public = set(Article.objects.filter(status__in=["scheduled", "published"], published_at__lte=timezone.now())
                 .values_list("pk", flat=True))
    rehome_files(apps, schema_editor, model="news.Article", fields=("cover_image",), folder="news/covers",
                 private=lambda article: article.pk not in public)
    rehome_files(apps, schema_editor, model="news.ArticlePhoto", fields=("image", "thumbnail", "display"),
                 folder="news/photos", private=lambda photo: photo.article_id not in public)


class Migration(migrations.Migration):
    dependencies = [("news", "0006_article_source")]

    operations = [migrations.RunPython(rehome, migrations.RunPython.noop)]
