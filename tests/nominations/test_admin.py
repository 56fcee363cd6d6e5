"""The office's admin pages: each step only in its state (a forged one is refused with a message),
reasons required, votes against the threshold, a decision drafted and signed from approved lines,
and nothing of it open to a unit officer."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import Decision, DecisionLine
from clusters.models import Person
from nominations import services
from nominations.models import (
    ConcurrenceRequest,
    Consultation,
    Dossier,
    DossierEvent,
    DossierState,
    LineOutcome,
    NomineeLine,
)
from nominations.selectors import nominee_history

from .conftest import add_line, make_dossier

S = DossierState
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, world):
    client.force_login(world.staff)
    return client


def _messages(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def _submitted(world, lines=(("Hoàng Thị Hoa", "provincial_certificate"),)):
    dossier = make_dossier(world)
    made = [add_line(dossier, world.locbinh, name, code) for name, code in lines]
    services.dossier_submit(user=world.locbinh, dossier=dossier, confirm=True)
    return dossier, made


def _step_url(dossier, state):
    return reverse("admin:nominations_dossier_step", args=[dossier.pk, state])


def _to_council(world, dossier):
    for state in (S.RECEIVED, S.APPRAISAL, S.COUNCIL):
        services.dossier_step(user=world.staff, dossier=dossier, to_state=state)


# --- the dossier pages -------------------------------------------------------------------------------


def test_change_page_offers_only_the_steps_of_the_state(staff, world):
    dossier, _lines = _submitted(world)
    page = staff.get(reverse("admin:nominations_dossier_change", args=[dossier.pk])).content.decode()
    assert _step_url(dossier, S.RECEIVED) in page and _step_url(dossier, S.RETURNED) in page
    assert _step_url(dossier, S.COUNCIL) not in page and _step_url(dossier, S.ON_HOLD) not in page
    assert "Hoàng Thị Hoa" in page


@pytest.mark.parametrize("state", [S.COUNCIL, S.VOTED, S.PROPOSED, S.DECIDED, S.SUBMITTED, S.ON_HOLD, "bogus"])
def test_a_forged_step_is_refused_with_a_message(staff, world, state):
    dossier, _lines = _submitted(world)
    response = staff.post(_step_url(dossier, state), {"reason": "x"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:nominations_dossier_change", args=[dossier.pk])
    assert _messages(response)
    dossier.refresh_from_db()
    assert dossier.state == S.SUBMITTED


def test_receive_takes_the_next_register_number_or_the_one_given(staff, world):
    dossier, _lines = _submitted(world)
    assert staff.get(_step_url(dossier, S.RECEIVED)).status_code == 200
    staff.post(_step_url(dossier, S.RECEIVED), {"register_number": ""})
    dossier.refresh_from_db()
    assert dossier.state == S.RECEIVED and dossier.register_number == 1
    other, _lines = _submitted(world)
    staff.post(_step_url(other, S.RECEIVED), {"register_number": "42"})
    other.refresh_from_db()
    assert other.register_number == 42


def test_return_needs_a_reason_and_says_per_line_what_to_change(staff, world):
    dossier, (line,) = _submitted(world)
    response = staff.post(_step_url(dossier, S.RETURNED), {"reason": ""})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == S.SUBMITTED
    staff.post(_step_url(dossier, S.RETURNED), {"reason": "Thiếu báo cáo", f"note_{line.pk}": "Bổ sung xác nhận"})
    dossier.refresh_from_db()
    line.refresh_from_db()
    assert dossier.state == S.RETURNED and dossier.state_reason == "Thiếu báo cáo"
    assert line.return_note == "Bổ sung xác nhận"


def test_hold_needs_a_reason_and_resumes_where_it_was(staff, world):
    dossier, _lines = _submitted(world)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RECEIVED)
    form = staff.get(_step_url(dossier, S.ON_HOLD)).content.decode()
    assert 'name="hold_ground"' in form and "Đang thanh tra, kiểm tra" in form  # R8's grounds, to choose
    response = staff.post(_step_url(dossier, S.ON_HOLD), {"reason": "  "})
    assert response.status_code == 200
    refused = staff.post(_step_url(dossier, S.ON_HOLD), {"reason": "Đang thanh tra"}).content.decode()
    assert "Hãy nêu hồ sơ đang chờ giải quyết việc gì" in refused
    dossier.refresh_from_db()
    assert dossier.state == S.RECEIVED
    staff.post(_step_url(dossier, S.ON_HOLD), {"reason": "Đang thanh tra", "hold_ground": "inspection"})
    dossier.refresh_from_db()
    assert dossier.state == S.ON_HOLD
    page = staff.get(reverse("admin:nominations_dossier_change", args=[dossier.pk])).content.decode()
    assert _step_url(dossier, S.RECEIVED) in page
    staff.post(_step_url(dossier, S.RECEIVED))
    dossier.refresh_from_db()
    assert dossier.state == S.RECEIVED


def test_a_unit_dossier_is_read_only_but_takes_concurrence_answers(staff, world):
    dossier, (line,) = _submitted(world)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RECEIVED)
    url = reverse("admin:nominations_dossier_change", args=[dossier.pk])
    page = staff.get(url)
    form = page.context["adminform"].form
    assert "summary" not in form.fields and "memo_number" not in form.fields
    data = {
        "lock_version": dossier.version, "lock_snapshot": form.initial["lock_snapshot"],
        "concurrences-TOTAL_FORMS": "1", "concurrences-INITIAL_FORMS": "0", "concurrences-MIN_NUM_FORMS": "0",
        "concurrences-MAX_NUM_FORMS": "1000",
        "concurrences-0-office": "police", "concurrences-0-office_name": "Công an tỉnh Lạng Sơn",
        "concurrences-0-line": str(line.pk), "concurrences-0-sent_on": "01/12/2025",
        "concurrences-0-reference": "12/SNV", "concurrences-0-answer": "agreed",
        "concurrences-0-answered_on": "05/12/2025", "concurrences-0-answer_text": "Không có vi phạm",
    }
    for prefix in ("lines", "attachments", "events"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data["events-INITIAL_FORMS"] = data["events-TOTAL_FORMS"] = str(dossier.events.count())
    for i, event in enumerate(dossier.events.order_by("at", "id")):
        data[f"events-{i}-id"] = str(event.pk)
        data[f"events-{i}-dossier"] = str(dossier.pk)
    data["lines-INITIAL_FORMS"] = data["lines-TOTAL_FORMS"] = "1"
    data["lines-0-id"], data["lines-0-dossier"] = str(line.pk), str(dossier.pk)
    response = staff.post(url, data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    request = ConcurrenceRequest.objects.get(dossier=dossier)
    assert request.answer == "agreed" and request.line == line
    assert DossierEvent.objects.filter(dossier=dossier, action="concurrence").exists()
    dossier.refresh_from_db()
    assert dossier.summary == "Đề nghị tặng Bằng khen năm 2025"


def test_staff_add_a_paper_dossier_through_the_service(staff, world):
    response = staff.post(reverse("admin:nominations_dossier_add"), {
        "unit": world.van_lang.pk, "kind": "regular", "achievement_year": "2025", "addressed_role": world.chair.pk,
        "addressed_unit": world.province.pk, "memo_number": "7/TTr-UBND", "memo_date": "20/11/2025",
        "summary": "Hồ sơ giấy của huyện Văn Lãng",
    })
    assert response.status_code == 302, response.context and response.context["errors"]
    dossier = Dossier.objects.get(memo_number="7/TTr-UBND")
    assert dossier.is_paper and dossier.created_by == world.staff
    assert DossierEvent.objects.filter(dossier=dossier, action="created", by=world.staff).exists()
    page = staff.get(reverse("admin:nominations_dossier_change", args=[dossier.pk]))
    assert "summary" in page.context["adminform"].form.fields  # a paper dossier's content is the office's


def test_line_pages_refuse_outside_their_state_with_a_message(staff, world):
    dossier, (line,) = _submitted(world)
    url = reverse("admin:nominations_dossier_line_vote", args=[dossier.pk, line.pk])
    response = staff.post(url, {"voted_on": "20/12/2025", "members_total": "15", "members_present": "15",
                                "votes_for": "15", "written_votes": "0"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not hasattr(NomineeLine.objects.get(pk=line.pk), "vote")


def test_appraisal_shows_the_nominees_history_and_saves(staff, world):
    dossier, (line,) = _submitted(world)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RECEIVED)
    url = reverse("admin:nominations_dossier_line_appraise", args=[dossier.pk, line.pk])
    assert staff.get(url).status_code == 200
    staff.post(url, {"meets_standards": "yes", "note": "Đủ tiêu chuẩn"})
    line.refresh_from_db()
    assert line.meets_standards is True and line.appraisal_note == "Đủ tiêu chuẩn"


def test_a_vote_below_the_threshold_fails_the_line_with_the_numbers(staff, world):
    dossier, (line,) = _submitted(world, [("Hoàng Thị Hoa", "provincial_emulation_fighter")])
    _to_council(world, dossier)
    url = reverse("admin:nominations_dossier_line_vote", args=[dossier.pk, line.pk])
    page = staff.get(url).content.decode()
    assert "90" in page  # the threshold in force is shown
    response = staff.post(url, {"voted_on": "20/12/2025", "members_total": "15", "members_present": "15",
                                "votes_for": "13", "written_votes": "0"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.outcome == LineOutcome.NOT_APPROVED and line.vote.required_votes == 14
    text = _messages(response)
    assert "13" in text and "15" in text and "14" in text
    page = staff.get(reverse("admin:nominations_dossier_change", args=[dossier.pk])).content.decode()
    assert "14" in page and line.vote.threshold.basis in page


def test_setting_not_approved_needs_a_reason(staff, world):
    dossier, (line,) = _submitted(world)
    _to_council(world, dossier)
    url = reverse("admin:nominations_dossier_line_outcome", args=[dossier.pk, line.pk])
    response = staff.post(url, {"outcome": "not_approved", "reason": ""})
    assert response.status_code == 200
    line.refresh_from_db()
    assert line.outcome == LineOutcome.PENDING
    staff.post(url, {"outcome": "approved"})
    line.refresh_from_db()
    assert line.outcome == LineOutcome.APPROVED


def _draft_post(world, lines, **extra):
    data = {"action": "draft_decision", "_selected_action": [str(ln.pk) for ln in lines]}
    data.update(extra)
    return data


def test_drafting_refuses_unapproved_lines_and_signing_decides_them(staff, world):
    dossier, (good, weak) = _submitted(world, [("Hoàng Thị Hoa", "provincial_certificate"),
                                               ("Nông Văn Dũng", "provincial_certificate")])
    _to_council(world, dossier)
    day = datetime.date(2025, 12, 20)
    services.vote_record(user=world.staff, line=good, voted_on=day, members_total=15, members_present=13,
                         votes_for=12)
    services.vote_record(user=world.staff, line=weak, voted_on=day, members_total=15, members_present=13,
                         votes_for=5)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.VOTED)
    changelist = reverse("admin:nominations_nomineeline_changelist")
    response = staff.post(changelist, _draft_post(world, [good, weak]))
    assert "Nông Văn Dũng" in _messages(response)
    assert not Decision.objects.exists()
    page = staff.post(changelist, _draft_post(world, [good]))
    assert page.status_code == 200 and "Về việc" in page.content.decode()
    response = staff.post(changelist, _draft_post(
        world, [good], draft_form="1", issuer_role=world.chair.pk, issuer_unit=world.province.pk,
        subject_line="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh", signer_name="Vi Văn Sơn",
        signer_title="Phó Chủ tịch", signing_form="KT"))
    decision = Decision.objects.get()
    assert response["Location"] == reverse("admin:awards_decision_change", args=[decision.pk])
    assert decision.is_draft and decision.number is None
    # the decision's page leads to signing; its list marks it a draft
    page = staff.get(reverse("admin:awards_decision_change", args=[decision.pk])).content.decode()
    sign_url = reverse("admin:nominations_decision_sign", args=[decision.pk])
    assert sign_url in page
    assert staff.get(reverse("admin:awards_decision_changelist")).status_code == 200
    response = staff.post(sign_url, {"number": "2345", "symbol": "QĐ-UBND", "signed_on": "28/12/2025",
                                     "signer_name": "Vi Văn Sơn", "signer_title": "Phó Chủ tịch",
                                     "confirm_warnings": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    decision.refresh_from_db()
    assert not decision.is_draft and decision.number == 2345 and decision.signed_on == datetime.date(2025, 12, 28)
    dossier.refresh_from_db()
    assert dossier.state == S.DECIDED
    page = staff.get(reverse("admin:nominations_dossier_change", args=[dossier.pk])).content.decode()
    assert reverse("admin:awards_decision_change", args=[decision.pk]) in page and "2345/QĐ-UBND" in page
    # signed once: the page says so and does not sign again
    response = staff.post(sign_url, {"number": "1", "symbol": "QĐ-UBND", "signed_on": "29/12/2025"})
    assert response.status_code == 302 and _messages(response)
    decision.refresh_from_db()
    assert decision.number == 2345


def test_a_consultation_is_opened_from_the_dossier_and_comments_answered(staff, world):
    dossier, (line,) = _submitted(world, [("Lương Văn C", "prime_minister_certificate")])
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RECEIVED)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.APPRAISAL)
    response = staff.get(_step_url(dossier, S.CONSULTATION))
    add_url = reverse("admin:nominations_consultation_add")
    assert response.status_code == 302 and response["Location"].startswith(add_url)
    page = staff.get(response["Location"])
    assert page.context["adminform"].form.initial["lines"] == [line.pk]
    response = staff.post(add_url, {"title": "Lấy ý kiến nhân dân đối với Lương Văn C", "slug": "",
                                    "intro": "", "published_on": timezone.localdate().strftime("%d/%m/%Y"),
                                    "working_days": "10", "lines": [str(line.pk)]})
    assert response.status_code == 302, response.context and response.context["errors"]
    consultation = Consultation.objects.get()
    assert consultation.slug == "lay-y-kien-nhan-dan-doi-voi-luong-van-c" and consultation.ends_on
    dossier.refresh_from_db()
    assert dossier.state == S.CONSULTATION
    comment = services.comment_add(consultation=consultation, name="Bà Lan", contact="0912345678", text="Đồng ý",
                                   address="10.0.0.1")
    url = reverse("admin:nominations_consultation_change", args=[consultation.pk])
    staff.get(url)
    response = staff.post(url, {"comments-TOTAL_FORMS": "1", "comments-INITIAL_FORMS": "1",
                                "comments-MIN_NUM_FORMS": "0", "comments-MAX_NUM_FORMS": "0",
                                "comments-0-id": str(comment.pk), "comments-0-consultation": str(consultation.pk),
                                "comments-0-answer": "Cảm ơn ý kiến của bà"})
    assert response.status_code == 302, response.context and response.context["errors"]
    comment.refresh_from_db()
    assert comment.answer == "Cảm ơn ý kiến của bà" and comment.answered_by == world.staff


# --- who may see it -----------------------------------------------------------------------------------


def _every_url(world):
    """Every page the nominations app adds to the admin, read from the URLconf: each model's
    list, add, change, history and delete pages and the office's own steps, filled with rows of
    every model, so a page added later is walked too."""
    from django.contrib import admin
    from django.urls import URLPattern

    from nominations.models import Consultation, EmulationOffice, EmulationStaffer, WorkingDayChange

    dossier, (line,) = _submitted(world)
    decision = Decision.objects.create(is_draft=True, issuer_role=world.chair, issuer_unit=world.province,
                                       subject_line="Về việc", achievement_year=2025, award_type="merit")
    office = EmulationOffice.objects.create(name="Ban Thi đua - Khen thưởng", kind="provincial")
    rows = {
        "consultation": Consultation.objects.create(title="Lấy ý kiến", slug="lay-y-kien"),
        "workingdaychange": WorkingDayChange.objects.create(day=datetime.date(2026, 5, 4), note="Nghỉ bù"),
        "emulationoffice": office,
        "emulationstaffer": EmulationStaffer.objects.create(office=office, full_name="Nguyễn Văn An"),
    }
    values = {"pk": dossier.pk, "line_pk": line.pk, "to_state": S.RECEIVED, "decision_pk": decision.pk}
    urls = [reverse("admin:app_list", args=["nominations"])]
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "nominations":
            continue
        row = rows.get(model._meta.model_name) or {"dossier": dossier, "nomineeline": line}.get(
            model._meta.model_name) or model._default_manager.first()
        assert row is not None, model
        for pattern in model_admin.get_urls():
            if not isinstance(pattern, URLPattern) or not pattern.name:
                continue
            kwargs = {name: row.pk if name == "object_id" else values[name]
                      for name in pattern.pattern.converters}
            urls.append(reverse(f"admin:{pattern.name}", kwargs=kwargs))
    assert len(urls) > 50
    return dossier, urls


def test_the_public_meets_the_login_page_on_every_office_page(client, world):
    dossier, urls = _every_url(world)
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302 and "/login/" in response["Location"], url
    dossier.refresh_from_db()
    assert dossier.state == S.SUBMITTED


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_unit_officer_never_reaches_the_office_pages(client, world, method):
    dossier, urls = _every_url(world)
    client.force_login(world.locbinh)
    for url in urls:
        response = getattr(client, method)(url, {"reason": "x", "post": "yes"} if method == "post" else None)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/login/" in response["Location"], url
        assert "Hoàng Thị Hoa" not in response.content.decode(), url
    dossier.refresh_from_db()
    assert dossier.state == S.SUBMITTED and dossier.lines.count() == 1


def test_staff_without_the_process_permission_are_refused(client, world, django_user_model):
    _dossier, urls = _every_url(world)
    clerk = django_user_model.objects.create_user(username="clerk", password="x-Secret-123", is_staff=True)
    client.force_login(clerk)
    for url in urls:
        assert client.get(url).status_code in (302, 403, 404), url  # the empty app index answers 404


def test_the_dossier_list_costs_the_same_for_1_or_10_dossiers(staff, world):
    url = reverse("admin:nominations_dossier_changelist")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert staff.get(url).status_code == 200
        return len(ctx)

    _submitted(world)
    count()  # the first request of the session reads the user's permissions once
    one = count()
    for _n in range(9):
        _submitted(world)
    assert count() == one


def test_the_line_list_costs_the_same_for_1_or_10_lines(staff, world):
    url = reverse("admin:nominations_nomineeline_changelist")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert staff.get(url).status_code == 200
        return len(ctx)

    _submitted(world)
    count()
    one = count()
    _submitted(world, [(f"Người {n}", "provincial_certificate") for n in range(9)])
    assert count() == one


# --- the nominee's history ----------------------------------------------------------------------------


def _granted(world, name, code, year, *, unit_text="huyện Lộc Bình", person=None, number=None):
    """A line of an earlier decision, as the records hold it (written directly: who granted it
    is not what the history reads)."""
    decision = Decision.objects.create(
        number=number or year, symbol="QĐ-UBND", number_text=f"{number or year}/QĐ-UBND",
        signed_on=datetime.date(year + 1, 1, 15), issuer_role=world.chair, issuer_unit=world.province,
        achievement_year=year, award_type="merit", subject_line="Về việc")
    return DecisionLine.objects.create(
        decision=decision, subject_type="individual", person=person or Person.objects.create(full_name=name),
        name_text=name, unit_text=unit_text, award=world.awards[code])


def test_history_finds_earlier_titles_by_name_and_unit_and_counts_the_streak(world):
    for year in (2022, 2023, 2024):
        _granted(world, "Hoàng Thị Hoa", "grassroots_emulation_fighter", year)
    _granted(world, "Hoàng Thị Hoa", "grassroots_emulation_fighter", 2021, unit_text="huyện Cao Lộc")
    dossier = make_dossier(world)
    line = add_line(dossier, world.locbinh, "Hoang thi hoa", "provincial_emulation_fighter")
    history = nominee_history(line)
    years = sorted(ln.decision.achievement_year for ln in history.lines)
    assert years == [2022, 2023, 2024]  # the namesake of another district is left out
    streak = history.streaks[0]
    assert streak.years == [2024, 2023, 2022]
    # the last title must be of the achievement year itself (2025): none yet
    assert streak.found == 0 and not streak.met


def test_history_reads_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    person = Person.objects.create(full_name="Hoàng Thị Hoa")
    for year in range(2015, 2025):
        _granted(world, "Hoàng Thị Hoa", "grassroots_emulation_fighter", year, person=person)
    dossier = make_dossier(world)
    line = add_line(dossier, world.locbinh, "Hoàng Thị Hoa", "provincial_emulation_fighter", person=person)
    line = NomineeLine.objects.select_related("dossier").get(pk=line.pk)
    with django_assert_max_num_queries(2):
        history = nominee_history(line)
    assert history.by_record and len(history.lines) == 10


def test_the_reviewer_home_lists_dossiers_for_staff(world):
    from backoffice.views import _admin_lists

    assert any("dossier" in url for _label, url in _admin_lists(world.staff))
    assert not any("dossier" in url for _label, url in _admin_lists(world.locbinh))


def test_nothing_of_the_path_is_deleted_in_the_admin(staff, world):
    dossier, (line,) = _submitted(world)
    assert staff.get(reverse("admin:nominations_dossier_delete", args=[dossier.pk])).status_code in (302, 403)
    assert Dossier.objects.filter(pk=dossier.pk).exists()


def _form_data(page) -> dict:
    """What the change page would send unchanged: the main form's and every inline's values."""
    data = {}
    form = page.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value or value == 0:  # an empty file, None or False is sent as nothing
            data[name] = value.pk if hasattr(value, "pk") else value
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for sub in formset.initial_forms:
            for name in sub.fields:
                value = sub.initial.get(name)
                if value or value == 0:
                    data[sub.add_prefix(name)] = value.pk if hasattr(value, "pk") else value
    for key, value in list(data.items()):
        if isinstance(value, datetime.date):
            data[key] = value.strftime("%d/%m/%Y")
    return data


def test_a_paper_dossiers_lines_are_entered_through_the_service(staff, world):
    dossier = make_dossier(world, user=world.staff, unit=world.van_lang)
    url = reverse("admin:nominations_dossier_change", args=[dossier.pk])
    data = _form_data(staff.get(url))
    data.update({"lines-TOTAL_FORMS": "1", "lines-0-subject_type": "individual", "lines-0-name_text": "Lý Thị Mai",
                 "lines-0-title_text": "Giáo viên", "lines-0-unit_text": "huyện Văn Lãng",
                 "lines-0-award": str(world.awards["provincial_certificate"].pk),
                 "lines-0-achievement_summary": "Hoàn thành xuất sắc nhiệm vụ"})
    response = staff.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    line = NomineeLine.objects.get(dossier=dossier)
    assert line.name_text == "Lý Thị Mai" and line.order == 1
    assert DossierEvent.objects.filter(dossier=dossier, action="line_added", by=world.staff).exists()


def test_the_dossier_page_reads_its_state_and_history_in_vietnamese(staff, world):
    dossier, _lines = _submitted(world)
    page = staff.get(reverse("admin:nominations_dossier_change", args=[dossier.pk])).content.decode()
    assert "Tình trạng hồ sơ:" in page and "Nhà nước:" not in page
    assert "gửi hồ sơ" in page and "line_added" not in page


def test_the_reason_and_the_decision_number_read_as_such_in_vietnamese(staff, world):
    """"Reason" and "Number" are a line's achievement ("Thành tích") and a count ("Số lượng") in the
    awards app's catalogue, which wins over this app's: the office's forms ask with a context."""
    dossier, (line,) = _submitted(world)
    page = staff.get(_step_url(dossier, S.RETURNED)).content.decode()
    assert '<label for="id_reason">Lý do:</label>' in page and "Thành tích:" not in page
    staff.post(_step_url(dossier, S.RECEIVED))
    staff.post(_step_url(dossier, S.APPRAISAL))
    page = staff.get(reverse("admin:nominations_dossier_line_outcome", args=[dossier.pk, line.pk])).content.decode()
    assert '<label for="id_reason">Lý do:</label>' in page
    decision = Decision.objects.create(is_draft=True, issuer_role=world.chair, issuer_unit=world.province,
                                       subject_line="Về việc tặng Bằng khen")
    page = staff.get(reverse("admin:nominations_decision_sign", args=[decision.pk])).content.decode()
    assert '<label for="id_number">Số:</label>' in page and "Số lượng" not in page
