"""The benchmark's data sets (scales ``xs`` and ``s``), written in bulk on PostgreSQL.

Why not through the actions, like the demo data: ``post_create`` and friends write one post per
transaction, render Markdown and process photos each time; a million posts that way would take
hours. Here the rows go in with ``bulk_create`` in batches of ``BATCH``, one transaction per
neighbourhood, and they are the rows the actions would have written:

* ``text_html`` comes from ``core.text.render_markdown`` (cached per paragraph, see
  ``demo.texts``) and ``search_text`` is built as ``post_create`` builds it;
* ``comment_count`` and ``reaction_count`` equal the comments and reactions written, and a person
  reacts at most once to a post;
* photos are drawn and sent through ``core.images.process_image`` once, a pool of
  ``PHOTO_POOL``, and posts share those files by reference (no million JPEGs), kept under
  ``core.photos.SHARED_DIR`` so that deleting one row leaves them;
* every generated member shares one password hash (hashing 100,000 passwords takes an hour), and
  the four demo log-ins are made as in the demo, in Nijmegen-Oost.

Each neighbourhood also gets one post with exactly 100 comments (the benchmark's long thread),
and the first, Nijmegen-Oost, is three times as busy as the others (see ``_share``).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from itertools import islice
from time import monotonic

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.postgres.search import SearchVector
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django_scopes import scopes_disabled

from buurtplein.accounts import held_interests
from buurtplein.accounts.models import (
    Interest,
    InviteCode,
    Organisation,
    Profile,
    User,
    VerificationLog,
)
from buurtplein.core.demo_pictures import picture
from buurtplein.core.images import process_image
from buurtplein.core.models import Membership, Postcode, Role
from buurtplein.core.photos import SHARED_DIR
from buurtplein.core.search import SEARCH_CONFIG
from buurtplein.demo import data
from buurtplein.demo.generate import (
    DEMO_PASSWORD,
    create_demo_logins,
    neighbourhood_from_spec,
)
from buurtplein.demo.texts import comment_for, compose_post, render_cached
from buurtplein.square.models import Comment, Post, PostPhoto, Reaction, SavedPost, Visibility

BATCH = 5000
PHOTO_POOL = 16
LONG_THREAD = 100


class NeedsPostgreSQL(Exception):
    pass


@dataclass(frozen=True)
class BulkScale:
    neighbourhoods: int
    members: int
    posts: int
    comments: int
    reactions: int
    exchange_items: int
    activities: int
    clubs: int


BULK_SCALES = {
    "xs": BulkScale(20, 5_000, 50_000, 50_000, 50_000, 20_000, 1_000, 200),
    "s": BulkScale(200, 100_000, 1_000_000, 1_000_000, 1_000_000, 200_000, 10_000, 2_000),
}
# Members of one generated club, and its posts on the square on its behalf.
CLUB_MEMBERS = (5, 40)
CLUB_POSTS = 12


def _batched(items, size=BATCH):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _bulk(model, rows) -> list:
    created = []
    for chunk in _batched(rows):
        created += model.objects.bulk_create(chunk, batch_size=BATCH)
    return created


def _neighbourhood_specs(count: int, rng: random.Random) -> list[dict]:
    """The demo's three neighbourhoods, then towns × districts with postcodes of their own."""
    specs = [dict(spec) for spec in data.NEIGHBOURHOODS]
    used = {pc4 for spec in specs for pc4 in spec["pc4"]}
    free = [str(n) for n in range(1000, 10000) if str(n) not in used]
    rng.shuffle(free)
    places = [(town, district) for town in data.TOWNS for district in data.DISTRICTS]
    for index, (town, district) in enumerate(places[: max(0, count - len(specs))]):
        name = f"{town}-{district}"
        primary, accent = data.COLOURS[index % len(data.COLOURS)]
        specs.append(
            {
                "slug": slugify(name),
                "name": name,
                "kind": "district",
                "municipality": town,
                "pc4": [free.pop(), free.pop()],
                "colours": (primary, accent),
                "tagline_nl": f"Het online buurtplein van {name}",
                "tagline_en": f"The online neighbourhood square of {name}",
                "intro_nl": f"Welkom op het plein van {name}! Deel nieuws, vraag en help elkaar.",
                "intro_en": f"Welcome to the square of {name}! Share news, ask and help.",
                "streets": rng.sample(data.STREETS, 8),
                "invite": f"BENCH{index:04d}",
            }
        )
    if len(specs) < count:
        raise ValueError(f"At most {len(specs)} neighbourhoods can be generated.")
    return specs[:count]


