import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agenda', '0002_photo_kit'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='occurrence',
            name='agenda_one_occurrence_per_start',
        ),
        migrations.RemoveConstraint(
            model_name='rsvp',
            name='agenda_one_rsvp',
        ),
        migrations.AlterField(
            model_name='activity',
            name='uid',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name='activityphoto',
            name='activity',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='agenda.activity'),
        ),
        migrations.AlterField(
            model_name='feedtoken',
            name='token',
            field=models.CharField(max_length=64),
        ),
        migrations.AddConstraint(
            model_name='activity',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'uid'), name='agenda_activity_uid'),
        ),
        migrations.AddConstraint(
            model_name='activityphoto',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'activity'), name='agenda_one_photo_per_activity'),
        ),
        migrations.AddConstraint(
            model_name='feedtoken',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'token'), name='agenda_feed_token'),
        ),
        migrations.AddConstraint(
            model_name='occurrence',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'activity', 'original_start'), name='agenda_one_occurrence_per_start'),
        ),
        migrations.AddConstraint(
            model_name='rsvp',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'occurrence', 'person'), name='agenda_one_rsvp'),
        ),
    ]
