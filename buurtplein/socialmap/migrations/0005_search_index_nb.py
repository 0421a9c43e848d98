"""The services' GIN index on their Dutch search vector now leads with the neighbourhood
(``btree_gin``; PostgreSQL only), as the other searched kinds' do (e.g. ``square.0007``): a
search reads only its own neighbourhood's entries instead of every neighbourhood's and then
filtering."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from buurtplein.core.migration_ops import (
    PostgreSQLOnlyAddIndex,
    PostgreSQLOnlyRemoveIndex,
    SharedBtreeGinExtension,
)


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0004_hsds_open_data")]

    operations = [
        SharedBtreeGinExtension(),
        PostgreSQLOnlyRemoveIndex(
            model_name="service",
            index=GinIndex(fields=["search_vector"], name="service_search_dutch"),
        ),
        PostgreSQLOnlyAddIndex(
            model_name="service",
            index=GinIndex(fields=["neighbourhood", "search_vector"], name="service_search_nb"),
        ),
    ]
