"""Back-office lists cost a fixed number of queries however many records a unit has filed."""

from django.urls import reverse

from awards.models import Award
from meetings.models import RecordState
from nominations import services
from nominations.models import NomineeLine

from .conftest import filed_meeting


def test_dashboard_and_review_queue_have_a_fixed_query_budget(client, world, django_assert_max_num_queries):
    for index in range(25):
        filed_meeting(world.year, world.unit_b, world.officer_b, RecordState.SUBMITTED, f"Thêm {index}")
    for index in range(12):  # more than the officer's home panel lists
        dossier = services.dossier_create(user=world.officer_b, unit=world.unit_b, achievement_year=2017,
                                          summary=f"Hồ sơ {index}")
        services.line_save(user=world.officer_b, line=NomineeLine(
            dossier=dossier, name_text=f"Người {index}", award=Award.objects.get(code="provincial_certificate")))
    client.force_login(world.officer_b)
    # the officer's home adds its dossier panel: the dossiers, their lines, the deadlines
    with django_assert_max_num_queries(14):
        response = client.get(reverse("backoffice:dashboard"))
        assert response.status_code == 200
    assert len(response.context["open_dossiers"]) == 10
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
