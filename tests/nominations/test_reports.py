"""The nomination report and forms 0601, 0602, 0604, 0605 on a small known data set: the figures,
the XLSX files holding the same numbers, who may open the staff pages, and query counts that do
not grow with the data."""

import datetime
import io
import itertools

import openpyxl
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardType, DecisionLine, IssuerRole, Movement, SubjectType
from awards.services import decision_issue
from clusters.models import AdministrativeLevel, Person, Unit, UnitKind
from nominations import services
from nominations.form_0601 import duration_band, form_0601_report
from nominations.form_0602 import form_0602_report
from nominations.form_0604 import form_0604_report
from nominations.form_0605 import form_0605_report
from nominations.models import Deadline, Dossier, DossierState, EmulationOffice, EmulationStaffer
from nominations.reports import nomination_report
from portal.core.cache import data_changed

from .conftest import add_line, make_dossier

S = DossierState
YEAR = 2026
pytestmark = pytest.mark.django_db
REPORT_URL = "/can-bo/bao-cao-khen-thuong/"
_numbers = itertools.count(500)


def _local(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def _to_council(world, dossier, officer):
    services.dossier_submit(user=officer, dossier=dossier, confirm=True)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RECEIVED)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.APPRAISAL)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.COUNCIL)


@pytest.fixture
def path(world):
    """Dossiers of 2026 in several states, one late dossier of 2025 and a draft (never counted)."""
    w = world
    vote_day = datetime.date(YEAR, 11, 20)
    # the year's regular proposals are due years later: no 2026 dossier is late whenever the test runs
    Deadline.objects.create(kind="regular", day=10, month=12, years_after=10, valid_from=datetime.date(YEAR, 1, 1))
    # Lộc Bình: one line decided, one refused by the council's vote
    d1 = make_dossier(w, year=YEAR)
    a = add_line(d1, w.locbinh, "Hoàng Thị Hoa", "provincial_certificate", gender="female",
                 person_category="direct_worker")
    b = add_line(d1, w.locbinh, "Nông Văn Dũng", "provincial_certificate", gender="male",
                 person_category="other_leader")
    _to_council(w, d1, w.locbinh)
    services.vote_record(user=w.staff, line=a, voted_on=vote_day, members_total=15, members_present=13, votes_for=12)
    services.vote_record(user=w.staff, line=b, voted_on=vote_day, members_total=15, members_present=13, votes_for=5)
    services.dossier_step(user=w.staff, dossier=d1, to_state=S.VOTED)
    a.refresh_from_db()
    decision = services.decision_draft(user=w.staff, lines=[a], issuer_role=w.chair, issuer_unit=w.province,
                                       subject_line="Về việc tặng Bằng khen")
    services.decision_sign(user=w.staff, decision=decision, number=2345, symbol="QĐ-UBND",
                           signed_on=datetime.date(YEAR, 11, 25), confirm=True)
    # Văn Lãng: a collective and a state-award nominee, on hold
    d2 = make_dossier(w, user=w.vanlang, unit=w.van_lang, year=YEAR)
    add_line(d2, w.vanlang, "Phòng Văn hóa và Thông tin huyện Văn Lãng", "provincial_certificate",
             subject_type="collective", title_text="")
    add_line(d2, w.vanlang, "Lương Văn Chiến", "prime_minister_certificate", gender="male",
             person_category="direct_worker")
    services.dossier_submit(user=w.vanlang, dossier=d2, confirm=True)
    services.dossier_step(user=w.staff, dossier=d2, to_state=S.RECEIVED)
    services.dossier_step(user=w.staff, dossier=d2, to_state=S.ON_HOLD, reason="Đang xác minh đơn thư",
                          hold_ground="complaint")
    # Lộc Bình for the cluster: one approved (awaiting the decision), one not approved
    d3 = make_dossier(w, year=YEAR, cluster=w.cluster, summary="Cụm đề nghị")
    e = add_line(d3, w.locbinh, "Vi Văn Em", "provincial_certificate", gender="male",
                 person_category="leader_department")
    f = add_line(d3, w.locbinh, "Hà Thị Phương", "provincial_certificate", gender="female",
                 person_category="entrepreneur")
    _to_council(w, d3, w.locbinh)
    services.line_set_outcome(user=w.staff, line=e, outcome="approved")
    services.line_set_outcome(user=w.staff, line=f, outcome="not_approved", reason="Chưa đủ tiêu chuẩn")
    # Văn Lãng again: its only line not approved, so the dossier is closed
    d4 = make_dossier(w, user=w.vanlang, unit=w.van_lang, year=YEAR, memo_number="20/TTr-UBND")
    g = add_line(d4, w.vanlang, "Hoàng Văn Giang", "provincial_certificate", gender="male")
    _to_council(w, d4, w.vanlang)
    services.line_set_outcome(user=w.staff, line=g, outcome="not_approved", reason="Trùng khen thưởng")
    # 2025, by term of office, submitted now: after its deadline (10/12/2025)
    d5 = make_dossier(w, year=YEAR - 1, memo_number="99/TTr-UBND", kind="term")
    add_line(d5, w.locbinh, "Lục Văn Hải", "provincial_certificate", gender="male")
    services.dossier_submit(user=w.locbinh, dossier=d5, confirm=True)
    # a draft is the unit's own business: never counted
    draft = make_dossier(w, year=YEAR, summary="Hồ sơ nháp của huyện Lộc Bình")
    add_line(draft, w.locbinh, "Người chưa gửi", "provincial_certificate")
    # submitted in the report's year, whenever the test runs; known processing times: 10 and 30 days
    Dossier.objects.filter(pk__in=[d2.pk, d3.pk, d5.pk]).update(first_submitted_at=_local(datetime.date(YEAR, 11, 2)))
    Dossier.objects.filter(pk=d1.pk).update(first_submitted_at=_local(datetime.date(YEAR, 10, 1)),
                                            decided_at=_local(datetime.date(YEAR, 10, 11)))
    Dossier.objects.filter(pk=d4.pk).update(first_submitted_at=_local(datetime.date(YEAR, 10, 1)),
                                            decided_at=_local(datetime.date(YEAR, 10, 31)))
    for dossier in (d1, d2, d3, d4, d5):
        dossier.refresh_from_db()
    return {"d1": d1, "d2": d2, "d3": d3, "d4": d4, "d5": d5, "draft": draft}


