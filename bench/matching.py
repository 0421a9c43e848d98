"""Benchmark of buurthulp matching: ``matching.rank()`` against a pool of synthetic helpers.

Builds an in-memory pool (default 5,000 helpers) with realistic skills, interests, languages,
availability, reach, places around one neighbourhood and stored 384-d embeddings (random unit
vectors: the timing is the same as for real ones), then ranks a set of requests (default 200)
and prints p50/p95/max in milliseconds — with the semantic signal and on keywords only.
The target: p95 under 50 ms for 5,000 helpers with stored embeddings.

Optionally (``--postgres``, needs ``DATABASE_URL``) it writes the same number of helpers into
a throw-away neighbourhood and times ``matching.load_pool()`` reading them back (the
uncached path: 4 queries), then removes everything it made.

    python -m uv run python bench/matching.py [--helpers 5000] [--requests 200] [--postgres]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtplein.config.settings")

REQUESTS = [
    ("Wie kan een lamp ophangen in mijn woonkamer?", "odd_jobs"),
    ("Mijn telefoon doet raar en WhatsApp werkt niet meer", "digital"),
    ("Wie gaat met mij naar de supermarkt? Ik kan niet zwaar tillen", "shopping"),
    ("Ik voel me eenzaam sinds mijn man is overleden", "company"),
    ("Wie brengt mij dinsdag naar het ziekenhuis?", "transport"),
    ("De heg moet gesnoeid worden", "garden"),
    ("Hulp bij een brief van de belastingdienst", "paperwork"),
    ("Lekke band, wie helpt?", "other"),
    ("Wie wil met mij Nederlands oefenen?", "company"),
    ("Kast van IKEA in elkaar zetten", "odd_jobs"),
    ("Wie laat mijn hond uit, ik heb mijn enkel gebroken", "other"),
    ("Broek korter maken", "other"),
]
_WORDS = (
    "klussen lampen boren planken kasten computer telefoon tablet boodschappen supermarkt "
    "koffie wandelen praatje tuin snoeien maaien formulieren brieven auto ziekenhuis fiets "
    "band naaien koken soep hond kat oppassen bijles wiskunde muziek gitaar taal nederlands"
)
WORDS = _WORDS.split()
LANGUAGES = ["nl", "en", "tr", "ar", "pl", "de", "es"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def synthetic_pool(n: int, things, rng: random.Random, matching, embeddings):
    import numpy as np

    from buurtplein.core.geo import Point

    skill_ids = [t.id for t in things.values() if t.kind == "skill"]
    interest_ids = [t.id for t in things.values() if t.kind == "interest"]
    slots = [f"{d}-{p}" for d in matching.DAYS for p in matching.PARTS]
    # 60 postcode centres within ~3 km of Nijmegen-Oost
    points = {
        f"6522{chr(65 + i // 26)}{chr(65 + i % 26)}": Point(
            51.84 + rng.uniform(-0.015, 0.015), 5.88 + rng.uniform(-0.02, 0.02)
        )
        for i in range(60)
    }
    codes = list(points)
    vectors = np.random.default_rng(rng.randint(0, 2**32)).standard_normal((n, embeddings.DIM))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype("<f4")
    rows, skills, interests = [], [], []
    for i in range(1, n + 1):
        rows.append(
            {
                "id": i,
                "user_id": 10_000 + i,
                "languages": ["nl", *rng.sample(LANGUAGES, k=rng.randint(0, 2))],
                "availability": rng.sample(slots, k=rng.randint(0, 10)),
                "max_distance_km": rng.choice([0.5, 1.0, 1.0, 2.0, 5.0, 25.0]),
                "likes_to_do": " ".join(rng.sample(WORDS, k=rng.randint(0, 8))),
                "embedding": vectors[i - 1].tobytes(),
                "postcode": rng.choice(codes),
            }
        )
        skills += [(i, s) for s in rng.sample(skill_ids, k=rng.randint(0, 3))]
        interests += [(i, s) for s in rng.sample(interest_ids, k=rng.randint(0, 4))]
    return matching.build_pool(rows, skills, interests, points), points


def curated_things(matching):
    """The curated interests and skills (accounts migration 0003), without a database."""
    from importlib import import_module

    curated = import_module("buurtplein.accounts.migrations.0003_curated_interests")
    things, pk = {}, 0
    for kind, rows in (("interest", curated.INTERESTS), ("skill", curated.SKILLS)):
        for slug, nl, en in rows:
            pk += 1
            things[pk] = matching.Thing(pk, slug, kind, nl, en)
    return things


def bench_rank(args) -> None:
    import numpy as np

    from buurtplein.buurthulp import embeddings, matching

    rng = random.Random(args.seed)
    things = curated_things(matching)
    started = time.perf_counter()
    pool, points = synthetic_pool(args.helpers, things, rng, matching, embeddings)
    print(f"pool of {args.helpers} helpers built in {(time.perf_counter() - started):.2f} s")
    load = {10_000 + rng.randint(1, args.helpers): rng.randint(1, 6) for _ in range(300)}
    codes = list(points)
    features = []
    for k in range(args.requests):
        title, topic = REQUESTS[k % len(REQUESTS)]
        request_stems, wanted = matching.analyse(title=title, text="", topic=topic, things=things)
        query = np.random.default_rng(k).standard_normal(embeddings.DIM).astype("<f4")
        features.append(
            matching.RequestFeatures(
                stems=request_stems,
                wanted=wanted,
                point=points[rng.choice(codes)],
                languages={"nl"} if k % 4 else {"ar", "en"},
                slots=matching.wanted_slots(
                    "soon" if k % 3 == 0 else "week", ["evening"] if k % 2 else [], _now()
                ),
                embedding=(query / np.linalg.norm(query)).astype("<f4").tobytes(),
                exclude_user_ids={10_001},
            )
        )
    for semantic in (True, False):
        timings, found = [], 0
        matching.rank(features[0], pool, load=load, things=things, semantic=semantic)  # warm
        for f in features:
            t0 = time.perf_counter()
            result = matching.rank(f, pool, load=load, things=things, semantic=semantic, limit=5)
            timings.append((time.perf_counter() - t0) * 1000)
            found += len(result)
        label = "stored embeddings + keywords" if semantic else "keywords only (no model)"
        print(
            f"rank() {label:30s} {args.requests} requests: "
            f"p50 {statistics.median(timings):6.1f} ms  p95 {percentile(timings, 95):6.1f} ms  "
            f"max {max(timings):6.1f} ms  ({found / len(features):.1f} suggestions per request)"
        )


def _now():
    from datetime import UTC, datetime

    return datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def bench_load_pool(args) -> None:
    """Write ``args.helpers`` helpers into a throw-away neighbourhood, time load_pool()."""
    import numpy as np
    from django.db import connection
    from django_scopes import scope, scopes_disabled

    from buurtplein.accounts.models import Interest, User
    from buurtplein.buurthulp import matching
    from buurtplein.buurthulp.models import HelperProfile
    from buurtplein.core.models import Membership, Neighbourhood, Postcode

    rng = random.Random(args.seed)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    with scopes_disabled():
        nb = Neighbourhood.objects.create(name="Bench matching", slug="bench-matching")
        try:
            Postcode.objects.bulk_create(
                [
                    Postcode(neighbourhood=nb, pc4="9999", pc6=f"9999A{chr(65 + i)}",
                             latitude=51.84 + i * 0.001, longitude=5.88)
                    for i in range(20)
                ]
            )  # fmt: skip
            users = User.objects.bulk_create(
                [User(email=f"bench-match-{i}@example.invalid") for i in range(args.helpers)]
            )
            Membership.objects.bulk_create(
                [
                    Membership(neighbourhood=nb, user=u, status="verified",
                               postcode=f"9999A{chr(65 + i % 20)}")
                    for i, u in enumerate(users)
                ]
            )  # fmt: skip
            vectors = np.random.default_rng(1).standard_normal((args.helpers, 384))
            vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype("<f4")
            profiles = HelperProfile.objects.bulk_create(
                [
                    HelperProfile(
                        neighbourhood=nb,
                        user=u,
                        languages=["nl"],
                        availability=rng.sample(["mon-morning", "tue-evening", "sat-morning"], 2),
                        likes_to_do=" ".join(rng.sample(WORDS, k=5)),
                        embedding=vectors[i].tobytes(),
                    )
                    for i, u in enumerate(users)
                ]
            )
            skill_ids = list(Interest.objects.filter(kind="skill").values_list("pk", flat=True))
            Through = HelperProfile.skills.through
            Through.objects.bulk_create(
                [
                    Through(neighbourhood=nb, helperprofile_id=p.pk, interest_id=s)
                    for p in profiles
                    for s in rng.sample(skill_ids, k=2)
                ]
            )
            timings = []
            with scope(neighbourhood=nb):
                for _ in range(args.load_runs):
                    t0 = time.perf_counter()
                    pool = matching.load_pool(nb, use_cache=False)
                    timings.append((time.perf_counter() - t0) * 1000)
            print(
                f"load_pool() {len(pool.candidates)} helpers from the database, "
                f"{args.load_runs} runs: p50 {statistics.median(timings):.0f} ms  "
                f"max {max(timings):.0f} ms (cached afterwards: one cache look-up)"
            )
        finally:
            User.objects.filter(email__startswith="bench-match-").delete()
            nb.delete()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=(
            "Time buurthulp's matching.rank() for many requests against a synthetic pool of "
            "helpers with stored embeddings (target: p95 < 50 ms at 5,000 helpers), and "
            "optionally load_pool() from the database."
        )
    )
    parser.add_argument("--helpers", type=int, default=5000, help="helpers in the pool (5000)")
    parser.add_argument("--requests", type=int, default=200, help="requests to rank (200)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (7)")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="also time load_pool() from the database in DATABASE_URL (writes and removes a "
        "throw-away neighbourhood with --helpers helpers)",
    )
    parser.add_argument("--load-runs", type=int, default=5, help="load_pool() runs (5)")
    args = parser.parse_args()

    import django

    django.setup()
    bench_rank(args)
    if args.postgres:
        bench_load_pool(args)


if __name__ == "__main__":
    main()
