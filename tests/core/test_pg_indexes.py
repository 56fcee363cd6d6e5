"""Issue 17: on PostgreSQL every public list, filter and search query has an index that fits.

Demo-sized tables are read whole whatever the indexes, so the planner is asked with sequential
scans disabled: a plan that still reads a big table sequentially has no index it could use."""

import datetime
import re

import pytest
from django.db import connection

from awards.statistics.selectors import lookup_lines
from portal.core import trigram
from portal.news.models import Article

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plans only")]


def plan(queryset, *, ordered=False) -> str:
    """The plan with sequential scans (and, for `ordered`, sorts) disabled."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"SET LOCAL enable_sort = {'off' if ordered else 'on'}")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def seq_scans(text: str) -> set[str]:
    return set(re.findall(r"Seq Scan on (\w+)", text))


def test_every_search_column_has_its_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_trgm"])
        names = {row[0] for row in cursor.fetchall()}
    assert {trigram.index_name(t, c) for t, c in trigram.SEARCH_COLUMNS} <= names


def test_the_lookup_finds_lines_by_name_through_the_trigram_index():
    from awards.models import DecisionLine

    # the look-up's own predicate on the lines (the join to decisions is planned by their size)
    text = plan(DecisionLine.objects.filter(search_text__contains="loc binh").order_by())
    assert "awards_decisionline_search_text_trgm" in text, text
    assert "awards_decisionline" not in seq_scans(plan(lookup_lines().filter(search_text__contains="loc binh")))


def test_the_news_list_reads_its_order_from_an_index():
    text = plan(Article.objects.published().order_by("-published_at", "-id")[:10], ordered=True)
    assert "news_article" not in seq_scans(text) and "Sort" not in text, text


def test_news_of_a_category_and_of_a_meeting_use_their_indexes():
    assert "article_category_recent_idx" in plan(
        Article.objects.published().filter(category_id=1).order_by("-published_at", "-id")[:5], ordered=True)
    assert "article_meeting_recent_idx" in plan(
        Article.objects.published().filter(meeting_id=1).order_by("-published_at", "-id")[:10], ordered=True)


def test_site_search_columns_are_read_through_indexes():
    from clusters.models import Unit

    text = plan(Unit.objects.filter(search_text__contains="bien gioi"))
    assert "clusters_unit_search_text_trgm" in text, text


def test_the_meetings_and_decisions_lists_read_their_order_from_an_index():
    from awards.selectors import published_decisions
    from meetings.selectors import public_meetings
    from portal.core.pagination import _after, _seek_order

    for queryset, table in ((public_meetings().select_related(None), "meetings_meeting"),
                            (published_decisions().select_related(None), "awards_decision")):
        first = plan(queryset[:20], ordered=True)
        assert table not in seq_scans(first) and "Sort" not in first, first
        # a deep page read by key: a range of the same index, in order, no sort
        order = _seek_order(queryset)
        assert order, table
        last = tuple(datetime.date(2017, 7, 14) if name == "sort_date" else
                     datetime.time(8) if name == "sort_time" else True if name == "signed_on_known" else 1
                     for name, _descending in order)
        deep = plan(queryset.filter(_after(order, last))[:20], ordered=True)
        assert table not in seq_scans(deep) and "Sort" not in deep, deep


def test_every_searchable_table_has_its_full_text_vector_and_index():
    from portal.core import fulltext

    with connection.cursor() as cursor:
        cursor.execute("SELECT table_name FROM information_schema.columns WHERE column_name = %s", [fulltext.COLUMN])
        tables = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_search_vector_gin"])
        indexes = {row[0] for row in cursor.fetchall()}
    assert {table for table, _title, _weight in fulltext.SEARCH_VECTORS} <= tables
    assert {fulltext.index_name(table) for table, _title, _weight in fulltext.SEARCH_VECTORS} <= indexes


def test_the_site_search_matches_counts_and_ranks_through_the_vectors():
    from django.test.utils import CaptureQueriesContext

    from portal.news import search

    keys = search.ranked_keys("bien gioi")
    with search.planned():
        with CaptureQueriesContext(connection) as ctx:
            keys.count()
            list(keys.ranked[:20])
        statements = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().startswith(("SELECT", "("))]
        assert len(statements) == 2, statements
        for sql in statements:
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN {sql}")
                text = "\n".join(row[0] for row in cursor.fetchall())
            # (on the test's empty tables the planner may pick another index for the articles)
            assert "_search_vector_gin" in text and "news_article" not in seq_scans(text), text
            assert "~~" not in text, text  # no LIKE left on PostgreSQL
