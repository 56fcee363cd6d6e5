"""The scoring pages of the back office: a member scores only itself and sees only its own scores
until the compilation is ready; the leader unit alone compiles, adjusts with a reason the member
sees, steps the scoring on, ranks at the meeting, records the vote and files the proposals; the
compiled table prints as XLSX; limits and missing evidence are form errors, never a 500."""

import datetime
import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from clusters.models import ClusterMember, ClusterYear, Role, SelectionMethod, Unit, UnitKind
from meetings.models import RankBasis
from scoring import services
from scoring.models import Evidence, ScoreAdjustment, ScoreEntry, ScoreSheet, ScoringState, SheetState
from tests.nominations.html_check import html_problems
from tests.scoring.conftest import pdf
from tests.scoring.conftest import world as scoring_world  # noqa: F401 - a fixture, asked for by name below

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(request):
    """The scoring app's world (five districts, Lộc Bình leads), not the back office's two units."""
    return request.getfixturevalue("scoring_world")
SECRET = "Giải trình riêng của huyện Văn Lãng"


def _start(w, deadline=datetime.date(2099, 12, 10)):
    return services.scoring_start(cluster_year=w.cluster_year, template=w.template, deadline=deadline, user=w.staff)


def _sheet(scoring, w, index):
    return scoring.sheets.get(unit=w.units[index])


def _score(w, scoring, index, c1, c2, c3, submit=True, explanation=""):
    sheet, user = _sheet(scoring, w, index), w.officers[index]
    services.entry_save(user=user, sheet=sheet, criterion=w.c1, points=D(c1), explanation=explanation)
    services.entry_save(user=user, sheet=sheet, criterion=w.c2, points=D(c2), files=[pdf()])
    services.entry_save(user=user, sheet=sheet, criterion=w.c3, points=D(c3))
    if submit:
        services.sheet_submit(user=user, sheet=sheet)
    return sheet


def _state_of(sheet):
    sheet.refresh_from_db()
    return sheet.state


def _as(client, user):
    client.force_login(user)
    return client


def url(name, **kwargs):
    return reverse(f"backoffice:{name}", kwargs=kwargs)


def leader_urls(scoring, entry):
    return [url("scoring-compilation", scoring_id=scoring.pk), url("scoring-compilation-xlsx", scoring_id=scoring.pk),
            url("scoring-close", scoring_id=scoring.pk), url("scoring-ready", scoring_id=scoring.pk),
            url("scoring-rank", scoring_id=scoring.pk), url("scoring-vote", scoring_id=scoring.pk),
            url("scoring-proposals", scoring_id=scoring.pk), url("scoring-entry-adjust", entry_id=entry.pk)]


def _sheet_post(w, values, action="save", files=None):
    """values: criterion → (points, explanation)."""
    data = {"action": action}
    for criterion, (points, explanation) in values.items():
        data[f"points_{criterion.pk}"] = points
        data[f"explanation_{criterion.pk}"] = explanation
    for criterion, uploads in (files or {}).items():
        data[f"evidence_{criterion.pk}"] = uploads
    return data


# --- who sees what ---------------------------------------------------------------------------------


def test_the_public_gets_the_login_page(client, world):
    scoring = _start(world)
    sheet = _score(world, scoring, 1, "30", "20", "20", submit=False)
    entry = sheet.entries.first()
    urls = [url("scoring-list"), url("scoring-sheet", sheet_id=sheet.pk),
            url("scoring-sheet-submit", sheet_id=sheet.pk), *leader_urls(scoring, entry)]
    for address in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(address)
            assert response.status_code == 302, address
            assert response["Location"].startswith(reverse(settings.LOGIN_URL)), address


def test_a_member_cannot_open_another_members_sheet(client, world):
    scoring = _start(world)
    other = _score(world, scoring, 1, "30", "20", "20", submit=False, explanation=SECRET)
    _as(client, world.officers[2])
    for address in (url("scoring-sheet", sheet_id=other.pk), url("scoring-sheet-submit", sheet_id=other.pk)):
        assert client.get(address).status_code == 404
        response = client.post(address, {"action": "save", f"points_{world.c1.pk}": "1", "confirmed": "yes"})
        assert response.status_code == 404
    assert other.entries.get(criterion=world.c1).points == 30
    assert _state_of(other) == SheetState.DRAFT


