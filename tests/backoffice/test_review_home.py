"""The reviewer's home in the back office: where a reviewer lands after signing in, with what
waits (counts by state, the longest-waiting first, days since submission), links to the admin's
lists they may open, and a count on the admin's index that leads there."""

import datetime

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from meetings.models import MeetingTransition, RecordState
from meetings.services import meeting_transition

from .conftest import PASSWORD, filed_meeting

HOME = "backoffice:review-queue"


def submit(meeting, officer, days_ago):
    transition = meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=officer)
    MeetingTransition.objects.filter(pk=transition.pk).update(at=timezone.now() - datetime.timedelta(days=days_ago))


def test_reviewers_land_on_their_home_and_can_still_reach_the_admin(client, world):
    response = client.post(reverse("login"), {"username": "so.noivu", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(HOME)
    assert reverse("admin:index") in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 200


def test_officers_still_land_in_their_own_back_office(client, world):
    response = client.post(reverse("login"), {"username": "locbinh", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("backoffice:dashboard")


def test_the_home_lists_what_waits_oldest_first_with_days_waiting(reviewer_client, world):
    submit(world.draft_a, world.officer_a, days_ago=12)
    submit(world.draft_b, world.officer_b, days_ago=2)
    response = reviewer_client.get(reverse(HOME))
    assert response.status_code == 200
    listed = [meeting.pk for meeting in response.context["page_obj"]]
    # submitted and approved records wait; drafts and returned ones do not
    assert listed[:2] == [world.draft_a.pk, world.draft_b.pk]
    assert set(listed) == {world.draft_a.pk, world.draft_b.pk, world.submitted_b.pk, world.approved_b.pk}
    body = response.content.decode()
    assert "đã chờ 12 ngày" in body and "đã chờ 2 ngày" in body
    assert "Có <strong>4</strong> hồ sơ đang chờ" in body
    counts = {value: count for value, _label, count in response.context["counts"]}
    assert counts["submitted"] == 3 and counts["approved"] == 1 and counts["returned"] == 1


def test_a_state_can_be_picked(reviewer_client, world):
    response = reviewer_client.get(reverse(HOME), {"trang-thai": "returned"})
    assert [m.pk for m in response.context["page_obj"]] == [world.returned_b.pk]


def test_links_to_the_admin_lists_are_those_the_reviewer_may_open(client, world, django_user_model):
    client.force_login(world.reviewer)
    links = dict(client.get(reverse(HOME)).context["admin_lists"])
    assert reverse("admin:awards_decision_changelist") in links.values()
    assert reverse("admin:news_article_changelist") in links.values()
    # a reviewer allowed only to review meetings sees only the meetings list
    narrow = django_user_model.objects.create_user(username="chi.duyet", password=PASSWORD, is_staff=True)
    narrow.user_permissions.add(
        Permission.objects.get(codename="review_meeting"), Permission.objects.get(codename="view_meeting"))
    client.force_login(narrow)
    links = client.get(reverse(HOME)).context["admin_lists"]
    assert [url for _label, url in links] == [reverse("admin:meetings_meeting_changelist")]


def test_the_admin_index_links_home_with_the_count(reviewer_client, world):
    body = reviewer_client.get(reverse("admin:index")).content.decode()
    assert reverse(HOME) in body and "2 hồ sơ đang chờ duyệt" in body


def test_the_home_has_a_fixed_query_budget(reviewer_client, world, django_assert_max_num_queries):
    for index in range(25):
        filed_meeting(world.year, world.unit_b, world.officer_b, RecordState.SUBMITTED, f"Thêm {index}")
    with django_assert_max_num_queries(12):
        assert reviewer_client.get(reverse(HOME)).status_code == 200
