"""Issue 14, item 1, for decision scans: stored privately under a random name, linked through the
checked view, and fetched by the public only while the decision is published."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%scan\n"


@pytest.fixture
def decision(issue, awards, people):
    decision = issue([], number_text="77/QĐ-UBND", number=77)
    decision.scan.save("77-QD-UBND.pdf", ContentFile(PDF), save=True)
    return decision


def test_the_scan_has_a_random_private_name(decision):
    assert decision.scan.name.startswith("private/awards/decisions/")
    assert "77" not in decision.scan.name.rsplit("/", 1)[-1]
    assert decision.scan.url.startswith("/tep/")


def test_the_public_page_links_the_checked_view_and_the_public_gets_a_published_scan(client, decision):
    page = client.get(decision.get_absolute_url()).content.decode()
    assert decision.scan.url in page and "/media/" not in page.split("<main", 1)[-1]
    response = client.get(decision.scan.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")


def test_an_unpublished_or_withdrawn_decisions_scan_is_staff_only(client, staff_user, decision):
    url = decision.scan.url
    type(decision).objects.filter(pk=decision.pk).update(is_published=False)
    assert client.get(url).status_code == 404
    client.force_login(staff_user)
    assert client.get(url).status_code == 200
    client.logout()
    type(decision).objects.filter(pk=decision.pk).update(is_published=True, withdrawn_at=timezone.now())
    assert client.get(url).status_code == 404
