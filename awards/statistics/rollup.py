"""Keeping the statistics roll-up (models.StatisticsRollup) equal to the counted lines.

statistics_rollup_refresh(decision_ids=...) recomputes the rows of some decisions from their
lines: the delete and the insert run in the caller's transaction, so the roll-up and the lines
commit together or not at all. Every service that writes lines or a decision's counted state
calls it; a bulk job that writes lines another way calls it too, or rebuilds everything."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from ..models import DecisionLine, PersonCategory, SubjectType
from .models import StatisticsRollup
from .selectors import counted_lines

BATCH = 2000


def rollup_counts(lines: QuerySet[DecisionLine]) -> QuerySet:
    """The roll-up's rows for these lines, grouped in the database: what a row holds."""
    individual = Q(subject_type=SubjectType.INDIVIDUAL)
    collective = Q(subject_type=SubjectType.COLLECTIVE)
    # Count("award"): the covering index of the lines holds it (see reports._kind_counts)
    return lines.order_by().values("decision_id", "award_id", "subject_type").annotate(
        n=Count("award"),
        direct=Count("award", filter=individual & Q(person_category=PersonCategory.DIRECT_WORKER)),
        small=Count("award", filter=collective & Q(is_small_collective=True)),
        female=Count("award", filter=individual & Q(gender="female")),
    )


def _rows(grouped) -> Iterable[StatisticsRollup]:
    for row in grouped:
        yield StatisticsRollup(decision_id=row["decision_id"], award_id=row["award_id"],
                               subject_type=row["subject_type"], lines=row["n"], direct_workers=row["direct"],
                               small_collectives=row["small"], women=row["female"])


def statistics_rollup_refresh(*, decision_ids: Iterable[int | None]) -> None:
    """Recompute the roll-up rows of these decisions from their lines (three queries)."""
    ids = sorted({pk for pk in decision_ids if pk is not None})
    if not ids:
        return
    with transaction.atomic():
        StatisticsRollup.objects.filter(decision_id__in=ids).delete()
        StatisticsRollup.objects.bulk_create(_rows(rollup_counts(counted_lines().filter(decision_id__in=ids))))


def statistics_rollup_rebuild() -> int:
    """Recompute the whole roll-up from every line, in one transaction; returns its row count."""
    with transaction.atomic():
        StatisticsRollup.objects.all().delete()
        rows = list(_rows(rollup_counts(counted_lines()).iterator(chunk_size=BATCH)))
        StatisticsRollup.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
