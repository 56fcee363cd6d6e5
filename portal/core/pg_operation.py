"""A migration step that acts on PostgreSQL only and holds no model state: indexes and generated
columns the models do not describe (portal.core.trigram, portal.core.fulltext)."""

from django.db.migrations.operations.base import Operation


class PostgresOnlyOperation(Operation):
    """Subclasses give `create(connection, rows)`, `drop(connection, rows)` and `description`;
    both functions do nothing off PostgreSQL."""

    reduces_to_sql = False
    reversible = True
    description = ""

    def __init__(self, rows):
        self.rows = [tuple(row) for row in rows]

    def create(self, connection, rows):  # pragma: no cover - every subclass gives its own
        raise NotImplementedError

    def drop(self, connection, rows):  # pragma: no cover
        raise NotImplementedError

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self.create(schema_editor.connection, self.rows)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self.drop(schema_editor.connection, self.rows)

    def describe(self):
        return self.description

    def deconstruct(self):
        return self.__class__.__qualname__, [self.rows], {}
