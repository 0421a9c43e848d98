"""Switch referrals on in the neighbourhoods that exist (new ones get it by default)."""

from django.db import migrations


def switch_on(apps, schema_editor):
    Neighbourhood = apps.get_model("core", "Neighbourhood")
    for neighbourhood in Neighbourhood.objects.all():
        components = list(neighbourhood.components or [])
        if "referrals" not in components:
            components.append("referrals")
            neighbourhood.components = components
            neighbourhood.save(update_fields=["components"])


def switch_off(apps, schema_editor):
    Neighbourhood = apps.get_model("core", "Neighbourhood")
    for neighbourhood in Neighbourhood.objects.all():
        if "referrals" in (neighbourhood.components or []):
            neighbourhood.components = [c for c in neighbourhood.components if c != "referrals"]
            neighbourhood.save(update_fields=["components"])


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial"), ("core", "0006_membership_suspension")]

    operations = [migrations.RunPython(switch_on, switch_off)]