def test_an_officer_of_a_unit_outside_the_cluster_reaches_nothing(client, world, django_user_model):
    from django.contrib.auth.models import Group

    from backoffice.roles import OFFICER_GROUP
    from clusters.models import UnitOfficer

    scoring = _start(world)
    sheet = _score(world, scoring, 1, "30", "20", "20", explanation=SECRET)
    entry = sheet.entries.get(criterion=world.c1)
    outsider = django_user_model.objects.create_user(username="ngoai.cum", password="x")
    outsider.groups.add(Group.objects.get(name=OFFICER_GROUP))
    UnitOfficer.objects.create(user=outsider, unit=Unit.objects.create(name="huyện Hữu Lũng", kind=UnitKind.DISTRICT))
    _as(client, outsider)
    assert SECRET not in client.get(url("scoring-list")).content.decode()
    for address in [url("scoring-sheet", sheet_id=sheet.pk), url("scoring-sheet-submit", sheet_id=sheet.pk),
                    *leader_urls(scoring, entry)]:
        assert client.get(address).status_code == 404, address
        assert client.post(address, {"confirmed": "yes", "points": "1", "reason": "x"}).status_code == 404, address


def test_evidence_files_go_only_to_their_unit_the_leader_and_staff(client, world, django_user_model):
    scoring = _start(world)
    sheet = _score(world, scoring, 1, "30", "20", "20")
    evidence = sheet.entries.get(criterion=world.c2).evidence.get()
    address = evidence.file.url
    assert address.startswith("/tep/")
    assert client.get(address).status_code == 404  # the public
    for user, status in [(world.officers[1], 200), (world.leader, 200), (world.staff, 200),
                         (world.officers[2], 404)]:
        _as(client, user)
        response = client.get(address)
        assert response.status_code == status, user
        if status == 200:
            assert response["Content-Disposition"].startswith("attachment")
    client.logout()


def test_a_non_leader_cannot_open_the_compilation_nor_any_step(client, world):
    scoring = _start(world)
    sheet = _score(world, scoring, 1, "30", "20", "20")
    entry = sheet.entries.get(criterion=world.c1)
    _as(client, world.officers[1])  # a member, even of this cluster, even the one scored
    for address in leader_urls(scoring, entry):
        assert client.get(address).status_code == 404, address
        response = client.post(address, {"confirmed": "yes", "points": "1", "reason": "hijacked"})
        assert response.status_code == 404, address
    scoring.refresh_from_db()
    assert scoring.state == ScoringState.SELF_SCORING and not ScoreAdjustment.objects.exists()


def test_a_member_sees_only_its_own_scores_until_the_compilation_is_ready(client, world):
    scoring = _start(world)
    for index in range(5):
        _score(world, scoring, index, "30", "20", "20", explanation=SECRET if index == 1 else "")
    own = _sheet(scoring, world, 2)
    _as(client, world.officers[2])
    body = client.get(url("scoring-sheet", sheet_id=own.pk)).content.decode()
    assert SECRET not in body and "huyện Văn Lãng" not in body
    assert client.get(url("scoring-compilation-xlsx", scoring_id=scoring.pk)).status_code == 404
    listing = client.get(url("scoring-list")).content.decode()
    assert "huyện Văn Lãng" not in listing and url("scoring-sheet", sheet_id=own.pk) in listing

    services.compilation_close(user=world.leader, scoring=scoring)
    services.compilation_ready(user=world.leader, scoring=scoring)
    response = client.get(url("scoring-sheet", sheet_id=own.pk))
    body = response.content.decode()
    assert response.context["table"] is not None and "huyện Văn Lãng" in body
    assert SECRET not in body  # the compiled table shows points, not another unit's explanations
    assert "Điều chỉnh" not in body  # read-only: no adjust links
    assert client.get(url("scoring-compilation-xlsx", scoring_id=scoring.pk)).status_code == 200
    assert client.get(url("scoring-compilation", scoring_id=scoring.pk)).status_code == 404  # still the leader's


