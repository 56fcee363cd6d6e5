"""Backups the portal can be restored from: `manage.py backup` and `manage.py restore <folder>`.

A backup is one dated folder:

    2026-12-01_020000/
      manifest.json            what the folder holds, with the sha256 and size of every file
      database/postgresql.dump pg_dump's custom format (or database/sqlite3.db, a copy made
                               with SQLite's online backup API)
      files/<storage>/<name>   every file of every storage that holds uploads

The database comes first and the files after it: a file uploaded in between is kept although no
row names it yet, which is harmless, while the other order would lose it. The folder is written
under a hidden name and renamed when complete, so a half-made backup never looks like one.

Storages are read and written only through Django's storage API (listdir, open, save, delete),
so a backup of object storage (django-storages' S3 backend) is made the same way as one of a
disk. Restoring refuses anything whose checksum, size or presence disagrees with the manifest
before it touches the database or a file."""

import datetime
import hashlib
import json
import os
import posixpath
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
FOLDER_FORMAT = "%Y-%m-%d_%H%M%S"
CHUNK = 1024 * 1024
DATABASE_FILES = {"postgresql": "database/postgresql.dump", "sqlite": "database/sqlite3.db"}


class BackupError(Exception):
    """A backup cannot be made, or a folder cannot be restored; the message says why."""


# --- what is backed up ----------------------------------------------------------------------------

def _root_identity(storage: Storage) -> tuple:
    """Where a storage keeps its files, so two aliases of one place are copied once (the
    "default" storage may only route names to others, e.g. "public" and "private")."""
    try:
        return ("disk", os.path.realpath(storage.path("")))
    except NotImplementedError:
        cls = type(storage)
        return (f"{cls.__module__}.{cls.__qualname__}", getattr(storage, "bucket_name", None),
                getattr(storage, "endpoint_url", None), getattr(storage, "location", None))


def data_storages() -> dict[str, Storage]:
    """The storages whose files are the portal's data: every STORAGES entry but the static
    files (built from the code by collectstatic), each place once. "default" is considered last,
    so where it only routes to other storages the files are kept under those storages' names."""
    aliases = [alias for alias in settings.STORAGES if alias not in ("staticfiles", "default")]
    if "default" in settings.STORAGES:
        aliases.append("default")
    chosen, places = {}, set()
    for alias in aliases:
        place = _root_identity(storages[alias])
        if place not in places:
            places.add(place)
            chosen[alias] = storages[alias]
    return chosen


def storage_files(storage: Storage, path: str = "") -> Iterator[str]:
    """Every file name in a storage, found by listdir (no backend needs to be a disk)."""
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:  # a disk storage nobody has uploaded to yet
        return
    for name in sorted(files):
        yield posixpath.join(path, name)
    for directory in sorted(directories):
        yield from storage_files(storage, posixpath.join(path, directory))


def _copy(source, target, digest) -> int:
    size = 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        target.write(chunk)
        size += len(chunk)
    return size


def file_digest(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


# --- the database ---------------------------------------------------------------------------------

def _postgresql_command(program: str, parameters: list[str]) -> tuple[list[str], dict]:
    """A PostgreSQL client program with the connection's settings (those psql would get)."""
    from django.db.backends.postgresql.client import DatabaseClient

    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"{program} was not found. Install the PostgreSQL client programs of the server's major "
            "version (Debian: apt-get install postgresql-client)."
        )
    args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, parameters)
    env = {**os.environ, **(env or {})}
    timeout = connection.settings_dict["OPTIONS"].get("connect_timeout")
    if timeout:
        env.setdefault("PGCONNECT_TIMEOUT", str(timeout))
    return [executable, *args[1:]], env


def _run(args: list[str], env: dict, **kwargs) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False, **kwargs)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}")