def _row(report, key):
    return next(row for row in report.by_filer if row.key == key)


def test_the_path_is_counted_per_filer_and_every_line_has_one_place(world, path):
    assert path["d1"].state == S.DECIDED and path["d4"].state == S.NOT_APPROVED and path["d5"].is_late
    report = nomination_report(year=YEAR)
    lb, vl, cluster = f"u{world.loc_binh.pk}", f"u{world.van_lang.pk}", f"c{world.cluster.pk}"
    # lines, in progress, on hold, approved (awaiting the decision), decided, not approved
    assert _row(report, lb).line_cells() == [2, 0, 0, 0, 1, 1] and _row(report, lb).dossiers == 1
    assert _row(report, cluster).line_cells() == [2, 0, 0, 1, 0, 1] and _row(report, cluster).dossiers == 1
    assert _row(report, vl).line_cells() == [3, 0, 2, 0, 0, 1] and _row(report, vl).dossiers == 2
    assert report.totals.line_cells() == [7, 0, 2, 1, 1, 3]
    assert (report.totals.dossiers, report.totals.late) == (4, 0)  # the draft is not counted
    assert report.processing.count == 2
    assert report.processing.median == pytest.approx(20) and report.processing.p90 == pytest.approx(30)
    assert report.processing.median_text == "20,0"
    late = nomination_report(year=YEAR - 1)
    assert (late.totals.dossiers, late.totals.late, late.totals.in_progress) == (1, 1, 1)
    assert [d.pk for d in late.late] == [path["d5"].pk]


def test_by_award_and_by_person_category(world, path):
    report = nomination_report(year=YEAR)
    by_award = {row.label: row.line_cells() for row in report.by_award}
    assert by_award == {"Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh": [6, 0, 1, 1, 1, 3],
                        "Bằng khen của Thủ tướng Chính phủ": [1, 0, 1, 0, 0, 0]}
    by_category = {row.label: row.lines for row in report.by_category}
    assert by_category == {
        "Tập thể": 1, "Doanh nhân": 1, "Lãnh đạo cấp vụ, sở, ngành và tương đương": 1,
        "Các cấp lãnh đạo khác từ phó phòng trở lên": 1, "Cá nhân chưa rõ đối tượng": 1,
        "Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân, …)": 2,
    }


