"""Staff never hard-delete history: they withdraw (with a reason, logged, reversible) and only a
superuser purges, which is logged too."""

import pytest
from django.urls import reverse

from clusters.models import ClusterYear
from meetings.models import Meeting, RecordState
from portal.core.models import RecordLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("bientap", password="x-Secret-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(
        content_type__app_label__in=["meetings", "clusters"]))  # every right, delete included
    return user


def test_staff_cannot_hard_delete_a_meeting_or_a_cluster_year(client, staff, make_meeting, border):
    meeting = make_meeting()
    client.force_login(staff)
    for url in (reverse("admin:meetings_meeting_delete", args=[meeting.pk]),
                reverse("admin:clusters_clusteryear_delete", args=[border.year2017.pk])):
        assert client.get(url).status_code == 403
        assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = client.get(reverse("admin:meetings_meeting_changelist")).content.decode()
    assert "delete_selected" not in changelist
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_withdrawing_needs_a_reason_hides_the_meeting_and_is_logged_and_reversible(client, staff, make_meeting,
                                                                                  site_profile):
    meeting = make_meeting(record_state=RecordState.PUBLISHED)
    url = meeting.get_absolute_url()
    assert client.get(url).status_code == 200
    client.force_login(staff)
    changelist = reverse("admin:meetings_meeting_changelist")
    asked = client.post(changelist, {"action": "withdraw_selected", "_selected_action": [meeting.pk]})
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    client.post(changelist, {"action": "withdraw_selected", "_selected_action": [meeting.pk],
                             "reason": "Nhập trùng với hội nghị số 12"})
    meeting.refresh_from_db()
    assert meeting.is_withdrawn and meeting.withdrawal_reason == "Nhập trùng với hội nghị số 12"
    client.logout()
    assert client.get(url).status_code == 404
    log = RecordLog.objects.get(action="withdraw")
    assert log.by == staff and log.object_id == str(meeting.pk)
    client.force_login(staff)
    client.post(changelist + "?withdrawn=yes", {"action": "restore_selected", "_selected_action": [meeting.pk]})
    meeting.refresh_from_db()
    assert not meeting.is_withdrawn and RecordLog.objects.filter(action="restore").exists()
    client.logout()
    assert client.get(url).status_code == 200


def test_a_withdrawn_cluster_year_keeps_its_place_in_the_uniqueness_guarantee(border, staff):
    from django.db import IntegrityError, transaction

    from portal.core.withdrawal import record_withdraw

    record_withdraw(obj=border.year2017, by=staff, reason="Nhập nhầm")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterYear.objects.create(cluster=border.cluster, year=2017)


def test_a_superuser_purge_is_logged(admin_client, make_meeting):
    meeting = make_meeting()
    response = admin_client.post(reverse("admin:meetings_meeting_delete", args=[meeting.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    log = RecordLog.objects.get(action="purge")
    assert log.object_repr == str(meeting) and log.by.is_superuser
