from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('moderation', '0001_initial'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='report',
            name='one_report_per_person',
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'reporter', 'content_type', 'object_id'), name='one_report_per_person'),
        ),
    ]
