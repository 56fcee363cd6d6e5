# A draft decision gets its number and date only by being signed (nominations.services.decision_sign).

from django.db import migrations, models
from django.db.models import F


def settle_hand_signed_drafts(apps, schema_editor):
    """Before the constraint, the admin let staff type a number and date into a draft. One with both
    was signed on paper: it is no longer a draft (nominations 0007 decides its nominee lines). A
    lone number or date of a draft named no signed decision and is cleared, as signing will write
    both."""
    Decision = apps.get_model("awards", "Decision")
    drafts = Decision.objects.filter(is_draft=True)
    drafts.filter(number__isnull=False, signed_on__isnull=False).update(is_draft=False)
    drafts.filter(is_draft=True, number__isnull=False).update(number=None, number_text="")
    # with the date go its copies, as Decision.sync_copies keeps them (decision_date_copies_consistent)
    drafts.filter(is_draft=True, signed_on__isnull=False).update(
        signed_on=None, year=None, signed_on_known=False, lines_unchecked=True,
        statistics_year=F("achievement_year"))


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0014_statistics_rollup"),
    ]

    operations = [
        migrations.RunPython(settle_hand_signed_drafts, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.CheckConstraint(
                condition=models.Q(("is_draft", False), models.Q(("number__isnull", True), ("signed_on__isnull", True)),
                                   _connector="OR"),
                name="decision_draft_unsigned",
                violation_error_message="A draft decision gets its number and signing date when it is signed."),
        ),
    ]
