"""The neighbourhood's search (``core.search``): the posts' GIN index on their Dutch tsvector
now leads with the neighbourhood (``btree_gin``; PostgreSQL only), as the other searched
kinds' do, so a search reads only its own neighbourhood's entries instead of every
neighbourhood's and then filtering."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from buurtplein.core.migration_ops import (
    PostgreSQLOnlyAddIndex,
    PostgreSQLOnlyRemoveIndex,
    SharedBtreeGinExtension,
)


class Migration(migrations.Migration):
    dependencies = [("square", "0006_comment_author_erased")]

    operations = [
        SharedBtreeGinExtension(),
        PostgreSQLOnlyRemoveIndex(
            model_name="post",
            index=GinIndex(fields=["search_vector"], name="post_search_dutch"),
        ),
        PostgreSQLOnlyAddIndex(
            model_name="post",
            index=GinIndex(fields=["neighbourhood", "search_vector"], name="post_search_nb"),
        ),
    ]
