"""Switch online help on in the neighbourhoods that exist (new ones get it by default). Its
pages stay quiet until an admin gives a region a desk."""

from django.db import migrations

from buurtplein.core.migration_ops import switch_component_on


class Migration(migrations.Migration):
    dependencies = [("onlinehulp", "0001_initial"), ("core", "0007_region")]

    operations = [switch_component_on("onlinehulp")]
