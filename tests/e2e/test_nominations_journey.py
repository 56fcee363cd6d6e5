"""From proposal to decision (issue 15), in Chromium at 1280 px, on the demo data.

`locbinh` files a year-end dossier of Lộc Bình with three nominees: A (Bằng khen of the province's
chair) and C (Bằng khen of the Prime Minister, a state award) typed in the form, B (Bằng khen of
the province's chair) imported from an Excel list built from the import template, whose second row
(an award the catalogue lacks) the preview refuses and leaves out; reads what the rules find in the
lines, and submits through the confirmation step. `so.noivu`
receives it in the admin, starts the appraisal and returns it, asking for A's achievement report
again; `locbinh` replaces the report and resubmits. `so.noivu` receives it again, records the
police's concurrence on C, and opens a public consultation for C whose ten working days span a
Vietnamese public holiday. A visitor comments on C; `so.noivu` answers. Ten working days later
(dates moved in the database: a browser cannot wait two weeks) the council votes: A passes, B
misses the threshold, C passes; `so.noivu` drafts a decision from A (C, a state award, goes on to
the Prime Minister), signs and publishes it. The public decision page and the look-up show A, and
`locbinh`'s dossier page shows every line's outcome.

axe checks the main pages of the path, and no page may raise a JavaScript error."""

import datetime
import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from ._demo import axe_violations, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("room_for_migrated_rows")]

PASSWORD = "thidua2017"  # the demo accounts' (public) password
PROVINCIAL = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
PRIME_MINISTER = "Bằng khen của Thủ tướng Chính phủ"
MEMO = "215/TTr-UBND"
MEMO_SIGNER = "Chủ tịch UBND huyện Lộc Bình"
SUMMARY = "Đề nghị tặng Bằng khen cho cá nhân có thành tích xuất sắc năm {year} của huyện Lộc Bình"
NAME_A, NAME_B, NAME_C = "Hà Thị Ngọc Trâm", "Lộc Văn Quý", "Triệu Văn Khánh"
FOLDED_A = "ha thi ngoc tram"
REGISTER_NUMBER = 157
RETURN_REASON = "Báo cáo thành tích của bà Hà Thị Ngọc Trâm chưa có xác nhận của thủ trưởng đơn vị."
NOTE_A = "Thay báo cáo thành tích bằng bản có chữ ký và dấu xác nhận của UBND xã."
COMMENT = "Ông Triệu Văn Khánh nhiều năm vận động bà con giữ rừng đầu nguồn, tôi đồng ý với đề nghị."
ANSWER = "Cảm ơn ông đã góp ý; ý kiến được báo cáo Hội đồng Thi đua - Khen thưởng tỉnh."
DECISION_NUMBER = 9327
DECISION_TEXT = f"{DECISION_NUMBER}/QĐ-UBND"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def demo(settings):
    load_demo(settings)


