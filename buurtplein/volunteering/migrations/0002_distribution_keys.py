from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('volunteering', '0001_initial'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='response',
            name='one_response_per_person',
        ),
        migrations.RemoveConstraint(
            model_name='vacancytopic',
            name='one_topic_per_vacancy',
        ),
        migrations.AddConstraint(
            model_name='response',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'vacancy', 'person'), name='one_response_per_person'),
        ),
        migrations.AddConstraint(
            model_name='vacancytopic',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'vacancy', 'interest'), name='one_topic_per_vacancy'),
        ),
    ]
