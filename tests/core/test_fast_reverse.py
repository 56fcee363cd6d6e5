"""fast_reverse gives what reverse() gives (portal/core/urls.py)."""

import pytest
from django.urls import NoReverseMatch, reverse

from portal.core.urls import fast_reverse


@pytest.mark.parametrize(("name", "kwargs"), [
    ("clusters:unit", {"slug": "huyen-loc-binh"}),
    ("meetings:detail", {"year": 2017, "slug": "hoi-nghi-so-ket-6-thang"}),
    ("awards:decision_detail", {"pk": 12, "slug": "quyet-dinh-123"}),
    ("awards:decision_detail", {"pk": 987654320, "slug": "x"}),
    ("news:detail", {"slug": "a_b-1"}),
])
def test_the_same_address_as_reverse(name, kwargs):
    assert fast_reverse(name, **kwargs) == reverse(name, kwargs=kwargs)
    assert fast_reverse(name, **kwargs) == reverse(name, kwargs=kwargs)  # from the kept template


def test_values_a_placeholder_cannot_stand_for_take_the_ordinary_path():
    with pytest.raises(NoReverseMatch):
        fast_reverse("clusters:unit", slug="")
    with pytest.raises(NoReverseMatch):
        fast_reverse("meetings:detail", year=None, slug="x")
