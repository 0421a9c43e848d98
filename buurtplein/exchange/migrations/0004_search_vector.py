"""The neighbourhood's search (``core.search``): an offer or request's stored search words (title,
description, street or area, initiative) and, on PostgreSQL, their Dutch tsvector with a GIN
index that leads with the neighbourhood (``btree_gin``; PostgreSQL only), so a search reads only
its own neighbourhood's entries. Fills both for the rows already there."""

from django.db import migrations

from buurtplein.core.migration_ops import SharedBtreeGinExtension, add_search_words


class Migration(migrations.Migration):
    dependencies = [("exchange", "0003_distribution_keys")]

    operations = [
        SharedBtreeGinExtension(),
        *add_search_words(
            "exchange.Item",
            index="item_search_dutch",
            words=("title", "description", "area", "initiative_name"),
        ),
    ]
