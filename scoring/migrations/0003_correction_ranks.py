# A correction may change the meeting's ranks by the council's decision, and says so.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('scoring', '0002_labels'),
    ]

    operations = [
        migrations.AddField(
            model_name='scoringresult',
            name='rank_basis',
            field=models.CharField(blank=True, choices=[('council_decision', 'council decision')], max_length=20, verbose_name='ranks set by'),
        ),
        migrations.AddConstraint(
            model_name='scoringresult',
            constraint=models.CheckConstraint(condition=models.Q(('rank_basis', ''), ('version__gt', 1), _connector='OR'), name='scoringresult_reranked_in_a_correction', violation_error_message="Only a correction changes the meeting's ranks."),
        ),
    ]
