from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Commendations")

    def import_models(self):
        super().import_models()
        # the statistics roll-up lives beside the reports that read it (awards/statistics), but is
        # the awards app's model, with the awards' migrations
        import_module(f"{self.name}.statistics.models")

    def ready(self):
        from portal.core.files import delete_files_with_rows
        from portal.core.withdrawal import withdrawal_changed

        from . import files, movement_files
        from .models import Decision, LineImport

        files.connect()
        movement_files.connect()
        # withdrawing or restoring a decision takes its lines out of the statistics or back in
        withdrawal_changed.connect(_refresh_statistics, sender=Decision, dispatch_uid="awards-statistics-rollup")
        _register_citers()
        # an import's upload goes with its job row (the job drops it itself once read)
        delete_files_with_rows(LineImport, ("file",))


def _refresh_statistics(sender, instance, **kwargs) -> None:
    from .statistics.rollup import statistics_rollup_refresh

    statistics_rollup_refresh(decision_ids=[instance.pk])


def _register_citers() -> None:
    """A library document's page lists the published decisions citing it, the dated award rules
    made under it and the movements it launched (documents.citations)."""
    from django.utils.translation import gettext_lazy as _

    from documents import citations

    from .models import AwardRule, Decision, Movement

    citations.register(
        "decisions", label=_("Decisions citing it"),
        records=lambda document: Decision.objects.published().filter(legal_bases=document)
        .select_related("issuer_role").order_by("-signed_on_known", "-sort_date", "-sort_number", "-id"),
        meta=lambda decision: decision.signed_on.strftime("%d/%m/%Y") if decision.signed_on else "",
    )
    citations.register(
        "award_rules", label=_("Commendation rules made under it"),
        # a rule's name already holds its period
        records=lambda document: AwardRule.objects.filter(basis_document=document)
        .select_related("award", "issuer_role").order_by("-valid_from", "award__order"),
    )
    citations.register(
        "movements", label=_("Movements it launched"),
        records=lambda document: Movement.objects.published().filter(launch_document_record=document)
        .order_by("-start_date"),
        meta=lambda movement: movement.start_date.strftime("%d/%m/%Y") if movement.start_date else "",
    )
