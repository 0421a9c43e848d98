from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('square', '0004_photo_kit'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='reaction',
            name='one_reaction',
        ),
        migrations.RemoveConstraint(
            model_name='savedpost',
            name='one_save',
        ),
        migrations.AddConstraint(
            model_name='reaction',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'post', 'user'), name='one_reaction'),
        ),
        migrations.AddConstraint(
            model_name='savedpost',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'post', 'user'), name='one_save'),
        ),
    ]
