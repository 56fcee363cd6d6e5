"""One cluster-year's scoring from its table to the published ranking and a correction (issue 16),
in Chromium at 1280 px, on the demo data.

`so.noivu` copies the demo's 2017 scoring table to 2024 in the admin and starts the border
cluster's 2024 scoring with a deadline. The five districts score themselves in the back office,
each criterion with points and an explanation: Cao Lộc's first submission, without the evidence
criterion 3 asks for, is refused with a message naming the criterion, then goes through with the
file; Đình Lập submits after the deadline and is marked late. `locbinh`, of the leader unit, sees
the five side by side, lowers one score of Văn Lãng with a reason (which Văn Lãng then reads on its
sheet, and which ties it with Lộc Bình for first place), closes the compilation and makes it ready,
builds the ranking at the year-end meeting (the tie shared), records the secret ballot confirming
it and files the proposals: the cluster's dossier holds a flag line for each unit tied first.
`so.noivu` publishes; an anonymous visitor reads the ranking with the tie and every total. Then
`so.noivu` adjusts a score after a later check and publishes a correction with its reason: the
public page says so and shows the corrected total.

axe checks the member's sheet, the compilation, the staff's correction page and the public
results; no page may raise a JavaScript error."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from ._demo import axe_violations, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("room_for_migrated_rows")]

YEAR = 2024  # the districts (and the cluster) end on 30/06/2025: 2024 is their last whole year
CLUSTER = "cum-thi-dua-cac-huyen-bien-gioi"
CLUSTER_NAME = "Cụm thi đua các huyện biên giới"
FLAG = "Cờ thi đua của Ủy ban nhân dân tỉnh"
CERTIFICATE = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"

# slug → (account, name); the demo has accounts for Lộc Bình and Văn Lãng, the test adds the others
MEMBERS = {
    "huyen-loc-binh": ("locbinh", "Huyện Lộc Bình"),
    "huyen-van-lang": ("vanlang", "Huyện Văn Lãng"),
    "huyen-trang-dinh": ("trangdinh", "Huyện Tràng Định"),
    "huyen-cao-loc": ("caoloc", "Huyện Cao Lộc"),
    "huyen-dinh-lap": ("dinhlap", "Huyện Đình Lập"),
}
# the criteria of the demo's 2017 table, copied, by code (maxima 30, 20, 15, 15, 10, 10; T a bonus item up
# to 3, Đ a penalty item up to 5); 3 asks for evidence
CODES = ["1", "2", "3", "4", "5", "6", "T", "Đ"]
EVIDENCE_CODE = "3"
# self-scores by criterion code, as typed (Vietnamese decimal comma); totals in the comments
SCORES = {
    "huyen-loc-binh": ["29", "19,5", "14,5", "14", "10", "9", "0", "0"],            # 96
    "huyen-van-lang": ["29,5", "19,5", "14,5", "14", "10", "9", "0", "0"],          # 96,5; 96 after adjustment
    "huyen-trang-dinh": ["28,5", "19", "14", "14", "9,5", "8", "1", "0"],           # 94
    "huyen-cao-loc": ["28,5", "19", "14", "13,5", "9,5", "9,25", "0", "0,5"],       # 93,25
    "huyen-dinh-lap": ["28", "18,5", "14", "13,5", "9,5", "9", "0", "0"],           # 92,5; 92 after correction
}
LEADER_REASON = "Báo cáo chỉ tiêu kinh tế - xã hội chưa có số liệu của quý IV; trừ 0,5 điểm theo hướng dẫn chấm."
CORRECTION_REASON = "Phúc tra của Sở Nội vụ: huyện Đình Lập chưa đạt chỉ tiêu cải cách hành chính (trừ 0,5 điểm)."

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # the evidence files go to the test's own folder
    load_demo(settings)


@pytest.fixture
def evidence(tmp_path):
    path = tmp_path / "ke-hoach-phat-dong-thi-dua.pdf"
    path.write_bytes(PDF)
    return path


@pytest.fixture
def border_2024(demo, django_user_model):
    """The border cluster's 2024 with its five districts, Lộc Bình leading; an officer account
    for each district the demo has none for; the year-end review meeting.

    Made here, in the database: accounts, member lists and the meeting's record are staff's and
    the filing officer's work in other pages (tested elsewhere), not steps of this journey."""
    from django.contrib.auth.models import Group

    from backoffice.roles import OFFICER_GROUP
    from clusters.models import Cluster, ClusterMember, ClusterYear, Role, SelectionMethod, Unit, UnitOfficer
    from meetings.models import EventStatus, Meeting, MeetingKind, Period, RecordState
    from portal.core.demo import DEMO_PASSWORD

    cluster = Cluster.objects.get(slug=CLUSTER)
    cluster_year = ClusterYear.objects.create(cluster=cluster, year=YEAR)
    units = {slug: Unit.objects.get(slug=slug) for slug in MEMBERS}
    for order, slug in enumerate(MEMBERS, start=1):
        leader = slug == "huyen-loc-binh"
        ClusterMember.objects.create(cluster_year=cluster_year, unit=units[slug], order=order,
                                     role=Role.LEADER if leader else Role.MEMBER,
                                     selection_method=SelectionMethod.ELECTED if leader else "")
    officers = Group.objects.get(name=OFFICER_GROUP)
    for slug, (username, _name) in MEMBERS.items():
        if django_user_model.objects.filter(username=username).exists():
            continue  # locbinh and vanlang come with the demo
        user = django_user_model.objects.create_user(username=username, password=DEMO_PASSWORD,
                                                     email=f"{username}@example.invalid")
        user.groups.add(officers)
        UnitOfficer.objects.create(user=user, unit=units[slug])
    meeting = Meeting.objects.create(
        cluster_year=cluster_year, kind=MeetingKind.YEAR_END_REVIEW, period=Period.YEAR,
        date=datetime.date(YEAR, 12, 20), venue="Hội trường UBND huyện Lộc Bình", host=units["huyen-loc-binh"],
        filing_unit=units["huyen-loc-binh"], event_status=EventStatus.HELD, record_state=RecordState.PUBLISHED,
        summary=f"Cụm thi đua các huyện biên giới tổng kết công tác thi đua, khen thưởng năm {YEAR}.")
    return cluster_year, meeting


