"""Unit registrations for movements and cluster pacts in the back office: an officer registers
only their own unit, once per movement; never sees another unit's registration (its file is a
404); only the officer of a cluster-year's leader unit files the cluster's pact."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from awards.models import ClusterPact, Movement, MovementForm, MovementRegistration, MovementScope
from awards.movement_services import cluster_pact_file, movement_register
from clusters.models import ClusterMember, ClusterYear, Role, SelectionMethod

from .conftest import MARK_B, pdf_file

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
URL = "/can-bo/phong-trao/"


@pytest.fixture
def open_movement(db):
    return Movement.objects.create(
        name="Chung sức xây dựng nông thôn mới", form=MovementForm.REGULAR, scope=MovementScope.PROVINCE,
        start_date=TODAY - datetime.timedelta(days=30), end_date=TODAY + datetime.timedelta(days=300),
        is_published=True,
    )


@pytest.fixture
def this_year(world):
    """This year's row of the border cluster: Lộc Bình (unit B) leads, Văn Lãng (unit A) deputises."""
    year = ClusterYear.objects.create(cluster=world.cluster, year=TODAY.year)
    ClusterMember.objects.create(cluster_year=year, unit=world.unit_b, role=Role.LEADER, order=1,
                                 selection_method=SelectionMethod.ELECTED)
    ClusterMember.objects.create(cluster_year=year, unit=world.unit_a, role=Role.DEPUTY, order=2,
                                 selection_method=SelectionMethod.ELECTED)
    return year


def register_post(client, movement, unit, content="Cam kết của đơn vị", **extra):
    return client.post(reverse("backoffice:movements"),
                       {"movement": movement.pk, "unit": unit.pk, "content": content, **extra})


def test_the_urls_are_where_the_back_office_is():
    assert reverse("backoffice:movements") == URL
    assert reverse("backoffice:movement-pacts") == URL + "giao-uoc/"


def test_officer_registers_own_unit(client_b, world, open_movement):
    response = register_post(client_b, open_movement, world.unit_b, file=pdf_file("dang-ky.pdf"))
    assert response.status_code == 302
    registration = MovementRegistration.objects.get()
    assert (registration.unit, registration.registered_by) == (world.unit_b, world.officer_b)
    assert registration.file.name.startswith("private/awards/movement-registrations/")
    body = client_b.get(URL).content.decode()
    assert "Cam kết của đơn vị" in body


def test_a_unit_registers_once_per_movement(client_b, world, open_movement):
    register_post(client_b, open_movement, world.unit_b)
    response = register_post(client_b, open_movement, world.unit_b, content="Lần hai")
    assert response.status_code == 200
    assert "Đơn vị này đã đăng ký tham gia phong trào này." in response.content.decode()
    assert MovementRegistration.objects.count() == 1


def test_the_database_holds_one_registration_per_unit_and_movement(world, open_movement):
    from django.db import IntegrityError, transaction

    MovementRegistration.objects.create(movement=open_movement, unit=world.unit_b, content="một")
    with pytest.raises(IntegrityError), transaction.atomic():
        MovementRegistration.objects.create(movement=open_movement, unit=world.unit_b, content="hai")


def test_officer_cannot_register_another_unit(client_a, world, open_movement):
    response = register_post(client_a, open_movement, world.unit_b, content=MARK_B)
    assert response.status_code == 200
    assert set(response.context["form"].fields["unit"].queryset) == {world.unit_a}
    assert not MovementRegistration.objects.exists()
    with pytest.raises(PermissionDenied):
        movement_register(movement=open_movement, unit=world.unit_b, user=world.officer_a, content="x")


