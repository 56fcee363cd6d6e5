"""Site search on PostgreSQL through full-text vectors.

The trigram indexes (portal.core.trigram) find the rows that contain a word, but the search also
ranks every match, and ranking thousands of matching articles with LIKE over their whole text
took half a second at a province's size. Each searchable table therefore gets a stored
`search_vector` (a generated column: PostgreSQL keeps it with every write, the models never see
it) of its folded columns under the unaccented `simple` configuration, weight A for the title,
D for the rest (A throughout where the whole text is a name: a unit, a person, a cluster), with
a GIN index. Matching, counting and scoring then read the vectors; the score is the one the
LIKE path computes (portal.news.search): 3 per word in the title, else 1 per word in the text,
plus 4 or 2 for the whole phrase. Words match whole, as Vietnamese syllables should ("an" no
longer finds "ban"). SQLite keeps the LIKE path. tsvector is part of PostgreSQL itself: no
extension, no role to ask."""

from .pg_operation import PostgresOnlyOperation

COLUMN = "search_vector"

# (table, folded title column or None, the weight of search_text)
SEARCH_VECTORS = [
    ("news_article", "search_title", "D"),
    ("clusters_cluster", None, "A"),
    ("clusters_unit", None, "A"),
    ("clusters_person", None, "A"),
    ("meetings_meeting", None, "D"),
    ("documents_document", "search_title", "D"),
]


def index_name(table: str) -> str:
    return f"{table}_search_vector_gin"[:63]


def _vector_sql(title: str | None, weight: str) -> str:
    text = f"setweight(to_tsvector('simple'::regconfig, coalesce(search_text, '')), '{weight}')"
    if title:
        return f"setweight(to_tsvector('simple'::regconfig, coalesce({title}, '')), 'A') || {text}"
    return text


def create_vectors(connection, vectors=SEARCH_VECTORS) -> list[str]:
    if connection.vendor != "postgresql":
        return []
    existing = set(connection.introspection.table_names())
    made = []
    with connection.cursor() as cursor:
        for table, title, weight in vectors:
            if table not in existing:
                continue
            cursor.execute(f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS {COLUMN} tsvector '
                           f"GENERATED ALWAYS AS ({_vector_sql(title, weight)}) STORED")
            cursor.execute(f'CREATE INDEX IF NOT EXISTS "{index_name(table)}" ON "{table}" USING gin ({COLUMN})')
            # a new column has no statistics: the planner would guess, and read whole tables
            cursor.execute(f'ANALYZE "{table}"')
            made.append(table)
    return made


def drop_vectors(connection, vectors=SEARCH_VECTORS) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table, _title, _weight in vectors:
            cursor.execute(f'DROP INDEX IF EXISTS "{index_name(table)}"')
            cursor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS {COLUMN}')


class CreateSearchVectors(PostgresOnlyOperation):
    """A migration step: the generated vectors and their indexes on PostgreSQL, nothing elsewhere."""

    description = "Full-text search vectors (PostgreSQL only)"

    def create(self, connection, rows):
        create_vectors(connection, rows)

    def drop(self, connection, rows):
        drop_vectors(connection, rows)