class Journey:
    def __init__(self, new_page, base_url):
        self.new_page, self.base_url = new_page, base_url
        self.pages, self.violations = [], []
        self.axe = Axe()

    def url(self, path):
        return self.base_url + path

    def open(self, username=None):
        """A page of its own (its own cookies); signed in as `username` when given."""
        from portal.core.demo import DEMO_PASSWORD

        page = self.new_page(1280)
        page.set_default_timeout(10_000)
        self.pages.append(page)
        if username:
            page.goto(self.url(reverse("login")))
            page.fill("#id_username", username)
            page.fill("#id_password", DEMO_PASSWORD)
            go(page, page.locator("main").get_by_role("button", name="Đăng nhập"))
        return page

    def audit(self, page, where):
        self.violations += axe_violations(self.axe, page, where)

    def js_errors(self):
        return [error for page in self.pages for error in page.js_errors]


def go(page, target):
    """A click on a link or a button that loads a page."""
    with page.expect_navigation():
        target.click()


def message(page):
    return page.locator("ul.messages")


def admin_message(page):
    return page.locator("ul.messagelist")


def criterion_box(page, code):
    """A criterion's fieldset, named by its legend ("3 Tổ chức phong trào thi đua, …")."""
    return page.get_by_role("group", name=re.compile(rf"^{re.escape(code)} "))


def to_scoring(page):
    """The back office's "Chấm điểm thi đua" in its menu."""
    go(page, page.get_by_role("navigation", name="Khu vực cán bộ").get_by_role("link", name="Chấm điểm thi đua"))


def open_sheet(page):
    to_scoring(page)
    go(page, page.get_by_role("link", name=f"{CLUSTER_NAME}, {YEAR}"))
    expect(page.locator("h1")).to_contain_text(f"năm {YEAR}")


