"""The neighbourhood's search (``core.search``): a vacancy's stored search words (title, task,
when, address, organisation) and, on PostgreSQL, their Dutch tsvector with a GIN index that
leads with the neighbourhood (``btree_gin``; PostgreSQL only), so a search reads only its own
neighbourhood's entries. Fills both for the rows already there."""

from django.db import migrations

from buurtplein.core.migration_ops import SharedBtreeGinExtension, add_search_words


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0002_distribution_keys")]

    operations = [
        SharedBtreeGinExtension(),
        *add_search_words(
            "volunteering.Vacancy",
            index="vacancy_search_dutch",
            words=("title", "task", "schedule", "address", "organisation.name"),
        ),
    ]
