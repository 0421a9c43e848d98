"""The neighbourhood's search (``core.search``): an info page's stored search words (title, text,
quick facts) and, on PostgreSQL, their Dutch tsvector with a GIN index (PostgreSQL only). Fills
both for the pages already there."""

from django.db import migrations

from buurtplein.core.migration_ops import SharedBtreeGinExtension, add_search_words


class Migration(migrations.Migration):
    dependencies = [("infopages", "0002_verbose_names_in_dutch")]

    operations = [
        SharedBtreeGinExtension(),
        *add_search_words(
            "infopages.InfoPage",
            index="infopage_search_dutch",
            words=("title", "body", "facts"),
        ),
    ]