def pdf(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(PDF)
    return path


def excel_list(tmp_path, year):
    """B's row in the import template, read back through its own headers."""
    from openpyxl import load_workbook

    from awards.imports import COLUMNS, template_xlsx

    workbook = load_workbook(io.BytesIO(template_xlsx()))
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    assert headers == [str(column[1]) for column in COLUMNS]
    sheet.delete_rows(2, sheet.max_row)  # the template's sample row
    values = {"no": 1, "subject_type": "Cá nhân", "name": NAME_B, "title": "Trưởng thôn Khòn Pát",
              "unit": "xã Tú Đoạn, huyện Lộc Bình", "award": PROVINCIAL, "gender": "Nam",
              "person_category": "Người lao động trực tiếp",
              "reason": f"Dẫn đầu phong trào trồng rừng, giảm nghèo bền vững của xã năm {year}"}
    sheet.append([values.get(key, "") for key, *_rest in COLUMNS])
    # a second row names an award the catalogue does not have: the preview refuses that row only
    wrong = {**values, "no": 2, "name": "Hoàng Văn Pá", "award": "Bằng khen của Chủ tịch huyện"}
    sheet.append([wrong.get(key, "") for key, *_rest in COLUMNS])
    path = tmp_path / "danh-sach-de-nghi.xlsx"
    workbook.save(path)
    return path


def consultation_plan(today):
    """A publication day from today back 20 days whose ten working days span a weekday public
    holiday and are still running today; None when there is no such day around today."""
    import holidays

    from nominations.workdays import consultation_period

    for back in range(21):
        published_on = today - datetime.timedelta(days=back)
        start, end = consultation_period(published_on)
        if end < today:
            continue
        found = holidays.country_holidays("VN", years={start.year, end.year})
        inside = [day for day in found if start <= day <= end and day.weekday() < 5]
        if inside:
            return published_on, min(inside)
    return None


class Journey:
    """The pages of the journey (one browser context each) with the helpers that sign in and audit."""

    def __init__(self, new_page, base_url):
        self.new_page, self.base_url = new_page, base_url
        self.pages = []
        self.axe = Axe()
        self.violations = []

    def open(self):
        page = self.new_page(1280)
        page.set_default_timeout(10_000)  # a missing element fails in seconds, not half a minute
        self.pages.append(page)
        return page

    def url(self, path):
        return self.base_url + path

    @staticmethod
    def go(page, target):
        """A click on a link or a button that loads a page."""
        with page.expect_navigation():
            target.click()

    def sign_in(self, page, username):
        page.goto(self.url(reverse("login")))
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        self.go(page, page.locator("main").get_by_role("button", name="Đăng nhập"))

    def audit(self, page, where):
        self.violations += axe_violations(self.axe, page, where)

    def js_errors(self):
        return [error for page in self.pages for error in page.js_errors]


def messages(page):
    return page.locator("ul.messages, ul.messagelist")


def admin_step(journey, page, label):
    """A step of the office's path: its button on the dossier's admin page, then its page."""
    journey.go(page, page.locator(".object-tools").get_by_role("link", name=label, exact=True))
    journey.audit(page, f"step “{label}”")
    journey.go(page, page.get_by_role("button", name=label, exact=True))
    expect(messages(page)).to_contain_text("Hồ sơ đã chuyển sang")


def submit(journey, page, audit=False):
    """The officer submits the dossier through its confirmation page, ticking the confirmation
    where the rules' warnings ask for one."""
    journey.go(page, page.get_by_role("link", name="Gửi…"))
    if audit:
        journey.audit(page, "submit confirmation")
    confirm = page.get_by_label(re.compile("^Tôi xác nhận"))
    if confirm.count():
        confirm.check()
    journey.go(page, page.get_by_role("button", name="Đồng ý, gửi hồ sơ"))
    expect(messages(page)).to_contain_text("Đã gửi hồ sơ")


def line_row(page, name):
    return page.locator("tr").filter(has_text=name)


def test_dossier_from_filing_to_decision(new_page, live_server, demo, tmp_path):
    from awards.models import Decision
    from nominations.models import Consultation, Dossier, DossierState, LineOutcome, NomineeLine
    from nominations.workdays import consultation_period

    journey = Journey(new_page, live_server.url)
    today = timezone.localdate()
    year = today.year

    # --- 1. locbinh files the dossier -------------------------------------------------------------
    officer = journey.open()
    journey.sign_in(officer, "locbinh")
    journey.go(officer, officer.get_by_role("link", name="Hồ sơ đề nghị khen thưởng").first)
    journey.audit(officer, "officer's dossier list")
    journey.go(officer, officer.get_by_role("link", name="Lập hồ sơ mới"))
    journey.audit(officer, "new dossier form")
    officer.get_by_label("Loại hình khen thưởng").select_option("regular")
    officer.get_by_label("Năm thành tích").fill(str(year))
    officer.get_by_label("Trích yếu").fill(SUMMARY.format(year=year))
    officer.get_by_label("Số tờ trình").fill(MEMO)
    officer.get_by_label("Ngày tờ trình").fill(f"{today:%d/%m/%Y}")
    officer.get_by_label("Người ký tờ trình").fill(MEMO_SIGNER)
    journey.go(officer, officer.get_by_role("button", name="Tạo dự thảo"))
    expect(officer.locator("h1")).to_contain_text(MEMO)
    dossier = Dossier.objects.get(memo_number=MEMO)
    detail_url = journey.url(reverse("backoffice:dossier-detail", kwargs={"dossier_id": dossier.pk}))
    assert officer.url == detail_url

    def add_nominee(name, title, award, gender, summary, report=None, audit=False):
        journey.go(officer, officer.locator(".record-actions").get_by_role("link", name="Thêm người được đề nghị"))
        if audit:
            journey.audit(officer, "nominee form")
        officer.get_by_label("Họ tên hoặc tên tập thể").fill(name)
        officer.get_by_label("Chức vụ (như trong hồ sơ)").fill(title)
        officer.get_by_label("Đơn vị (như trong hồ sơ)").fill("huyện Lộc Bình")
        officer.get_by_label("Hình thức đề nghị").select_option(label=award)
        officer.get_by_label("Tóm tắt thành tích").fill(summary)
        if report:
            officer.get_by_label("Báo cáo thành tích").set_input_files(report)
        officer.get_by_label("Giới tính").select_option(gender)
        journey.go(officer, officer.get_by_role("button", name="Lưu người được đề nghị"))
        expect(messages(officer)).to_contain_text(name)

    add_nominee(NAME_A, "Phó Chủ tịch Hội Liên hiệp Phụ nữ huyện", PROVINCIAL, "female",
                f"Hoàn thành xuất sắc nhiệm vụ năm {year}; tổ chức 12 lớp dạy nghề cho phụ nữ dân tộc thiểu số.",
                report=pdf(tmp_path, "bao-cao-thanh-tich.pdf"), audit=True)
    add_nominee(NAME_C, "Bí thư Chi bộ thôn Nà Lầu", PRIME_MINISTER, "male",
                "Năm năm liền vận động nhân dân hiến đất làm đường, giữ rừng đầu nguồn.")

    journey.go(officer, officer.get_by_role("link", name="Nhập danh sách đề nghị từ Excel"))
    journey.audit(officer, "import form")
    officer.get_by_label("Danh sách Excel (.xlsx)").set_input_files(excel_list(tmp_path, year))
    journey.go(officer, officer.get_by_role("button", name="Kiểm tra danh sách"))
    preview = officer.locator("table.preview-table")
    expect(line_row(preview, NAME_B)).to_contain_text(PROVINCIAL)
    expect(line_row(preview, NAME_B).locator(".problem-refusal")).to_have_count(0)
    expect(line_row(preview, "Hoàng Văn Pá").locator(".problem-refusal")).to_contain_text("Lỗi:")
    journey.audit(officer, "import preview")
    journey.go(officer, officer.get_by_role("button", name="Thêm 1 hàng hợp lệ"))
    expect(messages(officer)).to_contain_text("Đã thêm 1 người được đề nghị từ danh sách.")
    lines = {line.name_text: line for line in NomineeLine.objects.filter(dossier=dossier)}
    assert set(lines) == {NAME_A, NAME_B, NAME_C}
    expect(officer.locator("#lines + .table-wrap")).to_contain_text(NAME_B)

    # what the rules find in the lines, shown before submitting: nothing to refuse or confirm here
    expect(officer.locator("h2#problems + p")).to_have_text(
        "Kiểm tra theo quy định không thấy vấn đề nào trong danh sách.")
    journey.audit(officer, "draft dossier with three nominees")

    submit(journey, officer, audit=True)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED

    # --- 2. so.noivu receives it, starts the appraisal, returns it for A's report -----------------
    staff = journey.open()
    journey.sign_in(staff, "so.noivu")
    staff.goto(journey.url(reverse("admin:nominations_dossier_changelist")))
    search = staff.locator("#changelist-search").get_by_role("textbox")
    search.fill(MEMO)
    with staff.expect_navigation():
        search.press("Enter")
    found = staff.locator("#result_list tbody tr")
    expect(found).to_have_count(1)
    expect(found).to_contain_text(SUMMARY.format(year=year))
    journey.go(staff, found.get_by_role("link").first)
    admin_url = journey.url(reverse("admin:nominations_dossier_change", args=[dossier.pk]))
    assert staff.url.split("?")[0] == admin_url
    journey.go(staff, staff.locator(".object-tools").get_by_role("link", name="Tiếp nhận và vào sổ"))
    journey.audit(staff, "receiving step")
    staff.get_by_label("Số vào sổ").fill(str(REGISTER_NUMBER))
    journey.go(staff, staff.get_by_role("button", name="Tiếp nhận và vào sổ"))
    expect(messages(staff)).to_contain_text("Hồ sơ đã chuyển sang")
    expect(staff.locator(".field-register_column")).to_contain_text(f"{REGISTER_NUMBER}/{year}")
    admin_step(journey, staff, "Bắt đầu thẩm định")
    journey.go(staff, staff.locator(".object-tools").get_by_role("link", name="Trả lại đơn vị"))
    staff.get_by_label("Lý do").fill(RETURN_REASON)
    staff.get_by_label(re.compile("^Nội dung cần sửa: " + NAME_A)).fill(NOTE_A)
    journey.audit(staff, "return step")
    journey.go(staff, staff.get_by_role("button", name="Trả lại đơn vị"))
    expect(messages(staff)).to_contain_text("Hồ sơ đã chuyển sang")
    dossier.refresh_from_db()
    assert (dossier.state, dossier.register_label) == (DossierState.RETURNED, f"{REGISTER_NUMBER}/{year}")

    # --- 3. locbinh reads the reason and A's note, replaces A's report, resubmits -----------------
    officer.goto(detail_url)
    notice = officer.locator(".return-notice")
    expect(notice.locator("p.return-reason")).to_have_text(RETURN_REASON)
    expect(notice.locator("li").filter(has_text=NAME_A)).to_contain_text(NOTE_A)
    expect(officer.locator("h1 + p.meta")).to_contain_text(f"{REGISTER_NUMBER}/{year}")
    journey.audit(officer, "returned dossier")
    old_report = NomineeLine.objects.get(pk=lines[NAME_A].pk).achievement_report.name
    journey.go(officer, notice.get_by_role("link", name=NAME_A))
    expect(officer.locator(".return-notice .return-reason")).to_have_text(NOTE_A)
    journey.audit(officer, "returned line")
    officer.get_by_label("Báo cáo thành tích").set_input_files(pdf(tmp_path, "bao-cao-thanh-tich-co-xac-nhan.pdf"))
    journey.go(officer, officer.get_by_role("button", name="Lưu người được đề nghị"))
    new_report = NomineeLine.objects.get(pk=lines[NAME_A].pk).achievement_report
    assert new_report.name != old_report
    expect(line_row(officer.locator("#lines + .table-wrap"), NAME_A).get_by_role("link", name="báo cáo")) \
        .to_have_attribute("href", new_report.url)
    submit(journey, officer)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED

    # --- 4. so.noivu receives it again, records the police's concurrence on C, opens a consultation --
    staff.goto(admin_url)
    journey.go(staff, staff.locator(".object-tools").get_by_role("link", name="Tiếp nhận và vào sổ"))
    expect(staff.get_by_label("Số vào sổ")).to_have_value("")  # the dossier keeps its number
    journey.go(staff, staff.get_by_role("button", name="Tiếp nhận và vào sổ"))
    expect(staff.locator(".field-register_column")).to_contain_text(f"{REGISTER_NUMBER}/{year}")
    admin_step(journey, staff, "Bắt đầu thẩm định")
    # the concurrence request, in the dossier's inline (by id: every form of an inline repeats its labels)
    asked, answered = today - datetime.timedelta(days=3), today - datetime.timedelta(days=1)
    staff.select_option("#id_concurrences-0-office", "police")
    staff.fill("#id_concurrences-0-office_name", "Công an tỉnh Lạng Sơn")
    staff.select_option("#id_concurrences-0-line", label=f"{NAME_C} – {PRIME_MINISTER}")
    staff.fill("#id_concurrences-0-sent_on", f"{asked:%d/%m/%Y}")
    staff.fill("#id_concurrences-0-reference", "1520/SNV-TĐKT")
    staff.select_option("#id_concurrences-0-answer", "agreed")
    staff.fill("#id_concurrences-0-answered_on", f"{answered:%d/%m/%Y}")
    staff.fill("#id_concurrences-0-answer_text", "Ông Triệu Văn Khánh chấp hành tốt pháp luật, không vi phạm.")
    journey.go(staff, staff.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa"))
    expect(messages(staff)).to_contain_text("thành công")
    expect(staff.locator("#id_concurrences-0-answered_on")).to_have_value(f"{answered:%d/%m/%Y}")
    expect(line_row(staff.locator("#events-group"), "công an: đồng ý")).to_contain_text(NAME_C)

    plan = consultation_plan(today)
    shift_to_today = plan is None
    if shift_to_today:
        # no weekday public holiday in the ten working days around today: publish on a day whose
        # ten working days span 30/04 and 01/05/2026, then move the dates so that the consultation
        # is open today, as step 7 moves them to its end
        published_on, day_off = datetime.date(2026, 4, 28), datetime.date(2026, 4, 30)
    else:
        published_on, day_off = plan
    start, end = consultation_period(published_on)
    assert start <= day_off <= end and (shift_to_today or published_on <= today <= end)  # open today
    weekdays = sum((start + datetime.timedelta(days=n)).weekday() < 5 for n in range((end - start).days + 1))
    assert weekdays > 10  # the weekday off inside is skipped, not counted

    staff.goto(admin_url)
    journey.go(staff, staff.locator(".object-tools").get_by_role("link", name="Lấy ý kiến nhân dân"))
    journey.audit(staff, "new consultation")
    nominee_c = staff.get_by_role("checkbox", name=re.compile("^" + NAME_C))
    expect(nominee_c).to_be_checked()  # the dossier's state-award nominee, chosen for the office
    title = f"Lấy ý kiến nhân dân đối với đề nghị tặng {PRIME_MINISTER} cho ông {NAME_C}"
    staff.get_by_label("Tiêu đề:", exact=True).fill(title)
    staff.get_by_label("Ngày công bố:", exact=True).fill(f"{published_on:%d/%m/%Y}")
    journey.go(staff, staff.locator("input[name=_save]"))
    expect(messages(staff)).to_contain_text(f"Lấy ý kiến từ {start:%d/%m/%Y} đến {end:%d/%m/%Y} (10 ngày làm việc).")
    consultation = Consultation.objects.get(title=title)
    assert (consultation.starts_on, consultation.ends_on) == (start, end)
    if shift_to_today:
        moved = datetime.timedelta(days=(today - published_on).days)
        published_on, start, end = published_on + moved, start + moved, end + moved
        Consultation.objects.filter(pk=consultation.pk).update(published_on=published_on, starts_on=start,
                                                                ends_on=end)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.CONSULTATION

    # --- 5. a visitor comments on C ------------------------------------------------------------
    visitor = journey.open()
    visitor.goto(journey.url(reverse("nominations:consultation_list")))
    journey.audit(visitor, "consultation list")
    journey.go(visitor, visitor.get_by_role("link", name=title))
    period = f"Thời gian nhận ý kiến: từ ngày {published_on:%d/%m/%Y} đến hết ngày {end:%d/%m/%Y}."
    expect(visitor.locator(".consultation-notice")).to_have_text(period)
    expect(visitor.locator(".nominee-list")).to_contain_text(NAME_C)
    expect(visitor.locator(".nominee-list")).not_to_contain_text(NAME_A)  # only the state award's nominee
    journey.audit(visitor, "consultation page")
    journey.go(visitor, visitor.locator("main").get_by_role("link", name="Gửi góp ý"))
    journey.audit(visitor, "comment form")
    visitor.get_by_label("Họ và tên").fill("Hoàng Văn Tư")
    visitor.get_by_label("Số điện thoại hoặc thư điện tử").fill("0912 345 678")
    visitor.get_by_label("Góp ý về").select_option(label=f"{NAME_C} – {PRIME_MINISTER}")
    visitor.get_by_label("Nội dung góp ý").fill(COMMENT)
    question = visitor.locator("label", has_text="bằng bao nhiêu")
    first, second = map(int, re.search(r"(\d+) cộng (\d+) bằng bao nhiêu", question.inner_text()).groups())
    visitor.get_by_label(re.compile("bằng bao nhiêu")).fill(str(first + second))
    journey.go(visitor, visitor.get_by_role("button", name="Gửi góp ý"))
    expect(visitor.locator("h1")).to_have_text("Cảm ơn bạn đã góp ý")
    journey.audit(visitor, "comment sent")

    # --- 6. so.noivu reads the comment and answers it -----------------------------------------------
    staff.goto(journey.url(reverse("admin:nominations_consultation_changelist")))
    journey.go(staff, staff.get_by_role("link", name=title))
    comments = staff.locator("#comments-group")
    expect(comments).to_contain_text(COMMENT)
    expect(comments).to_contain_text("Hoàng Văn Tư")
    staff.fill("#id_comments-0-answer", ANSWER)
    journey.go(staff, staff.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa"))
    expect(messages(staff)).to_contain_text("thành công")
    expect(staff.locator("#id_comments-0-answer")).to_have_value(ANSWER)
    comment = consultation.comments.get()
    assert comment.answered_by.username == "so.noivu" and comment.line.name_text == NAME_C

    # --- 7. ten working days later: the council votes ---------------------------------------------
    # The browser cannot wait two weeks: the consultation is moved into the past, as if its ten
    # working days had run out yesterday, so that C may go before the council (R9).
    shift = (end - today).days + 1
    Consultation.objects.filter(pk=consultation.pk).update(
        published_on=published_on - datetime.timedelta(days=shift), starts_on=start - datetime.timedelta(days=shift),
        ends_on=end - datetime.timedelta(days=shift))
    staff.goto(admin_url)
    admin_step(journey, staff, "Trình Hội đồng")

    def vote(name, members, present, votes_for, audit=False):
        staff.goto(admin_url)
        journey.go(staff, line_row(staff.locator("#lines-group"), name).get_by_role("link", name="Bỏ phiếu Hội đồng"))
        if audit:
            journey.audit(staff, "council vote")
        staff.get_by_label("Tổng số thành viên").fill(str(members))
        staff.get_by_label("Số thành viên có mặt").fill(str(present))
        staff.get_by_label("Số phiếu đồng ý").fill(str(votes_for))
        journey.go(staff, staff.get_by_role("button", name="Lưu"))
        expect(messages(staff)).to_contain_text(name)

    vote(NAME_A, 15, 14, 13, audit=True)
    expect(messages(staff)).to_contain_text("13/15 thành viên đồng ý, cần 8: đạt")
    vote(NAME_B, 15, 14, 7)  # more than half of 15 members needs 8
    expect(messages(staff)).to_contain_text("7/15 thành viên đồng ý, cần 8: không đạt")
    vote(NAME_C, 15, 14, 13)
    lines_group = staff.locator("#lines-group")
    expect(line_row(lines_group, NAME_B)).to_contain_text(
        "Kết quả bỏ phiếu của Hội đồng không đạt tỷ lệ: 7/15 thành viên, cần 8 phiếu.")
    expect(line_row(lines_group, NAME_A)).to_contain_text("được chấp thuận")
    expect(line_row(lines_group, NAME_C)).to_contain_text("được chấp thuận")
    admin_step(journey, staff, "Kết thúc bỏ phiếu của Hội đồng")
    assert dict(NomineeLine.objects.filter(dossier=dossier).values_list("name_text", "outcome")) == {
        NAME_A: LineOutcome.APPROVED, NAME_B: LineOutcome.NOT_APPROVED, NAME_C: LineOutcome.APPROVED}

    # --- 8. a decision drafted from A (C, a state award, goes on to the Prime Minister), signed ------
    staff.goto(journey.url(reverse("admin:nominations_nomineeline_changelist")) + "?outcome__exact=approved")
    row = line_row(staff.locator("#result_list"), NAME_A)
    row.locator("input.action-select").check()
    staff.select_option("select[name=action]", "draft_decision")
    journey.go(staff, staff.locator(".actions button[type=submit]"))
    journey.audit(staff, "draft decision form")
    staff.get_by_label("Cơ quan ban hành").select_option(label="Ủy ban nhân dân tỉnh Lạng Sơn")
    staff.get_by_label("Họ tên người ký").fill("Đoàn Thu Hà")
    staff.get_by_label("Chức vụ người ký").fill("Phó Chủ tịch")
    journey.go(staff, staff.get_by_role("button", name="Lập dự thảo quyết định"))
    expect(messages(staff)).to_contain_text("Đã lập dự thảo quyết định với 1 dòng")
    decision = Decision.objects.get(pk=int(re.search(r"/decision/(\d+)/change/", staff.url)[1]))
    assert decision.is_draft and not decision.is_published
    journey.go(staff, staff.locator(".object-tools").get_by_role("link", name="Dự thảo – ký"))
    journey.audit(staff, "signing")
    staff.get_by_label("Số:", exact=True).fill(str(DECISION_NUMBER))
    expect(staff.get_by_label("Ký hiệu:", exact=True)).to_have_value("QĐ-UBND")
    expect(staff.get_by_label("Ngày ký:", exact=True)).to_have_value(f"{today:%d/%m/%Y}")
    journey.go(staff, staff.get_by_role("button", name="Ký", exact=True))
    confirm = staff.get_by_label(re.compile("^Tôi xác nhận"))
    if confirm.count():  # the rules' warnings, confirmed
        confirm.check()
        journey.go(staff, staff.get_by_role("button", name="Ký", exact=True))
    expect(messages(staff)).to_contain_text(f"Quyết định {DECISION_TEXT} đã được ký")
    staff.get_by_role("checkbox", name="Công bố", exact=True).check()
    journey.go(staff, staff.locator("input[name=_continue]"))
    expect(messages(staff)).to_contain_text("thành công")
    decision.refresh_from_db()
    assert decision.is_published and not decision.is_draft and decision.number_text == DECISION_TEXT

    public_url = staff.locator(".object-tools").get_by_role("link", name="Xem trên cổng thông tin") \
        .get_attribute("href")
    assert public_url == decision.get_absolute_url()

    # --- 9. the public decision page and the look-up show A ----------------------------------------
    visitor.goto(journey.url(public_url))
    expect(visitor.locator("h1")).to_contain_text(DECISION_TEXT)
    expect(visitor.locator("main")).to_contain_text(NAME_A)
    expect(visitor.locator("main")).not_to_contain_text(NAME_C)
    journey.audit(visitor, "public decision page")
    visitor.goto(journey.url(reverse("awards:lookup")))
    visitor.get_by_label("Tên cá nhân hoặc tập thể").fill(FOLDED_A)  # typed without diacritics
    journey.go(visitor, visitor.locator("main").get_by_role("button", name="Tìm kiếm"))
    found = visitor.locator("main").get_by_role("link", name=DECISION_TEXT)
    expect(found.first).to_be_visible()
    expect(visitor.locator("main")).to_contain_text(NAME_A)
    journey.audit(visitor, "look-up")

    # --- 10. locbinh's dossier page shows each line's outcome ---------------------------------------
    officer.goto(detail_url)
    table = officer.locator("#lines + .table-wrap")
    outcome_a = line_row(table, NAME_A).locator(".line-outcome")
    expect(outcome_a).to_have_text(f"Đã có quyết định: {DECISION_TEXT}")
    expect(outcome_a.get_by_role("link", name=DECISION_TEXT)).to_have_attribute("href", public_url)
    expect(line_row(table, NAME_B).locator(".line-outcome")).to_have_text(
        "Không được chấp thuận: Kết quả bỏ phiếu của Hội đồng không đạt tỷ lệ: 7/15 thành viên, cần 8 phiếu.")
    expect(line_row(table, NAME_C).locator(".line-outcome")).to_have_text("Được chấp thuận")
    journey.audit(officer, "dossier with its outcomes")

    assert not journey.violations, "axe:\n" + "\n".join(journey.violations)
    assert not journey.js_errors()
