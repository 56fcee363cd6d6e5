"""A document's page lists the meetings held under it through the index made for it, on both
databases: when a wider index also covered the list's order, SQLite walked every published
meeting of the province instead (46 ms at a province's size against 0.1)."""

from django.db import connection

from meetings.selectors import public_meetings


def test_the_meetings_of_a_document_are_read_through_their_index(db):
    queryset = public_meetings().select_related(None).filter(basis_document_id=1)[:51]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())
    assert "meeting_basis_idx" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan.split("\n")[0], plan
