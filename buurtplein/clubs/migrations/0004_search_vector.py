"""The neighbourhood's search (``core.search``): a club's stored search words (name, kind, pitch,
description, meeting place and time) and, on PostgreSQL, their Dutch tsvector with a GIN index
that leads with the neighbourhood (``btree_gin``; PostgreSQL only), so a search reads only its
own neighbourhood's entries. Fills both for the rows already there."""

from django.db import migrations

from buurtplein.core.migration_ops import SharedBtreeGinExtension, add_search_words


class Migration(migrations.Migration):
    dependencies = [("clubs", "0003_distribution_keys")]

    operations = [
        SharedBtreeGinExtension(),
        *add_search_words(
            "clubs.Club",
            index="club_search_dutch",
            words=("organisation.name", "kind", "pitch", "description", "meets_where", "meets_when"),
        ),
    ]