def test_a_unit_filter_takes_its_cluster_dossiers_and_a_cluster_filter_only_those(world, path):
    unit = nomination_report(year=YEAR, filer=f"u{world.loc_binh.pk}")
    assert unit.totals.line_cells() == [4, 0, 0, 1, 1, 2] and unit.totals.dossiers == 2
    assert sum(row.lines for row in unit.by_award) == 4
    assert unit.processing.count == 1
    cluster = nomination_report(year=YEAR, filer=f"c{world.cluster.pk}")
    assert cluster.totals.line_cells() == [2, 0, 0, 1, 0, 1] and cluster.filer_label.startswith("Cụm thi đua")
    unknown = nomination_report(year=YEAR, filer="u999999")  # no such filer: every filer, not nothing
    assert unknown.filer == "" and unknown.totals.lines == 7


def test_staff_page_and_xlsx_show_the_same_figures(client, world, path):
    client.force_login(world.staff)
    page = client.get(REPORT_URL, {"year": YEAR})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Hồ sơ nháp của huyện Lộc Bình" not in html
    assert 'id="chart-outcomes-caption"' in html and "Biểu số" not in html
    response = client.get(reverse("backoffice:nomination-report-xlsx"), {"year": YEAR})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    totals = [row for row in rows if row[0] == "Tổng số"]
    assert totals and list(totals[0][1:9]) == [4, 0, 7, 0, 2, 1, 1, 3]
    assert any(row[:4] == (2, 20.0, 30.0, None) or row[:3] == (2, 20.0, 30.0) for row in rows)


def test_officers_and_the_public_cannot_open_the_staff_pages(client, world, path):
    urls = [REPORT_URL, reverse("backoffice:nomination-report-xlsx"), reverse("backoffice:nomination-form-0602"),
            reverse("backoffice:nomination-form-0602-xlsx")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL)), url
    for officer in (world.locbinh, world.vanlang):
        client.force_login(officer)
        for url in urls:
            response = client.get(url)
            assert response.status_code in (403, 404), url
            assert "Lương Văn Chiến" not in response.content.decode(errors="ignore")


# --- form 0601 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end", "band"), [
    ((2026, 1, 1), (2026, 12, 31), "1"), ((2026, 3, 1), (2026, 12, 31), "under_1"),
    ((2026, 5, 1), (2028, 4, 30), "1_to_3"), ((2026, 1, 1), (2027, 1, 1), "1_to_3"),
    ((2026, 6, 1), (2029, 5, 31), "3_to_5"), ((2026, 1, 1), (2030, 12, 31), "5_plus"),
    ((2024, 2, 29), (2025, 2, 27), "1"),
])
def test_duration_bands_count_the_last_day(start, end, band):
    assert duration_band(datetime.date(*start), datetime.date(*end)) == band
    assert duration_band(None, datetime.date(*end)) is None


@pytest.fixture
def movements(world):
    central = Unit.objects.create(name="Thủ tướng Chính phủ", kind=UnitKind.CENTRAL, is_external=True)
    province = world.province
    assert province.admin_level == AdministrativeLevel.PROVINCE

    def make(name, scope, form, launched_by, launch, start, end):
        return Movement.objects.create(
            name=name, scope=scope, form=form, launched_by=launched_by,
            launch_date=datetime.date(*launch) if launch else None,
            start_date=datetime.date(*start) if start else None, end_date=datetime.date(*end) if end else None)

    make("Cả nước chung tay vì người nghèo", "national", "regular", central, (2026, 1, 5), (2026, 1, 1), (2030, 12, 31))
    make("Chuyển đổi số năm 2026", "province", "thematic", province, (2026, 3, 1), (2026, 3, 1), (2026, 12, 31))
    make("Thi đua cụm biên giới", "cluster", "regular", None, None, (2026, 1, 1), (2026, 12, 31))
    make("Lộc Bình xanh", "unit", "thematic", world.loc_binh, (2026, 5, 1), (2026, 5, 1), (2028, 4, 30))
    make("Xây dựng nông thôn mới", "province", "regular", province, (2026, 6, 1), (2026, 6, 1), (2029, 5, 31))
    make("Phong trào năm trước", "sector", "regular", province, (2025, 2, 1), (2025, 2, 1), (2025, 12, 31))
    make("Phong trào chưa rõ ngày", "unit", "regular", world.van_lang, None, None, None)


