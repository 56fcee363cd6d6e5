"""The officer's new pages read on a phone: at 360 px no page of the dossiers and the scoring
scrolls sideways (a wide table scrolls inside its own frame, its hidden labels with it)."""

import pytest

from ._demo import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("room_for_migrated_rows")]


@pytest.fixture
def demo(settings):
    load_demo(settings)


def test_dossier_and_scoring_pages_fit_a_phone(new_page, live_server, demo):
    from backoffice.nomination_demo import DRAFT_MARK
    from nominations.models import Dossier

    draft = Dossier.objects.get(summary__startswith=DRAFT_MARK)
    page = new_page(360)
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("locbinh")
    page.get_by_label("Mật khẩu").fill("thidua2017")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    for path in ("/can-bo/ho-so-khen-thuong/", f"/can-bo/ho-so-khen-thuong/{draft.pk}/",
                 f"/can-bo/ho-so-khen-thuong/{draft.pk}/nguoi-de-nghi/moi/", "/can-bo/cham-diem/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    assert not page.js_errors
