"""Issue 17: filters over records that grow with the data take a typed name, never list them all."""

import pytest
from django.urls import reverse

from clusters.models import Unit, UnitKind
from portal.core.name_filters import MAX_NAMED, NamedObjectField

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes(db):
    return [Unit.objects.create(name=f"xã Tân Lập {n}", slug=f"xa-tan-lap-{n}", kind=UnitKind.COMMUNE)
            for n in range(MAX_NAMED + 2)] + [
        Unit.objects.create(name="huyện Lộc Bình", slug="huyen-loc-binh", kind=UnitKind.DISTRICT)]


def field():
    return NamedObjectField(queryset=Unit.objects.order_by("name"))


def test_a_typed_name_without_accents_a_slug_or_a_number_picks_one_record(communes):
    loc_binh = communes[-1]
    assert field().clean("loc binh") == loc_binh
    assert field().clean("huyen-loc-binh") == loc_binh
    assert field().clean(str(loc_binh.pk)) == loc_binh
    assert field().clean("") is None


def test_several_or_no_matches_are_a_message_naming_a_few(communes):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as several:
        field().clean("tan lap")
    assert several.value.code == "several" and "…" in several.value.messages[0]
    with pytest.raises(ValidationError) as none:
        field().clean("hà nội")
    assert none.value.code == "none"


def test_a_bound_form_shows_the_name_for_a_slug_in_the_address(communes):
    assert field().prepare_value("huyen-loc-binh") == "huyện Lộc Bình"


def test_the_meeting_and_statistics_filters_render_no_list_of_clusters_or_units(client, communes, site_profile):
    for url in (reverse("meetings:list"), "/thong-ke/"):
        body = client.get(url).content.decode()
        assert "xã Tân Lập 3" not in body
        assert '<select name="unit"' not in body and '<select name="cluster"' not in body


def test_an_unknown_cluster_lists_no_meetings_and_says_so_with_a_cluster_example(client, communes, site_profile):
    response = client.get(reverse("meetings:list"), {"cluster": "không có cụm này"})
    body = response.content.decode()
    assert "ví dụ “biên giới”" in body
    assert response.context["page"].paginator.count == 0