def fill_sheet(page, slug, evidence_file=None):
    for code, points in zip(CODES, SCORES[slug], strict=True):
        box = criterion_box(page, code)
        box.get_by_label("Điểm:", exact=True).fill(points)
        box.get_by_label("Giải trình").fill(f"Theo báo cáo tổng kết năm {YEAR} của đơn vị, mục {code}.")
        if code == EVIDENCE_CODE and evidence_file is not None:
            box.get_by_label("Tệp minh chứng").set_input_files(evidence_file)


def save_and_submit(page):
    go(page, page.get_by_role("button", name="Lưu và gửi…"))
    expect(page.locator("h1")).to_have_text("Gửi bản tự chấm điểm?")
    go(page, page.get_by_role("button", name="Đồng ý, gửi bản tự chấm điểm"))


def compiled_row(table, row):
    """A foot row of the compiled table ("Tổng điểm", "Xếp hạng tại hội nghị") by member name."""
    units = [text.split("\n")[0].strip() for text in table.locator("thead th").all_inner_texts()[3:]]
    foot = table.locator("tfoot tr").filter(has=table.page.get_by_role("rowheader", name=row, exact=True))
    return dict(zip(units, [text.strip() for text in foot.locator("td.num").all_inner_texts()], strict=True))


def public_rows(page):
    """The public ranking as (rank cell, unit, total) per row."""
    rows = page.locator("table.results-table tbody tr")
    return [(rows.nth(i).locator("td").nth(0).inner_text().strip(), rows.nth(i).locator("th").inner_text().strip(),
             rows.nth(i).locator("td").nth(1).inner_text().strip()) for i in range(rows.count())]


