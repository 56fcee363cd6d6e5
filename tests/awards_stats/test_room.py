"""Statistics is a section of its own (issue 13): the awards/statistics package holds its
reads, reports, form 0603 with its layout, views, addresses, filters, files and charts, instead
of stats_*.py files beside the decisions; its addresses and names did not change."""

from pathlib import Path

from django.urls import resolve, reverse

import awards


def test_statistics_has_a_room_of_its_own():
    folder = Path(awards.__file__).parent
    assert not list(folder.glob("stats_*.py")) and not (folder / "statistics.py").exists()
    room = folder / "statistics"
    for name in ("selectors", "reports", "form_0603", "summary", "views", "urls", "filters", "exports", "charts"):
        assert (room / f"{name}.py").exists(), name
    assert (room / "form_0603.json").exists()
    for name, address in [("statistics", "/thong-ke/"), ("lookup", "/khen-thuong/"),
                          ("form_0603", "/thong-ke/mau-0603/")]:
        assert reverse(f"awards:{name}") == address
        assert resolve(address).func.__module__ == "awards.statistics.views"