# --- the member's sheet ------------------------------------------------------------------------------


def test_a_member_saves_a_draft_with_several_evidence_files_and_sees_the_running_total(client, world):
    scoring = _start(world)
    sheet = _sheet(scoring, world, 1)
    _as(client, world.officers[1])
    response = client.get(url("scoring-sheet", sheet_id=sheet.pk))
    assert response.status_code == 200
    body = response.content.decode()
    for criterion in (world.c1, world.c2, world.bonus, world.penalty):
        assert criterion.title in body
    data = _sheet_post(world, {world.c1: ("35,5", "Hoàn thành"), world.c2: ("20", "")},
                       files={world.c2: [pdf("a.pdf"), pdf("b.pdf")]})
    response = client.post(url("scoring-sheet", sheet_id=sheet.pk), data)
    assert response.status_code == 302
    entries = {e.criterion_id: e for e in sheet.entries.all()}
    assert entries[world.c1.pk].points == D("35.5") and entries[world.c1.pk].explanation == "Hoàn thành"
    assert Evidence.objects.filter(entry=entries[world.c2.pk]).count() == 2
    page = client.get(url("scoring-sheet", sheet_id=sheet.pk))
    assert page.context["total"].total == D("55.5")
    assert [c.code for c in page.context["total"].missing] == ["3"]
    assert "55,5" in page.content.decode()