def test_form_0601_counts_movements_by_scope_duration_and_method_per_launch_level(movements):
    form = form_0601_report(year=YEAR)
    table = form.table
    assert table.headers[-1] == "Chưa rõ cấp phát động"  # the cluster's movement names no launcher
    assert table.by_code() == {
        # total, central, ministry/province, unit, launcher unknown
        "01": [5, 1, 2, 1, 1],
        "02": [1, 1, 0, 0, 0], "03": [2, 0, 2, 0, 0], "04": [1, 0, 0, 0, 1], "05": [1, 0, 0, 1, 0],
        "06": [1, 0, 1, 0, 0], "07": [1, 0, 0, 0, 1], "08": [1, 0, 0, 1, 0], "09": [1, 0, 1, 0, 0],
        "10": [1, 1, 0, 0, 0],
        "11": [2, 0, 1, 1, 0], "12": [3, 1, 1, 0, 1],
    }
    assert any("1 movement has neither" in note or "1 phong trào" in note for note in form.notes)
    assert form_0601_report(year=2025).table.by_code()["01"] == [1, 0, 1, 0]  # no unknown launcher that year


def _xlsx_by_code(content) -> dict[str, list]:
    rows = openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
    found = {}
    for row in rows:
        if row[1] and str(row[1]).isdigit() and len(str(row[1])) == 2:
            found.setdefault(row[1], [v for v in row[2:] if v is not None])
    return found


def test_form_0601_page_and_xlsx_are_public_and_agree(client, movements):
    page = client.get("/thong-ke/mau-0601/", {"year": YEAR})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Biểu số 0601.N/BNV-TĐKT" in html and "SỐ PHONG TRÀO THI ĐUA" in html
    response = client.get("/thong-ke/mau-0601.xlsx", {"year": YEAR})
    assert response.status_code == 200
    assert _xlsx_by_code(response.content) == page.context["form"].table.by_code()


# --- form 0602 ------------------------------------------------------------------------------------


@pytest.fixture
def state_decisions(world):
    roles = {r.code: r for r in IssuerRole.objects.all()}
    enterprise = Unit.objects.create(name="Công ty cổ phần Xi măng Lạng Sơn", kind=UnitKind.ENTERPRISE,
                                     parent=world.loc_binh)

    def person(name, category, gender="male"):
        p = Person.objects.create(full_name=name, gender=gender)
        return {"subject_type": SubjectType.INDIVIDUAL, "person": p, "name_text": name, "organisation": world.loc_binh,
                "person_category": category, "gender": gender}

    central = Unit.objects.create(name="Chính phủ", kind=UnitKind.CENTRAL, is_external=True)

    def issue(lines, role, signed_on, award_type=AwardType.MERIT, issuer_unit=central):
        number = next(_numbers)
        return decision_issue(lines=lines, confirm=True, number=number, symbol="QĐ", number_text=f"{number}/QĐ",
                              signed_on=signed_on, issuer_role=roles[role], issuer_unit=issuer_unit,
                              subject_line="Về việc tặng Bằng khen", achievement_year=signed_on.year - 1,
                              award_type=award_type, is_published=False)

    pm = world.awards["prime_minister_certificate"]
    order = world.awards["order_labour"]
    third = order.classes.get(code="third")
    first = issue([
        {"subject_type": SubjectType.COLLECTIVE, "unit": enterprise, "name_text": enterprise.name, "award": pm,
         "organisation": world.loc_binh, "is_enterprise": True},
        {**person("Hoàng Văn Doanh", "entrepreneur"), "award": pm},
        {**person("Triệu Thị Mai", "direct_worker", "female"), "award": pm},
    ], "prime_minister", datetime.date(YEAR, 4, 2))
    # not a state award: not counted
    issue([{**person("Tỉnh lộ", "direct_worker"), "award": world.awards["provincial_certificate"]}],
          "provincial_chair", datetime.date(YEAR, 4, 2), issuer_unit=world.province)
    issue([{**person("Lăng Văn Bảo", "leader_department"), "award": order, "award_class": third}],
          "president", datetime.date(YEAR, 8, 19), award_type=AwardType.AD_HOC)
    issue([{**person("Năm trước", "direct_worker"), "award": pm}], "prime_minister", datetime.date(YEAR - 1, 6, 1))
    # a revoked line counts nowhere
    DecisionLine.objects.filter(decision=first, name_text="Triệu Thị Mai").update(status="revoked")


