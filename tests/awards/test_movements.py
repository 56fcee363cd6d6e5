"""Movements: server-made slugs, the public list and its filters (in progress computed from the
dates), a movement's page with its awards, results and registration count, private attachments,
the menu and sitemap, and constant query counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from awards.models import Movement, MovementAttachment, MovementForm, MovementRegistration, MovementScope

from .conftest import collective, individual

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def movement(name, *, days=(-30, 30), published=True, **fields):
    start, end = (TODAY + datetime.timedelta(days=d) if d is not None else None for d in days)
    values = {"form": MovementForm.THEMATIC, "scope": MovementScope.PROVINCE, "start_date": start, "end_date": end,
              "is_published": published}
    values.update(fields)
    return Movement.objects.create(name=name, **values)


def test_slug_is_made_on_the_server_with_d_and_kept_on_rename():
    first = movement("Đoàn kết thi đua đổi mới")
    second = movement("Đoàn kết thi đua đổi mới")
    assert first.slug == "doan-ket-thi-dua-doi-moi"
    assert second.slug == "doan-ket-thi-dua-doi-moi-2"
    first.name = "Tên khác"
    first.save()
    first.refresh_from_db()
    assert first.slug == "doan-ket-thi-dua-doi-moi"


def test_in_progress_is_computed_from_the_dates_and_today():
    assert movement("A", days=(-10, 10)).period_state(TODAY) == "in_progress"
    assert movement("B", days=(-10, -1)).period_state(TODAY) == "ended"
    assert movement("C", days=(5, 10)).period_state(TODAY) == "upcoming"
    assert movement("D", days=(None, None)).period_state(TODAY) == "in_progress"


def test_list_shows_only_published_movements(client, site_profile):
    movement("Phong trào công khai")
    movement("Phong trào nháp", published=False)
    response = client.get(reverse("awards:movement_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Phong trào công khai" in body and "Phong trào nháp" not in body
    assert "Đang diễn ra" in body


def test_list_filters_by_state_scope_and_year(client, site_profile):
    running = movement("Đang chạy", days=(-10, 10))
    ended = movement("Đã xong", days=(-800, -400), scope=MovementScope.CLUSTER)
    url = reverse("awards:movement_list")

    def names(params):
        return [m.name for m in client.get(url, params).context["page"].object_list]

    assert names({"state": "dang-dien-ra"}) == [running.name]
    assert names({"state": "da-ket-thuc"}) == [ended.name]
    assert names({"scope": "cluster"}) == [ended.name]
    assert names({"year": ended.start_date.year}) == [ended.name]
    assert running.name in names({"year": TODAY.year})


def test_legacy_scope_value_still_reads():
    old = movement("Cũ", scope=MovementScope.SECTOR_OR_LOCAL)
    assert old.get_scope_display() == "bộ, ngành, địa phương (bản ghi cũ)"
    assert MovementScope.SECTOR_OR_LOCAL not in dict(MovementScope.current())


def test_migration_splits_the_old_scope_by_launcher(units):
    import importlib

    from django.apps import apps
    from django.db import connection

    step = importlib.import_module("awards.migrations.0012_movements")

    by_province = movement("Của tỉnh", scope=MovementScope.SECTOR_OR_LOCAL, launched_by=units["ubnd_tinh"])
    by_sector = movement("Của sở", scope=MovementScope.SECTOR_OR_LOCAL, launched_by=units["department"])

    class Editor:  # what the step reads of a schema editor
        pass

    editor = Editor()
    editor.connection = connection
    step.fill_slugs_and_split_scope(apps, editor)
    by_province.refresh_from_db()
    by_sector.refresh_from_db()
    assert (by_province.scope, by_sector.scope) == ("province", "sector")


def test_movement_page_shows_awards_results_and_registration_count(client, site_profile, awards, units, people,
                                                                    issue):
    m = movement("Chung sức xây dựng nông thôn mới", slogan="Chung sức vì quê hương", aims="Nâng cao đời sống")
    m.awards.add(awards["provincial_certificate"])
    issue([individual(people["hoa"], awards["provincial_certificate"]),
           collective(units["village"], awards["provincial_certificate"])], movement=m)
    issue([individual(people["binh"], awards["provincial_certificate"])], movement=m, is_published=False)
    MovementRegistration.objects.create(movement=m, unit=units["district"], content="Cam kết")
    response = client.get(m.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Chung sức vì quê hương" in body and "Nâng cao đời sống" in body
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in body
    assert response.context["page"].paginator.count == 1  # the unpublished decision is no result
    assert "1 tập thể, 1 cá nhân" in body
    assert response.context["movement"].registration_count == 1
    assert "Cam kết" not in body  # the registration's content is the unit's and staff's only


def test_unpublished_movement_is_not_found(client, site_profile):
    m = movement("Nháp", published=False)
    assert client.get(m.get_absolute_url()).status_code == 404


def test_attachments_are_private_files_only_public_ones_served(client, site_profile):
    m = movement("Có tài liệu")
    public = MovementAttachment.objects.create(movement=m, title="Kế hoạch",
                                               file=SimpleUploadedFile("kh.pdf", PDF, "application/pdf"))
    hidden = MovementAttachment.objects.create(movement=m, title="Nội bộ", is_public=False,
                                               file=SimpleUploadedFile("nb.pdf", PDF, "application/pdf"))
    assert public.file.name.startswith("private/awards/movements/")
    body = client.get(m.get_absolute_url()).content.decode()
    assert "Kế hoạch" in body and "Nội bộ" not in body
    assert client.get(public.file.url).status_code == 200
    assert client.get(hidden.file.url).status_code == 404


def test_attachment_refuses_a_file_that_is_not_a_document():
    from django.core.exceptions import ValidationError

    m = movement("Sai tệp")
    fake = SimpleUploadedFile("x.pdf", b"MZ...", "application/pdf")
    attachment = MovementAttachment(movement=m, title="Giả", file=fake)
    with pytest.raises(ValidationError):
        attachment.full_clean()


def test_menu_and_sitemap_list_movements(client, site_profile):
    m = movement("Trong sơ đồ trang")
    body = client.get(reverse("awards:movement_list")).content.decode()
    assert 'href="/phong-trao/"' in body and ">Phong trào<" in body
    sitemap = client.get("/sitemap.xml")
    text = sitemap.content.decode()
    if "sitemap-" in text and m.get_absolute_url() not in text:  # an index: open the movements' part
        text = client.get("/sitemap-movements.xml").content.decode()
    assert m.get_absolute_url() in text


def test_list_query_count_does_not_grow(client, site_profile, units, django_assert_max_num_queries):
    movement("Một")
    client.get(reverse("awards:movement_list"))
    with django_assert_max_num_queries(8):
        client.get(reverse("awards:movement_list"))
    for n in range(30):
        m = movement(f"Phong trào {n}")
        MovementRegistration.objects.create(movement=m, unit=units["district"], content="x")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("awards:movement_list"), {"page": 2, "state": "dang-dien-ra"})
    assert response.status_code == 200


def test_movement_page_query_count_does_not_grow(client, site_profile, awards, units, people, issue,
                                                 django_assert_max_num_queries):
    small, big = movement("Nhỏ"), movement("Lớn")
    client.get(small.get_absolute_url())
    with django_assert_max_num_queries(9):
        client.get(small.get_absolute_url())
    big.awards.add(*list(awards.values())[:5])
    for n in range(25):
        issue([individual(people["hoa"], awards["provincial_certificate"])], movement=big, achievement_year=1990 + n)
    for unit in units.values():
        MovementRegistration.objects.create(movement=big, unit=unit, content="x")
    with django_assert_max_num_queries(9):
        response = client.get(big.get_absolute_url())
    assert response.context["movement"].registration_count == len(units)


@pytest.mark.parametrize("name", ["movement_list"])
def test_public_pages_answer_head_like_get(client, site_profile, name):
    movement("Một")
    url = reverse(f"awards:{name}")
    assert client.head(url).status_code == client.get(url).status_code == 200
