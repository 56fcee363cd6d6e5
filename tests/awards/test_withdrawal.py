"""Staff never hard-delete a commendation decision: they withdraw it (with a reason, logged,
reversible), it keeps its row and its number, and it leaves every public page, the look-up and the
statistics until restored. Only a superuser purges, and the purge is logged. The lines of a signed
decision (its number and date known) are not deleted by staff; those of a draft record still are."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import selectors
from awards.models import Decision, DecisionLine
from awards.statistics.selectors import counted_lines, lookup_lines, official_lines, official_years
from portal.core.models import RecordLog
from portal.core.withdrawal import record_withdraw

from .conftest import individual
from .test_locking import decision_post
from .test_unknown_facts import UNDATED

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("bientap", password="x-Secret-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="awards"))  # delete included
    return user


@pytest.fixture
def decision(issue, awards, people):
    return issue([individual(people["hoa"], awards["provincial_certificate"])])


@pytest.fixture
def draft(issue, awards, people):
    """A record from a news report, still waiting for its number and date: not signed as recorded."""
    return issue([individual(people["hoa"], awards["provincial_certificate"]),
                  individual(people["binh"], awards["provincial_certificate"])], achievement_year=2024, **UNDATED)


def test_signed_means_the_number_and_the_date_are_known(draft, issue):
    decision = issue([])
    assert decision.is_signed and not draft.is_signed
    assert list(Decision.objects.signed()) == [decision]


def test_staff_get_403_on_delete_and_see_no_delete_action(client, staff, decision):
    client.force_login(staff)
    url = reverse("admin:awards_decision_delete", args=[decision.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = client.get(reverse("admin:awards_decision_changelist"))
    assert changelist.status_code == 200
    body = changelist.content.decode()
    assert "delete_selected" not in body and "withdraw_selected" in body
    bulk = client.post(reverse("admin:awards_decision_changelist"),
                       {"action": "delete_selected", "_selected_action": [decision.pk], "post": "yes"})
    assert bulk.status_code in (200, 302)
    assert Decision.objects.filter(pk=decision.pk).exists() and decision.lines.count() == 1


def test_staff_cannot_delete_the_lines_of_a_signed_decision(client, staff, decision, units, roles):
    client.force_login(staff)
    url = reverse("admin:awards_decision_change", args=[decision.pk])
    page = client.get(url)
    assert 'name="lines-0-DELETE"' not in page.content.decode()
    form = page.context["adminform"].form
    data = decision_post(decision, units, roles, lock_version=form.initial["lock_version"],
                         lock_snapshot=form.initial["lock_snapshot"])
    data["lines-0-DELETE"] = "on"
    client.post(url, data)
    assert decision.lines.count() == 1  # the box is not there, and a forged one is ignored
    line = decision.lines.get()
    line_delete = reverse("admin:awards_decisionline_delete", args=[line.pk])
    assert client.get(line_delete).status_code == 403
    assert client.post(line_delete, {"post": "yes"}).status_code == 403
    assert DecisionLine.objects.filter(pk=line.pk).exists()


def test_the_lines_of_an_unsigned_draft_can_still_be_deleted_by_staff(client, staff, draft, units, roles):
    client.force_login(staff)
    url = reverse("admin:awards_decision_change", args=[draft.pk])
    page = client.get(url)
    assert 'name="lines-0-DELETE"' in page.content.decode()
    form = page.context["adminform"].form
    data = decision_post(draft, units, roles, number="", symbol="", number_text="", signed_on="",
                         source_kind="secondary", source_name=draft.source_name, source_url=draft.source_url,
                         lock_version=form.initial["lock_version"], lock_snapshot=form.initial["lock_snapshot"])
    data["lines-1-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(draft.lines.values_list("name_text", flat=True)) == ["Hoàng Thị Hoa"]
    line = draft.lines.get()
    assert client.post(reverse("admin:awards_decisionline_delete", args=[line.pk]), {"post": "yes"}).status_code == 302
    assert not draft.lines.exists()
    assert not RecordLog.objects.exists()  # a draft's lines are not history yet


def test_withdrawing_needs_a_reason_hides_the_decision_everywhere_is_logged_and_reversible(client, staff, decision):
    page = decision.get_absolute_url()
    assert client.get(page).status_code == 200
    assert counted_lines().count() == official_lines().count() == lookup_lines().count() == 1
    client.force_login(staff)
    changelist = reverse("admin:awards_decision_changelist")
    asked = client.post(changelist, {"action": "withdraw_selected", "_selected_action": [decision.pk]})
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    client.post(changelist, {"action": "withdraw_selected", "_selected_action": [decision.pk],
                             "reason": "Nhập trùng với quyết định đã có"})
    decision.refresh_from_db()
    assert decision.is_withdrawn and decision.withdrawal_reason == "Nhập trùng với quyết định đã có"
    assert decision.lines.count() == 1  # the row and its lines are kept
    log = RecordLog.objects.get(action="withdraw")
    assert log.by == staff and log.object_id == str(decision.pk) and log.model == "awards.Decision"
    client.logout()
    assert client.get(page).status_code == 404
    assert decision.number_text not in client.get(reverse("awards:decision_list")).content.decode()
    assert not selectors.published_decisions().exists()
    assert counted_lines().count() == official_lines().count() == lookup_lines().count() == 0
    assert official_years() == []
    client.force_login(staff)
    assert decision.number_text not in client.get(changelist).content.decode()  # in use only, by default
    assert decision.number_text in client.get(changelist, {"withdrawn": "yes"}).content.decode()
    client.post(changelist + "?withdrawn=yes", {"action": "restore_selected", "_selected_action": [decision.pk]})
    decision.refresh_from_db()
    assert not decision.is_withdrawn and RecordLog.objects.filter(action="restore", by=staff).exists()
    client.logout()
    assert client.get(page).status_code == 200
    assert counted_lines().count() == official_lines().count() == lookup_lines().count() == 1


def test_a_withdrawn_decision_leaves_the_public_look_up(client, decision, staff):
    lookup = reverse("awards:lookup")
    assert decision.get_absolute_url() in client.get(lookup, {"q": "hoang thi hoa"}).content.decode()
    record_withdraw(obj=decision, by=staff, reason="Nhập nhầm")
    assert decision.get_absolute_url() not in client.get(lookup, {"q": "hoang thi hoa"}).content.decode()


def test_a_withdrawn_decision_keeps_its_number(decision, issue, staff):
    record_withdraw(obj=decision, by=staff, reason="Nhập nhầm")
    with pytest.raises(ValidationError):
        issue([], number=decision.number, number_text=decision.number_text)


def test_a_superuser_purge_is_logged(client, staff_user, decision):
    client.force_login(staff_user)
    line = decision.lines.get()
    response = client.post(reverse("admin:awards_decision_delete", args=[decision.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Decision.objects.filter(pk=decision.pk).exists()
    assert not DecisionLine.objects.filter(pk=line.pk).exists()
    log = RecordLog.objects.get(action="purge")
    assert log.object_repr == str(decision) and log.by == staff_user


def test_a_superuser_deleting_a_line_of_a_signed_decision_is_logged(client, staff_user, decision, issue, awards,
                                                                    people):
    client.force_login(staff_user)
    line = decision.lines.get()
    response = client.post(reverse("admin:awards_decisionline_delete", args=[line.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not DecisionLine.objects.filter(pk=line.pk).exists()
    log = RecordLog.objects.get(action="purge")
    assert log.model == "awards.DecisionLine" and log.object_id == str(line.pk) and log.by == staff_user
