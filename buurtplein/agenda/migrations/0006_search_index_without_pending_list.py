"""The search index keeps no pending list (``core.migration_ops.SearchIndexWithoutPendingList``;
PostgreSQL only): every search read the whole list of new rows' words not yet sorted in."""

from django.db import migrations

from buurtplein.core.migration_ops import SearchIndexWithoutPendingList


class Migration(migrations.Migration):
    dependencies = [("agenda", "0005_search_vector")]

    operations = [SearchIndexWithoutPendingList("activity_search_dutch")]
