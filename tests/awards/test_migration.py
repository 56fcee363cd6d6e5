"""Migration 0004 makes the number and the signing date optional: the decisions recorded before
keep everything they hold and count in their year signed, as they did."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("awards", "0003_statistics_indexes")]
AFTER = [("awards", "0004_record_what_the_source_says")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# the catalogue rows the data migrations load must be back for the tests that follow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_keeps_existing_decisions_and_counts_them_in_their_year_signed():
    from clusters.models import Unit, UnitKind

    unit = Unit.objects.create(name="UBND tỉnh Lạng Sơn", slug="ubnd-tinh-lang-son-mig", kind=UnitKind.PROVINCE)
    old = _migrate(BEFORE)
    role = old.get_model("awards", "IssuerRole").objects.get(code="provincial_chair")
    old.get_model("awards", "Decision").objects.create(
        number=163, symbol="QĐ-UBND", number_text="163/QĐ-UBND", signed_on=datetime.date(2018, 1, 25), year=2018,
        issuer_role_id=role.pk, issuer_unit_id=unit.pk, subject_line="Về việc tặng Cờ thi đua",
        achievement_year=2017, slug="163-qd-ubnd", search_text="163/qd-ubnd ve viec tang co thi dua",
    )
    try:
        new = _migrate(AFTER)
        # the models as they were at 0004: later migrations add columns today's classes read
        from awards.models import SourceKind

        Award, Decision = new.get_model("awards", "Award"), new.get_model("awards", "Decision")
        decision = Decision.objects.get(number=163)
        assert (decision.number_text, decision.signed_on, decision.year) == (
            "163/QĐ-UBND", datetime.date(2018, 1, 25), 2018)
        assert decision.statistics_year == 2018  # not its achievement year: it has a date
        assert decision.source_kind == SourceKind.DECISION and decision.signed_on_known
        assert not decision.lines_unchecked
        assert Award.objects.get(code="provincial_emulation_flag").search_text.startswith("co thi dua")
    finally:
        # every app's latest: going back to awards 0003 unapplied the apps above awards too
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_drafts_numbered_or_dated_by_hand_are_settled_before_the_constraint():
    """awards 0015: a draft with a number and a date was signed on paper (no longer a draft, its
    nominee lines decided by nominations 0007); a lone number or date is cleared with its copies."""
    from clusters.models import Unit, UnitKind

    unit = Unit.objects.create(name="UBND tỉnh Lạng Sơn", slug="ubnd-tinh-lang-son-mig2", kind=UnitKind.PROVINCE)
    old = _migrate([("awards", "0014_statistics_rollup")])
    role = old.get_model("awards", "IssuerRole").objects.get(code="provincial_chair")
    Decision = old.get_model("awards", "Decision")
    common = {"issuer_role_id": role.pk, "issuer_unit_id": unit.pk, "achievement_year": 2025, "is_draft": True,
              "subject_line": "Về việc tặng Bằng khen", "award_type": "merit"}
    signed = Decision.objects.create(number=77, number_text="77/QĐ-UBND", signed_on=datetime.date(2025, 12, 28),
                                     year=2025, statistics_year=2025, slug="77", **common)
    dated = Decision.objects.create(signed_on=datetime.date(2025, 12, 29), year=2025, statistics_year=2025,
                                    slug="dated", **common)
    numbered = Decision.objects.create(number=78, number_text="78/QĐ-UBND", signed_on_known=False,
                                       statistics_year=2025, lines_unchecked=True, slug="78", **common)
    try:
        new = _migrate([("awards", "0015_decision_draft_unsigned")]).get_model("awards", "Decision")
        assert not new.objects.get(pk=signed.pk).is_draft
        dated = new.objects.get(pk=dated.pk)
        assert dated.is_draft and (dated.signed_on, dated.year, dated.signed_on_known) == (None, None, False)
        assert dated.statistics_year == 2025 and dated.lines_unchecked
        numbered = new.objects.get(pk=numbered.pk)
        assert numbered.is_draft and (numbered.number, numbered.number_text) == (None, "")
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
