"""The neighbourhood's search (``core.search``): an activity's stored search words (title,
description, place, address, organiser's organisation) and, on PostgreSQL, their Dutch tsvector
with a GIN index that leads with the neighbourhood (``btree_gin``; PostgreSQL only), so a search
reads only its own neighbourhood's entries. Fills both for the rows already there."""

from django.db import migrations

from buurtplein.core.migration_ops import SharedBtreeGinExtension, add_search_words


class Migration(migrations.Migration):
    dependencies = [("agenda", "0004_signup_question")]

    operations = [
        SharedBtreeGinExtension(),
        *add_search_words(
            "agenda.Activity",
            index="activity_search_dutch",
            words=("title", "description", "place_name", "address", "organisation.name"),
        ),
    ]
