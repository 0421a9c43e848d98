"""The GIN index on the services' Dutch search vector (PostgreSQL only)."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from buurtplein.core.migration_ops import PostgreSQLOnlyAddIndex


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0002_switch_on")]

    operations = [
        PostgreSQLOnlyAddIndex(
            model_name="service",
            index=GinIndex(fields=["search_vector"], name="service_search_dutch"),
        ),
    ]
