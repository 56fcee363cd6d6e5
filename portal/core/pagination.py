"""Pagination whose count does not grow with the data on every request.

Counting the published rows of a list (20,000 articles, 20,000 meetings at a province's size)
took as long as the rest of the page. The count is kept until the next write to the records
(portal.core.cache's data version), so a list costs its page of rows, read through an index.
A query's time parameters ("published before now") are rounded to the minute for the key: a
scheduled article may join the count up to a minute after it joins the list."""

import datetime
import re

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import cached_property

from .cache import cached

COUNT_TIMEOUT = 60 * 60


_DATETIME_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")


def _key_param(value):
    # SQLite's driver gets datetimes as text, PostgreSQL's as datetime objects
    if isinstance(value, datetime.datetime):
        return value.replace(second=0, microsecond=0).isoformat()
    if isinstance(value, str) and _DATETIME_TEXT.match(value):
        return value[:16]
    return repr(value)


class CachedCountPaginator(Paginator):
    """`count_key`, where the caller can name what the list holds (its filters), spares compiling
    the query for the key: the list's SQL is then built only if its page of rows is not already
    rendered (portal.core.fragments). Such a count is kept for the minute, as the keys above are."""

    def __init__(self, object_list, per_page, *args, count_key=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is None:
            return super().count
        if self.count_key is not None:
            minute = timezone.now().replace(second=0, microsecond=0).isoformat()
            return cached("list-count", (queryset.db, self.count_key, minute), queryset.count, timeout=COUNT_TIMEOUT)
        try:
            sql, params = query.sql_with_params()
        except EmptyResultSet:  # .none(): nothing to count
            return 0
        key = (queryset.db, sql, tuple(_key_param(p) for p in params))
        return cached("list-count", key, queryset.count, timeout=COUNT_TIMEOUT)


def filter_key(request, name: str) -> tuple:
    """A count_key for a list filtered by its query string: the list's name and every parameter
    but the page number."""
    return (name, tuple(sorted((key, tuple(values)) for key, values in request.GET.lists() if key != "page")))
