"""The search index keeps no pending list (``core.migration_ops.SearchIndexWithoutPendingList``;
PostgreSQL only): every search read the whole list of new rows' words not yet sorted in."""

from django.db import migrations

from buurtplein.core.migration_ops import SearchIndexWithoutPendingList


class Migration(migrations.Migration):
    dependencies = [("clubs", "0005_member_ends")]

    operations = [SearchIndexWithoutPendingList("club_search_dutch")]
