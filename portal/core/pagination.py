"""Pagination whose cost does not grow with the data.

Counting the published rows of a list (20,000 articles, 20,000 meetings at a province's size)
took as long as the rest of the page. The count is kept until the next write to the records
(portal.core.cache's data version), so a list costs its page of rows, read through an index.
A query's time parameters ("published before now") are rounded to the minute for the key: a
scheduled article may join the count up to a minute after it joins the list.

Deep pages are read by key, not by offset: page 1,000 of the news skipped 19,980 rows (2.3x page
1). The sort key of the last row of every page is read once per data version (one pass over the
index, kept like the count), and page n is then the rows after page n-1's last key: a seek."""

import datetime
import re

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.utils import timezone
from django.utils.functional import cached_property

from .cache import cached

COUNT_TIMEOUT = 60 * 60
SEEK_AFTER = 5  # pages up to this one read by offset: a few rows skipped cost less than the keys


def this_minute() -> str:
    """The part of a kept figure's key that makes it last at most the minute: "published before
    now" moves on by itself."""
    return timezone.now().replace(second=0, microsecond=0).isoformat()


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

    def __init__(self, object_list, per_page, *args, count_key=None, keys_never_null=False, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.count_key = count_key
        # the caller vouches that its filter leaves no null in a nullable sort column
        # (published articles all have their publication time)
        self.keys_never_null = keys_never_null

    def page(self, number):
        number = self.validate_number(number)
        if number > SEEK_AFTER and self.count_key is not None:
            order = _seek_order(self.object_list, self.keys_never_null)
            if order:
                keys = self._page_ends(order)
                last = keys[number - 2] if len(keys) >= number - 1 else None
                if last is not None and None not in last:
                    rows = self.object_list.filter(_after(order, last))[:self.per_page]
                    return self._get_page(rows, number, self)
        return super().page(number)

    def _page_ends(self, order) -> list[tuple]:
        """The sort key of the last row of every page, in one pass over the list's index."""
        names = [name for name, _descending in order]

        def compute():
            ends = []
            for index, row in enumerate(self.object_list.values_list(*names).iterator(chunk_size=5000), start=1):
                if index % self.per_page == 0:
                    ends.append(row)
            return ends

        return cached("list-page-ends", (self.object_list.db, self.count_key, self.per_page, this_minute()), compute,
                      timeout=COUNT_TIMEOUT)

    @cached_property
    def count(self):
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is None:
            return super().count
        if self.count_key is not None:
            return cached("list-count", (queryset.db, self.count_key, this_minute()), queryset.count,
                          timeout=COUNT_TIMEOUT)
        try:
            sql, params = query.sql_with_params()
        except EmptyResultSet:  # .none(): nothing to count
            return 0
        key = (queryset.db, sql, tuple(_key_param(p) for p in params))
        return cached("list-count", key, queryset.count, timeout=COUNT_TIMEOUT)


def _seek_order(queryset, keys_never_null=False) -> list[tuple[str, bool]] | None:
    """The list's order as (field, descending) pairs when a seek can follow it: plain columns of
    the model that hold no null (databases sort nulls apart, each its own way), the primary key
    last (so every key is unique); None otherwise."""
    if queryset.query.extra_order_by or not queryset.query.order_by:
        return None
    meta = queryset.model._meta
    # by column: a foreign key named without its "_id" sorts by the related model's own order
    columns = {field.attname: field for field in meta.concrete_fields} | {"pk": meta.pk}
    order = []
    for item in queryset.query.order_by:
        if not isinstance(item, str):
            return None
        field = columns.get(item.lstrip("-"))
        if field is None:
            return None
        if field.null and not keys_never_null:
            return None
        order.append((field.attname, item.startswith("-")))
    return order if order[-1][0] == queryset.model._meta.pk.attname else None


def _after(order, last):
    """Rows after `last` in the order. One direction throughout: the row value comparison
    (a, id) < (x, z), which the database reads as a range of its index, in order; the same
    written out column by column ("a < x OR a = x AND id < z") made PostgreSQL gather and sort
    every row after the key. Mixed directions: written out."""
    if len({descending for _name, descending in order}) == 1:
        compare = TupleLessThan if order[0][1] else TupleGreaterThan
        return compare(Tuple(*[F(name) for name, _descending in order]), tuple(last))
    condition = Q()
    for index, (name, descending) in enumerate(order):
        step = Q(**{f"{name}__{'lt' if descending else 'gt'}": last[index]})
        for earlier, (earlier_name, _d) in enumerate(order[:index]):
            step &= Q(**{earlier_name: last[earlier]})
        condition |= step
    return condition


def filter_key(request, name: str) -> tuple:
    """A count_key for a list filtered by its query string: the list's name and every parameter
    but the page number."""
    return (name, tuple(sorted((key, tuple(values)) for key, values in request.GET.lists() if key != "page")))
