"""`manage.py backup` and `manage.py restore`: the demo survives a backup, a wipe and a restore
with every table's row count and every stored file's checksum; a damaged backup is refused before
anything is touched. Runs on the suite's database, SQLite or PostgreSQL."""

import hashlib
import io
import json
import shutil

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection

from portal.core import backup

# pg_dump sees only committed rows, SQLite's backup API waits for the test's own open transaction
# and a restore replaces tables it would keep locked: these tests commit (the suite flushes after).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def own_storages(settings, tmp_path):
    """Every disk storage in a folder of this test's own, so a wipe touches no other test's files."""
    configured = {}
    for alias, config in settings.STORAGES.items():
        options = dict(config.get("OPTIONS", {}))
        if "location" in options:
            options["location"] = tmp_path / "storages" / alias
        configured[alias] = {**config, "OPTIONS": options}
    settings.STORAGES = configured
    settings.MEDIA_ROOT = tmp_path / "storages" / "media"


@pytest.fixture(autouse=True)
def postgresql_clients():
    if connection.vendor == "postgresql":
        missing = [p for p in ("pg_dump", "pg_restore", "psql") if shutil.which(p) is None]
        if missing:
            pytest.skip(f"{', '.join(missing)} not installed (Debian: apt-get install postgresql-client)")


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def stored_files() -> dict[str, str]:
    """Every stored file of every storage that holds uploads, with its checksum."""
    found = {}
    for alias, storage in backup.data_storages().items():
        for name in backup.storage_files(storage):
            with storage.open(name, "rb") as f:
                found[f"{alias}:{name}"] = hashlib.sha256(f.read()).hexdigest()
    return found


def wipe():
    call_command("flush", interactive=False, verbosity=0)
    for storage in backup.data_storages().values():
        for name in list(backup.storage_files(storage)):
            storage.delete(name)


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demo", stdout=io.StringIO())
    settings.DEBUG = False


# The demo needs the catalogue the migrations load, which an earlier committing test flushed away.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_demo_survives_backup_wipe_and_restore(demo, tmp_path, client):
    counts, files = row_counts(), stored_files()
    assert sum(counts.values()) > 100
    assert any(name.startswith("private:") for name in files), "the demo's draft has private files"
    assert any(not name.startswith("private:") for name in files), "the demo has public photos"

    folder = backup.backup(tmp_path / "backups", log=lambda line: None)
    wipe()
    assert stored_files() == {}
    assert sum(row_counts().values()) < sum(counts.values())

    call_command("restore", str(folder), interactive=False, stdout=io.StringIO())
    assert row_counts() == counts
    assert stored_files() == files
    # the portal works on the restored records, and new rows do not collide with restored ones
    home = client.get("/")
    assert home.status_code == 200
    from portal.news.models import Article

    article = Article.objects.order_by("-published_at").first()
    assert client.get(article.get_absolute_url()).status_code == 200
    Article.objects.create(title="Tin sau khi khôi phục", category=article.category)
    # restoring read the backup and wrote nothing beside it: it can be restored again
    call_command("restore", str(folder), "--check", stdout=io.StringIO())


def small_backup(tmp_path):
    """A backup of a few rows and two files: enough for the refusals, fast."""
    from portal.news.models import Category

    Category.objects.create(name="Tin tức", slug="tin-tuc")
    storages["default"].save("news/photos/anh.jpg", ContentFile(b"\xff\xd8 not much of a photo"))
    return backup.backup(tmp_path / "backups", log=lambda line: None)


def test_a_backup_folder_holds_a_manifest_with_a_checksum_of_every_file(tmp_path):
    folder = small_backup(tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == connection.vendor
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"manifest.json"}
    assert set(manifest["files"]) == on_disk
    for name, entry in manifest["files"].items():
        assert entry["sha256"] == hashlib.sha256((folder / name).read_bytes()).hexdigest()
    assert any(name.endswith("news/photos/anh.jpg") for name in manifest["files"])
    # a dated folder, and nothing half-made beside it
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]
    # it holds password hashes and the private files of drafts: nobody else may read it
    assert folder.stat().st_mode & 0o077 == 0


def test_a_changed_file_is_refused_before_anything_is_touched(tmp_path):
    from portal.news.models import Category

    folder = small_backup(tmp_path)
    photo = next(folder.glob("files/*/news/photos/anh.jpg"))
    photo.write_bytes(b"something else")
    Category.objects.create(name="Sau sao lưu", slug="sau-sao-luu")

    with pytest.raises(CommandError, match="checksum mismatch"):
        call_command("restore", str(folder), interactive=False, stdout=io.StringIO())
    assert Category.objects.filter(slug="sau-sao-luu").exists()


@pytest.mark.parametrize("damage", ["missing", "extra", "outside"])
def test_a_missing_an_unlisted_or_a_misnamed_file_is_refused(tmp_path, damage):
    folder = small_backup(tmp_path)
    if damage == "missing":
        next(folder.glob("files/*/news/photos/anh.jpg")).unlink()
    elif damage == "extra":
        (folder / "files" / "slipped-in.txt").write_text("?")
    else:
        manifest = json.loads((folder / "manifest.json").read_text())
        manifest["files"]["files/default/../../../etc/passwd"] = {"sha256": "0", "size": 0}
        (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="cannot be restored"):
        call_command("restore", str(folder), "--check", stdout=io.StringIO())


def test_restore_removes_files_added_since_the_backup(tmp_path):
    folder = small_backup(tmp_path)
    later = storages["default"].save("news/photos/later.jpg", ContentFile(b"uploaded after the backup"))
    call_command("restore", str(folder), interactive=False, stdout=io.StringIO())
    assert not storages["default"].exists(later)
    assert storages["default"].exists("news/photos/anh.jpg")


def test_a_backup_of_another_database_engine_is_refused(tmp_path):
    folder = small_backup(tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["database"]["vendor"] = "oracle"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="backup is of a oracle database"):
        call_command("restore", str(folder), "--check", stdout=io.StringIO())


def test_backup_keeps_the_newest_backups_it_is_told_to(tmp_path, settings):
    settings.BACKUP_ROOT = tmp_path / "backups"
    for name in ("2026-01-01_020000", "2026-01-02_020000", "2026-01-03_020000"):
        (settings.BACKUP_ROOT / name).mkdir(parents=True)
        (settings.BACKUP_ROOT / name / "manifest.json").write_text("{}")
    (settings.BACKUP_ROOT / "notes").mkdir()
    call_command("backup", "--keep", "2", stdout=io.StringIO())
    kept = sorted(p.name for p in settings.BACKUP_ROOT.iterdir())
    assert kept[0] == "2026-01-03_020000"
    assert len(kept) == 3 and "notes" in kept
