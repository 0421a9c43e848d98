"""The posts' part of the neighbourhood's search at S, its SQL only: for each query of
``bench/search.py`` (and a few longer ones), the part's own statement as PostgreSQL runs it
walking the newest posts, and as it runs it now (``core.search.found(…, many=True,
query=…)``: the search index first where every word is rare in the whole table). Each
statement's fastest of 5 ``EXPLAIN ANALYZE`` (planning + execution), in a transaction rolled
back at once. Steadier than the page times on a shared machine.

    DATABASE_URL=postgres://… python -m uv run python bench/search_posts.py
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtplein.config.settings")

LONGER = [
    "wie wil er morgen samen koffie drinken",
    "hypotheek aflossing deurwaarder incasso",
    "koffie fiets",
]


def main() -> None:
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django_scopes import scope, scopes_disabled

    from bench.search import QUERIES, SLUG
    from buurtplein.accounts.models import User
    from buurtplein.core import search
    from buurtplein.core.models import Membership, Neighbourhood
    from buurtplein.core.permissions import Viewer
    from buurtplein.square import selectors
    from buurtplein.square.models import Post

    def fastest(sql: str, index_first: bool) -> float:
        best = float("inf")
        for _ in range(5):
            with transaction.atomic(), connection.cursor() as cursor:
                if index_first:
                    cursor.execute("SET LOCAL enable_indexscan = off")
                cursor.execute("EXPLAIN (ANALYZE) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                transaction.set_rollback(True)
            times = re.findall(r"(?:Planning|Execution) Time: ([\d.]+)", plan)
            best = min(best, sum(float(t) for t in times))
        return best

    with scopes_disabled():
        nb = Neighbourhood.objects.get(slug=SLUG)
        resident = User.objects.get(email="demo-bewoner@buurtplein.nl")
        membership = Membership.objects.get(neighbourhood=nb, user=resident)
    print(f"Load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print("| query | walking ms | now | now ms |\n|---|---|---|---|")
    with scope(neighbourhood=nb):
        for query in QUERIES + LONGER:
            with CaptureQueriesContext(connection) as captured:
                selectors.search_part(Viewer(resident, nb, membership), query, search.PER_KIND)
            sql = [q["sql"] for q in captured if q["sql"].startswith('SELECT "square_post"')][-1]
            rare = search._rare_everywhere(Post, query)
            walking = fastest(sql, index_first=False)
            now = fastest(sql, index_first=True) if rare else walking
            how = "index first" if rare else "as before"
            print(f"| {query} | {walking:.2f} | {how} | {now:.2f} |")


if __name__ == "__main__":
    main()