@pytest.mark.parametrize("criterion_name, typed", [("c1", "40,5"), ("penalty", "11"), ("c1", "-1"), ("c1", "abc")])
def test_limits_give_a_form_error_never_a_500(client, world, criterion_name, typed):
    scoring = _start(world)
    sheet = _sheet(scoring, world, 1)
    criterion = getattr(world, criterion_name)
    _as(client, world.officers[1])
    data = _sheet_post(world, {criterion: (typed, ""), world.c3: ("10", "")})
    response = client.post(url("scoring-sheet", sheet_id=sheet.pk), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors.get(f"points_{criterion.pk}")
    assert response.context["field_errors"] and "error-summary" in response.content.decode()
    assert not sheet.entries.filter(criterion=criterion).exists()
    # the valid criterion of the same post is kept
    assert sheet.entries.get(criterion=world.c3).points == 10


def test_submitting_without_the_required_evidence_is_refused_at_its_criterion(client, world):
    scoring = _start(world)
    sheet = _sheet(scoring, world, 1)
    _as(client, world.officers[1])
    data = _sheet_post(world, {world.c1: ("30", ""), world.c2: ("20", ""), world.c3: ("0", "")}, action="submit")
    response = client.post(url("scoring-sheet", sheet_id=sheet.pk), data)
    assert response.status_code == 302 and response["Location"] == url("scoring-sheet-submit", sheet_id=sheet.pk)
    assert client.get(response["Location"]).status_code == 200
    response = client.post(url("scoring-sheet-submit", sheet_id=sheet.pk), {"confirmed": "yes"})
    assert response.status_code == 400
    rows = {row["criterion"].pk: row for section in response.context["sections"] for row in section["rows"]}
    assert rows[world.c2.pk]["errors"] and not rows[world.c1.pk]["errors"]
    assert "minh chứng" in " ".join(rows[world.c2.pk]["errors"])
    assert _state_of(sheet) == SheetState.DRAFT

    client.post(url("scoring-sheet", sheet_id=sheet.pk), _sheet_post(
        world, {world.c1: ("30", ""), world.c2: ("20", ""), world.c3: ("0", "")}, files={world.c2: [pdf()]}))
    response = client.post(url("scoring-sheet-submit", sheet_id=sheet.pk), {"confirmed": "yes"})
    assert response.status_code == 302
    assert _state_of(sheet) == SheetState.SUBMITTED


def test_a_late_submission_is_accepted_and_marked_and_then_read_only(client, world):
    scoring = _start(world, deadline=datetime.date(2020, 1, 1))
    sheet = _score(world, scoring, 1, "30", "20", "20", submit=False)
    _as(client, world.officers[1])
    response = client.post(url("scoring-sheet-submit", sheet_id=sheet.pk), {"confirmed": "yes"}, follow=True)
    sheet.refresh_from_db()
    assert sheet.state == SheetState.SUBMITTED and sheet.is_late
    assert "trễ" in response.content.decode().lower() or "muộn" in response.content.decode().lower()
    response = client.post(url("scoring-sheet", sheet_id=sheet.pk), _sheet_post(world, {world.c1: ("1", "")}))
    assert response.status_code == 302 and sheet.entries.get(criterion=world.c1).points == 30
    assert client.get(url("scoring-sheet", sheet_id=sheet.pk)).context["form"] is None


# --- the leader's compilation ------------------------------------------------------------------------


def test_the_leader_adjusts_with_a_reason_and_the_member_sees_it(client, world):
    scoring = _start(world)
    sheet = _score(world, scoring, 1, "38", "20", "20")
    entry = sheet.entries.get(criterion=world.c1)
    _as(client, world.leader)
    page = client.get(url("scoring-compilation", scoring_id=scoring.pk))
    assert page.status_code == 200 and url("scoring-entry-adjust", entry_id=entry.pk) in page.content.decode()
    form = client.get(url("scoring-entry-adjust", entry_id=entry.pk)).content.decode()
    assert "Lý do điều chỉnh điểm" in form and "Thành tích" not in form  # the reason, never "achievement"
    response = client.post(url("scoring-entry-adjust", entry_id=entry.pk), {"points": "30", "reason": ""})
    assert response.status_code == 400 and not ScoreAdjustment.objects.exists()
    response = client.post(url("scoring-entry-adjust", entry_id=entry.pk), {"points": "41", "reason": "Quá mức"})
    assert response.status_code == 400 and not ScoreAdjustment.objects.exists()
    response = client.post(url("scoring-entry-adjust", entry_id=entry.pk),
                           {"points": "30", "reason": "Thiếu văn bản chứng minh"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.adjusted_points == 30

    _as(client, world.officers[1])
    body = client.get(url("scoring-sheet", sheet_id=sheet.pk)).content.decode()
    assert "Thiếu văn bản chứng minh" in body and "Đơn vị trưởng cụm, khối đã điều chỉnh" in body


def test_a_correction_by_the_province_is_named_as_such_on_the_members_sheet(client, world):
    from scoring import services

    scoring = _start(world)
    sheet = _score(world, scoring, 1, "38", "20", "20")
    services.entry_adjust(user=world.staff, entry=sheet.entries.get(criterion=world.c1), points=D("35"),
                          reason="Phúc tra của Sở")
    _as(client, world.officers[1])
    body = client.get(url("scoring-sheet", sheet_id=sheet.pk)).content.decode()
    assert "Sở Nội vụ đã đính chính điểm" in body and "Đơn vị trưởng cụm, khối đã điều chỉnh" not in body


def test_the_leader_walks_the_scoring_to_the_clusters_dossier(client, world):
    scoring = _start(world)
    for index, points in enumerate(["40", "40", "35", "30"]):
        _score(world, scoring, index, points, "25", "25")
    _as(client, world.leader)
    assert client.get(url("scoring-close", scoring_id=scoring.pk)).status_code == 200
    client.post(url("scoring-close", scoring_id=scoring.pk))  # no confirmation: nothing happens
    scoring.refresh_from_db()
    assert scoring.state == ScoringState.SELF_SCORING
    client.post(url("scoring-close", scoring_id=scoring.pk), {"confirmed": "yes"})
    client.post(url("scoring-ready", scoring_id=scoring.pk), {"confirmed": "yes"})
    scoring.refresh_from_db()
    assert scoring.state == ScoringState.READY and scoring.compiled_visible

    response = client.post(url("scoring-rank", scoring_id=scoring.pk), {"meeting": world.meeting.pk})
    assert response.status_code == 302
    assert dict(world.meeting.rankings.values_list("unit_id", "rank")) == {
        world.units[0].pk: 1, world.units[1].pk: 1, world.units[2].pk: 3, world.units[3].pk: 4}

    vote = {f"rank_{world.units[0].pk}": "1", f"rank_{world.units[1].pk}": "2", f"rank_{world.units[2].pk}": "3",
            f"rank_{world.units[3].pk}": "4", "basis": RankBasis.SCORE, "members_entitled": "5",
            "members_present": "5", "votes_for": "4"}
    assert client.post(url("scoring-vote", scoring_id=scoring.pk), vote).status_code == 400  # "score" is no vote
    vote["members_present"] = "6"
    vote["basis"] = RankBasis.SECRET_BALLOT
    assert client.post(url("scoring-vote", scoring_id=scoring.pk), vote).status_code == 400  # more than entitled
    vote["members_present"] = "5"
    assert client.post(url("scoring-vote", scoring_id=scoring.pk), vote).status_code == 302
    row = world.meeting.rankings.get(unit=world.units[1])
    assert (row.rank, row.basis, row.votes_for) == (2, RankBasis.SECRET_BALLOT, 4)

    page = client.get(url("scoring-proposals", scoring_id=scoring.pk))
    assert [u.pk for u in page.context["flag"]] == [world.units[0].pk]
    response = client.post(url("scoring-proposals", scoring_id=scoring.pk), {"confirmed": "yes"})
    scoring.refresh_from_db()
    assert scoring.dossier is not None
    assert response.status_code == 302 and response["Location"] == url("dossier-detail", dossier_id=scoring.dossier_id)
    body = client.get(url("scoring-compilation", scoring_id=scoring.pk)).content.decode()
    assert url("dossier-detail", dossier_id=scoring.dossier_id) in body


def test_the_compiled_table_prints_as_xlsx_with_totals_and_ranks(client, world):
    scoring = _start(world)
    _score(world, scoring, 0, "40", "30", "25")  # 95
    _score(world, scoring, 1, "40", "30", "25")  # 95: tied
    _score(world, scoring, 2, "35", "25", "25")  # 85
    _score(world, scoring, 3, "30", "20", "20", submit=False)  # draft: no rank
    _as(client, world.leader)
    response = client.get(url("scoring-compilation-xlsx", scoring_id=scoring.pk))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = {row[1]: row for row in sheet.iter_rows(values_only=True) if row[1]}
    total, rank = rows[_vi("Total points")], rows[_vi("Rank by score")]
    names = rows[_vi("Criterion")][3:]
    totals = dict(zip(names, total[3:], strict=True))
    ranks = dict(zip(names, rank[3:], strict=True))
    assert totals["huyện Lộc Bình"] == 95 and totals["huyện Tràng Định"] == 85 and totals["huyện Cao Lộc"] == 70
    assert ranks["huyện Lộc Bình"] == 1 and ranks["huyện Văn Lãng"] == 1 and ranks["huyện Tràng Định"] == 3
    assert ranks["huyện Cao Lộc"] is None
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows


def _vi(text):
    with translation.override("vi"):
        return translation.gettext(text)


# --- a fixed number of queries -----------------------------------------------------------------------


def _cluster_of(world, members, year):
    cluster_year = ClusterYear.objects.create(cluster=world.cluster, year=year)
    ClusterMember.objects.create(cluster_year=cluster_year, unit=world.units[0], role=Role.LEADER, order=1,
                                 selection_method=SelectionMethod.ELECTED)
    for order in range(2, members + 1):
        unit = Unit.objects.create(name=f"xã số {year}-{order}", kind=UnitKind.DISTRICT)
        ClusterMember.objects.create(cluster_year=cluster_year, unit=unit, role=Role.MEMBER, order=order)
    template = services.template_copy(template=world.template, year=year)
    scoring = services.scoring_start(cluster_year=cluster_year, template=template, user=world.staff)
    criteria = list(template.criteria.all())
    for sheet in scoring.sheets.all():
        for criterion in criteria:
            entry = ScoreEntry.objects.create(sheet=sheet, criterion=criterion, points=D("1"))
        Evidence.objects.create(entry=entry, file=pdf())
        ScoreSheet.objects.filter(pk=sheet.pk).update(state=SheetState.SUBMITTED, submitted_at=timezone.now())
        services.entry_adjust(user=world.leader, entry=entry, points=D("0"), reason="Kiểm tra")
    return scoring


def test_the_compilation_page_costs_the_same_for_three_and_six_members(client, world):
    small, large = _cluster_of(world, 3, 2026), _cluster_of(world, 6, 2027)
    _as(client, world.leader)
    client.get(url("scoring-list"))  # the session's first reads are not the page's
    counts = []
    for scoring in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url("scoring-compilation", scoring_id=scoring.pk))
        assert response.status_code == 200 and len(response.context["table"].columns) in (3, 6)
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_a_members_sheet_costs_the_same_with_more_scores_and_evidence(client, world):
    scoring = _start(world)
    sheet, user = _sheet(scoring, world, 1), world.officers[1]
    services.entry_save(user=user, sheet=sheet, criterion=world.c1, points=D("30"))
    _as(client, user)
    address = url("scoring-sheet", sheet_id=sheet.pk)
    client.get(address)  # the session's first reads are not the page's

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(address).status_code == 200
        return len(ctx)

    few = count()
    for criterion in (world.c2, world.c3, world.bonus, world.penalty):
        services.entry_save(user=user, sheet=sheet, criterion=criterion, points=D("1"),
                            files=[pdf("a.pdf"), pdf("b.pdf")])
    assert count() == few


# --- well-formed pages -------------------------------------------------------------------------------


def _well_formed(client, address, status=200, data=None):
    response = client.post(address, data) if data is not None else client.get(address)
    assert response.status_code == status, address
    problems = html_problems(response.content.decode())
    assert not problems, (address, problems)
    return response


def test_every_scoring_page_is_well_formed_at_every_step(client, world):
    scoring = _start(world)
    sheet = _score(world, scoring, 1, "38", "20", "20")
    draft = _score(world, scoring, 2, "30", "20", "20", submit=False)
    _score(world, scoring, 0, "40", "30", "25")
    entry = sheet.entries.get(criterion=world.c1)
    services.entry_adjust(user=world.leader, entry=entry, points=D("30"), reason="Thiếu văn bản")
    _as(client, world.officers[2])
    _well_formed(client, url("scoring-list"))
    _well_formed(client, url("scoring-sheet", sheet_id=draft.pk))
    _well_formed(client, url("scoring-sheet", sheet_id=draft.pk), 400,
                 _sheet_post(world, {world.c1: ("99", ""), world.penalty: ("x", "")}))
    _well_formed(client, url("scoring-sheet-submit", sheet_id=draft.pk))
    _as(client, world.officers[1])
    _well_formed(client, url("scoring-sheet", sheet_id=sheet.pk))  # submitted: read-only, with the adjustment
    _as(client, world.leader)
    _well_formed(client, url("scoring-list"))
    _well_formed(client, url("scoring-compilation", scoring_id=scoring.pk))
    _well_formed(client, url("scoring-entry-adjust", entry_id=entry.pk))
    _well_formed(client, url("scoring-entry-adjust", entry_id=entry.pk), 400, {"points": "1", "reason": ""})
    _well_formed(client, url("scoring-close", scoring_id=scoring.pk))
    services.compilation_close(user=world.leader, scoring=scoring)
    _well_formed(client, url("scoring-ready", scoring_id=scoring.pk))
    services.compilation_ready(user=world.leader, scoring=scoring)
    _well_formed(client, url("scoring-rank", scoring_id=scoring.pk))
    services.meeting_rank(user=world.leader, scoring=scoring, meeting=world.meeting)
    _well_formed(client, url("scoring-vote", scoring_id=scoring.pk))
    _well_formed(client, url("scoring-vote", scoring_id=scoring.pk), 400, {"basis": ""})
    _well_formed(client, url("scoring-proposals", scoring_id=scoring.pk))
    _well_formed(client, url("scoring-compilation", scoring_id=scoring.pk))
    _as(client, world.officers[2])
    _well_formed(client, url("scoring-sheet", sheet_id=draft.pk))  # with the compiled table beside
