"""Search through indexes on PostgreSQL: trigram (pg_trgm) GIN indexes on the folded search
columns, so `search_text LIKE '%loc binh%'` is an index scan instead of reading a million lines.

The text is folded (no accents, lower case) when a row is saved (portal.core.text.fold), so the
plain trigram index serves accent-insensitive search without `unaccent`. SQLite keeps its LIKE
scan. Creating the extension needs a role that may; where it may not, the migration leaves the
indexes out with a warning, and after a DBA has run `CREATE EXTENSION pg_trgm;` in the database,
`manage.py search_indexes` creates them (README, "Search on PostgreSQL")."""

import logging

from django.db import DatabaseError, transaction

from .pg_operation import PostgresOnlyOperation

logger = logging.getLogger(__name__)

# (table, column) of every folded search column the public search and the look-up read
SEARCH_COLUMNS = [
    ("awards_decisionline", "search_text"),
    ("news_article", "search_text"),
    ("news_article", "search_title"),
    ("clusters_cluster", "search_text"),
    ("clusters_unit", "search_text"),
    ("clusters_person", "search_text"),
    ("meetings_meeting", "search_text"),
    ("documents_document", "search_text"),
    ("documents_document", "search_title"),
]


def index_name(table: str, column: str) -> str:
    return f"{table}_{column}_trgm"[:63]


def ensure_extension(connection) -> bool:
    """pg_trgm is there, or was created now; False where the role may not create it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone():
            return True
        try:
            with transaction.atomic(using=connection.alias):  # a savepoint: a refusal leaves the rest
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError as exc:
            logger.warning("pg_trgm could not be created (%s); search runs without its indexes until a "
                           "DBA creates the extension and runs `manage.py search_indexes`.", exc)
            return False
    return True


def create_indexes(connection, columns=SEARCH_COLUMNS) -> list[str]:
    """Create the missing trigram indexes; returns their names (empty off PostgreSQL)."""
    if connection.vendor != "postgresql" or not ensure_extension(connection):
        return []
    existing = set(connection.introspection.table_names())
    made = []
    with connection.cursor() as cursor:
        for table, column in columns:
            if table not in existing:
                continue
            name = index_name(table, column)
            cursor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)')
            made.append(name)
    return made


def drop_indexes(connection, columns=SEARCH_COLUMNS) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table, column in columns:
            cursor.execute(f'DROP INDEX IF EXISTS "{index_name(table, column)}"')


class CreateTrigramIndexes(PostgresOnlyOperation):
    """A migration step: the trigram indexes on PostgreSQL, nothing elsewhere (no model state)."""

    description = "Trigram search indexes (PostgreSQL only)"

    def create(self, connection, rows):
        create_indexes(connection, rows)

    def drop(self, connection, rows):
        drop_indexes(connection, rows)
