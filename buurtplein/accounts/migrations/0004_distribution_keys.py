import buurtplein.accounts.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_curated_interests'),
    ]

    operations = [
        migrations.AlterField(
            model_name='invitecode',
            name='code',
            field=models.CharField(default=buurtplein.accounts.models.new_invite_code, max_length=16, verbose_name='code'),
        ),
        migrations.AddConstraint(
            model_name='invitecode',
            constraint=models.UniqueConstraint(fields=('neighbourhood', 'code'), name='accounts_invite_code'),
        ),
    ]
