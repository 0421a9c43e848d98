"""Full-text search of posts with the Dutch configuration, on PostgreSQL only.

The expression must equal the one ``square.selectors.search_posts`` filters on, so the planner
uses this index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

from buurtplein.core.migration_ops import PostgreSQLOnlyAddIndex


class Migration(migrations.Migration):
    dependencies = [("square", "0001_initial")]

    operations = [
        PostgreSQLOnlyAddIndex(
            model_name="post",
            index=GinIndex(SearchVector("search_text", config="dutch"), name="post_search_dutch"),
        ),
    ]
