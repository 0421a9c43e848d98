"""Where a page's time goes, in process: Django's test client, the bench's data and settings.

    DATABASE_URL=… REDIS_URL=… python -m uv run python bench/profile_page.py [--runs 30] [--top 25]
        [--member] [--queries 3] /b/nijmegen-oost/agenda/ …

For each path: the median and 95th percentile time per request over ``--runs`` warm requests
(after three to warm the caches), the part spent waiting for SQL (the queries' own time,
measured around each execute), the number of queries and the ``--queries`` slowest
statements; then cProfile over the same requests, the functions with the most cumulative time.
``--member`` views as the demo resident (the member ``bench/run.py`` measures). Production
settings (``bench.settings``, DEBUG off), so the same caches are warm as under the servers.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class SQLTimer:
    """Adds up the time spent in the database driver (``connection.execute_wrapper``)."""

    def __init__(self):
        self.seconds = 0.0
        self.count = 0
        self.queries: list[tuple[float, str]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = time.perf_counter() - started
            self.seconds += took
            self.count += 1
            self.queries.append((took, sql))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--member", action="store_true", help="As the demo resident.")
    parser.add_argument(
        "--queries", type=int, default=3, help="How many statements to list, slowest first."
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    os.environ.setdefault("BUURTPLEIN_INSECURE_HTTP", "1")
    os.environ.setdefault("BUURTPLEIN_DEBUG", "0")
    # The hashed static files' manifest, collected once into bench/out/static.
    os.environ.setdefault("STATIC_ROOT", str(ROOT / "bench" / "out" / "static"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    from django.db import connection
    from django.test import Client
    from django_scopes import scopes_disabled

    from buurtplein.accounts.models import User
    from buurtplein.demo.generate import DEMO_LOGINS

    client = Client(SERVER_NAME="127.0.0.1")
    if args.member:
        with scopes_disabled():
            client.force_login(User.objects.get(email=DEMO_LOGINS[0][0]))
    for path in args.paths:
        for _ in range(3):
            assert client.get(path).status_code == 200, path
        times, sql, slowest = [], [], {}
        for _ in range(args.runs):
            timer = SQLTimer()
            with connection.execute_wrapper(timer):
                started = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - started)
            sql.append(timer.seconds)
            for took, text in timer.queries:
                slowest.setdefault(text, []).append(took)
        ms = sorted(t * 1000 for t in times)
        print(
            f"\n== {path} ({'member' if args.member else 'visitor'}, {len(response.content)} "
            f"bytes): median {statistics.median(ms):.1f} ms, p95 {ms[int(0.95 * len(ms)) - 1]:.1f}"
            f" ms; SQL {statistics.median(sql) * 1000:.1f} ms in {timer.count} queries"
        )
        by_median = sorted(((statistics.median(t), q) for q, t in slowest.items()), reverse=True)
        for took, text in by_median[: args.queries]:
            print(f"   {took * 1000:6.1f} ms  {' '.join(text.split())[:200]}")
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.runs):
            client.get(path)
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).strip_dirs().sort_stats("cumulative")
        stats.print_stats(args.top)
        print(out.getvalue().split("\n", 6)[-1].rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