def dump_database(target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        # One consistent snapshot, compressed; owners and grants are left to the restoring site.
        args, env = _postgresql_command("pg_dump", ["--format=custom", f"--file={target}"])
        _run(args, env)
    elif connection.vendor == "sqlite":
        # The online backup API copies a consistent snapshot while the portal keeps running,
        # which copying the file (and its WAL) would not.
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
            # One self-contained file: in WAL mode, merely opening the copy would add files.
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
    else:
        raise BackupError(f"No backup method for the {connection.vendor} database.")


# The backup's tables replace the database's own, those the backup does not know included
# (a later release's): all dropped in the transaction that restores the dump.
_DROP_TABLES = """
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t.tablename);
  END LOOP;
END $$;
"""
_EXTENSION_ENTRY = re.compile(r"^\d+; \d+ \d+ EXTENSION - (\S+)")


def _restore_script(source: Path, env: dict, script) -> None:
    """Write into `script` the SQL that turns the database into the dump's.

    Extensions are left out of the dump's own SQL: dropping and re-creating one takes its owner,
    often the database administrator rather than the portal's role. They are created only where
    missing (which the portal's migrations did in the first place)."""
    executable = _postgresql_command("pg_restore", [])[0][0]
    listing = subprocess.run([executable, "--list", str(source)], env=env, capture_output=True, text=True,  # noqa: S603
                             check=False)
    if listing.returncode != 0:
        raise BackupError(f"pg_restore failed: {listing.stderr.strip()}")
    extensions, entries = [], []
    for line in listing.stdout.splitlines():
        if match := _EXTENSION_ENTRY.match(line):
            extensions.append(match.group(1))
        elif not re.search(r"\bEXTENSION\b", line):
            entries.append(line)
    script.write("".join(f'CREATE EXTENSION IF NOT EXISTS "{name}";\n' for name in extensions).encode())
    script.write(_DROP_TABLES.encode())
    script.flush()
    with tempfile.NamedTemporaryFile("w", suffix=".list") as chosen:
        chosen.write("\n".join(entries) + "\n")
        chosen.flush()
        writer = subprocess.run(  # noqa: S603
            [executable, "--clean", "--if-exists", "--no-owner", "--no-privileges", f"--use-list={chosen.name}",
             "--file=-", str(source)],
            env=env, stdout=script, stderr=subprocess.PIPE, check=False,
        )
    if writer.returncode != 0:
        raise BackupError(f"pg_restore failed: {writer.stderr.decode(errors='replace').strip()}")


def load_database(source: Path) -> None:
    connections.close_all()
    if connection.vendor == "postgresql":
        # pg_restore writes the dump as SQL and psql runs it in one transaction after dropping
        # every table: the database ends as the backup was, or stays as it was if anything fails.
        psql_args, env = _postgresql_command(
            "psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "--file=-"])
        with tempfile.TemporaryFile() as script:
            _restore_script(source, env, script)
            script.seek(0)
            _run(psql_args, env, stdin=script)
    elif connection.vendor == "sqlite":
        # The backup API again, in the other direction: the live database's pages are replaced
        # under one lock.
        connection.ensure_connection()
        # immutable: reading the backup must not write a journal or a lock file beside it
        copy = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            copy.backup(connection.connection)
        finally:
            copy.close()
    else:
        raise BackupError(f"No restore method for the {connection.vendor} database.")
    connections.close_all()


def applied_migrations() -> dict[str, str]:
    """The last migration applied to each app, by the order they were applied."""
    from django.db.migrations.recorder import MigrationRecorder

    latest = {}
    for app, name in MigrationRecorder.Migration.objects.order_by("id").values_list("app", "name"):
        latest[app] = name
    return latest


# --- backup ---------------------------------------------------------------------------------------

def backup(root: Path, *, log=print) -> Path:
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    name = timezone.localtime().strftime(FOLDER_FORMAT)
    final = root / name
    if final.exists():
        raise BackupError(f"{final} exists already: one backup per second at most.")
    partial = root / f".{name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    # Password hashes, sessions and the private files of drafts: for the backup's owner only.
    partial.mkdir(mode=0o700)
    try:
        files = {}
        database_file = DATABASE_FILES.get(connection.vendor)
        if database_file is None:
            raise BackupError(f"No backup method for the {connection.vendor} database.")
        dump_database(partial / database_file)
        digest, size = file_digest(partial / database_file)
        files[database_file] = {"sha256": digest, "size": size}
        log(f"database: {database_file} ({size} bytes)")

        stores = data_storages()
        for alias, storage in stores.items():
            count = 0
            for stored in storage_files(storage):
                relative = f"files/{alias}/{stored}"
                target = partial / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with storage.open(stored, "rb") as source, target.open("wb") as out:
                    size = _copy(source, out, digest)
                files[relative] = {"sha256": digest.hexdigest(), "size": size}
                count += 1
            log(f"storage {alias}: {count} files")

        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "database": {"vendor": connection.vendor, "file": database_file, "migrations": applied_migrations()},
            "storages": {alias: f"{type(s).__module__}.{type(s).__qualname__}" for alias, s in stores.items()},
            "files": files,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def prune(root: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` complete backups in root; returns what was deleted."""
    complete = []
    for folder in Path(root).iterdir():
        try:
            datetime.datetime.strptime(folder.name, FOLDER_FORMAT)
        except ValueError:
            continue
        if (folder / MANIFEST).is_file():
            complete.append(folder)
    old = sorted(complete, key=lambda f: f.name, reverse=True)[keep:]
    for folder in old:
        shutil.rmtree(folder)
    return old


# --- restore --------------------------------------------------------------------------------------

def _safe_relative(name: str) -> bool:
    parts = name.split("/")
    return bool(name) and not name.startswith("/") and "\\" not in name and not ({"", ".", ".."} & set(parts))


def verify(folder: Path) -> dict:
    """The folder's manifest, once every file it lists is there with its size and checksum and
    nothing else is; otherwise BackupError listing every problem."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{folder} is not a backup: it has no {MANIFEST}.") from None
    except ValueError as exc:
        raise BackupError(f"{folder / MANIFEST} is not valid JSON: {exc}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder} was written in backup format {manifest.get('format')!r}, not {FORMAT}.")

    problems = []
    listed = manifest.get("files", {})
    for name, expected in sorted(listed.items()):
        if not _safe_relative(name) or not (name.startswith("files/") or name == manifest["database"]["file"]):
            problems.append(f"{name}: not a name a backup writes")
            continue
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        digest, size = file_digest(path)
        if size != expected["size"] or digest != expected["sha256"]:
            problems.append(f"{name}: checksum mismatch (the file changed since the backup)")
    if manifest["database"]["file"] not in listed:
        problems.append(f"{manifest['database']['file']}: the database is not in the manifest")
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name != MANIFEST and name not in listed:
            problems.append(f"{name}: not in the manifest")
    if problems:
        raise BackupError(f"{folder} cannot be restored:\n  " + "\n  ".join(problems))
    return manifest


def check_compatible(manifest: dict) -> None:
    """Refuse what this installation cannot take: another database engine, a storage it does
    not have, or a schema newer than its code."""
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"The backup is of a {vendor} database; this installation uses {connection.vendor}.")
    missing = sorted(set(manifest["storages"]) - set(settings.STORAGES))
    if missing:
        raise BackupError(f"The backup holds files of storages this installation lacks: {', '.join(missing)}.")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    newer = sorted(f"{app}.{name}" for app, name in manifest["database"]["migrations"].items()
                   if (app, name) not in known)
    if newer:
        raise BackupError("The backup was made by a newer release of the portal (migrations unknown here: "
                          f"{', '.join(newer)}). Restore it with that release.")


def restore(folder: Path, *, manifest: dict | None = None, log=print) -> None:
    """Restore `folder`; `manifest` is what verify() returned for it, when the caller checked it."""
    folder = Path(folder)
    manifest = manifest or verify(folder)
    check_compatible(manifest)

    load_database(folder / manifest["database"]["file"])
    log(f"database: restored from {manifest['database']['file']}")

    stores = {alias: storages[alias] for alias in manifest["storages"]}
    wanted = {alias: {} for alias in stores}
    for name in manifest["files"]:
        if name.startswith("files/"):
            _files, alias, stored = name.split("/", 2)
            wanted[alias][stored] = name
    for alias, storage in stores.items():
        # The storage ends as it was: a file added since the backup (a later upload, or a
        # record's file moved to the public storage after the backup) is removed.
        removed = 0
        for stored in list(storage_files(storage)):
            if stored not in wanted[alias]:
                storage.delete(stored)
                removed += 1
        for stored, relative in sorted(wanted[alias].items()):
            if storage.exists(stored):
                storage.delete(stored)
            with (folder / relative).open("rb") as source:
                saved = storage.save(stored, File(source, name=posixpath.basename(stored)))
            if saved != stored:
                raise BackupError(f"storage {alias} saved {stored} as {saved}; restore stopped.")
        log(f"storage {alias}: {len(wanted[alias])} files restored, {removed} not in the backup removed")

    # Pages and reports cached from the database as it was before are stale now.
    for alias in settings.CACHES:
        caches[alias].clear()
