"""Benchmark of the sociale kaart: finding by need among 5,000 services, in process, on PostgreSQL.

Writes a throw-away neighbourhood ``bench-kaart`` with 5,000 services (default) of 250
organisations into the database of ``DATABASE_URL`` (the worst case of S scale: all of S's
5,000 services in the one neighbourhood being searched), each with a place, walk-in hours for
two in five, languages, costs, and a stored 384-d embedding (random unit vectors: the timing is
the same as for real ones); the words are the twenty realistic services of
``socialmap/tests/services_nl.py`` in variations. Then it times, in this process:

* ``finding.ranking()`` on the neighbourhood's active services for twelve residents' phrases, with
  the semantic signal (query embeddings cached, as after the first search) and on words only;
* the list page ``/b/bench-kaart/services/`` through Django's test client (the whole middleware
  stack, templates included) as a visitor: with a need query, with a need query and filters,
  with filters only, and the plain list.

It prints p50/p95/max in milliseconds and the queries per page, and removes everything it made
(``--keep`` leaves it for the next run).

    DATABASE_URL=postgres://… REDIS_URL=redis://… DJANGO_SECRET_KEY=x BUURTPLEIN_INSECURE_HTTP=1 \
        python -m uv run python bench/socialmap.py [--services 5000] [--runs 30] [--keep]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SLUG = "bench-kaart"
PHRASES = [
    "ik kan de huur niet betalen",
    "eenzaam",
    "schulden",
    "formulieren invullen",
    "mantelzorg",
    "taal leren",
    "computer",
    "mijn kind",
    "geweld thuis",
    "een brief van de deurwaarder",
    "ik zoek werk",
    "vervoer naar het ziekenhuis",
]
DISTRICTS = [
    "Oost",
    "Centrum",
    "Bottendaal",
    "Hengstdal",
    "Biezen",
    "Wolfskuil",
    "Hazenkamp",
    "Heseveld",
    "Lindenholt",
]
EXTRA = [
    "vrijwilligers",
    "spreekuur",
    "gratis",
    "afspraak",
    "buurthuis",
    "bibliotheek",
    "wijkteam",
    "samen",
    "luisteren",
    "advies",
    "ondersteuning",
    "groep",
    "cursus",
    "telefoon",
    "inloop",
    "begeleiding",
]
LANGUAGES = ["nl", "en", "tr", "ar", "pl", "de", "es"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def build(n: int, rng: random.Random):
    """The neighbourhood, its organisations and ``n`` services (one place each)."""
    from datetime import time as clock

    import numpy as np
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from buurtplein.accounts.models import Organisation
    from buurtplein.buurthulp import embeddings
    from buurtplein.core.models import Neighbourhood, Postcode
    from buurtplein.core.tests.factories import NeighbourhoodFactory
    from buurtplein.socialmap import finding
    from buurtplein.socialmap.models import Hours, Location, Service
    from buurtplein.socialmap.tests.services_nl import SERVICES

    with scopes_disabled():
        nb = Neighbourhood.objects.filter(slug=SLUG).first()
        if nb is not None and Service.objects.filter(neighbourhood=nb).count() == n:
            return nb, False
        if nb is not None:
            remove(nb)
        # A postcode no neighbourhood has (an S data set has Nijmegen's 6522 already).
        taken = set(Postcode.objects.filter(pc6="").values_list("pc4", flat=True))
        pc4 = next(str(code) for code in range(9999, 1000, -1) if str(code) not in taken)
        nb = NeighbourhoodFactory(name="Bench-kaart", slug=SLUG, pc4=pc4)
        organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Bench organisatie {i}", slug=f"bench-kaart-org-{i}")
            for i in range(250)
        )
        for organisation in organisations:
            organisation.neighbourhoods.add(nb)
        vectors = np.random.default_rng(rng.randint(0, 2**32)).standard_normal((n, 384))
        vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype("<f4")
        now = timezone.now()
        services = []
        for i in range(n):
            name, summary, description, domains = SERVICES[i % len(SERVICES)]
            service = Service(
                neighbourhood=nb,
                organisation=organisations[i % len(organisations)],
                name=f"{name} {DISTRICTS[(i // len(SERVICES)) % len(DISTRICTS)]} {i}",
                summary=summary,
                description=f"{description} {' '.join(rng.sample(EXTRA, 4))}".strip(),
                life_domains=[str(d) for d in domains],
                target_groups=["everyone"],
                languages=["nl", *rng.sample(LANGUAGES[1:], rng.randint(0, 2))],
                is_free=rng.random() < 0.8,
                last_checked_at=now,
                embedding=embeddings.to_bytes(vectors[i]),
                embedding_hash="bench",
            )
            finding.index_service(service)
            services.append(service)
        Service.objects.bulk_create(services, batch_size=500)
        services = list(Service.objects.filter(neighbourhood=nb).order_by("pk"))
        locations = Location.objects.bulk_create(
            [
                Location(
                    neighbourhood=nb,
                    service=service,
                    name="Buurthuis",
                    address=f"Javastraat {i + 1}",
                    postcode="6524AB",
                    city="Nijmegen",
                    latitude=51.84 + rng.uniform(-0.015, 0.015),
                    longitude=5.88 + rng.uniform(-0.02, 0.02),
                    wheelchair=rng.random() < 0.7,
                )
                for i, service in enumerate(services)
            ],
            batch_size=1000,
        )
        Hours.objects.bulk_create(
            [
                Hours(
                    neighbourhood=nb,
                    service=service,
                    location=location,
                    kind=Hours.Kind.WALK_IN if rng.random() < 0.4 else Hours.Kind.OPEN,
                    weekday=rng.randint(0, 4),
                    opens_at=clock(9),
                    closes_at=clock(rng.choice([12, 17])),
                )
                for service, location in zip(services, locations, strict=True)
            ],
            batch_size=1000,
        )
    return nb, True


def remove(nb) -> None:
    from django_scopes import scopes_disabled

    from buurtplein.accounts.models import Organisation

    with scopes_disabled():
        nb.delete()
        Organisation.objects.filter(slug__startswith="bench-kaart-org-").delete()


def time_rank(nb, runs: int) -> list[float]:
    from django_scopes import scope

    from buurtplein.socialmap import finding
    from buurtplein.socialmap.models import Service, State

    times = []
    with scope(neighbourhood=nb):
        for phrase in PHRASES:  # warm: the pool in this process, the query's plan
            finding.ranking(Service.objects.filter(state=State.ACTIVE), phrase)
        for _ in range(runs):
            for phrase in PHRASES:
                started = time.perf_counter()
                finding.ranking(Service.objects.filter(state=State.ACTIVE), phrase)
                times.append((time.perf_counter() - started) * 1000)
    return times


def time_page(client, path: str, runs: int) -> tuple[list[float], int, int]:
    from django.db import connection

    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    queries = []
    with connection.execute_wrapper(lambda execute, *a: queries.append(1) or execute(*a)):
        client.get(path)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return times, len(queries), len(response.content)


def line(label: str, times: list[float], extra: str = "") -> str:
    return (
        f"{label:<48} p50 {statistics.median(times):7.1f}  p95 {percentile(times, 95):7.1f}  "
        f"max {max(times):7.1f} ms{extra}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="Leave the data for the next run.")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Needs DATABASE_URL of a PostgreSQL database (migrated).", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtplein.config.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    os.environ.setdefault("BUURTPLEIN_DEBUG", "0")
    # The hashed static files' manifest, collected once into bench/out/static.
    os.environ.setdefault("STATIC_ROOT", str(ROOT / "bench" / "out" / "static"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    from django.test import Client
    from django.test.utils import override_settings

    from buurtplein.buurthulp import embeddings
    from buurtplein.socialmap import finding

    rng = random.Random(13)
    started = time.perf_counter()
    nb, made = build(args.services, rng)
    print(
        f"{args.services} services in {SLUG}: "
        + (f"made in {time.perf_counter() - started:.1f} s" if made else "kept from the last run")
    )
    try:
        semantic = embeddings.available()
        if semantic:
            for phrase in PHRASES:  # as after the first search for these words
                finding.embed_query(" ".join(finding._query_words(phrase)))
        print(
            line(
                f"ranking(), {'words, needs and meaning' if semantic else 'words and needs'}",
                time_rank(nb, args.runs),
            )
        )
        with override_settings(BUURTPLEIN_EMBEDDINGS="off"):
            print(line("ranking(), words and needs only", time_rank(nb, args.runs)))
        client = Client(SERVER_NAME="127.0.0.1")
        base = f"/b/{SLUG}/services/"
        pages = [
            ("list, need query", {"q": "ik kan de huur niet betalen"}),
            ("list, need query 'eenzaam'", {"q": "eenzaam"}),
            ("list, need query + free + walk-in", {"q": "schulden", "free": 1, "walk_in": 1}),
            ("list, need query + domain + language", {"q": "mijn kind", "domain": "parenting",
                                                       "language": "tr"}),
            ("list, filters only (domain, free, walk-in)", {"domain": "money", "free": 1,
                                                             "walk_in": 1}),
            ("list, no query (first page)", {}),
        ]  # fmt: skip
        for label, query in pages:
            path = base + ("?" + urlencode(query) if query else "")
            times, queries, size = time_page(client, path, args.runs)
            print(line(label, times, f"  {queries} queries, {size / 1024:.0f} KB"))
        print(f"(settings: embeddings {settings.BUURTPLEIN_EMBEDDINGS!r}, runs {args.runs})")
    finally:
        if not args.keep:
            remove(nb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
