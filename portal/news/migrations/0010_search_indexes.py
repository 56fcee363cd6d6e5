"""Trigram indexes on every folded search column, on PostgreSQL (portal.core.trigram): the
public search and the look-up read them instead of scanning. Here, at the top of the apps, so
that one step covers the tables of every app below."""

from django.db import migrations

from portal.core.trigram import SEARCH_COLUMNS, CreateTrigramIndexes


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0009_list_indexes"),
        ("clusters", "0007_withdrawal"),
        ("meetings", "0009_list_indexes"),
        ("documents", "0001_initial"),
        ("awards", "0010_private_scans"),
    ]

    operations = [CreateTrigramIndexes(SEARCH_COLUMNS)]
