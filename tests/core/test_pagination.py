"""Issue 17: a list's count is kept until the next write, so a list costs its page of rows."""

import pytest
from django.core.cache import cache

from clusters.models import Unit, UnitKind
from portal.core.pagination import CachedCountPaginator, _key_param

pytestmark = pytest.mark.django_db


def test_the_count_is_read_once_per_change_of_the_records(django_assert_num_queries):
    cache.clear()
    Unit.objects.create(name="xã A", slug="xa-a", kind=UnitKind.COMMUNE)
    assert CachedCountPaginator(Unit.objects.order_by("pk"), 10).count == 1
    with django_assert_num_queries(0):
        assert CachedCountPaginator(Unit.objects.order_by("pk"), 10).count == 1
    Unit.objects.create(name="xã B", slug="xa-b", kind=UnitKind.COMMUNE)  # a write: counted again
    assert CachedCountPaginator(Unit.objects.order_by("pk"), 10).count == 2


def test_a_time_in_the_query_counts_to_the_minute():
    import datetime

    moment = datetime.datetime(2026, 11, 30, 20, 7, 41, 123)
    assert _key_param(moment) == _key_param(moment.replace(second=2))
    assert _key_param("2026-11-30 20:07:41.000123") == "2026-11-30 20:07"
    assert _key_param(5) == "5"
