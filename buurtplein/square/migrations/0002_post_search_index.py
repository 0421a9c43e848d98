"""Full-text search of posts with the Dutch configuration.

A stored ``search_vector`` column (kept by ``square.actions``) with a GIN index on PostgreSQL;
the index is created only on PostgreSQL. On SQLite the column stays empty and search falls back
to matching words in ``search_text``.
"""

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from buurtplein.core.migration_ops import PostgreSQLOnlyAddIndex


class Migration(migrations.Migration):
    dependencies = [("square", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="post",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        PostgreSQLOnlyAddIndex(
            model_name="post",
            index=GinIndex(fields=["search_vector"], name="post_search_dutch"),
        ),
    ]
