"""The query planner's statistics. SQLite keeps none unless asked: without them it takes any
equality on an indexed column for a selective one, and walked every published meeting of the
province to draw one cluster's chart. PostgreSQL's autovacuum keeps them, but lags behind a bulk
load. Refreshed after every migrate, after the demo and bulk loads, and daily (README)."""

from django.db import connections


def refresh_planner_statistics(using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # sampled: bounded time on a large table, and as good for choosing an index
            cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")


def after_migrate(sender, using="default", **kwargs) -> None:
    if sender.label == "core":  # once per migrate, not once per app
        refresh_planner_statistics(using)