def test_officer_never_sees_another_units_registration(client, world, open_movement):
    client.force_login(world.officer_b)
    register_post(client, open_movement, world.unit_b, content=MARK_B, file=pdf_file())
    registration = MovementRegistration.objects.get()
    file_url = registration.file.url
    assert client.get(file_url).status_code == 200

    client.force_login(world.officer_a)
    body = client.get(URL).content.decode()
    assert MARK_B not in body
    assert client.get(file_url).status_code == 404
    assert client.get(reverse("backoffice:movement-pacts")).content.decode().count(MARK_B) == 0

    client.logout()
    assert client.get(file_url).status_code == 404
    assert MARK_B not in client.get(open_movement.get_absolute_url()).content.decode()

    client.force_login(world.reviewer)  # staff see every registration (in the admin)
    assert client.get(file_url).status_code == 200
    admin_page = client.get(reverse("admin:awards_movementregistration_change", args=[registration.pk]))
    assert MARK_B in admin_page.content.decode()


def test_registration_is_counted_on_the_public_page(client, world, open_movement, site_profile):
    movement_register(movement=open_movement, unit=world.unit_b, user=world.officer_b, content="x")
    movement_register(movement=open_movement, unit=world.unit_a, user=world.officer_a, content="y")
    response = client.get(open_movement.get_absolute_url())
    assert response.context["movement"].registration_count == 2


def test_ended_or_unpublished_movement_is_not_open(client_b, world, open_movement):
    ended = Movement.objects.create(name="Đã xong", form=MovementForm.REGULAR, scope=MovementScope.PROVINCE,
                                    start_date=datetime.date(2017, 1, 1), end_date=datetime.date(2017, 12, 31),
                                    is_published=True)
    draft = Movement.objects.create(name="Chưa công bố", form=MovementForm.REGULAR, scope=MovementScope.PROVINCE,
                                    is_published=False)
    offered = set(client_b.get(URL).context["form"].fields["movement"].queryset)
    assert offered == {open_movement}
    for movement in (ended, draft):
        assert register_post(client_b, movement, world.unit_b).status_code == 200
    assert not MovementRegistration.objects.exists()
    with pytest.raises(Exception, match="không mở đăng ký"):
        movement_register(movement=ended, unit=world.unit_b, user=world.officer_b, content="x")


def test_leader_units_officer_files_the_clusters_pact(client_b, world, open_movement, this_year):
    response = client_b.post(reverse("backoffice:movement-pacts"), {
        "movement": open_movement.pk, "cluster_year": this_year.pk, "signed_on": TODAY.isoformat(),
        "text": "Nội dung riêng của giao ước", "file": pdf_file("giao-uoc.pdf"),
    })
    assert response.status_code == 302
    pact = ClusterPact.objects.get()
    assert (pact.cluster_year, pact.filed_by, pact.signed_on) == (this_year, world.officer_b, TODAY)
    assert "Nội dung riêng của giao ước" not in client_b.get(open_movement.get_absolute_url()).content.decode()


def test_deputy_and_outsiders_cannot_file_the_pact(client_a, world, open_movement, this_year):
    response = client_a.post(reverse("backoffice:movement-pacts"), {
        "movement": open_movement.pk, "cluster_year": this_year.pk, "text": "giả mạo"})
    assert response.status_code == 200
    assert not ClusterPact.objects.exists()
    assert not response.context["cluster_years"]
    with pytest.raises(PermissionDenied):
        cluster_pact_file(movement=open_movement, cluster_year=this_year, user=world.officer_a, text="x")


def test_public_is_sent_to_log_in_and_accounts_without_the_role_are_refused(client, world, open_movement):
    for url in (URL, reverse("backoffice:movement-pacts")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL))
        client.force_login(world.nobody)
        assert client.get(url).status_code == 403
        client.logout()


def test_the_officers_sidebar_leads_to_the_movements(client, django_user_model):
    from django.core.management import call_command
    from django.test import override_settings

    with override_settings(DEBUG=True):
        call_command("demo", stdout=__import__("io").StringIO())
    client.force_login(django_user_model.objects.get(username="locbinh"))
    body = client.get(reverse("backoffice:dashboard")).content.decode()
    assert reverse("backoffice:movements") in body and "Đăng ký phong trào thi đua" in body
