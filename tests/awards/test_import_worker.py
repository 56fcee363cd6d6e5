"""Issue 14, item 2: an attached list is read and saved by the task worker (Django's tasks framework,
the database backend), not by the web worker that received it; the admin shows the progress."""

import datetime
import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from awards import line_imports
from awards.models import DecisionLine, LineImport

from .test_imports import person_row, xlsx

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
State = LineImport.State


@pytest.fixture
def decision(issue, awards, people):
    return issue([], number_text="500/QĐ-UBND", number=500)


def run_worker():
    """What `db_worker` does with each queued task, in this process and this test's connection
    (the command itself closes connections between tasks, which a test's transaction cannot
    survive on PostgreSQL; the scale-out test runs the real command beside two app hosts)."""
    from django_tasks_db.models import DBTaskResult

    while (row := DBTaskResult.objects.ready().first()) is not None:
        row.claim("test-worker")
        result = row.task_result
        row.set_successful(row.task.call(*result.args, **result.kwargs))


@override_settings(TASKS=DATABASE_TASKS)
def test_the_upload_returns_at_once_and_the_worker_reads_and_saves(client, staff_user, decision, units):
    client.force_login(staff_user)
    upload = xlsx([person_row(1, "Hoàng Thị Hoa"), person_row(2, "Lường Văn Bình", award="???")])
    response = client.post(reverse("admin:awards_decision_import", args=[decision.pk]), {"file": upload})
    assert response.status_code == 302
    job = LineImport.objects.get()
    # nothing was read in the request: the job waits for the worker
    assert job.state == State.QUEUED and job.rows is None and job.file
    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert 'http-equiv="refresh"' in body and "đang chờ tiến trình nền" in body.lower()

    run_worker()
    job.refresh_from_db()
    assert job.state == State.READY and len(job.rows) == 2
    assert not job.file  # the upload is not kept once its rows are read
    page = client.get(response["Location"])
    assert "Hàng 3" in page.content.decode() and DecisionLine.objects.count() == 0

    saving = client.post(response["Location"], {"action": "save_valid"})
    assert saving.status_code == 302
    job.refresh_from_db()
    assert job.state == State.SAVING and DecisionLine.objects.count() == 0
    assert "đang lưu" in client.get(response["Location"]).content.decode().lower()

    run_worker()
    assert list(decision.lines.values_list("name_text", flat=True)) == ["Hoàng Thị Hoa"]
    done = client.get(response["Location"])
    assert done.status_code == 302 and done["Location"] == reverse("admin:awards_decision_change",
                                                                    args=[decision.pk])
    assert "Đã lưu 1 dòng." in client.get(done["Location"]).content.decode()


@override_settings(TASKS=DATABASE_TASKS)
def test_a_refusal_found_by_the_worker_is_shown_on_the_job_page(client, staff_user, decision):
    client.force_login(staff_user)
    workbook = io.BytesIO()
    from openpyxl import Workbook
    book = Workbook()
    book.active.append(["a", "b"])
    book.save(workbook)
    workbook.seek(0)
    workbook.name = "sai.xlsx"
    response = client.post(reverse("admin:awards_decision_import", args=[decision.pk]), {"file": workbook})
    run_worker()
    assert LineImport.objects.get().state == State.FAILED
    page = client.get(response["Location"])
    assert page.status_code == 200 and "hàng tiêu đề" in page.content.decode()


def test_a_zip_bomb_is_refused_in_the_request_and_no_job_is_queued(client, staff_user, decision):
    client.force_login(staff_user)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (20 * 2**20))
    bomb.seek(0)
    bomb.name = "bom.xlsx"
    response = client.post(reverse("admin:awards_decision_import", args=[decision.pk]), {"file": bomb})
    assert response.status_code == 200 and "bị từ chối" in response.content.decode()
    assert not LineImport.objects.exists()


@override_settings(TASKS=DATABASE_TASKS)
def test_a_job_is_seen_only_by_the_one_who_uploaded_it(client, staff_user, decision, django_user_model):
    client.force_login(staff_user)
    response = client.post(reverse("admin:awards_decision_import", args=[decision.pk]),
                           {"file": xlsx([person_row(1, "Hoàng Thị Hoa")])})
    colleague = django_user_model.objects.create_user("dong.nghiep", password="x", is_staff=True)
    colleague.user_permissions.set(Permission.objects.filter(codename__in=["view_decision", "change_decision"]))
    client.force_login(colleague)
    page = client.get(response["Location"])
    assert page.status_code == 302 and page["Location"].endswith("/import-lines/")


@override_settings(TASKS=DATABASE_TASKS)
def test_the_page_says_when_no_worker_has_picked_the_job_up(client, staff_user, decision):
    client.force_login(staff_user)
    response = client.post(reverse("admin:awards_decision_import", args=[decision.pk]),
                           {"file": xlsx([person_row(1, "Hoàng Thị Hoa")])})
    LineImport.objects.update(updated_at=timezone.now() - datetime.timedelta(minutes=2))
    assert "db_worker" in client.get(response["Location"]).content.decode()
    # and the decision's page leads back to the import
    change = client.get(reverse("admin:awards_decision_change", args=[decision.pk])).content.decode()
    assert response["Location"] in change


@override_settings(TASKS=DATABASE_TASKS)
def test_progress_counts_the_rows_read_against_those_the_sheet_declares(staff_user, decision):
    job = line_imports.start(decision=decision, user=staff_user,
                             upload=xlsx([person_row(i, f"Người {i}") for i in range(1, 41)]))
    assert job.rows_declared == 40 and job.percent is None
    job.state, job.rows_read = State.READING, 10
    assert job.percent == 25


@override_settings(TASKS=DATABASE_TASKS)
def test_stale_jobs_are_purged_with_their_uploads(staff_user, decision):
    job = line_imports.start(decision=decision, user=staff_user, upload=xlsx([person_row(1, "Hoàng Thị Hoa")]))
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)
    LineImport.objects.update(updated_at=timezone.now() - datetime.timedelta(days=2))
    assert line_imports.purge_stale() == 1
    assert not storage.exists(name) and not LineImport.objects.exists()
