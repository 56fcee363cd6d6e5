"""Every back-office URL, taken from the URLconf so a new URL is covered the day it is added,
against every record of unit B: an officer of unit A and the public get 403/404 (the public: the
login page) and never the data, and nothing changes."""

import pytest
from django.conf import settings
from django.urls import URLPattern, reverse

from awards.models import Award, IssuerRole
from backoffice import urls as backoffice_urls
from meetings.models import Meeting
from nominations.models import Dossier, DossierAttachment, DossierState, NomineeLine
from scoring import services as scoring_services
from scoring.models import ClusterType, Criterion, ScoreEntry, ScoreTemplate, Scoring

from .conftest import MARK_B

OBJECT_KWARGS = {"meeting_id", "document_id", "dossier_id", "line_id", "scoring_id", "sheet_id", "entry_id"}


@pytest.fixture(autouse=True)
def dossiers_of_b(world):
    """Nomination dossiers of unit B in the states its officer works in and after, each with a line."""
    world.dossiers_b = []
    for index, state in enumerate((DossierState.DRAFT, DossierState.SUBMITTED, DossierState.RETURNED)):
        dossier = Dossier.objects.create(
            unit=world.unit_b, achievement_year=2017, summary=f"{MARK_B} (hồ sơ {index})", memo_number=f"{index}/TTr",
            addressed_role=IssuerRole.objects.get(code="provincial_chair"), state=state, created_by=world.officer_b)
        NomineeLine.objects.create(dossier=dossier, name_text="Hoàng Thị Hoa", achievement_summary=MARK_B, order=1,
                                   award=Award.objects.get(code="provincial_certificate"))
        world.dossiers_b.append(dossier)


@pytest.fixture(autouse=True)
def scoring_of_b(world):
    """The cluster-year's scoring, led by unit B: B's self-score with an entry. Unit A is a member
    (deputy) of it, so the matrix asks for B's sheet from inside the same cluster."""
    kind = ClusterType.objects.create(name="Cụm các huyện biên giới")
    kind.clusters.add(world.cluster)
    template = ScoreTemplate.objects.create(cluster_type=kind, year=2017, title="Bảng điểm 2017")
    criterion = Criterion.objects.create(template=template, code="1", title="Nhiệm vụ", max_points=40)
    world.scoring_b = scoring_services.scoring_start(cluster_year=world.year, template=template)
    world.sheet_b = world.scoring_b.sheets.get(unit=world.unit_b)
    world.entry_b = ScoreEntry.objects.create(sheet=world.sheet_b, criterion=criterion, points=30, explanation=MARK_B)


def patterns():
    found = []
    for entry in backoffice_urls.urlpatterns:
        assert isinstance(entry, URLPattern), "nested includes: extend this walk"
        found.append((entry.name, set(entry.pattern.converters)))
    return found


def objects_of_b(world, kwarg):
    if kwarg == "meeting_id":
        return [world.draft_b.pk, world.submitted_b.pk, world.returned_b.pk, world.approved_b.pk]
    if kwarg == "document_id":
        return [world.document_b.pk]
    if kwarg == "dossier_id":
        return [dossier.pk for dossier in world.dossiers_b]
    if kwarg == "line_id":
        return list(NomineeLine.objects.filter(dossier__in=world.dossiers_b).values_list("pk", flat=True))
    if kwarg in ("scoring_id", "sheet_id", "entry_id"):
        return [{"scoring_id": world.scoring_b, "sheet_id": world.sheet_b, "entry_id": world.entry_b}[kwarg].pk]
    raise AssertionError(f"the matrix does not know what {kwarg!r} names: add it to objects_of_b")


