"""The neighbourhood's search (``core.search``): an info page's stored search words (title, text,
quick facts) and, on PostgreSQL, their Dutch tsvector with a GIN index (PostgreSQL only). Fills
both for the pages already there."""

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models

from buurtplein.core.migration_ops import PostgreSQLOnlyAddIndex, SharedBtreeGinExtension
from buurtplein.core.search import fill_vectors, text_of


def fill(apps, schema_editor):
    InfoPage = apps.get_model("infopages", "InfoPage")
    pages = InfoPage._base_manager.all()
    batch = []
    for page in pages.iterator(chunk_size=1000):
        page.search_text = text_of(page.title, page.body, page.facts)
        batch.append(page)
        if len(batch) >= 1000:
            InfoPage._base_manager.bulk_update(batch, ["search_text"])
            batch = []
    InfoPage._base_manager.bulk_update(batch, ["search_text"])
    fill_vectors(InfoPage)


class Migration(migrations.Migration):
    dependencies = [("infopages", "0002_verbose_names_in_dutch")]

    operations = [
        SharedBtreeGinExtension(),
        migrations.AddField(
            model_name="infopage",
            name="search_text",
            field=models.TextField(blank=True, editable=False, verbose_name="search words"),
        ),
        migrations.AddField(
            model_name="infopage",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="search vector"
            ),
        ),
        PostgreSQLOnlyAddIndex(
            model_name="infopage",
            index=GinIndex(fields=["neighbourhood", "search_vector"], name="infopage_search_dutch"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
