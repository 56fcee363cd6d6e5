"""Back-office lists cost a fixed number of queries however many records a unit has filed."""

from django.urls import reverse

from meetings.models import RecordState

from .conftest import filed_meeting


def test_dashboard_and_review_queue_have_a_fixed_query_budget(client, world, django_assert_max_num_queries):
    for index in range(25):
        filed_meeting(world.year, world.unit_b, world.officer_b, RecordState.SUBMITTED, f"Thêm {index}")
    client.force_login(world.officer_b)
    with django_assert_max_num_queries(11):
        assert client.get(reverse("backoffice:dashboard")).status_code == 200
    client.force_login(world.reviewer)
    with django_assert_max_num_queries(11):
        assert client.get(reverse("backoffice:review-queue")).status_code == 200


def test_record_page_has_a_fixed_query_budget(client_b, world, django_assert_max_num_queries):
    from meetings.models import Attendance

    for index in range(20):
        Attendance.objects.create(meeting=world.draft_b, organisation=f"Đơn vị {index}", unit=world.unit_b,
                                  order=index + 2)
    with django_assert_max_num_queries(20):
        assert client_b.get(reverse("backoffice:meeting-detail", kwargs={"meeting_id": world.draft_b.pk})
                            ).status_code == 200
