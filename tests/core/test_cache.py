"""Cached reads are keyed by a data version that every write to a record bumps."""

import pytest

from portal.core.cache import cached, data_changed, data_version, records_written

pytestmark = pytest.mark.django_db


def test_cached_value_is_reused_until_a_record_changes():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached("t", ("a",), compute) == 1
    assert cached("t", ("a",), compute) == 1
    data_changed()
    assert cached("t", ("a",), compute) == 2
    assert cached("t", ("b",), compute) == 3


def test_saving_a_record_bumps_the_version():
    from clusters.models import Unit

    before = data_version()
    Unit.objects.create(name="huyện Thử", slug="huyen-thu", kind="district")
    assert data_version() > before


def test_a_bulk_write_bumps_the_version_through_the_service_hook():
    before = data_version()
    records_written()
    assert data_version() > before


def test_writes_outside_the_record_apps_do_not_bump(django_user_model):
    before = data_version()
    django_user_model.objects.create_user(username="someone", password="x-Secret-123")
    assert data_version() == before
