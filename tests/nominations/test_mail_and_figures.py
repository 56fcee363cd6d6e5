"""The unit hears of its dossier at return, hold and decision, also when a decision covers only
part of its lines; the processing-time figure is the nearest-rank 90th percentile; a drafted
decision gets its number and date only by signing; awards never imports nominations."""

import ast
import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from awards.models import Decision
from nominations import services
from nominations.models import DossierState, LineOutcome

from .conftest import add_line, make_dossier

S = DossierState
pytestmark = pytest.mark.django_db


def _voted(world, dossier, *lines):
    services.dossier_submit(user=world.locbinh, dossier=dossier, confirm=True)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RECEIVED)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.APPRAISAL)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.COUNCIL)
    for line in lines:
        services.vote_record(user=world.staff, line=line, voted_on=datetime.date(2025, 12, 20), members_total=15,
                             members_present=15, votes_for=15)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.VOTED)


def test_the_unit_gets_a_mail_at_return_and_at_hold(world, mailoutbox, django_capture_on_commit_callbacks):
    dossier = make_dossier(world)
    add_line(dossier, world.locbinh, "Hoàng Thị Hoa", "provincial_certificate")
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(user=world.locbinh, dossier=dossier, confirm=True)
    assert [sorted(m.to) for m in mailoutbox] == [["so.noivu2@example.invalid", "so.noivu@example.invalid"]]
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RECEIVED)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RETURNED, reason="Thiếu báo cáo thành tích")
    returned = mailoutbox[-1]
    assert returned.to == ["locbinh@example.invalid"] and "Thiếu báo cáo thành tích" in returned.body
    services.dossier_submit(user=world.locbinh, dossier=dossier, confirm=True)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RECEIVED)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_step(user=world.staff, dossier=dossier, to_state=S.ON_HOLD, reason="Đang xác minh đơn thư",
                              hold_ground="complaint")
    held = mailoutbox[-1]
    assert held.to == ["locbinh@example.invalid"] and "Đang xác minh đơn thư" in held.body
    assert "vanlang@example.invalid" not in {address for mail in mailoutbox for address in mail.to}


def test_a_decision_for_part_of_the_lines_is_told_and_the_last_one_closes_the_dossier(
        world, mailoutbox, django_capture_on_commit_callbacks):
    dossier = make_dossier(world)
    first = add_line(dossier, world.locbinh, "Hoàng Thị Hoa", "provincial_certificate")
    second = add_line(dossier, world.locbinh, "Nông Văn Dũng", "provincial_certificate")
    _voted(world, dossier, first, second)

    def decide(line, number, day):
        decision = services.decision_draft(user=world.staff, lines=[line], issuer_role=world.chair,
                                           issuer_unit=world.province, subject_line="Về việc tặng Bằng khen")
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.decision_sign(user=world.staff, decision=decision, number=number, symbol="QĐ-UBND",
                                   signed_on=day, confirm=True)

    decide(first, 2345, datetime.date(2025, 12, 28))
    dossier.refresh_from_db()
    assert dossier.state != S.DECIDED  # the second line still waits
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["locbinh@example.invalid"]
    assert "2345/QĐ-UBND" in mailoutbox[0].body
    decide(second, 2400, datetime.date(2025, 12, 30))
    dossier.refresh_from_db()
    second.refresh_from_db()
    assert dossier.state == S.DECIDED and second.outcome == LineOutcome.DECIDED
    assert len(mailoutbox) == 1  # one mail: the dossier is decided


def test_the_90th_percentile_is_the_nearest_rank():
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    dossiers = [SimpleNamespace(first_submitted_at=start, decided_at=start + datetime.timedelta(days=d))
                for d in range(1, 11)]
    figures = services.processing_days(dossiers)
    assert (figures["median"], figures["p90"], figures["count"]) == (5.5, 9, 10)
    assert services.processing_days(dossiers[:1])["p90"] == 1
    assert services.processing_days(dossiers[:3])["p90"] == 3  # 0.9 × 3 = 2.7: the third


def test_a_draft_decision_has_no_number_nor_date_until_signed(world):
    dossier = make_dossier(world)
    line = add_line(dossier, world.locbinh, "Hoàng Thị Hoa", "provincial_certificate")
    _voted(world, dossier, line)
    decision = services.decision_draft(user=world.staff, lines=[line], issuer_role=world.chair,
                                       issuer_unit=world.province, subject_line="Về việc tặng Bằng khen")
    request = RequestFactory().get("/")
    request.user = world.staff
    readonly = admin.site._registry[Decision].get_readonly_fields(request, decision)
    assert {"number", "symbol", "number_text", "signed_on", "is_published"} <= set(readonly)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(number=77, number_text="77/QĐ-UBND")
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(signed_on=datetime.date(2025, 12, 28))


def test_awards_never_imports_the_nominations_app():
    """The nominee line holds the link to its decision line; awards stays below nominations."""
    offenders = []
    for path in (Path(settings.BASE_DIR) / "awards").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path}: {name}" for name in names if name.split(".")[0] in ("nominations", "scoring")]
    assert offenders == []
