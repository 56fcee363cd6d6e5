"""Two people editing one record: the second save is refused with what changed meanwhile, and
nothing of either is lost."""

import pytest
from django.urls import reverse

from clusters.models import ClusterYear

from .test_admin import meeting_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


def opened(client, url):
    """The hidden version fields of a change form as a browser would post them back."""
    form = client.get(url).context["adminform"].form
    return {"lock_version": form.initial["lock_version"], "lock_snapshot": form.initial["lock_snapshot"]}


def test_the_second_concurrent_save_of_a_meeting_is_refused_with_what_changed(admin_client, border, make_meeting):
    meeting = make_meeting(venue="Hội trường A")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    first, second = opened(admin_client, url), opened(admin_client, url)
    saved = admin_client.post(url, meeting_post(border, venue="Hội trường B", **first))
    assert saved.status_code == 302
    refused = admin_client.post(url, meeting_post(border, venue="Hội trường C", summary="Không được mất",
                                                  **second))
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Người khác đã lưu hồ sơ này trong lúc anh/chị đang sửa" in body
    assert "Hội trường B" in body and "Không được mất" in body  # what changed, and the input kept
    meeting.refresh_from_db()
    assert meeting.venue == "Hội trường B"


def test_a_change_of_the_inline_rows_counts_as_a_change_of_the_record(admin_client, border, make_meeting):
    meeting = make_meeting()
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    stale = opened(admin_client, url)
    from meetings.models import Attendance

    Attendance.objects.create(meeting=meeting, name_as_written="Người khác thêm", title_as_written="")
    meeting.save()  # as the admin and the back office do when rows change
    refused = admin_client.post(url, meeting_post(border, **stale))
    assert refused.status_code == 200 and "Người khác đã lưu hồ sơ này" in refused.content.decode()


def test_a_cluster_years_member_change_by_a_service_moves_its_version(border):
    from clusters import services

    year = ClusterYear.objects.get(pk=border.year2017.pk)
    before = year.version
    services.cluster_member_add(cluster_year=year, unit=border.city)
    year.refresh_from_db()
    assert year.version == before + 1


def test_an_unchanged_record_saves_as_usual(admin_client, border, make_meeting):
    meeting = make_meeting()
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    assert admin_client.post(url, meeting_post(border, **opened(admin_client, url))).status_code == 302
    assert admin_client.post(url, meeting_post(border, **opened(admin_client, url))).status_code == 302


def test_the_hidden_lock_fields_have_no_visible_row_or_label(admin_client, make_meeting):
    meeting = make_meeting()
    body = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()
    assert 'name="lock_version"' in body and 'type="hidden"' in body
    assert 'for="id_lock_version"' not in body and 'for="id_lock_snapshot"' not in body
