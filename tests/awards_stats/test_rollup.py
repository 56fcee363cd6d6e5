"""The statistics roll-up holds what the counted lines say, after every kind of write, and the
statistics read it without changing a figure."""

import datetime
import io
import types

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import import_string

from awards import imports
from awards.models import Decision, DecisionLine, RecordStatus
from awards.services import (
    decision_change,
    decision_line_change,
    decision_line_delete,
    decision_line_revoke,
    decision_revoke,
    decision_save_lines,
)
from awards.statistics.filters import StatisticsFilter
from awards.statistics.models import StatisticsRollup
from awards.statistics.reports import statistics_report, statistics_report_from_rollup
from awards.statistics.rollup import rollup_counts, statistics_rollup_rebuild
from awards.statistics.selectors import counted_lines, counted_rollup
from portal.core.withdrawal import record_purge, record_restore, record_withdraw
from tests.awards.test_imports import person_row, xlsx

from .conftest import person_line, unit_line

pytestmark = pytest.mark.django_db

URL = "/thong-ke/"


def live() -> set[tuple]:
    """The roll-up's rows as the lines give them now."""
    return {(r["decision_id"], r["award_id"], r["subject_type"], r["n"], r["direct"], r["small"], r["female"])
            for r in rollup_counts(counted_lines())}


def kept() -> set[tuple]:
    return set(StatisticsRollup.objects.values_list(
        "decision_id", "award_id", "subject_type", "lines", "direct_workers", "small_collectives", "women"))


def assert_rollup_is_live():
    assert kept() == live()


@pytest.fixture
def decision(issue, units, awards):
    cert = awards["provincial_certificate"]
    return issue([
        person_line(cert, organisation=units["commune"], category="direct_worker", gender="female"),
        person_line(cert, organisation=units["commune"], category="other", gender="male"),
        person_line(awards["advanced_worker"], organisation=units["other_commune"], gender="female"),
        unit_line(cert, units["village"], small=True),
        unit_line(cert, units["commune"]),
    ])


@pytest.fixture
def revoking(issue):
    return issue([], subject_line="Về việc thu hồi", signed_on=datetime.date(2018, 1, 5))


def test_a_new_decision_is_rolled_up_with_its_lines(decision):
    assert_rollup_is_live()
    assert sum(row[3] for row in kept()) == 5
    assert {row[2] for row in kept()} == {"individual", "collective"}


def test_an_unpublished_decision_has_no_rows_until_published(issue, units, awards):
    draft = issue([person_line(awards["provincial_certificate"], organisation=units["commune"])], is_published=False)
    assert not StatisticsRollup.objects.filter(decision=draft).exists()
    draft.is_published = True
    decision_change(decision=draft, confirm=True)
    assert StatisticsRollup.objects.filter(decision=draft).exists()
    assert_rollup_is_live()
    draft.is_published = False
    decision_change(decision=draft, confirm=True)
    assert not StatisticsRollup.objects.filter(decision=draft).exists()


def test_changing_the_year_a_line_or_the_list_follows(decision, units, awards):
    decision.signed_on, decision.achievement_year = datetime.date(2019, 3, 1), 2018
    decision_change(decision=decision, confirm=True)
    assert_rollup_is_live()
    line = decision.lines.get(gender="male")
    line.award, line.gender, line.person_category = awards["advanced_worker"], "female", "direct_worker"
    decision_line_change(line=line, confirm=True)
    assert_rollup_is_live()
    decision_line_delete(line=decision.lines.filter(subject_type="collective").first())
    assert_rollup_is_live()
    decision_save_lines(decision=decision, confirm=True,
                        lines=[person_line(awards["provincial_certificate"], organisation=units["commune"])])
    assert_rollup_is_live()
    assert sum(row[3] for row in kept()) == 5


def test_a_revoked_decision_and_a_revoked_line_leave_it(decision, revoking, issue, units, awards):
    other = issue([person_line(awards["provincial_certificate"], organisation=units["commune"]) for _ in range(2)])
    decision_line_revoke(line=other.lines.first(), revoked_on=revoking.signed_on, revoked_by=revoking)
    assert_rollup_is_live()
    assert StatisticsRollup.objects.get(decision=other).lines == 1
    decision_revoke(decision=decision, revoked_by=revoking, revoked_on=revoking.signed_on)
    assert_rollup_is_live()
    assert not StatisticsRollup.objects.filter(decision=decision).exists()


