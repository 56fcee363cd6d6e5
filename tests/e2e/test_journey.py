"""The officer's and the reviewer's working day (issue 12), in Chromium at 1280 and 360 px, on the
demo data.

`locbinh` signs in from the home page and files a meeting record of Lộc Bình: the essentials, three
attendees by name and title only (rows added on demand in folded sections) and a photo. A first
save is refused on purpose: the error summary at the top takes the focus and links to the field,
and the photo is kept (a pending upload with its thumbnail) and saved by the next save without
being chosen again. The record is submitted; `so.noivu` lands on the reviewer's home with the
count of records waiting and returns it with a reason; `locbinh` reads the reason at the top of
the record and on the dashboard, fixes and resubmits; `so.noivu` approves and publishes, each
after a confirmation page. A reviewer who is also an officer of Lộc Bình and submits a record is
not offered to approve it (four eyes), and is refused when asking anyway.

The officer's first filing, from the home page to "submitted", is counted: page loads (every
load of a page, form posts included) and actions (clicks and submits; typing is not counted).
axe checks every back-office page on the way, at both widths, and no page may raise a JavaScript
error."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from ._demo import load_demo

# The demo needs the rows the migrations put in (the award catalogue), which the flush after an
# earlier committing test took away: serialized_rollback puts them back.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("room_for_migrated_rows")]

MAX_LOADS = 12  # the bar for the officer's first filing
MAX_ACTIONS = 20

DATE_TYPED = "14/07/2017"
VENUE = "Hội trường UBND huyện Lộc Bình"
VENUE_FIXED = "Hội trường tầng 2, trụ sở UBND huyện Lộc Bình"
SUMMARY = ("Cụm thi đua các huyện biên giới sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2017 "
           "và triển khai nhiệm vụ 6 tháng cuối năm.")
ATTENDEES = [
    ("Hoàng Văn Nam", "Phó Chủ tịch UBND huyện Lộc Bình"),
    ("Lưu Thị Hoa", "Trưởng phòng Nội vụ huyện Lộc Bình"),
    ("Nông Đức Thắng", "Chuyên viên Phòng Nội vụ huyện Lộc Bình"),
]
PHOTO_ALT = "Đại biểu dự hội nghị sơ kết tại hội trường UBND huyện Lộc Bình"
RETURN_REASON = "Đề nghị ghi rõ địa điểm tổ chức hội nghị (tầng, phòng họp) như trong biên bản."


@pytest.fixture
def demo(settings):
    load_demo(settings)


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "so-ket-6-thang.jpg"
    Image.new("RGB", (640, 480), (40, 120, 60)).save(path, format="JPEG")
    return path


@pytest.fixture
def reviewer_officer(demo, django_user_model):
    """Provincial staff who is also an officer of Lộc Bình (seconded there): the demo has none."""
    from django.contrib.auth.models import Group

    from backoffice.roles import OFFICER_GROUP, STAFF_GROUP
    from clusters.models import Unit, UnitOfficer

    user = django_user_model.objects.create_user(username="kiemnhiem", password="x-Secret-123",  # noqa: S106
                                                 is_staff=True, email="kiemnhiem@example.invalid")
    user.groups.add(Group.objects.get(name=STAFF_GROUP), Group.objects.get(name=OFFICER_GROUP))
    UnitOfficer.objects.create(user=user, unit=Unit.objects.get(slug="huyen-loc-binh"))
    return user


class Tally:
    """Page loads and actions of one page, counted while `on`."""

    def __init__(self, page):
        self.on = False
        self.loads = self.actions = 0
        page.on("load", self._loaded)

    def _loaded(self, _page):
        if self.on:
            self.loads += 1

    def act(self):
        if self.on:
            self.actions += 1


class Journey:
    """The pages of one width, with the helpers that count, audit and sign in."""

    def __init__(self, new_page, base_url, width):
        self.new_page, self.base_url, self.width = new_page, base_url, width
        self.pages = []
        self.axe = Axe()
        self.violations = []

    def open(self):
        page = self.new_page(self.width)
        page.set_default_timeout(10_000)  # a missing element fails in seconds, not half a minute
        page.tally = Tally(page)
        self.pages.append(page)
        return page

    def url(self, path):
        return self.base_url + path

    @staticmethod
    def go(page, target):
        """A click on a link or a submit button that loads a page."""
        page.tally.act()
        with page.expect_navigation():
            target.click()

    @staticmethod
    def tap(page, target):
        """A click that stays on the page (opens a section, adds a row, follows an in-page link)."""
        page.tally.act()
        target.click()

    def sign_in(self, page, username, password):
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        self.go(page, page.locator("main").get_by_role("button", name="Đăng nhập"))

    def audit(self, page, where):
        """axe on the page as it is now; violations are gathered and reported together."""
        page.wait_for_load_state()
        for violation in self.axe.run(page).response["violations"]:
            nodes = " | ".join(", ".join(node["target"]) + ": " + node["html"][:160] for node in violation["nodes"])
            self.violations.append(f"{where} at {self.width}px ({page.url}): {violation['id']} "
                                   f"({violation['impact']}): {nodes}")

    def js_errors(self):
        return [error for page in self.pages for error in page.js_errors]


def add_row(section):
    """The "Thêm một hàng" button of a section (its name ends with the section's, for screen readers)."""
    return re.compile(r"^Thêm một hàng\W+" + re.escape(section) + "$")


def message(page):
    return page.locator("ul.messages")


@pytest.mark.parametrize("width", [1280, 360])
def test_officer_files_reviewer_returns_officer_resubmits_reviewer_approves_and_publishes(
        new_page, live_server, demo, reviewer_officer, photo, width, capsys):
    from backoffice.demo import DRAFT_SLUG
    from clusters.models import ClusterYear, Unit
    from meetings.models import Meeting, MeetingKind, RecordState
    from portal.core.demo import DEMO_PASSWORD

    journey = Journey(new_page, live_server.url, width)
    loc_binh = Unit.objects.get(slug="huyen-loc-binh")
    cluster_year = ClusterYear.objects.get(cluster__slug="cum-thi-dua-cac-huyen-bien-gioi", year=2017)

    # --- locbinh's first filing, counted from the home page to "submitted" ----------------------
    officer = journey.open()
    officer.tally.on = True
    officer.goto(journey.url("/"))
    journey.go(officer, officer.get_by_role("navigation", name="Tài khoản và ngôn ngữ")
               .get_by_role("link", name="Đăng nhập"))
    journey.sign_in(officer, "locbinh", DEMO_PASSWORD)
    assert officer.url == journey.url(reverse("backoffice:dashboard"))
    journey.audit(officer, "officer's dashboard")
    journey.go(officer, officer.locator("main").get_by_role("link", name="Lập hồ sơ hội nghị"))

    # the form opens short: the essentials, the officer's only unit chosen, every section folded
    assert officer.input_value("#id_filing_unit") == str(loc_binh.pk)
    assert officer.locator("details.fold[open]").count() == 0
    journey.audit(officer, "new record form")
    officer.select_option("#id_cluster_year", str(cluster_year.pk))
    # the kind (required) is left empty on purpose: the first save is refused
    officer.fill("#id_date", DATE_TYPED)
    officer.fill("#id_venue", VENUE)
    officer.fill("#id_summary", SUMMARY)
    journey.tap(officer, officer.locator("#section-attendances > summary"))
    for row, (name, title) in enumerate(ATTENDEES):
        journey.tap(officer, officer.get_by_role("button", name=add_row("Thành phần tham dự")))
        expect(officer.locator(f"#id_attendances-{row}-role")).to_be_focused()  # the new row takes the focus
        officer.fill(f"#id_attendances-{row}-name_as_written", name)
        officer.fill(f"#id_attendances-{row}-title_as_written", title)
    journey.tap(officer, officer.locator("#section-photos > summary"))
    journey.tap(officer, officer.get_by_role("button", name=add_row("Hình ảnh")))
    officer.set_input_files("#id_photos-0-image", photo)
    officer.fill("#id_photos-0-alt_text", PHOTO_ALT)
    journey.go(officer, officer.get_by_role("button", name="Lưu", exact=True))

    # refused: the summary at the top has the focus and a link to the field
    summary = officer.locator("#error-summary")
    expect(summary).to_be_focused()
    assert summary.bounding_box()["y"] < officer.locator("form.filing-form fieldset").first.bounding_box()["y"]
    links = summary.locator("a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == ["#id_kind"], hrefs  # the attendees given by name and title only are valid
    assert officer.locator("#section-attendances .errorlist").count() == 0
    # the photo is kept, shown as a pending upload with its thumbnail; what was typed is kept too
    kept = officer.locator("#id_photos-0-image-pending")
    expect(kept).to_contain_text("so-ket-6-thang.jpg")
    thumbnail = kept.locator("img.pending-upload-thumb")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth > 0"), "the thumbnail does not load"
    assert officer.input_value("#id_date") == DATE_TYPED
    assert officer.input_value("#id_attendances-2-name_as_written") == ATTENDEES[2][0]
    journey.audit(officer, "refused save")
    journey.tap(officer, summary.locator("a[href='#id_kind']"))
    expect(officer.locator("#id_kind")).to_be_focused()
    officer.select_option("#id_kind", MeetingKind.MID_YEAR_REVIEW)
    journey.go(officer, officer.get_by_role("button", name="Lưu", exact=True))  # the photo is not chosen again
    expect(message(officer)).to_contain_text("Đã lưu hồ sơ hội nghị.")
    journey.audit(officer, "draft record")
    journey.go(officer, officer.get_by_role("button", name="Gửi Sở Nội vụ duyệt"))
    expect(message(officer)).to_contain_text("Đã gửi hồ sơ để Sở Nội vụ duyệt.")
    officer.tally.on = False
    loads, actions = officer.tally.loads, officer.tally.actions
    with capsys.disabled():
        print(f"\n[{width}px] officer's first filing, home page to submitted: {loads} page loads, {actions} actions")
    assert loads <= MAX_LOADS
    assert actions <= MAX_ACTIONS

    meeting = Meeting.objects.get(pk=int(re.search(r"/hoi-nghi/(\d+)/$", officer.url)[1]))
    assert meeting.filing_unit == loc_binh and meeting.venue == VENUE
    assert meeting.record_state == RecordState.SUBMITTED
    assert meeting.date.strftime("%d/%m/%Y") == DATE_TYPED
    assert [(a.name_as_written, a.title_as_written) for a in meeting.attendances.order_by("pk")] == ATTENDEES
    photos = list(meeting.photos.all())
    assert len(photos) == 1 and photos[0].alt_text == PHOTO_ALT
    assert photos[0].image.size > 0
    journey.audit(officer, "submitted record")

    # --- so.noivu lands on the reviewer's home, opens the record and returns it -------------------
    reviewer = journey.open()
    reviewer.goto(journey.url(reverse("login")))
    journey.sign_in(reviewer, "so.noivu", DEMO_PASSWORD)
    assert reviewer.url == journey.url(reverse("backoffice:review-queue"))
    waiting = Meeting.objects.filter(record_state__in=[RecordState.SUBMITTED, RecordState.APPROVED]).count()
    assert waiting >= 2  # the demo's record of Văn Lãng and this one
    expect(reviewer.locator(".waiting-summary strong")).to_have_text(str(waiting))
    journey.audit(reviewer, "reviewer's home")
    journey.go(reviewer, reviewer.get_by_role("link", name=meeting.display_title))
    journey.audit(reviewer, "submitted record, as the reviewer")
    reviewer.fill("#id_reason", RETURN_REASON)
    journey.go(reviewer, reviewer.get_by_role("button", name="Trả lại đơn vị với lý do này"))
    meeting.refresh_from_db()
    assert meeting.record_state == RecordState.RETURNED
    returned = meeting.transitions.get(to_state=RecordState.RETURNED)
    returned_by, returned_at = str(returned.by), timezone.localtime(returned.at).strftime("%d/%m/%Y %H:%M")

    # --- locbinh reads the reason on the dashboard and at the top of the record, fixes, resubmits --
    officer.goto(journey.url(reverse("backoffice:dashboard")))
    card = officer.locator(".record-list > li").filter(has=officer.get_by_role("link", name=meeting.display_title))
    expect(card.locator(".return-notice .return-reason")).to_have_text(RETURN_REASON)
    expect(card.locator(".return-notice")).to_contain_text(returned_by)
    journey.audit(officer, "dashboard with a returned record")
    journey.go(officer, card.get_by_role("link", name=meeting.display_title))
    notice = officer.locator(".return-notice")
    expect(notice.locator(".return-reason")).to_have_text(RETURN_REASON)
    expect(notice).to_contain_text(returned_by)
    expect(notice).to_contain_text(returned_at)
    # at the top: under the title, before the actions and the record itself
    top = notice.bounding_box()["y"]
    assert top < officer.locator(".record-actions").bounding_box()["y"]
    assert top < officer.locator("dl.record-facts").bounding_box()["y"]
    journey.audit(officer, "returned record")
    journey.go(officer, officer.locator(".record-actions").get_by_role("link", name="Sửa"))
    journey.audit(officer, "edit form")
    officer.fill("#id_venue", VENUE_FIXED)
    journey.go(officer, officer.get_by_role("button", name="Lưu", exact=True))
    expect(message(officer)).to_contain_text("Đã lưu hồ sơ hội nghị.")
    journey.go(officer, officer.get_by_role("button", name="Gửi Sở Nội vụ duyệt"))
    expect(message(officer)).to_contain_text("Đã gửi hồ sơ để Sở Nội vụ duyệt.")
    meeting.refresh_from_db()
    assert (meeting.record_state, meeting.venue) == (RecordState.SUBMITTED, VENUE_FIXED)
    assert meeting.photos.count() == 1

    # --- so.noivu approves, then publishes, each after a confirmation page ----------------------
    reviewer.goto(journey.url(reverse("backoffice:review-queue")))
    journey.go(reviewer, reviewer.get_by_role("link", name=meeting.display_title))
    journey.go(reviewer, reviewer.get_by_role("link", name="Duyệt…"))
    expect(reviewer.locator("h1")).to_have_text("Duyệt hồ sơ này?")
    meeting.refresh_from_db()
    assert meeting.record_state == RecordState.SUBMITTED  # nothing happens before the confirmation
    journey.audit(reviewer, "confirmation of approval")
    journey.go(reviewer, reviewer.get_by_role("button", name="Đồng ý, duyệt hồ sơ"))
    meeting.refresh_from_db()
    assert meeting.record_state == RecordState.APPROVED
    journey.audit(reviewer, "approved record")
    journey.go(reviewer, reviewer.get_by_role("link", name="Công bố…"))
    journey.audit(reviewer, "confirmation of publication")
    journey.go(reviewer, reviewer.get_by_role("button", name="Đồng ý, công bố hội nghị"))
    meeting.refresh_from_db()
    assert meeting.record_state == RecordState.PUBLISHED
    expect(reviewer.get_by_role("link", name="trang công khai")).to_be_visible()
    journey.audit(reviewer, "published record")

    # --- four eyes: a reviewer who submitted a record for its unit may not approve it ------------
    seconded = journey.open()
    seconded.goto(journey.url(reverse("login")))
    journey.sign_in(seconded, "kiemnhiem", "x-Secret-123")
    draft = Meeting.objects.get(slug=DRAFT_SLUG)
    detail = journey.url(reverse("backoffice:meeting-detail", kwargs={"meeting_id": draft.pk}))
    seconded.goto(detail)
    journey.go(seconded, seconded.get_by_role("button", name="Gửi Sở Nội vụ duyệt"))
    draft.refresh_from_db()
    assert draft.record_state == RecordState.SUBMITTED
    expect(seconded.locator(".four-eyes-note")).to_contain_text("cán bộ duyệt khác")
    expect(seconded.get_by_role("link", name="Duyệt…")).to_have_count(0)
    expect(seconded.get_by_role("button", name="Trả lại đơn vị với lý do này")).to_be_visible()  # returning stays open
    journey.audit(seconded, "own record, as a reviewer who submitted it")
    seconded.goto(journey.url(reverse("backoffice:meeting-review", kwargs={"meeting_id": draft.pk}))
                  + "?action=approve")
    assert seconded.url == detail
    expect(message(seconded)).to_contain_text("cán bộ duyệt khác")
    draft.refresh_from_db()
    assert draft.record_state == RecordState.SUBMITTED
    reviewer.goto(detail)  # another reviewer may
    expect(reviewer.get_by_role("link", name="Duyệt…")).to_be_visible()

    assert not journey.violations, "axe:\n" + "\n".join(journey.violations)
    assert not journey.js_errors()