def test_form_0602_counts_state_awards_granted_by_subject_type_and_column(world, state_decisions, path):
    form = form_0602_report(year=YEAR, with_proposed=True)
    granted, proposed = form.tables
    assert granted.headers[:2] == ["Tổng số", "Huân chương"]
    pm, order = granted.headers.index("Bằng khen của Thủ tướng Chính phủ") - 1, 0
    by_code = granted.by_code()
    assert by_code["01"][0] == 3 and by_code["01"][1 + pm] == 2 and by_code["01"][1 + order] == 1
    subjects = ("02", "03", "04", "05", "06", "07", "08", "09", "10")
    assert [by_code[c][0] for c in subjects] == [1, 1, 0, 2, 0, 1, 1, 0, 0]
    assert [by_code[c][0] for c in ("11", "12", "13")] == [2, 0, 1]
    # proposed: the state-award nominee of Văn Lãng's dossier, filed this year, a direct worker, regular
    assert proposed.by_code()["01"][0] == 1 and proposed.by_code()["10"][0] == 1 and proposed.by_code()["11"][0] == 1
    assert proposed.by_code()["01"][1 + pm] == 1
    assert form_0602_report(year=YEAR - 1).table.by_code()["01"][0] == 1


def test_form_0602_shows_the_proposed_side_to_staff_only(client, world, state_decisions, path):
    public = client.get("/thong-ke/mau-0602/", {"year": YEAR})
    assert public.status_code == 200
    assert len(public.context["form"].tables) == 1
    assert "Khen thưởng cấp Nhà nước được đề nghị" not in public.content.decode()
    public_file = client.get("/thong-ke/mau-0602.xlsx", {"year": YEAR})
    assert _xlsx_by_code(public_file.content)["01"] == public.context["form"].table.by_code()["01"]
    assert "Khen thưởng cấp Nhà nước được đề nghị" not in str(
        list(openpyxl.load_workbook(io.BytesIO(public_file.content)).active.iter_rows(values_only=True)))
    client.force_login(world.staff)
    staff = client.get(reverse("backoffice:nomination-form-0602"), {"year": YEAR})
    assert staff.status_code == 200 and len(staff.context["form"].tables) == 2
    staff_file = client.get(reverse("backoffice:nomination-form-0602-xlsx"), {"year": YEAR})
    rows = list(openpyxl.load_workbook(io.BytesIO(staff_file.content)).active.iter_rows(values_only=True))
    totals = [row for row in rows if row[1] == "01"]
    assert [row[2] for row in totals] == [3, 1]  # granted, then proposed


# --- forms 0604 and 0605 --------------------------------------------------------------------------


@pytest.fixture
def register(world):
    office = EmulationOffice.objects.create(name="Phòng Thi đua, khen thưởng", kind="home_affairs_division",
                                            unit=world.province, valid_from=datetime.date(2025, 7, 1))
    EmulationOffice.objects.create(name="Ban Thi đua - Khen thưởng", kind="home_affairs_division",
                                   valid_from=datetime.date(2008, 1, 1), valid_to=datetime.date(2025, 6, 30))
    EmulationOffice.objects.create(name="Tổ thi đua huyện", kind="other")

    def staffer(name, gender, born, level, since, **extra):
        return EmulationStaffer.objects.create(office=office, full_name=name, gender=gender, birth_year=born,
                                               training_level=level, in_field_since=since, **extra)

    staffer("Hoàng Thị Lan", "female", 1990, "university", 2020)        # 36, 6 years
    staffer("Nguyễn Văn Bình", "male", 1970, "master", 2010)            # 56, 16 years
    staffer("Lý Thị Cúc", "female", 1999, "university", 2024)           # 27, 2 years
    staffer("Đinh Thị Dung", "female", None, "", None)                  # the register does not say
    staffer("Vi Văn Đức", "male", 1980, "university", 2015, left_on=datetime.date(YEAR, 6, 30))
    staffer("Mã Thị Hằng", "female", 1966, "doctorate", 2016)           # 60, 10 years