def test_withdrawing_restoring_and_purging_a_decision(decision, staff_user):
    record_withdraw(obj=decision, by=staff_user, reason="Nhập nhầm")
    assert not StatisticsRollup.objects.filter(decision=decision).exists()
    assert_rollup_is_live()
    record_restore(obj=decision, by=staff_user)
    assert StatisticsRollup.objects.filter(decision=decision).exists()
    assert_rollup_is_live()
    record_purge(obj=Decision.objects.get(pk=decision.pk), by=staff_user, reason="Thử")
    assert not StatisticsRollup.objects.exists()


def test_an_imported_list_is_rolled_up(issue, units):
    target = issue([], number=500)
    rows = imports.read_rows(xlsx([person_row(1, "Hoàng Thị Hoa"), person_row(2, "Vi Văn Sáng", c7="Nam")]))
    imports.apply(imports.preview(target, rows), valid_only=False, confirm=True)
    assert DecisionLine.objects.filter(decision=target).count() == 2
    assert_rollup_is_live()
    assert StatisticsRollup.objects.get(decision=target).women == 1


def test_the_command_and_the_migration_rebuild_it_from_the_lines(decision, issue, units, awards):
    issue([unit_line(awards["provincial_certificate"], units["village"], small=True)],
          signed_on=datetime.date(2016, 5, 2), achievement_year=2015)
    expected = kept()
    # a bulk write past the services leaves it behind; rebuilding catches up
    DecisionLine.objects.filter(decision=decision, subject_type="collective").update(status=RecordStatus.REVOKED)
    assert kept() == expected != live()
    call_command("rebuild_statistics_rollup", stdout=io.StringIO())
    assert_rollup_is_live()

    StatisticsRollup.objects.all().delete()
    fill = import_string("awards.migrations.0014_statistics_rollup.fill")
    fill(apps, types.SimpleNamespace(connection=connection))
    assert_rollup_is_live()
    assert statistics_rollup_rebuild() == len(live())


@pytest.fixture
def records(decision, revoking, issue, units, awards):
    """Several years, forms, levels and subjects, with lines that must not count."""
    cert, flag = awards["provincial_certificate"], awards["provincial_emulation_flag"]
    issue([person_line(awards["grassroots_emulation_fighter"], organisation=units["commune"])
           for _ in range(2)] + [unit_line(flag, units["loc_binh"])],
          signed_on=datetime.date(2016, 6, 1), achievement_year=2015)
    issue([person_line(cert, organisation=units["other_commune"])], is_published=False)
    gone = issue([person_line(cert, organisation=units["commune"])], signed_on=datetime.date(2018, 3, 1))
    decision_revoke(decision=gone, revoked_by=revoking, revoked_on=datetime.date(2018, 3, 2))


QUERIES = [
    {}, {"year_from": "2017"}, {"year_to": "2016"}, {"year_from": "2016", "year_to": "2017"},
    {"subject_type": "collective"}, {"subject_type": "individual"},
    {"level": "grassroots"}, {"level": "ministry_province"},
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_report_from_the_rollup_equals_the_report_from_the_lines(records, awards, query):
    filterset = StatisticsFilter(query, queryset=counted_lines())
    assert filterset.is_valid() and not filterset.by_place()
    from_lines = statistics_report(lines=filterset.qs)
    from_rollup = statistics_report_from_rollup(rows=filterset.filter_queryset(counted_rollup()))
    assert from_rollup == from_lines
    assert from_lines.totals.total  # each query finds something to compare


def test_the_report_by_award_equals_the_one_from_the_lines(records, awards):
    query = {"award": awards["provincial_certificate"].pk}
    filterset = StatisticsFilter(query, queryset=counted_lines())
    assert filterset.is_valid()
    assert (statistics_report_from_rollup(rows=filterset.filter_queryset(counted_rollup()))
            == statistics_report(lines=filterset.qs))


def test_the_page_reads_the_rollup_not_the_lines(client, records):
    client.get(URL)  # the site's own caches
    call_command("rebuild_statistics_rollup", stdout=io.StringIO())  # a new data version: computed again
    with CaptureQueriesContext(connection) as ctx:
        report = client.get(URL).context["report"]
    statements = [q["sql"] for q in ctx.captured_queries]
    assert not [sql for sql in statements if "awards_decisionline" in sql]
    assert report == statistics_report(lines=counted_lines())


def test_a_unit_is_counted_from_its_lines(client, records, units):
    report = client.get(URL, {"unit": units["loc_binh"].pk}).context["report"]
    # the flag to Lộc Bình; under it, xã Tú Đoạn: four people and two collectives (one its village)
    assert (report.totals.individual, report.totals.collective) == (4, 3)
