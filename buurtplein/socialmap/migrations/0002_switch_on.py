"""Switch the sociale kaart on in the neighbourhoods that exist (new ones get it by default)."""

from django.db import migrations

from buurtplein.core.migration_ops import switch_component_on


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0001_initial"), ("core", "0006_membership_suspension")]

    operations = [switch_component_on("socialmap")]
