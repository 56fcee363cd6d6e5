"""Stored full-text vectors on the searchable tables, on PostgreSQL (portal.core.fulltext): the
public search matches, counts and ranks through them instead of LIKE over whole texts. Here, at
the top of the apps, like the trigram indexes of 0010."""

from django.db import migrations

from portal.core.fulltext import SEARCH_VECTORS, CreateSearchVectors


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0011_publish_cluster_scores"),
    ]

    operations = [CreateSearchVectors(SEARCH_VECTORS)]
