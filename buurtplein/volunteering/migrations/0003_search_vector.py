"""The neighbourhood's search (``core.search``): a vacancy's stored search words (title, task,
when, address, organisation) and, on PostgreSQL, their Dutch tsvector with a GIN index that
leads with the neighbourhood (``btree_gin``; PostgreSQL only), so a search reads only its own
neighbourhood's entries. Fills both for the rows already there."""

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models

from buurtplein.core.migration_ops import PostgreSQLOnlyAddIndex, SharedBtreeGinExtension
from buurtplein.core.search import fill_vectors, text_of


def fill(apps, schema_editor):
    Model = apps.get_model("volunteering", "Vacancy")
    rows = Model._base_manager.all().select_related("organisation")
    batch = []
    for row in rows.iterator(chunk_size=1000):
        row.search_text = text_of(row.title, row.task, row.schedule, row.address, row.organisation.name)
        batch.append(row)
        if len(batch) >= 1000:
            Model._base_manager.bulk_update(batch, ["search_text"])
            batch = []
    Model._base_manager.bulk_update(batch, ["search_text"])
    fill_vectors(Model)


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0002_distribution_keys")]

    operations = [
        SharedBtreeGinExtension(),
        migrations.AddField(
            model_name="vacancy",
            name="search_text",
            field=models.TextField(blank=True, editable=False, verbose_name="search words"),
        ),
        migrations.AddField(
            model_name="vacancy",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="search vector"
            ),
        ),
        PostgreSQLOnlyAddIndex(
            model_name="vacancy",
            index=GinIndex(fields=["neighbourhood", "search_vector"], name="vacancy_search_dutch"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