def test_a_cluster_year_from_its_table_to_the_published_ranking_and_a_correction(
        new_page, live_server, border_2024, evidence):
    from nominations.models import Dossier
    from scoring.models import ScoreSheet, Scoring, ScoringResult

    cluster_year, meeting = border_2024
    journey = Journey(new_page, live_server.url)
    today = timezone.localdate()

    # --- 1. so.noivu copies the 2017 table to 2024 and starts the scoring with a deadline ------------
    staff = journey.open("so.noivu")
    staff.goto(journey.url(reverse("admin:scoring_scoretemplate_changelist")))
    go(staff, staff.locator("#result_list").get_by_role("link", name=re.compile("năm 2017")))
    go(staff, staff.get_by_role("link", name="Sao chép sang năm khác"))
    staff.get_by_label("Năm").fill(str(YEAR))
    title = staff.get_by_label("Tên bảng").input_value().replace("2018", str(YEAR))
    staff.get_by_label("Tên bảng").fill(title)
    go(staff, staff.get_by_role("button", name="Sao chép bảng"))
    expect(admin_message(staff)).to_contain_text(f"Đã sao chép bảng sang năm {YEAR}")
    expect(staff.locator("#id_title")).to_have_value(title)

    staff.goto(journey.url(reverse("admin:scoring_scoring_changelist")))
    go(staff, staff.locator(".object-tools").get_by_role("link", name=re.compile("Thêm")))
    staff.get_by_label("Năm của cụm, khối").select_option(label=f"{CLUSTER_NAME} – {YEAR}")
    staff.get_by_label("Bảng tiêu chí, thang điểm").select_option(label=f"{title} ({YEAR})")
    deadline = today + datetime.timedelta(days=14)
    staff.get_by_label("Hạn nộp tự chấm điểm").fill(deadline.strftime("%d/%m/%Y"))
    go(staff, staff.get_by_role("button", name="Bắt đầu chấm điểm"))
    expect(admin_message(staff)).to_contain_text(f"Đã bắt đầu chấm điểm {CLUSTER_NAME} – {YEAR}")
    scoring = Scoring.objects.get(cluster_year=cluster_year)
    assert scoring.template.title == title and scoring.deadline == deadline
    assert scoring.sheets.count() == 5

    # --- 2. the members score themselves -----------------------------------------------------------
    # on time: Lộc Bình, Văn Lãng, Tràng Định
    officers = {}
    for slug in ("huyen-loc-binh", "huyen-van-lang", "huyen-trang-dinh"):
        page = officers[slug] = journey.open(MEMBERS[slug][0])
        open_sheet(page)
        fill_sheet(page, slug, evidence_file=evidence)
        if slug == "huyen-loc-binh":
            journey.audit(page, "member's sheet, filled")
        save_and_submit(page)
        expect(message(page)).to_contain_text("Đã gửi bản tự chấm điểm đến đơn vị trưởng cụm, khối.")
        expect(page.locator(".record-facts .state-submitted")).to_be_visible()
        expect(page.locator(".record-facts .late-mark")).to_have_count(0)

    # Cao Lộc forgets the evidence criterion 3 asks for: refused, the message names the criterion
    cao_loc = officers["huyen-cao-loc"] = journey.open("caoloc")
    open_sheet(cao_loc)
    fill_sheet(cao_loc, "huyen-cao-loc")
    save_and_submit(cao_loc)
    summary = cao_loc.locator(".error-summary")
    expect(summary).to_contain_text("Chưa gửi được bản tự chấm điểm:")
    expect(summary).to_contain_text(re.compile(r"3 Tổ chức phong trào thi đua.*: hãy đính kèm minh chứng"))
    expect(criterion_box(cao_loc, EVIDENCE_CODE).locator(".errorlist")).to_contain_text("hãy đính kèm minh chứng")
    journey.audit(cao_loc, "member's sheet, submission refused")
    assert ScoreSheet.objects.get(scoring=scoring, unit__slug="huyen-cao-loc").state == "draft"
    # the points were saved with the draft: only the file is chosen now
    expect(criterion_box(cao_loc, "6").get_by_label("Điểm:", exact=True)).to_have_value("9,25")
    criterion_box(cao_loc, EVIDENCE_CODE).get_by_label("Tệp minh chứng").set_input_files(evidence)
    save_and_submit(cao_loc)
    expect(message(cao_loc)).to_contain_text("Đã gửi bản tự chấm điểm đến đơn vị trưởng cụm, khối.")
    expect(criterion_box(cao_loc, EVIDENCE_CODE)).to_contain_text(evidence.name)

    # The deadline passes. The browser cannot wait two weeks: the deadline is moved to yesterday in
    # the database, as if Đình Lập submitted after it.
    Scoring.objects.filter(pk=scoring.pk).update(deadline=today - datetime.timedelta(days=1))
    dinh_lap = officers["huyen-dinh-lap"] = journey.open("dinhlap")
    open_sheet(dinh_lap)
    fill_sheet(dinh_lap, "huyen-dinh-lap", evidence_file=evidence)
    save_and_submit(dinh_lap)
    expect(message(dinh_lap)).to_contain_text("được gửi sau thời hạn")
    expect(dinh_lap.locator(".record-facts .late-mark")).to_have_text("quá hạn")
    journey.audit(dinh_lap, "member's sheet, submitted late")

    # --- 3. the leader compiles ---------------------------------------------------------------------
    leader = officers["huyen-loc-binh"]
    to_scoring(leader)
    go(leader, leader.get_by_role("link", name=f"Tổng hợp điểm {CLUSTER_NAME}, năm {YEAR}"))
    table = leader.locator("table.scoring-table")
    headers = table.locator("thead th")
    for _username, name in MEMBERS.values():
        expect(headers.filter(has_text=name)).to_have_count(1)
    expect(headers.filter(has_text="Huyện Đình Lập").locator(".late-mark")).to_be_visible()
    assert compiled_row(table, "Tổng điểm") == {
        "Huyện Lộc Bình": "96", "Huyện Văn Lãng": "96,50", "Huyện Tràng Định": "94", "Huyện Cao Lộc": "93,25",
        "Huyện Đình Lập": "92,50"}
    journey.audit(leader, "compilation")
    go(leader, table.get_by_role("link", name=re.compile(r"^Điều chỉnh\W+1, Huyện Văn Lãng$")))
    leader.get_by_label("Điểm sau điều chỉnh").fill("29")
    leader.get_by_label("Lý do điều chỉnh điểm").fill(LEADER_REASON)
    go(leader, leader.get_by_role("button", name="Điều chỉnh điểm"))
    expect(message(leader)).to_contain_text("Đã điều chỉnh điểm của Huyện Văn Lãng")
    assert compiled_row(table, "Tổng điểm")["Huyện Văn Lãng"] == "96"

    # Văn Lãng reads the change and its reason beside its score
    van_lang = officers["huyen-van-lang"]
    van_lang.reload()
    adjustment = criterion_box(van_lang, "1").locator(".adjustment")
    expect(adjustment).to_contain_text("Đơn vị trưởng cụm, khối đã điều chỉnh điểm từ 29,50 thành 29")
    expect(adjustment).to_contain_text(LEADER_REASON)

    go(leader, leader.get_by_role("link", name="Khóa tổng hợp điểm"))
    go(leader, leader.get_by_role("button", name="Đồng ý, khóa tổng hợp điểm"))
    go(leader, leader.get_by_role("link", name="Xác nhận sẵn sàng cho hội nghị"))
    go(leader, leader.get_by_role("button", name="Đồng ý, sẵn sàng cho hội nghị"))
    expect(message(leader)).to_contain_text("Đã xong")
    expect(table.get_by_role("link", name=re.compile("^Điều chỉnh"))).to_have_count(0)

    # --- 4. the year-end meeting ranks, with a tie for first, and votes --------------------------------
    go(leader, leader.get_by_role("link", name="Xếp hạng tại hội nghị tổng kết năm"))
    leader.get_by_label("Hội nghị tổng kết năm").select_option(label=meeting.display_title)
    go(leader, leader.get_by_role("button", name="Lập bảng xếp hạng"))
    places = {name: leader.get_by_label(f"{name}:", exact=True) for _username, name in MEMBERS.values()}
    assert {name: field.input_value() for name, field in places.items()} == {
        "Huyện Lộc Bình": "1", "Huyện Văn Lãng": "1", "Huyện Tràng Định": "3", "Huyện Cao Lộc": "4",
        "Huyện Đình Lập": "5"}
    leader.get_by_label("Hình thức quyết định của hội nghị").select_option(label="bỏ phiếu kín")
    leader.get_by_label("Số thành viên có quyền biểu quyết").fill("5")
    leader.get_by_label("Số thành viên có mặt").fill("5")
    leader.get_by_label("Số phiếu đồng ý").fill("5")
    go(leader, leader.get_by_role("button", name="Ghi kết quả biểu quyết"))
    expect(message(leader)).to_contain_text("Đã ghi kết quả biểu quyết của hội nghị.")
    assert compiled_row(table, "Xếp hạng tại hội nghị") == {
        "Huyện Lộc Bình": "1", "Huyện Văn Lãng": "1", "Huyện Tràng Định": "3", "Huyện Cao Lộc": "4",
        "Huyện Đình Lập": "5"}
    rows = list(meeting.rankings.values_list("basis", "members_entitled", "members_present", "votes_for"))
    assert rows == [("secret_ballot", 5, 5, 5)] * 5

    go(leader, leader.get_by_role("link", name="Lập hồ sơ đề nghị khen thưởng của cụm, khối"))
    go(leader, leader.get_by_role("button", name="Đồng ý, lập hồ sơ"))
    nominees = leader.get_by_role("region", name="Số cá nhân, tập thể được đề nghị").locator("tbody tr")
    expect(nominees).to_have_count(4)
    flag_rows = nominees.filter(has_text=FLAG)
    expect(flag_rows).to_have_count(2)
    expect(flag_rows.nth(0)).to_contain_text("Huyện Lộc Bình")
    expect(flag_rows.nth(1)).to_contain_text("Huyện Văn Lãng")
    expect(nominees.filter(has_text=CERTIFICATE)).to_have_count(2)
    expect(leader.locator(".meta").first).to_contain_text(CLUSTER_NAME)
    scoring.refresh_from_db()
    dossier = Dossier.objects.get(pk=scoring.dossier_id)
    assert dossier.unit.slug == "huyen-loc-binh" and dossier.cluster_id == cluster_year.cluster_id

    # --- 5. so.noivu publishes; the public page shows the ranking with the tie and each total --------
    change = journey.url(reverse("admin:scoring_scoring_change", args=[scoring.pk]))
    staff.goto(change)
    go(staff, staff.get_by_role("link", name="Công bố kết quả"))
    go(staff, staff.get_by_role("button", name="Công bố kết quả"))
    expect(admin_message(staff)).to_contain_text("Đã công bố phiên bản 1 của kết quả.")

    visitor = journey.open()
    results = journey.url(f"/cum-thi-dua/{CLUSTER}/{YEAR}/")
    visitor.goto(results)
    expect(visitor.locator("h1")).to_contain_text(f"Kết quả chấm điểm thi đua năm {YEAR}")
    assert public_rows(visitor) == [
        ("1 (đồng hạng)", "Huyện Lộc Bình", "96"), ("1 (đồng hạng)", "Huyện Văn Lãng", "96"),
        ("3", "Huyện Tràng Định", "94"), ("4", "Huyện Cao Lộc", "93,25"), ("5", "Huyện Đình Lập", "92,5")]
    leading = visitor.locator(".leading-units")
    expect(leading.locator("h2")).to_have_text("Đơn vị dẫn đầu (đồng hạng nhất)")
    expect(leading.locator("li")).to_have_count(2)
    expect(leading.locator("li").first).to_contain_text(f"đề nghị tặng {FLAG}")
    expect(visitor.locator(".scoring-facts").get_by_role("link", name=meeting.display_title)).to_be_visible()
    expect(visitor.locator(".correction-notice")).to_have_count(0)
    journey.audit(visitor, "public results")

    # --- 6. a correction: so.noivu adjusts a score and publishes version 2 with its reason -----------
    staff.goto(change)
    go(staff, staff.get_by_role("link", name="Điều chỉnh điểm của đơn vị thành viên"))
    staff.get_by_label("Đơn vị").select_option(label="Huyện Đình Lập")
    staff.get_by_label("Tiêu chí").select_option(label="6 Xây dựng chính quyền, cải cách hành chính")
    staff.get_by_label("Điểm sau điều chỉnh").fill("8,5")
    staff.get_by_label("Lý do điều chỉnh điểm").fill(CORRECTION_REASON)
    journey.audit(staff, "staff's score adjustment")
    go(staff, staff.get_by_role("button", name="Điều chỉnh điểm"))
    expect(admin_message(staff)).to_contain_text("Đã điều chỉnh điểm của Huyện Đình Lập")
    # nothing public changes before the correction is published
    visitor.reload()
    assert public_rows(visitor)[4] == ("5", "Huyện Đình Lập", "92,5")
    go(staff, staff.get_by_role("link", name="Công bố đính chính"))
    staff.get_by_label("Lý do đính chính").fill(CORRECTION_REASON)
    go(staff, staff.get_by_role("button", name="Công bố đính chính kết quả"))
    expect(admin_message(staff)).to_contain_text("Đã công bố phiên bản 2 của kết quả.")
    assert list(ScoringResult.objects.filter(scoring=scoring).values_list("version", flat=True)) == [2, 1]

    visitor.reload()
    notice = visitor.locator(".correction-notice")
    expect(notice.locator("h2")).to_have_text("Kết quả đã được đính chính")
    expect(notice).to_contain_text(CORRECTION_REASON)
    expect(visitor.locator(".scoring-facts")).to_contain_text("phiên bản 2")
    assert public_rows(visitor) == [
        ("1 (đồng hạng)", "Huyện Lộc Bình", "96"), ("1 (đồng hạng)", "Huyện Văn Lãng", "96"),
        ("3", "Huyện Tràng Định", "94"), ("4", "Huyện Cao Lộc", "93,25"), ("5", "Huyện Đình Lập", "92")]
    journey.audit(visitor, "public results, corrected")

    # Đình Lập reads the province's change and its reason on its sheet
    dinh_lap.reload()
    expect(criterion_box(dinh_lap, "6").locator(".adjustment")).to_contain_text(CORRECTION_REASON)

    assert not journey.violations, "axe:\n" + "\n".join(journey.violations)
    assert not journey.js_errors()
