"""Fixtures every test folder may use."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # The site context (footer, links) is cached; each test starts from an empty cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_profile(db):
    from portal.news.models import Link, LinkGroup, SiteProfile

    profile = SiteProfile.objects.create(
        site_name="Trang thông tin điện tử Sở Nội vụ tỉnh Lạng Sơn",
        owner_name="Sở Nội vụ tỉnh Lạng Sơn",
        address="Số 4 đường Quang Trung, phường Chi Lăng, thành phố Lạng Sơn, tỉnh Lạng Sơn",
        phone="(025) 3.812.110",
        fax="(025) 3.812.498",
        email="sonoivu@langson.gov.vn",
    )
    group = LinkGroup.objects.create(title="Liên kết Websites", order=1)
    Link.objects.create(group=group, title="Bộ Nội vụ", url="https://moha.gov.vn/")
    return profile


@pytest.fixture
def staff_user(db, django_user_model):
    return django_user_model.objects.create_user(
        username="staff", password="x-Secret-123", is_staff=True, is_superuser=True
    )


@pytest.fixture(scope="module")
def room_for_migrated_rows(django_db_setup, django_db_blocker):
    """For a module of serialized_rollback tests (use it with pytest.mark.usefixtures):
    serialized_rollback restores the migrated rows under their first ids. After an earlier
    committing test's flush, post_migrate has made the content types, permissions and groups again
    under new ids, and the restore would collide with them (UNIQUE constraint failed:
    auth_group.name): when the catalogue is gone, so is everything else, and these go too."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from awards.models import Award

    with django_db_blocker.unblock():
        if not Award.objects.exists():
            Group.objects.all().delete()
            Permission.objects.all().delete()
            ContentType.objects.all().delete()
    ContentType.objects.clear_cache()
