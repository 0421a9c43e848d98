from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('exchange', '0002_photo_kit'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='pledge',
            name='one_pledge',
        ),
        migrations.RemoveConstraint(
            model_name='thanks',
            name='one_thanks',
        ),
        migrations.RemoveIndex(
            model_name='item',
            name='exchange_expiry',
        ),
        migrations.RemoveIndex(
            model_name='orgpledge',
            name='orgpledge_followup',
        ),
        migrations.AddIndex(
            model_name='item',
            index=models.Index(fields=['neighbourhood', 'state', 'expires_at'], name='exchange_expiry'),
        ),
        migrations.AddIndex(
            model_name='orgpledge',
            index=models.Index(fields=['neighbourhood', 'state', 'confirmed_at'], name='orgpledge_followup'),
        ),
        migrations.AddConstraint(
            model_name='pledge',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'item', 'person'), name='one_pledge'),
        ),
        migrations.AddConstraint(
            model_name='thanks',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'item', 'author'), name='one_thanks'),
        ),
    ]
