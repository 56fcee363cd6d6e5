"""R11, revocation: no line is added to a revoked decision; revoked lines are never deleted, not
even by "replace all lines"; a revocation rests on a decision signed no later than it; a single
line is revoked through a service, with its basis, and shows as revoked on public pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import imports
from awards.models import DecisionLine, RecordStatus
from awards.services import (
    decision_line_delete,
    decision_line_revoke,
    decision_revoke,
    decision_save_lines,
)

from .conftest import individual
from .test_imports import person_row, xlsx

pytestmark = pytest.mark.django_db

REVOKED_ON = datetime.date(2025, 3, 1)


@pytest.fixture
def revoked(issue, awards, people):
    decision = issue([individual(people["hoa"], awards["provincial_certificate"])])
    revoking = issue([], subject_line="Về việc thu hồi", signed_on=datetime.date(2025, 2, 20), achievement_year=None)
    return decision_revoke(decision=decision, revoked_by=revoking, revoked_on=REVOKED_ON)


def test_R11_no_line_can_be_added_to_a_revoked_decision(revoked, awards, people):
    with pytest.raises(ValidationError) as refused:
        decision_save_lines(decision=revoked, lines=[individual(people["binh"], awards["provincial_certificate"])])
    assert "R11.revoked-decision-closed" in refused.value.messages[0]
    assert revoked.lines.count() == 1


def test_R11_the_import_adds_no_line_to_a_revoked_decision(revoked):
    result = imports.preview(revoked, imports.read_rows(xlsx([person_row(1, "Lường Văn Bình")])))
    assert result.error_rows and "thu hồi" in result.rows[0].errors[-1]


def test_R11_revoked_lines_are_never_deleted_not_even_by_replace_all(issue, awards, people):
    decision = issue([individual(people["hoa"], awards["provincial_certificate"]),
                      individual(people["binh"], awards["provincial_certificate"])])
    line = decision.lines.get(person=people["hoa"])
    decision_line_revoke(line=line, revoked_on=REVOKED_ON, basis="Quyết định số 12/QĐ-UBND ngày 01/3/2025")
    with pytest.raises(ValidationError) as refused:
        decision_save_lines(decision=decision, lines=[individual(people["binh"], awards["provincial_certificate"])],
                            replace=True)
    assert "R11.revoked-line-kept" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        decision_line_delete(line=DecisionLine.objects.get(pk=line.pk))
    assert decision.lines.count() == 2


def test_R11_a_decision_cannot_be_revoked_by_a_decision_signed_after_the_revocation_date(issue, awards, people):
    decision = issue([individual(people["hoa"], awards["provincial_certificate"])])
    later = issue([], subject_line="Về việc thu hồi", signed_on=datetime.date(2025, 4, 1), achievement_year=None)
    with pytest.raises(ValidationError) as refused:
        decision_revoke(decision=decision, revoked_by=later, revoked_on=REVOKED_ON)
    assert "R11.revoker-signed-later" in refused.value.messages[0]
    decision.refresh_from_db()
    assert decision.status == RecordStatus.IN_FORCE


def test_R11_a_single_line_is_revoked_through_the_service_with_its_basis_and_shows_on_public_pages(
    client, site_profile, issue, awards, people
):
    decision = issue([individual(people["hoa"], awards["provincial_certificate"]),
                      individual(people["binh"], awards["provincial_certificate"])])
    line = decision.lines.get(person=people["hoa"])
    with pytest.raises(ValidationError) as refused:  # no basis given
        decision_line_revoke(line=line, revoked_on=REVOKED_ON)
    assert "R11.revocation-basis-required" in refused.value.messages[0]
    later = issue([], subject_line="Về việc thu hồi", signed_on=datetime.date(2025, 4, 1), achievement_year=None)
    with pytest.raises(ValidationError):
        decision_line_revoke(line=line, revoked_on=REVOKED_ON, revoked_by=later)
    revoking = issue([], subject_line="Về việc thu hồi một trường hợp", signed_on=REVOKED_ON, achievement_year=None,
                     number=4321, number_text="4321/QĐ-UBND")
    decision_line_revoke(line=line, revoked_on=REVOKED_ON, revoked_by=revoking)
    line.refresh_from_db()
    assert (line.status, line.revoked_by, line.revoked_on) == (RecordStatus.REVOKED, revoking, REVOKED_ON)
    decision.refresh_from_db()
    assert decision.status == RecordStatus.IN_FORCE  # the rest of the decision stands

    body = client.get(decision.get_absolute_url()).content.decode()
    row = body.split("Hoàng Thị Hoa")[1].split("</tr>")[0]
    assert "Đã thu hồi" in row and "01/03/2025" in row and "4321/QĐ-UBND" in row
    assert "Đã thu hồi" not in body.split("Lường Văn Bình")[1].split("</tr>")[0]
    lookup = client.get(reverse("awards:lookup"), {"q": "hoang thi hoa"}).content.decode()
    assert 'class="revoked"' in lookup


def test_R11_a_line_revoked_in_the_admin_goes_through_the_service(client, staff_user, issue, awards, people):
    client.force_login(staff_user)
    decision = issue([individual(people["hoa"], awards["provincial_certificate"])])
    line = decision.lines.get()
    url = reverse("admin:awards_decisionline_change", args=[line.pk])
    data = {"order": 1, "subject_type": "individual", "person": people["hoa"].pk, "name_text": "Hoàng Thị Hoa",
            "award": awards["provincial_certificate"].pk, "status": "revoked", "revoked_on": "01/03/2025"}
    response = client.post(url, data)
    assert response.status_code == 200 and "Ghi quyết định thu hồi" in response.content.decode()
    response = client.post(url, data | {"revocation_basis": "Quyết định số 12/QĐ-UBND ngày 01/3/2025"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.status == RecordStatus.REVOKED and line.revocation_basis.startswith("Quyết định số 12")
    # kept as it was revoked: shown, never changed or deleted
    assert client.get(url).status_code == 200
    assert client.post(url, data | {"reason": "Sửa"}).status_code == 403
    assert client.post(reverse("admin:awards_decisionline_delete", args=[line.pk]), {"post": "yes"}).status_code == 403


def test_R11_a_revoked_line_is_not_changed_through_the_decisions_list(issue, awards, people):
    from awards.services import decision_save

    decision = issue([individual(people["hoa"], awards["provincial_certificate"])])
    line = decision.lines.get()
    decision_line_revoke(line=line, revoked_on=REVOKED_ON, basis="Quyết định số 12/QĐ-UBND")
    line.reason = "Sửa sau khi thu hồi"
    with pytest.raises(ValidationError) as refused:
        decision_save(decision=decision, change=[line], header=False)
    assert "R11.line-already-revoked" in refused.value.messages[0]
