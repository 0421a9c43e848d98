from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('messaging', '0001_initial'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='participant',
            name='one_place_per_person',
        ),
        migrations.AddConstraint(
            model_name='participant',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'conversation', 'user'), name='one_place_per_person'),
        ),
    ]
