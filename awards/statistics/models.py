"""The statistics roll-up: the counted lines of each decision, summed by award and subject.

The public statistics count lines in force of published decisions in force (selectors.counted_lines).
Grouping a province's twenty years of lines (a million at `bench/generate.py --scale 100`) on
every cold page costs about a second, so the counts are kept per decision here, a few rows
where the decision has hundreds of lines, and the page sums those. The rows of a decision are
recomputed from its lines (rollup.statistics_rollup_refresh) in the same transaction as every
write that can change what it counts: the rule service's saves and revocations, withdrawal and
restoring, publishing and unpublishing (a decision_save like any edit). A purge takes them with
the decision (CASCADE). `manage.py rebuild_statistics_rollup` recomputes everything.

Only the dimensions a whole-province figure needs are kept (year through the decision, award and
its level, subject); a unit's or a cluster's figures are read from the lines themselves, through
their unit indexes, since rows by unit would be nearly as many as the lines.

Registered in the awards app by AwardsConfig.import_models: its migrations are the awards'."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..models import Award, Decision, SubjectType


class StatisticsRollup(models.Model):
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="+", verbose_name=_("decision")
    )  # derived from the decision's lines: it goes with them
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="+", verbose_name=_("award"))
    subject_type = models.CharField(_("subject"), max_length=20, choices=SubjectType.choices)
    lines = models.PositiveIntegerField(_("lines counted"))
    direct_workers = models.PositiveIntegerField(
        _("direct workers"), default=0, help_text=_("Individuals among them who are direct workers.")
    )
    small_collectives = models.PositiveIntegerField(
        _("small collectives"), default=0, help_text=_("Collectives among them that are small collectives.")
    )
    women = models.PositiveIntegerField(_("women"), default=0, help_text=_("Individuals among them who are women."))

    class Meta:
        verbose_name = _("statistics roll-up row")
        verbose_name_plural = _("statistics roll-up")
        constraints = [
            # one row per decision, award and subject; its index serves the refresh of one decision
            models.UniqueConstraint(fields=["decision", "award", "subject_type"], name="statistics_rollup_key"),
            models.CheckConstraint(
                condition=models.Q(direct_workers__lte=models.F("lines"), small_collectives__lte=models.F("lines"),
                                   women__lte=models.F("lines")),
                name="statistics_rollup_parts_within_lines",
            ),
        ]

    def __str__(self):
        return f"{self.decision_id} · {self.award_id} · {self.subject_type}: {self.lines}"
