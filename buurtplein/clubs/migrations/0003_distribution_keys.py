import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('clubs', '0002_photo_kit'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='clubmember',
            name='one_membership_per_club',
        ),
        migrations.AlterField(
            model_name='club',
            name='organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='clubs', to='accounts.organisation'),
        ),
        migrations.AddConstraint(
            model_name='club',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'organisation'), name='club_one_per_organisation'),
        ),
        migrations.AddConstraint(
            model_name='clubmember',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'club', 'user'), name='one_membership_per_club'),
        ),
    ]
