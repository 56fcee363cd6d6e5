"""Category slugs typed through the admin's urlify.js ("Cụm thi đua số 2" saved as
`cm-thi-djua-s-2`) are made again from the name on the server; each old category address
answers 301 to the new one from now on.

Only categories: article slugs never came from urlify.js (the server made them, or staff typed
them on purpose), and a title edited after publication must not move its article."""

from django.db import migrations

from portal.core.slugs import remake_slugs


def remake_category_slugs(apps, schema_editor):
    # The address as it is while this migration is written; see remake_slugs on why not reverse().
    remake_slugs(apps, schema_editor, model="news.Category", source_field="name",
                 path=lambda slug, category: f"/tin-tuc/chuyen-muc/{slug}/")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_path_redirects"),
        ("news", "0004_category_slug_optional"),
    ]

    # Going back leaves the new slugs and the redirects: both stay correct.
    operations = [migrations.RunPython(remake_category_slugs, migrations.RunPython.noop)]
