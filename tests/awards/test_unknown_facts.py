"""A record holds what its source says and nothing more (issue 11). A decision known from a news
report may lack its number and signing date: it must say where it comes from, its pages say
"chưa rõ" and never a guess, and the rules of a period wait until the date is filled."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from awards.models import Decision, SourceKind
from awards.services import ConfirmationRequired, decision_change, decision_save_lines
from clusters.models import Cluster, ClusterKind

from .conftest import collective, individual
from .test_admin import _post_data

pytestmark = pytest.mark.django_db

NEWS = {"source_kind": "secondary", "source_name": "Báo Cao Bằng",
        "source_url": "https://bao-cao-bang.example/tin/khen-thuong-bien-gioi"}
UNDATED = {"number": None, "symbol": "", "signed_on": None, **NEWS}  # for the `issue` fixture


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


def _news_report(units, roles, lines, **fields):
    """The admin add form as a clerk fills it from a news report: who, which award, which year;
    no number, no signing date, no signer."""
    return _post_data(units, roles, lines, **(NEWS | {
        "number": "", "symbol": "", "number_text": "", "signed_on": "", "signer_name": "", "signer_title": "",
        "achievement_year": "2018"} | fields))


def _change_data(decision, units, roles, awards_by_line, **fields):
    """The admin change form of `decision` with its lines in the inline, each with the given award."""
    data = _news_report(units, roles, [], **fields)
    lines = list(decision.lines.order_by("order", "pk"))
    data.update({"lines-TOTAL_FORMS": str(len(lines)), "lines-INITIAL_FORMS": str(len(lines))})
    for i, (line, award) in enumerate(zip(lines, awards_by_line, strict=True)):
        data.update({f"lines-{i}-id": line.pk, f"lines-{i}-decision": decision.pk, f"lines-{i}-order": line.order,
                     f"lines-{i}-subject_type": line.subject_type, f"lines-{i}-person": line.person_id or "",
                     f"lines-{i}-unit": line.unit_id or "", f"lines-{i}-name_text": line.name_text,
                     f"lines-{i}-award": award.pk, f"lines-{i}-status": "in_force"})
    return data


# --- what is recorded and shown -------------------------------------------------------------------


def test_a_decision_from_a_news_report_entered_in_the_admin_shows_unknown_and_nothing_invented(
    admin_client, client, site_profile, units, roles, awards, people
):
    lines = [{"subject_type": "individual", "person": people["hoa"].pk, "award": awards["provincial_certificate"].pk}]
    response = admin_client.post(reverse("admin:awards_decision_add"), _news_report(units, roles, lines))
    assert response.status_code == 302, response.content.decode()[:3000]
    decision = Decision.objects.get()
    assert (decision.number, decision.number_text, decision.signed_on, decision.year) == (None, "", None, None)
    assert decision.source_kind == SourceKind.SECONDARY
    assert decision.lines.get().cash_amount is None  # the cash follows the date: none is derived without it

    body = client.get(decision.get_absolute_url()).content.decode()
    facts = body.split('<dl class="decision-facts">')[1].split("</dl>")[0]
    assert "<dt>Số, ký hiệu</dt><dd>chưa rõ</dd>" in facts
    assert "<dt>Ngày ký</dt><dd>chưa rõ</dd>" in facts
    assert "Quyết định (số: chưa rõ)" in body
    assert "Báo Cao Bằng" in body and NEWS["source_url"] in body
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{4}", facts) and "Thứ " not in facts  # no date made up
    assert "Người ký" not in facts  # nor a signer

    listing = client.get(reverse("awards:decision_list")).content.decode()
    assert "Quyết định (số: chưa rõ)" in listing and "ngày ký: chưa rõ" in listing
    assert '<option value="chua-ro">Chưa rõ ngày ký</option>' in listing  # a year choice of its own
    found = client.get(reverse("awards:decision_list"), {"year": "chua-ro"}).context["page"].object_list
    assert [d.pk for d in found] == [decision.pk]
    assert decision.get_absolute_url() == f"/quyet-dinh/{decision.pk}-quyet-dinh/"
    assert str(decision).startswith("Quyết định – số: chưa rõ, ngày ký: chưa rõ")


def test_an_unknown_number_or_date_needs_a_named_secondary_source(admin_client, units, roles):
    url = reverse("admin:awards_decision_add")
    body = admin_client.post(url, _news_report(units, roles, [], source_kind="decision")).content.decode()
    assert "Quyết định chưa rõ số hoặc ngày ký phải được ghi nhận từ nguồn thứ cấp" in body
    body = admin_client.post(url, _news_report(units, roles, [], source_name="")).content.decode()
    assert "Ghi tên nguồn thứ cấp" in body
    assert Decision.objects.count() == 0


def test_the_database_holds_the_source_rules_whatever_the_path(units, roles):
    fields = {"issuer_role": roles["provincial_chair"], "issuer_unit": units["ubnd_tinh"], "subject_line": "Về việc"}
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(**fields)  # neither number nor date, and said to be the decision itself
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(source_kind=SourceKind.SECONDARY, **fields)  # a source without a name
    undated = Decision.objects.create(source_kind=SourceKind.SECONDARY, source_name="Báo Lạng Sơn", **fields)
    assert undated.lines_unchecked and not undated.signed_on_known


def test_a_known_number_stays_unique_and_unknown_ones_never_clash(issue):
    issue([], number=163)
    with pytest.raises(ValidationError):
        issue([], number=163)
    issue([], **UNDATED)
    issue([], **UNDATED)
    # the same number with no date cannot be told from next year's: both are kept
    issue([], number=163, signed_on=None, **NEWS)
    issue([], number=163, signed_on=None, **NEWS)
    assert Decision.objects.count() == 5


# --- the rules of a period wait for the date ------------------------------------------------------


def test_an_undated_decision_is_saved_with_a_visible_note_that_its_lines_are_unchecked(admin_client, issue, awards,
                                                                                      people):
    # Lao động tiên tiến is not the provincial chair's to grant: unknowable without a date
    decision = issue([individual(people["binh"], awards["advanced_worker"])], **UNDATED)
    assert decision.lines_unchecked
    page = admin_client.get(reverse("admin:awards_decision_change", args=[decision.pk])).content.decode()
    assert "Danh sách chưa được kiểm tra theo quy định của thời kỳ" in page
    changelist = admin_client.get(reverse("admin:awards_decision_changelist"), {"lines_unchecked__exact": "1"})
    assert list(changelist.context["cl"].result_list) == [decision]


def test_filling_the_date_in_the_admin_checks_every_line_and_clears_the_note(admin_client, issue, units, roles,
                                                                            awards, people):
    cert, worker = awards["provincial_certificate"], awards["advanced_worker"]
    decision = issue([collective(units["village"], cert), individual(people["binh"], worker)], **UNDATED)
    url = reverse("admin:awards_decision_change", args=[decision.pk])

    response = admin_client.post(url, _change_data(decision, units, roles, [cert, worker], signed_on="01/12/2025"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dòng 2:" in body and "không có thẩm quyền" in body
    decision.refresh_from_db()
    assert decision.signed_on is None and decision.lines_unchecked

    response = admin_client.post(url, _change_data(decision, units, roles, [cert, cert], signed_on="01/12/2025"))
    assert response.status_code == 302, response.content.decode()[:3000]
    decision.refresh_from_db()
    assert decision.signed_on == datetime.date(2025, 12, 1) and not decision.lines_unchecked
    assert (decision.year, decision.statistics_year) == (2025, 2025)
    # now the cash is known too: three times the base salary of December 2025 for the collective
    assert decision.lines.get(unit=units["village"]).cash_amount == 3 * 2_340_000


def test_filling_the_date_of_a_list_too_long_for_the_inline_is_checked_too(admin_client, issue, units, roles,
                                                                          awards, people, monkeypatch):
    from awards import admin as awards_admin

    monkeypatch.setattr(awards_admin, "INLINE_LIMIT", 0)
    decision = issue([individual(people["binh"], awards["advanced_worker"])], **UNDATED)
    url = reverse("admin:awards_decision_change", args=[decision.pk])
    data = {k: v for k, v in _news_report(units, roles, [], signed_on="20/12/2024").items()
            if not k.startswith("lines-")}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Dòng 1:" in response.content.decode()
    decision.refresh_from_db()
    assert decision.signed_on is None and decision.lines_unchecked


def test_filling_the_date_through_the_service_refuses_or_asks_to_confirm_as_for_any_decision(issue, awards, people):
    decision = issue([individual(people["binh"], awards["advanced_worker"])], **UNDATED)
    decision.signed_on = datetime.date(2024, 12, 20)
    with pytest.raises(ValidationError) as refused:
        decision_change(decision=decision)
    assert refused.value.messages[0].startswith("Dòng 1:")
    decision.refresh_from_db()
    assert decision.signed_on is None and decision.lines_unchecked

    # in 2017 no rules were loaded: the authority cannot be checked, so it is confirmed
    decision.signed_on, decision.achievement_year = datetime.date(2017, 12, 20), 2017
    with pytest.raises(ConfirmationRequired):
        decision_change(decision=decision)
    decision_change(decision=decision, confirm=True)
    decision.refresh_from_db()
    assert decision.signed_on == datetime.date(2017, 12, 20) and not decision.lines_unchecked


def test_lines_added_to_an_undated_decision_get_every_check_that_needs_no_date(issue, awards, people):
    decision = issue([individual(people["hoa"], awards["provincial_certificate"])], **UNDATED)
    with pytest.raises(ValidationError):  # the same person twice for the same award and year
        decision_save_lines(decision=decision, lines=[individual(people["hoa"], awards["provincial_certificate"])])
    decision_save_lines(decision=decision, lines=[individual(people["binh"], awards["provincial_certificate"])])
    decision.refresh_from_db()
    assert decision.lines.count() == 2 and decision.lines_unchecked


# --- finding what is missing ----------------------------------------------------------------------


def test_staff_find_the_decisions_missing_a_number_or_a_signing_date(admin_client, issue):
    issue([], number=501)
    no_number = issue([], number=None, **NEWS)
    no_date = issue([], number=502, signed_on=None, **NEWS)
    url = reverse("admin:awards_decision_changelist")

    def listed(**params):
        return {d.pk for d in admin_client.get(url, params).context["cl"].result_list}

    assert listed(missing="any") == {no_number.pk, no_date.pk}
    assert listed(missing="number") == {no_number.pk}
    assert listed(missing="date") == {no_date.pk}
    page = admin_client.get(url).content.decode()
    assert 'href="?missing=any">Thiếu số hoặc ngày ký: 2 quyết định</a>' in page


# --- lines: fund source and cluster or bloc -------------------------------------------------------


def test_a_line_shows_its_fund_and_its_bloc_on_the_public_page_and_in_the_admin(
    client, admin_client, site_profile, issue, units, awards, django_assert_max_num_queries
):
    bloc = Cluster.objects.create(kind=ClusterKind.KHOI, name="Khối thi đua các cơ quan tổng hợp",
                                  slug="khoi-thi-dua-cac-co-quan-tong-hop", organiser=units["ubnd_tinh"])
    decision = issue([collective(units["district"], awards["provincial_emulation_flag"], cluster=bloc,
                                 fund="Quỹ thi đua, khen thưởng tỉnh",
                                 confirmation_reason="Khối chưa ghi danh sách thành viên năm 2024")], confirm=True)
    client.get(decision.get_absolute_url())  # warm the site caches
    # its slug (all a page whose parts are stored needs), the decision, its lines, memos, cited
    # documents, the line's bloc, the site profile
    with django_assert_max_num_queries(7):
        body = client.get(decision.get_absolute_url()).content.decode()
    assert "<th scope=\"col\">Nguồn quỹ</th>" in body and "Quỹ thi đua, khen thưởng tỉnh" in body
    assert f'<a href="{bloc.get_absolute_url()}">Khối thi đua các cơ quan tổng hợp</a>' in body

    page = admin_client.get(reverse("admin:awards_decision_change", args=[decision.pk])).content.decode()
    assert 'name="lines-0-fund"' in page and 'name="lines-0-cluster"' in page


# --- searching without accents --------------------------------------------------------------------


def test_award_autocomplete_finds_co_thi_dua_typed_without_accents(admin_client):
    response = admin_client.get(reverse("admin:autocomplete"), {
        "app_label": "awards", "model_name": "decisionline", "field_name": "award", "term": "co thi dua"})
    names = [result["text"] for result in response.json()["results"]]
    assert "Cờ thi đua của Ủy ban nhân dân tỉnh" in names and "Cờ thi đua của Chính phủ" in names
    assert "Lao động tiên tiến" not in names


@pytest.mark.parametrize("typed", ["bao cao bang", "Báo Cao Bằng", "khen thuong"])
def test_decision_admin_search_ignores_accents(admin_client, issue, typed):
    found = issue([], subject_line="Về việc khen thưởng phối hợp biên giới", **UNDATED)
    issue([], subject_line="Về việc tặng Giấy khen")
    response = admin_client.get(reverse("admin:awards_decision_changelist"), {"q": typed})
    assert list(response.context["cl"].result_list) == [found]