def _photo_pool(rng: random.Random) -> list[dict]:
    """A few drawn photos, each processed once and stored; posts refer to these files."""
    pool = []
    for k in range(PHOTO_POOL):
        jpeg, alt_text = picture(random.Random(rng.random()))
        variants = process_image(SimpleUploadedFile(f"foto{k}.jpg", jpeg, "image/jpeg"))
        files = {}
        for name, variant in variants.items():
            # Shared by many rows: under SHARED_DIR, which no deleted row takes with it.
            storage = PostPhoto._meta.get_field(name).storage
            files[name] = storage.save(f"{SHARED_DIR}/{variant.file.name}", variant.file)
        pool.append(
            {
                **files,
                "width": variants["large"].width,
                "height": variants["large"].height,
                "alt_text": alt_text,
            }
        )
    return pool


def _share(index: int, count: int) -> float:
    """The part of all posts written in neighbourhood ``index``: the first (Nijmegen-Oost, the
    one the benchmark visits) is a busy district with three times the average."""
    busy = 3 if count > 1 else 1
    return (busy if index == 0 else 1) / (busy + count - 1)


def generate(scale_name: str, seed: int = 2026, out: Callable[[str], None] = print) -> dict:
    if connection.vendor != "postgresql":
        raise NeedsPostgreSQL(
            "The benchmark scales need PostgreSQL: set DATABASE_URL=postgres://… and migrate."
        )
    scale = BULK_SCALES[scale_name]
    rng = random.Random(seed)
    started = monotonic()
    with scopes_disabled():
        neighbourhoods, welfare = _neighbourhoods_and_organisations(scale, rng)
        out(f"  {len(neighbourhoods)} neighbourhoods and their organisations")
        members = _members(scale, rng, neighbourhoods, welfare, started, out)
        photos = _photo_pool(rng)
        out(
            f"  {len(photos)} drawn photos processed; now the posts ({monotonic() - started:.0f} s)"
        )
        totals = {
            "posts": 0,
            "comments": 0,
            "reactions": 0,
            "exchange items": 0,
            "activities": 0,
            "dates": 0,
            "clubs": 0,
        }
        step = max(1, len(neighbourhoods) // 20)
        for index, nb in enumerate(neighbourhoods):
            share = _share(index, len(neighbourhoods))
            counts = _square(
                nb,
                members[nb.pk],
                round(scale.posts * share),
                round(scale.comments * share),
                round(scale.reactions * share),
                photos,
                rng,
            )
            counts["exchange items"] = _exchange(
                nb, members[nb.pk], round(scale.exchange_items * share), photos, rng
            )
            counts["activities"], counts["dates"] = _agenda(
                nb, members[nb.pk], welfare[nb.pk], round(scale.activities * share), rng
            )
            # Clubs are spread evenly: a club page's cost does not depend on how busy the
            # neighbourhood is, only on the club's own members, posts and dates.
            counts["clubs"] = _clubs(
                nb, members[nb.pk], scale.clubs // len(neighbourhoods), photos, rng
            )
            for key, value in counts.items():
                totals[key] += value
            if (index + 1) % step == 0 or index + 1 == len(neighbourhoods):
                out(
                    f"  {index + 1}/{len(neighbourhoods)} neighbourhoods: {totals['posts']} posts, "
                    f"{totals['comments']} comments, {totals['reactions']} reactions, "
                    f"{totals['exchange items']} offers and requests, "
                    f"{totals['activities']} activities ({totals['dates']} dates), "
                    f"{totals['clubs']} clubs "
                    f"({monotonic() - started:.0f} s)"
                )
        _saved_posts_for_demo_logins(neighbourhoods[0], rng)
        _search_words()
        out(f"  search words of items, activities and clubs ({monotonic() - started:.0f} s)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    out(f"  analysed the tables ({monotonic() - started:.0f} s)")
    return {"neighbourhoods": len(neighbourhoods), "members": scale.members, **totals}


def _search_words() -> None:
    """What the actions' ``index_for_search`` store (``core.search.store``), for all rows at
    once: the search words of offers and requests, activities and clubs, then their vectors."""
    from django.db.models import OuterRef, Subquery, TextField, Value
    from django.db.models.functions import Coalesce, Concat, Lower

    from buurtplein.agenda.models import Activity
    from buurtplein.clubs.models import Club
    from buurtplein.core.search import fill_vectors
    from buurtplein.exchange.models import Item

    def words(*parts):
        joined = []
        for part in parts:
            joined += [
                Coalesce(part, Value(""), output_field=TextField()),
                Value("\n", output_field=TextField()),
            ]
        return Lower(Concat(*joined[:-1], output_field=TextField()), output_field=TextField())

    def name_of_organisation():
        return Subquery(
            Organisation.objects.filter(pk=OuterRef("organisation_id")).values("name")[:1]
        )

    Item.objects.update(search_text=words("title", "description", "area", "initiative_name"))
    Activity.objects.update(
        search_text=words("title", "description", "place_name", "address", name_of_organisation())
    )
    Club.objects.update(
        search_text=words(
            name_of_organisation(), "kind", "pitch", "description", "meets_where", "meets_when"
        )
    )
    for model in (Item, Activity, Club):
        fill_vectors(model)


@transaction.atomic
def _neighbourhoods_and_organisations(scale: BulkScale, rng: random.Random):
    neighbourhoods, welfare = [], {}
    for spec in _neighbourhood_specs(scale.neighbourhoods, rng):
        nb = neighbourhood_from_spec(spec)
        InviteCode.objects.create(
            neighbourhood=nb, code=spec["invite"], note="Demo", max_uses=100_000
        )
        neighbourhoods.append(nb)
    by_slug = {nb.slug: nb for nb in neighbourhoods}
    for spec in data.ORGANISATIONS:
        where = [by_slug[slug] for slug in spec["where"] if slug in by_slug]
        organisation = Organisation.objects.create(
            **{k: v for k, v in spec.items() if k != "where"}
        )
        organisation.neighbourhoods.set(where)
        if spec["kind"] == "welfare":
            for nb in where:
                welfare[nb.pk] = organisation
    for nb in neighbourhoods:
        if nb.pk not in welfare:
            organisation = Organisation.objects.create(
                slug=f"welzijn-{nb.slug}",
                name=f"Welzijn {nb.spec['municipality']} ({nb.name})",
                kind=Organisation.Kind.WELFARE,
                description_nl="Opbouwwerk, sociaal werk en ouderenwerk in de wijk.",
                description_en="Community work, social work and work with older people.",
            )
            organisation.neighbourhoods.set([nb])
            welfare[nb.pk] = organisation
    return neighbourhoods, welfare


def _members(scale, rng, neighbourhoods, welfare, started, out) -> dict[int, list[int]]:
    """Every member joins one neighbourhood; a few per neighbourhood have a special role."""
    first = neighbourhoods[0]
    with transaction.atomic():
        demo_users = create_demo_logins(first, welfare[first.pk], rng)
    members = {
        nb.pk: [user.pk for user in demo_users] if nb == first else [] for nb in neighbourhoods
    }
    password = make_password(DEMO_PASSWORD)
    interests = list(
        Interest.objects.filter(kind=Interest.Kind.INTEREST).values_list("pk", flat=True)
    )
    skills = list(Interest.objects.filter(kind=Interest.Kind.SKILL).values_list("pk", flat=True))
    now = timezone.now()
    total = scale.members - len(demo_users)
    for start in range(0, total, BATCH):
        numbers = range(start + 1, min(total, start + BATCH) + 1)
        with transaction.atomic():
            users = User.objects.bulk_create(
                [
                    User(
                        email=f"buur{n}@bench.example.nl",
                        first_name=rng.choice(data.FIRST_NAMES),
                        last_name=rng.choice(data.LAST_NAMES),
                        password=password,
                        date_joined=now - timedelta(days=rng.randint(1, 900)),
                    )
                    for n in numbers
                ]
            )
            EmailAddress.objects.bulk_create(
                [
                    EmailAddress(user=user, email=user.email, verified=True, primary=True)
                    for user in users
                ]
            )
            placed = [
                (user, neighbourhoods[(n - 1) % len(neighbourhoods)])
                for n, user in zip(numbers, users, strict=True)
            ]
            profiles = Profile.objects.bulk_create(
                [
                    Profile(
                        user=user,
                        intro=rng.choice(data.INTROS).format(
                            years=rng.randint(1, 40), country=rng.choice(data.COUNTRIES)
                        ),
                        street=rng.choice(nb.spec["streets"]),
                        languages=[
                            "nl",
                            *rng.sample(["en", "de", "tr", "ar", "pl"], rng.randint(0, 2)),
                        ],
                    )
                    for user, nb in placed
                ]
            )
            Profile.interests.through.objects.bulk_create(
                [
                    Profile.interests.through(profile_id=profile.pk, interest_id=pk)
                    for profile in profiles
                    for pk in rng.sample(interests, rng.randint(1, 4))
                ]
            )
            Profile.skills.through.objects.bulk_create(
                [
                    Profile.skills.through(profile_id=profile.pk, interest_id=pk)
                    for profile in profiles
                    for pk in rng.sample(skills, rng.randint(0, 2))
                ]
            )
            memberships = []
            for user, nb in placed:
                rank = len(members[nb.pk])
                role = Role.RESIDENT
                if rank in (4, 5):
                    role = Role.CONNECTOR
                elif rank in (6, 7):
                    role = Role.PROFESSIONAL
                members[nb.pk].append(user.pk)
                memberships.append(
                    Membership(
                        neighbourhood=nb,
                        user=user,
                        role=role,
                        status=Membership.Status.VERIFIED,
                        postcode=nb.spec["pc4"][0],
                        organisation=welfare[nb.pk] if role == Role.PROFESSIONAL else None,
                        joined_at=user.date_joined,
                        verified_at=user.date_joined,
                    )
                )
            memberships = Membership.objects.bulk_create(memberships)
            # bulk_create sends no signal: the search's index of neighbours by interest.
            held_interests.write(membership_ids=[m.pk for m in memberships])
            VerificationLog.objects.bulk_create(
                [
                    VerificationLog(
                        neighbourhood_id=m.neighbourhood_id,
                        membership=m,
                        method=VerificationLog.Method.INVITE,
                        created_at=m.joined_at,
                    )
                    for m in memberships
                ]
            )
            for m in memberships:
                if m.role == Role.PROFESSIONAL:
                    m.organisation.staff.add(m.user_id)
        if (start // BATCH) % 5 == 4 or start + BATCH >= total:
            done = min(total, start + BATCH) + len(demo_users)
            out(f"  {done} members ({monotonic() - started:.0f} s)")
    return members


@transaction.atomic
def _square(nb, people, n_posts, n_comments, n_reactions, photos, rng) -> dict:
    """One neighbourhood's posts, photos, comments and reactions."""
    now = timezone.now()
    ages = sorted((rng.random() * 730 * 24 * 60 for _ in range(n_posts)), reverse=True)
    long_thread = rng.randrange(n_posts // 2, n_posts)
    comment_targets = rng.choices(range(n_posts), k=max(0, n_comments - LONG_THREAD))
    comment_targets += [long_thread] * min(n_comments, LONG_THREAD)
    comments_per_post = [0] * n_posts
    for k in comment_targets:
        comments_per_post[k] += 1
    reactions_per_post = [0] * n_posts
    for k in rng.choices(range(n_posts), k=n_reactions):
        if reactions_per_post[k] < len(people):
            reactions_per_post[k] += 1

    posts = []
    for k, minutes in enumerate(ages):
        text = compose_post(rng, nb.spec["streets"], k)
        if k == long_thread:  # public news that many neighbours answer
            text = compose_post(rng, nb.spec["streets"], 2)
        posts.append(
            Post(
                neighbourhood=nb,
                author_id=rng.choice(people),
                category=text.category,
                title=text.title,
                text=text.text,
                text_html=text.html,
                visibility=Visibility.PUBLIC if text.public else Visibility.MEMBERS,
                created_at=now - timedelta(minutes=minutes),
                comment_count=comments_per_post[k],
                reaction_count=reactions_per_post[k],
                search_text=f"{text.title}\n{text.text}".strip(),
            )
        )
    notices = [post for post in posts if post.category == "notice"][-2:]
    for post in notices:
        post.pinned_at = post.created_at
    posts = _bulk(Post, posts)
    # What post_create does per post (square.actions._index_for_search), for all at once.
    Post.objects.filter(neighbourhood=nb).update(
        search_vector=SearchVector("search_text", config=SEARCH_CONFIG)
    )

    def photo_rows():
        for post in posts:
            if rng.random() < 0.2:
                for position in range(rng.choice([1, 1, 1, 2])):
                    photo = rng.choice(photos)
                    yield PostPhoto(neighbourhood=nb, post=post, position=position, **photo)

    def comment_rows():
        for post, count in zip(posts, comments_per_post, strict=True):
            for _ in range(count):
                when = min(now, post.created_at + timedelta(minutes=rng.randint(5, 60 * 72)))
                body = comment_for(rng, post.category)
                yield Comment(
                    neighbourhood=nb,
                    post=post,
                    author_id=rng.choice(people),
                    text=body,
                    text_html=render_cached(body),
                    created_at=when,
                )

    def reaction_rows():
        for post, count in zip(posts, reactions_per_post, strict=True):
            for user_id in rng.sample(people, count):
                yield Reaction(
                    neighbourhood=nb,
                    post=post,
                    user_id=user_id,
                    kind=rng.choice(("thumb", "thumb", "heart", "thanks", "laugh")),
                    created_at=min(now, post.created_at + timedelta(minutes=rng.randint(1, 600))),
                )

    _bulk(PostPhoto, photo_rows())
    comments = len(_bulk(Comment, comment_rows()))
    reactions = len(_bulk(Reaction, reaction_rows()))
    return {"posts": len(posts), "comments": comments, "reactions": reactions}


@transaction.atomic
def _exchange(nb, people, n_items, photos, rng) -> int:
    """One neighbourhood's offers and requests (vraag & aanbod), as ``exchange.actions.item_create``
    writes them: Markdown rendered, 30 days to live, the owner's place from a postcode of the
    neighbourhood (PC6 centres where known, so distance filters have something to filter). Most
    of the older ones are arranged or expired; the last month's are open."""
    from buurtplein.exchange.demo import ITEMS
    from buurtplein.exchange.models import EXPIRY_DAYS, Item, ItemPhoto
    from buurtplein.exchange.models import State as ItemState
    from buurtplein.exchange.models import Visibility as ItemVisibility

    places = list(
        Postcode.objects.filter(neighbourhood=nb, latitude__isnull=False).values_list(
            "latitude", "longitude"
        )
    )
    now = timezone.now()
    items = []
    for k in range(n_items):
        direction, kind, category, deal, price, title, text, when = ITEMS[k % len(ITEMS)]
        created = now - timedelta(minutes=rng.random() * 365 * 24 * 60)
        expires = created + timedelta(days=EXPIRY_DAYS)
        if expires > now:
            state = ItemState.OPEN
        else:
            state = rng.choice((ItemState.DONE, ItemState.EXPIRED, ItemState.EXPIRED))
        latitude, longitude = rng.choice(places) if places else (None, None)
        items.append(
            Item(
                neighbourhood=nb,
                owner_id=rng.choice(people),
                direction=direction,
                kind=kind,
                category=category,
                deal=deal,
                price=price,
                title=title,
                description=text,
                description_html=render_cached(text),
                area=rng.choice(nb.spec["streets"]),
                availability=when,
                visibility=ItemVisibility.PUBLIC if rng.random() < 0.25 else ItemVisibility.MEMBERS,
                latitude=latitude,
                longitude=longitude,
                state=state,
                expires_at=expires,
                done_at=expires - timedelta(days=rng.randint(1, 20))
                if state == ItemState.DONE
                else None,
                created_at=created,
            )
        )
    items = _bulk(Item, items)
    _bulk(
        ItemPhoto,
        (
            ItemPhoto(neighbourhood=nb, item=item, position=0, **rng.choice(photos))
            for item in items
            if item.kind == "things" and rng.random() < 0.5
        ),
    )
    return len(items)


@transaction.atomic
def _saved_posts_for_demo_logins(nb, rng) -> None:
    demo_users = User.objects.filter(memberships__neighbourhood=nb).order_by("pk")[:4]
    recent = list(Post.objects.filter(neighbourhood=nb).order_by("-created_at")[:200])
    SavedPost.objects.bulk_create(
        [
            SavedPost(neighbourhood=nb, post=post, user=user)
            for user in demo_users
            for post in rng.sample(recent, min(len(recent), 30))
        ]
    )


# (title, place, RRULE or "" for once, start hour, minutes, target groups, cost in euros)
ACTIVITIES = [
    (
        "Bewegen voor ouderen",
        "Buurthuis",
        "FREQ=WEEKLY;BYDAY=TU;WKST=MO",
        10,
        60,
        ["seniors"],
        None,
    ),
    ("Koffie-ochtend", "Buurthuis", "FREQ=WEEKLY;BYDAY=WE;WKST=MO", 10, 90, ["everyone"], None),
    ("Buurtmaaltijd", "Wijkcentrum", "FREQ=WEEKLY;BYDAY=TH;WKST=MO", 17, 120, ["seniors"], 5),
    ("Taalcafé", "Bibliotheek", "FREQ=WEEKLY;BYDAY=MO;WKST=MO", 14, 90, ["newcomers"], None),
    ("Bridgeles", "Buurthuis", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;WKST=MO", 13, 150, ["seniors"], 3),
    ("Leesclub", "Bibliotheek", "FREQ=MONTHLY;BYDAY=2TH", 19, 120, ["everyone"], None),
    ("Peuterochtend", "Speeltuin", "FREQ=WEEKLY;BYDAY=FR;WKST=MO", 9, 90, ["families"], None),
    ("Huiswerkklas", "Wijkcentrum", "FREQ=WEEKLY;BYDAY=MO,WE;WKST=MO", 15, 90, ["youth"], None),
    ("Repair Café", "Buurthuis", "FREQ=MONTHLY;BYDAY=-1SA", 13, 180, ["everyone"], None),
    (
        "Wandelen in het park",
        "Ingang park",
        "FREQ=WEEKLY;BYDAY=SA;WKST=MO",
        10,
        60,
        ["everyone"],
        None,
    ),
    ("Opschoondag", "Het plein", "", 10, 180, ["everyone", "families"], None),
    ("Buurtfeest", "Het plein", "", 15, 300, ["everyone"], None),
]


def _agenda(nb, people, organisation, n_activities, rng) -> tuple[int, int]:
    """One neighbourhood's activities and their dates, as ``agenda.actions.activity_create``
    writes them: the dates materialised up to the horizon (a year ahead) by the agenda's own
    expansion (python-dateutil), the calendar filters copied onto every date, a third by the
    welfare organisation, a quarter for everyone to see. The first dates of the coming weeks
    have a few sign-ups. Returns (activities, dates)."""
    from datetime import datetime, time

    from buurtplein.agenda import recurrence
    from buurtplein.agenda.models import (
        HORIZON_DAYS,
        Activity,
        Occurrence,
        Rsvp,
        RsvpStatus,
        Visibility,
        groups_to_mask,
        local_tz,
    )

    if not n_activities:
        return 0, 0
    now = timezone.now()
    today = timezone.localtime(now).date()
    horizon = today + timedelta(days=HORIZON_DAYS)
    until = datetime.combine(horizon, time(23, 59, 59), tzinfo=local_tz())
    activities = []
    for k in range(n_activities):
        title, place, rule, hour, minutes, groups, cost = ACTIVITIES[k % len(ACTIVITIES)]
        cost = cost or None
        # Spread the series over the week: a weekly rule gets a weekday of its own.
        if rule.startswith("FREQ=WEEKLY;BYDAY=") and rng.random() < 0.6:
            day = rng.choice(["MO", "TU", "WE", "TH", "FR", "SA"])
            rule = f"FREQ=WEEKLY;BYDAY={day};WKST=MO"
        first = (
            today - timedelta(days=rng.randint(0, 120))
            if rule
            else today + timedelta(days=rng.randint(1, 120))
        )
        start = time(hour, rng.choice([0, 15, 30]))
        end = (datetime.combine(first, start) + timedelta(minutes=minutes)).time()
        description = f"{title} in {place.lower()}. Iedereen is welkom, ook als je nieuw bent."
        activities.append(
            Activity(
                neighbourhood=nb,
                organiser_id=rng.choice(people),
                organisation=organisation if k % 3 == 0 else None,
                title=title,
                description=description,
                description_html=render_cached(description),
                place_name=place,
                address=rng.choice(nb.spec["streets"]) + f" {rng.randint(1, 120)}",
                wheelchair_accessible=rng.random() < 0.6,
                hearing_loop=rng.random() < 0.2,
                cost=cost,
                target_groups=groups_to_mask(groups),
                capacity=rng.choice([None, None, 12, 20, 30]),
                visibility=Visibility.PUBLIC if k % 4 == 0 else Visibility.MEMBERS,
                start_date=first,
                start_time=start,
                end_time=end,
                rrule=rule,
                horizon_until=horizon,
                created_at=now - timedelta(days=rng.randint(1, 200)),
            )
        )
    activities = _bulk(Activity, activities)

    def date_rows():
        for activity in activities:
            for begin in recurrence.expand(activity.rrule, activity.first_start, until=until):
                if begin <= now:
                    continue
                yield Occurrence(
                    neighbourhood=nb,
                    activity=activity,
                    original_start=begin,
                    starts_at=begin,
                    ends_at=datetime.combine(begin.date(), activity.end_time, tzinfo=local_tz()),
                    weekday=begin.isoweekday(),
                    target_groups=activity.target_groups,
                    is_free=activity.cost is None,
                    public=activity.visibility == Visibility.PUBLIC,
                )

    dates = 0
    soon = now + timedelta(days=21)
    for chunk in _batched(date_rows()):
        created = Occurrence.objects.bulk_create(chunk, batch_size=BATCH)
        dates += len(created)
        rsvps = []
        for occurrence in created:
            if occurrence.starts_at > soon:
                continue
            for person in rng.sample(people, min(len(people), rng.randint(0, 6))):
                rsvps.append(
                    Rsvp(
                        neighbourhood=nb,
                        occurrence=occurrence,
                        activity_id=occurrence.activity_id,
                        person_id=person,
                        status=RsvpStatus.GOING,
                    )
                )
                occurrence.going_count += 1
        _bulk(Rsvp, rsvps)
        Occurrence.objects.bulk_update(
            [o for o in created if o.going_count], ["going_count"], batch_size=BATCH
        )
    return len(activities), dates


CLUB_NAMES = [
    ("Bridgeclub", "club", "Elke vrijdagmiddag bridgen in het buurthuis."),
    ("Wandelclub", "club", "We wandelen elke zaterdag een uur door de wijk en het park."),
    ("Buurtmoestuin", "initiative", "Samen groente kweken op het braakliggende veldje."),
    ("Buurtkoor", "association", "Zingen is gezond: we repeteren op dinsdagavond."),
    ("Jeu de boules", "club", "Boulen op het plein, bij mooi weer elke middag."),
    ("Schaakclub", "association", "Schaken voor jong en oud, ook voor beginners."),
    ("Repair Café", "initiative", "Samen repareren in plaats van weggooien."),
    ("Breiclub", "club", "Breien, haken en een kopje thee."),
    ("Voedselbos", "initiative", "Een eetbaar bos voor de hele buurt."),
    ("Fietsclub", "club", "Elke zondag een tocht van 40 kilometer."),
]


def _clubs(nb, people, n_clubs, photos, rng) -> int:
    """One neighbourhood's clubs as ``clubs.actions.club_create`` and the join actions write
    them: an organisation per club (its board is the organisation's staff), members (two on the
    board), the member count kept, a photo for most, and posts on the square on the club's
    behalf. Returns the number of clubs."""
    from buurtplein.clubs.models import (
        ORGANISATION_KIND,
        Audience,
        Club,
        ClubMember,
        ClubPhoto,
        JoinPolicy,
    )
    from buurtplein.clubs.models import Role as ClubRole
    from buurtplein.clubs.models import Status as ClubStatus

    if not n_clubs:
        return 0
    now = timezone.now()
    specs = []
    for k in range(n_clubs):
        base, kind, pitch = CLUB_NAMES[k % len(CLUB_NAMES)]
        street = nb.spec["streets"][k % len(nb.spec["streets"])]
        name = f"{base} {street}" if k >= len(CLUB_NAMES) else f"{base} {nb.name}"
        specs.append((name, kind, pitch))
    organisations = _bulk(
        Organisation,
        (
            Organisation(
                name=name,
                slug=slugify(f"{name}-{nb.pk}")[:80],
                kind=ORGANISATION_KIND[kind],
                email=f"{slugify(name)[:40]}@example.nl",
            )
            for name, kind, _pitch in specs
        ),
    )
    Organisation.neighbourhoods.through.objects.bulk_create(
        [
            Organisation.neighbourhoods.through(organisation_id=o.pk, neighbourhood_id=nb.pk)
            for o in organisations
        ]
    )
    clubs = []
    for organisation, (_name, kind, pitch) in zip(organisations, specs, strict=True):
        description = f"{pitch}\n\nKom gerust een keer kijken: de eerste keer is gratis."
        clubs.append(
            Club(
                neighbourhood=nb,
                organisation=organisation,
                kind=kind,
                pitch=pitch,
                description=description,
                description_html=render_cached(description),
                meets_where="Buurthuis",
                meets_when="Elke week",
                contact_audience=Audience.PUBLIC if rng.random() < 0.5 else Audience.MEMBERS,
                join_policy=JoinPolicy.OPEN if rng.random() < 0.6 else JoinPolicy.REQUEST,
                created_by_id=rng.choice(people),
                created_at=now - timedelta(days=rng.randint(30, 700)),
            )
        )
    clubs = _bulk(Club, clubs)
    members, staff, posts = [], [], []
    for club in clubs:
        chosen = rng.sample(people, min(len(people), rng.randint(*CLUB_MEMBERS)))
        for index, person in enumerate(chosen):
            board = index < 2
            members.append(
                ClubMember(
                    neighbourhood=nb,
                    club=club,
                    user_id=person,
                    role=ClubRole.BOARD if board else ClubRole.MEMBER,
                    status=ClubStatus.ACTIVE,
                    joined_at=club.created_at,
                    requested_at=club.created_at,
                )
            )
            if board:
                staff.append(
                    Organisation.staff.through(organisation_id=club.organisation_id, user_id=person)
                )
        club.member_count = len(chosen)
        for p in range(CLUB_POSTS):
            text = f"Nieuws van {club.organisation.name}: we zien je graag bij de volgende keer!"
            title = f"{club.organisation.name}: nieuws {p + 1}"
            posts.append(
                Post(
                    neighbourhood=nb,
                    author_id=chosen[p % 2],
                    organisation_id=club.organisation_id,
                    category="news",
                    title=title,
                    text=text,
                    text_html=render_cached(text),
                    search_text=f"{title}\n{text}",
                    visibility=Visibility.PUBLIC if p % 2 else Visibility.MEMBERS,
                    created_at=now - timedelta(days=p * 9 + rng.random()),
                )
            )
    _bulk(ClubMember, members)
    Organisation.staff.through.objects.bulk_create(staff, batch_size=BATCH)
    Club.objects.bulk_update(clubs, ["member_count"], batch_size=BATCH)
    _bulk(Post, posts)
    Post.objects.filter(neighbourhood=nb, organisation__clubs__in=clubs).update(
        search_vector=SearchVector("search_text", config=SEARCH_CONFIG)
    )
    _bulk(
        ClubPhoto,
        (
            ClubPhoto(neighbourhood=nb, club=club, position=0, **rng.choice(photos))
            for club in clubs
            if rng.random() < 0.7
        ),
    )
    return len(clubs)