def test_form_0604_counts_the_offices_of_the_year_by_kind(register):
    assert form_0604_report(year=YEAR).table.by_code() == {"01": [2], "02": [0], "03": [0], "04": [1], "05": [1]}
    assert form_0604_report(year=2025).table.by_code()["04"] == [2]


def test_form_0605_counts_staff_in_post_by_age_training_and_years_total_and_women(register):
    form = form_0605_report(year=YEAR)
    assert form.table.by_code() == {
        "01": [5, 4],
        "02": [1, 1], "03": [1, 1], "04": [0, 0], "05": [1, 0], "06": [1, 1],
        "07": [1, 1], "08": [1, 0], "09": [2, 2], "10": [0, 0], "11": [0, 0],
        "12": [1, 1], "13": [1, 1], "14": [2, 1],
    }
    unknown = [row.values for row in form.table.rows if not row.code]
    assert unknown == [[1, 1], [1, 1], [1, 1]]  # year of birth, training, years in the field: not guessed
    assert form_0605_report(year=2025).table.by_code()["01"] == [6, 4]


def test_forms_0604_and_0605_pages_and_files_agree(client, register):
    for number in ("0604", "0605"):
        page = client.get(f"/thong-ke/mau-{number}/", {"year": YEAR})
        assert page.status_code == 200 and f"Biểu số {number}.N/BNV-TĐKT" in page.content.decode()
        response = client.get(f"/thong-ke/mau-{number}.xlsx", {"year": YEAR})
        assert _xlsx_by_code(response.content) == page.context["form"].table.by_code()


def test_the_forms_are_listed_publicly_and_from_the_staff_report(client, world, path):
    html = client.get("/thong-ke/bieu-mau/").content.decode()
    for number in ("0601", "0602", "0604", "0605"):
        assert f'href="/thong-ke/mau-{number}/"' in html
    assert 'href="/thong-ke/mau-0603/"' in html
    client.force_login(world.staff)
    html = client.get(REPORT_URL).content.decode()
    assert "/thong-ke/mau-0601/?year=" in html and reverse("backoffice:nomination-form-0602") in html


# --- query counts ---------------------------------------------------------------------------------


def _count(client, url, params):
    data_changed()  # measure freshly computed figures, not the cached ones
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(ctx)


def test_query_counts_do_not_grow_with_the_data(client, world, path, movements, register, state_decisions):
    client.force_login(world.staff)
    urls = [REPORT_URL, reverse("backoffice:nomination-report-xlsx"), reverse("backoffice:nomination-form-0602"),
            "/thong-ke/mau-0601/", "/thong-ke/mau-0602/", "/thong-ke/mau-0604/", "/thong-ke/mau-0605/",
            "/thong-ke/mau-0601.xlsx", "/thong-ke/mau-0605.xlsx"]
    for url in urls:
        client.get(url, {"year": YEAR})  # warm the site's own caches (menu, footer)
    before = {url: _count(client, url, {"year": YEAR}) for url in urls}
    for i in range(4):
        dossier = make_dossier(world, user=world.vanlang, unit=world.van_lang, year=YEAR, memo_number=f"{i}/TTr")
        add_line(dossier, world.vanlang, f"Người thứ {i}", "provincial_certificate")
        add_line(dossier, world.vanlang, f"Người khác {i}", "prime_minister_certificate")
        services.dossier_submit(user=world.vanlang, dossier=dossier, confirm=True)
        Movement.objects.create(name=f"Phong trào {i}", scope="unit", form="regular", launched_by=world.van_lang,
                                start_date=datetime.date(YEAR, 2, 1), end_date=datetime.date(YEAR, 9, 1))
        EmulationStaffer.objects.create(office=EmulationOffice.objects.first(), full_name=f"Cán bộ {i}",
                                        birth_year=1985)
    after = {url: _count(client, url, {"year": YEAR}) for url in urls}
    assert after == before
    assert nomination_report(year=YEAR).totals.dossiers == 8
    with CaptureQueriesContext(connection) as ctx:
        nomination_report(year=YEAR)
    assert len(ctx) == 6