def forged_post(world):
    """What an attacker would send: a full record, with every action a reviewer has."""
    data = {
        "action": "publish", "reason": "hijacked", "cluster_year": world.year.pk, "filing_unit": world.unit_a.pk,
        "kind": "other", "period": "year", "date": "2017-08-01", "event_status": "held", "summary": "hijacked",
        "title": "hijacked",
        # and what the dossier pages take: a confirmed submission or removal, a line, an attachment
        "confirmed": "yes", "confirm_warnings": "yes", "name_text": "hijacked", "subject_type": "individual",
        "award": Award.objects.get(code="provincial_certificate").pk, "achievement_year": "2017",
        "memo_number": "hijacked", "unit": world.unit_a.pk,
        # and the scoring pages': an adjustment, a meeting to rank at
        "points": "1", "meeting": world.draft_b.pk,
    }
    for prefix in ("attendances", "agenda", "resolutions", "rankings", "photos", "documents"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def object_urls(world):
    urls = []
    for name, kwargs in patterns():
        if not kwargs:
            continue
        assert kwargs <= OBJECT_KWARGS, f"{name}: unknown URL parameters {kwargs - OBJECT_KWARGS}"
        (kwarg,) = kwargs
        urls += [reverse(f"backoffice:{name}", kwargs={kwarg: pk}) for pk in objects_of_b(world, kwarg)]
    return urls


def states(world):
    return (dict(Meeting.objects.values_list("pk", "record_state")),
            dict(Dossier.objects.values_list("pk", "state")),
            sorted(NomineeLine.objects.values_list("pk", "name_text", "achievement_report")),
            Dossier.objects.count() + DossierAttachment.objects.count(),
            list(Scoring.objects.values_list("pk", "state")),
            sorted(ScoreEntry.objects.values_list("pk", "points", "adjusted_points", "sheet__state")))


def test_the_matrix_covers_every_back_office_url(world):
    names = {name for name, _kwargs in patterns()}
    assert {"dashboard", "meeting-detail", "meeting-edit", "meeting-submit", "meeting-review", "document"} <= names
    assert {"dossier-list", "dossier-detail", "dossier-edit", "dossier-submit", "dossier-line-edit",
            "dossier-line-delete", "dossier-import"} <= names
    assert {"scoring-sheet", "scoring-sheet-submit", "scoring-compilation", "scoring-entry-adjust", "scoring-vote",
            "scoring-proposals"} <= names
    # four meeting URLs × four records, one document, seven dossier URLs × three dossiers, two line URLs × three
    assert len(object_urls(world)) >= 4 * 4 + 1 + 7 * 3 + 2 * 3


def test_officer_of_another_unit_gets_404_on_every_url_and_object(client_a, world):
    before = states(world)
    for url in object_urls(world):
        for method in ("get", "post"):
            response = getattr(client_a, method)(url, forged_post(world) if method == "post" else None)
            assert response.status_code in (403, 404), f"{method.upper()} {url}: {response.status_code}"
            assert MARK_B not in response.content.decode(), url
    assert states(world) == before
    assert not Meeting.objects.filter(summary="hijacked").exists()
    assert not Dossier.objects.filter(summary="hijacked").exists()
    assert not NomineeLine.objects.filter(name_text="hijacked").exists()


def test_public_is_sent_to_log_in_on_every_url_and_object(client, world):
    before = states(world)
    urls = object_urls(world) + [reverse(f"backoffice:{name}") for name, kwargs in patterns() if not kwargs]
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url, forged_post(world) if method == "post" else None)
            assert response.status_code in (302, 403, 404), f"{method.upper()} {url}: {response.status_code}"
            if response.status_code == 302:
                assert response["Location"].startswith(reverse(settings.LOGIN_URL))
            assert MARK_B not in response.content.decode()
    assert states(world) == before


def test_pages_without_parameters_show_only_the_officers_own_records(client_a, world):
    for name, kwargs in patterns():
        if kwargs:
            continue
        response = client_a.get(reverse(f"backoffice:{name}"))
        assert response.status_code in (200, 403, 404), name
        assert MARK_B not in response.content.decode(), name
    for state in ("draft", "submitted", "returned", "approved", "published"):
        response = client_a.get(reverse("backoffice:dashboard"), {"trang-thai": state})
        assert MARK_B not in response.content.decode()


def test_account_without_a_role_is_refused(client, world):
    client.force_login(world.nobody)
    assert client.get(reverse("backoffice:dashboard")).status_code == 403
    assert client.get(reverse("backoffice:meeting-detail", kwargs={"meeting_id": world.draft_b.pk})).status_code == 403


def test_officers_cannot_open_the_review_queue(client_b):
    assert client_b.get(reverse("backoffice:review-queue")).status_code == 403


def test_officer_sees_every_state_of_own_records_with_counts(client_b, world):
    response = client_b.get(reverse("backoffice:dashboard"))
    body = response.content.decode()
    assert response.status_code == 200
    for meeting in (world.draft_b, world.submitted_b, world.returned_b, world.approved_b):
        assert meeting.display_title in body
    assert "Bản nháp của huyện Văn Lãng" not in body
    counts = {value: count for value, _label, count in response.context["counts"]}
    assert counts == {"draft": 1, "submitted": 1, "returned": 1, "approved": 1, "published": 0}


@pytest.mark.parametrize("username", ["vanlang", "locbinh"])
def test_officers_cannot_use_the_admin(client, world, username):
    client.force_login(getattr(world, "officer_a" if username == "vanlang" else "officer_b"))
    for url in ("/admin/", "/admin/meetings/meeting/", f"/admin/meetings/meeting/{world.draft_b.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    client.logout()
    # the right password at the admin's login is no failure: the officer lands in the back office
    response = client.post("/admin/login/", {"username": username, "password": "x-Secret-123"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("backoffice:dashboard")
    assert "Vui lòng nhập đúng" not in response.content.decode()
    assert client.get("/admin/").status_code == 302  # the admin itself stays closed to them
    from backoffice.models import LoginAttempt

    assert not LoginAttempt.objects.filter(username=username, succeeded=False).exists()


def test_officer_of_two_units_sees_both_and_files_for_either(client, world):
    from clusters.models import UnitOfficer

    UnitOfficer.objects.create(user=world.officer_a, unit=world.unit_b)
    client.force_login(world.officer_a)
    body = client.get(reverse("backoffice:dashboard")).content.decode()
    assert MARK_B in body and "Bản nháp của huyện Văn Lãng" in body
    form = client.get(reverse("backoffice:meeting-create")).context["form"]
    assert set(form.fields["filing_unit"].queryset) == {world.unit_a, world.unit_b}
