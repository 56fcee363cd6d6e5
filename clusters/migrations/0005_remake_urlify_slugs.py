"""Slugs the admin's urlify.js made ("Huyện Đình Lập" → huyn-djnh-lp) are made again on the
server; their old addresses answer 301. Slugs chosen on purpose ("van-lang") keep theirs."""

from django.db import migrations

from portal.core.slugs import looks_made_by_urlify, remake_slugs

ADDRESSES = {
    "clusters.Unit": ("name", "/don-vi/{}/"),
    "clusters.Cluster": ("name", "/cum-thi-dua/{}/"),
    "clusters.Person": ("full_name", "/ca-nhan/{}/"),
}


def remake(apps, schema_editor):
    for model, (source, address) in ADDRESSES.items():
        remake_slugs(apps, schema_editor, model=model, source_field=source, only=looks_made_by_urlify,
                     path=lambda slug, row, address=address: address.format(slug))


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0004_unit_history_and_member_periods"),
        ("core", "0002_path_redirects"),
    ]

    operations = [migrations.RunPython(remake, migrations.RunPython.noop)]
