"""Switch the registration on in every neighbourhood that exists (new ones get it by default)."""

from django.db import migrations

from buurtplein.core.migration_ops import switch_component_on


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("logbook", "0001_initial"),
    ]

    operations = [switch_component_on("logbook")]
