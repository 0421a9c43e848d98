"""Fill the database with believable Dutch demo data.

The small scales ("tiny" for tests, "demo" for the README's demo) create things the way people
do, through the actions: members join with an invite code, fill in their profile, post (photos go
through the real photo pipeline), comment, react and save; a buurtverbinder pins. Only what
happened "in the past" is written directly: the staff that an admin set up, members approved by a
buurtverbinder (through the action each would get a decision e-mail, printed at the demo's
start), and the dates, spread over the past months. The benchmark scales live in
``buurtplein/demo/bulk.py``.

The same seed gives the same people, texts and pictures.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.accounts import actions as account_actions
from buurtplein.accounts.models import (
    PROFILE_VISIBILITY_FIELDS,
    Interest,
    InviteCode,
    Organisation,
    User,
    VerificationLog,
)
from buurtplein.core.components import ALWAYS_ON, Component
from buurtplein.core.demo_pictures import picture
from buurtplein.core.models import Membership, Neighbourhood, Postcode, Role
from buurtplein.demo import clubs, data, moderation
from buurtplein.demo.texts import comment_for, compose_post, intro_for
from buurtplein.square import actions as square_actions
from buurtplein.square.models import Comment, Post, ReactionKind

DEMO_PASSWORD = "buurtplein"  # noqa: S105 - the documented demo log-in

# (e-mail, first name, last name, role, who) — all in Nijmegen-Oost, password DEMO_PASSWORD.
# The admin is also the platform's superuser (/admin/).
DEMO_LOGINS = [
    ("demo-bewoner@buurtplein.nl", "Els", "Bakker", Role.RESIDENT, "resident"),
    ("demo-buurtverbinder@buurtplein.nl", "Karim", "El Amrani", Role.CONNECTOR, "buurtverbinder"),
    ("demo-professional@buurtplein.nl", "Sanne", "de Groot", Role.PROFESSIONAL, "professional"),
    ("demo-admin@buurtplein.nl", "Wilma", "Visser", Role.ADMIN, "admin"),
]


@dataclass(frozen=True)
class Scale:
    members_per_neighbourhood: int
    posts_per_neighbourhood: int
    photo_share: float
    max_comments: int
    max_reactions: int


SCALES = {
    "tiny": Scale(6, 6, 0.5, 2, 3),
    # 3 × (20 + 2 waiting) + 4 demo log-ins ≈ 70 people, 300 posts.
    "demo": Scale(20, 100, 0.3, 5, 8),
}


def database_has_data() -> bool:
    return Neighbourhood.objects.exists()


def demo_neighbourhoods_present() -> list[str]:
    """Names of the demo's neighbourhoods that are in the database already."""
    slugs = [spec["slug"] for spec in data.NEIGHBOURHOODS]
    return list(Neighbourhood.objects.filter(slug__in=slugs).values_list("name", flat=True))


@functools.cache
def _demo_password_hash() -> str:
    """Hashed once: all demo accounts share the password, and each hash takes the better part
    of a second on purpose (half the demo's first start, for 70 accounts)."""
    return make_password(DEMO_PASSWORD)


def _person(
    email, first, last, rng, neighbourhood, interests, skills, role=Role.RESIDENT, organisation=None
) -> User:
    """An account with a verified e-mail address and a filled-in profile that fits the role
    the person will have (a professional writes about their work for ``organisation``)."""
    user = User(
        email=email.lower(), password=_demo_password_hash(), first_name=first, last_name=last
    )
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    visibility = {key: str(value) for key, value in PROFILE_VISIBILITY_FIELDS.items()}
    if rng.random() < 0.3:
        visibility["intro"] = "everyone"
    account_actions.profile_update(
        user=user,
        first_name=first,
        last_name=last,
        show_full_name=rng.random() < 0.4,
        intro=intro_for(rng, role, organisation.name if organisation else ""),
        interests=rng.sample(interests, min(len(interests), rng.randint(2, 5))),
        skills=rng.sample(skills, min(len(skills), rng.randint(0, 3))),
        tags=[],
        languages=["nl", *rng.sample(["en", "de", "tr", "ar", "pl", "uk"], rng.randint(0, 2))],
        street=rng.choice(neighbourhood.spec["streets"]),
        visibility=visibility,
    )
    return user


def create_demo_logins(neighbourhood, organisation, rng: random.Random) -> list[User]:
    """The four documented log-ins, set up by an admin in ``neighbourhood`` (scopes disabled)."""
    interests = list(Interest.objects.filter(kind=Interest.Kind.INTEREST))
    skills = list(Interest.objects.filter(kind=Interest.Kind.SKILL))
    when = timezone.now() - timedelta(days=300)
    users = []
    for email, first, last, role, _who in DEMO_LOGINS:
        user = _person(
            email,
            first,
            last,
            rng,
            neighbourhood,
            interests,
            skills,
            role,
            organisation if role == Role.PROFESSIONAL else None,
        )
        if role == Role.ADMIN:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        membership = Membership.objects.create(
            neighbourhood=neighbourhood,
            user=user,
            role=role,
            status=Membership.Status.VERIFIED,
            postcode=demo_postcode(neighbourhood, rng),
            organisation=organisation if role == Role.PROFESSIONAL else None,
            joined_at=when,
            verified_at=when,
        )
        VerificationLog.objects.create(
            neighbourhood=neighbourhood,
            membership=membership,
            method=VerificationLog.Method.ADMIN,
            created_at=when,
        )
        if role == Role.PROFESSIONAL:
            organisation.staff.add(user)
        users.append(user)
    return users


def neighbourhood_from_spec(spec: dict) -> Neighbourhood:
    """Save a neighbourhood and its postcodes described like ``data.NEIGHBOURHOODS``."""
    nb = Neighbourhood(
        slug=spec["slug"],
        name=spec["name"],
        kind=spec["kind"],
        municipality=spec["municipality"],
        tagline_nl=spec["tagline_nl"],
        tagline_en=spec["tagline_en"],
        intro_nl=spec["intro_nl"],
        intro_en=spec["intro_en"],
        colour_primary=spec["colours"][0],
        colour_accent=spec["colours"][1],
    )
    nb.full_clean()  # the colours pass the contrast validator
    nb.save()
    Postcode.objects.bulk_create(demo_postcodes(nb, spec))
    nb.spec = spec
    nb.pc6s = [p.pc6 for p in Postcode.objects.filter(neighbourhood=nb).exclude(pc6="")]
    return nb


PC6_PER_PC4 = 8


def demo_postcodes(nb: Neighbourhood, spec: dict) -> list[Postcode]:
    """The neighbourhood's PC4 areas and, within each, a few PC6 streets spread up to ~700 m
    around its centre (made up, the same every time), so that distances mean something."""
    rows = []
    for pc4 in spec["pc4"]:
        lat, lon = spec.get("centres", {}).get(pc4, (None, None))
        rows.append(Postcode(neighbourhood=nb, pc4=pc4, latitude=lat, longitude=lon))
        if lat is None:
            continue
        rng = random.Random(pc4)
        letters = rng.sample(
            ["AB", "AC", "BD", "BH", "CE", "CK", "DG", "EL", "GP", "HS", "JT"], PC6_PER_PC4
        )
        for pair in letters:
            rows.append(
                Postcode(
                    neighbourhood=nb,
                    pc4=pc4,
                    pc6=pc4 + pair,
                    latitude=lat + rng.uniform(-0.006, 0.006),
                    longitude=lon + rng.uniform(-0.009, 0.009),
                )
            )
    return rows


def demo_postcode(nb: Neighbourhood, rng: random.Random) -> str:
    """Where a demo member lives: one of the neighbourhood's PC6 areas (or its first PC4)."""
    return rng.choice(nb.pc6s) if getattr(nb, "pc6s", None) else nb.spec["pc4"][0]


def _neighbourhoods() -> dict[str, Neighbourhood]:
    return {spec["slug"]: neighbourhood_from_spec(spec) for spec in data.NEIGHBOURHOODS}


def _organisations(neighbourhoods) -> dict[str, Organisation]:
    organisations = {}
    for spec in data.ORGANISATIONS:
        organisation = Organisation.objects.create(
            **{key: value for key, value in spec.items() if key != "where"}
        )
        organisation.neighbourhoods.set([neighbourhoods[slug] for slug in spec["where"]])
        organisations[spec["slug"]] = organisation
    return organisations


@transaction.atomic
def generate(scale_name: str = "demo", seed: int = 2026, out=print) -> dict:
    scale = SCALES[scale_name]
    rng = random.Random(seed)
    now = timezone.now()
    with scopes_disabled():
        neighbourhoods = _neighbourhoods()
        organisations = _organisations(neighbourhoods)
        interests = list(Interest.objects.filter(kind=Interest.Kind.INTEREST))
        skills = list(Interest.objects.filter(kind=Interest.Kind.SKILL))
        welfare_for = {
            "nijmegen-oost": organisations["sterker-welzijn"],
            "ooij": organisations["sterker-welzijn"],
            "amersfoort-liendert": organisations["buurtkracht-amersfoort"],
        }
        oost = neighbourhoods["nijmegen-oost"]
        demo_users = create_demo_logins(oost, welfare_for["nijmegen-oost"], rng)
        admin = demo_users[-1]
    out(f"  {len(neighbourhoods)} neighbourhoods, {len(organisations)} organisations")

    members = {slug: [] for slug in neighbourhoods}
    members["nijmegen-oost"] += demo_users
    counter = 0
    for slug, nb in neighbourhoods.items():
        with scope(neighbourhood=nb):
            invite = InviteCode.objects.create(
                neighbourhood=nb,
                code=nb.spec["invite"],
                note="Demo",
                max_uses=1000,
                created_by=admin,
            )
            for note in ("Flyer buurthuis", "Nieuwe bewoners"):
                InviteCode.objects.create(
                    neighbourhood=nb,
                    code=f"{nb.spec['invite'][:4]}{rng.randrange(10**4):04d}",
                    note=note,
                    max_uses=10,
                    created_by=admin,
                )
            connector = None
            for i in range(scale.members_per_neighbourhood):
                counter += 1
                role = {0: Role.CONNECTOR, 1: Role.PROFESSIONAL}.get(i, Role.RESIDENT)
                user = _person(
                    f"buur{counter}@example.nl",
                    data.FIRST_NAMES[(counter * 7) % len(data.FIRST_NAMES)],
                    data.LAST_NAMES[(counter * 5) % len(data.LAST_NAMES)],
                    rng,
                    nb,
                    interests,
                    skills,
                    role,
                    welfare_for[slug] if role == Role.PROFESSIONAL else None,
                )
                joined = now - timedelta(days=rng.randint(1, 400), minutes=rng.randint(0, 1440))
                if connector is None or rng.random() < 0.6:
                    membership = account_actions.membership_join(
                        user=user,
                        neighbourhood=nb,
                        postcode=demo_postcode(nb, rng),
                        code=invite.code,
                    )
                    Membership.objects.filter(pk=membership.pk).update(
                        joined_at=joined, verified_at=joined
                    )
                    VerificationLog.objects.filter(membership=membership).update(created_at=joined)
                else:  # approved by the buurtverbinder, back then
                    membership = Membership.objects.create(
                        neighbourhood=nb,
                        user=user,
                        postcode=demo_postcode(nb, rng),
                        status=Membership.Status.VERIFIED,
                        joined_at=joined,
                        verified_at=joined + timedelta(hours=rng.randint(1, 30)),
                    )
                    VerificationLog.objects.create(
                        neighbourhood=nb,
                        membership=membership,
                        method=VerificationLog.Method.APPROVAL,
                        actor=connector,
                        created_at=membership.verified_at,
                    )
                if i == 0:
                    account_actions.membership_set_role(
                        actor=admin, membership=membership, role=Role.CONNECTOR
                    )
                    connector = user
                elif i == 1:
                    account_actions.membership_set_role(
                        actor=admin,
                        membership=membership,
                        role=Role.PROFESSIONAL,
                        organisation=welfare_for[slug],
                    )
                    welfare_for[slug].staff.add(user)
                members[slug].append(user)
            # Two newcomers who asked to join and wait for a buurtverbinder.
            for _ in range(2):
                counter += 1
                user = _person(
                    f"nieuw{counter}@example.nl",
                    data.FIRST_NAMES[(counter * 3) % len(data.FIRST_NAMES)],
                    data.LAST_NAMES[(counter * 11) % len(data.LAST_NAMES)],
                    rng,
                    nb,
                    interests,
                    skills,
                )
                membership = account_actions.membership_join(
                    user=user, neighbourhood=nb, postcode=nb.spec["pc4"][0]
                )
                Membership.objects.filter(pk=membership.pk).update(
                    joined_at=now - timedelta(hours=rng.randint(2, 72))
                )
            nb.connector = connector
    out(f"  {sum(len(m) for m in members.values())} verified members, demo log-ins ready")

    pictures = [picture(random.Random(seed + k)) for k in range(12)]
    counts = {"posts": 0, "comments": 0, "reactions": 0}
    for slug, nb in neighbourhoods.items():
        with scope(neighbourhood=nb):
            _square(nb, members[slug], scale, pictures, rng, now, counts)
    out(
        f"  {counts['posts']} posts, {counts['comments']} comments, {counts['reactions']} reactions"
    )
    for component, seed_component in component_seeders():
        for slug, nb in neighbourhoods.items():
            if component.label in ALWAYS_ON or nb.has_component(component.label):
                with scope(neighbourhood=nb):
                    seed_component(
                        nb, members[slug], random.Random(f"{seed}-{component.label}-{slug}")
                    )
        out(f"  {component.name}: filled")
    for slug, nb in neighbourhoods.items():
        with scope(neighbourhood=nb):
            clubs.seed(nb, random.Random(f"{seed}-clubs-elsewhere-{slug}"))
            moderation.seed(nb, members[slug], random.Random(f"{seed}-moderation-{slug}"))
    return {
        "neighbourhoods": len(neighbourhoods),
        "members": sum(len(m) for m in members.values()),
        **counts,
    }


def component_seeders() -> list[tuple[Component, Callable]]:
    """``(component, seed)`` for every component whose app has a ``demo.py`` with
    ``seed(neighbourhood, members, rng)`` (members: the neighbourhood's verified members, demo
    log-ins included), in home order."""
    found = []
    for config in apps.get_app_configs():
        component = getattr(config, "component", None)
        if component is None:
            continue
        try:
            module = import_module(f"{config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
            continue
        found.append((component, module.seed))
    return sorted(found, key=lambda pair: (pair[0].home_order, pair[0].label))


def _square(nb, people, scale, pictures, rng, now, counts) -> None:
    """Posts, comments, reactions and saves of one neighbourhood; pins its newest notices."""
    ages = sorted(rng.randint(30, 60 * 24 * 90) for _ in range(scale.posts_per_neighbourhood))
    for k, minutes in enumerate(reversed(ages)):  # oldest first, as they were written
        text = compose_post(rng, nb.spec["streets"], k + len(nb.slug))
        chosen = []
        if rng.random() < scale.photo_share:
            chosen = [rng.choice(pictures) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
        post = square_actions.post_create(
            author=rng.choice(people),
            neighbourhood=nb,
            category=text.category,
            title=text.title,
            text=text.text,
            visibility="public" if text.public else "members",
            photos=[SimpleUploadedFile("foto.jpg", jpeg, "image/jpeg") for jpeg, _alt in chosen],
            alt_texts=[alt for _jpeg, alt in chosen],
        )
        created = now - timedelta(minutes=minutes)
        Post.objects.filter(pk=post.pk).update(created_at=created)
        counts["posts"] += 1
        for c in range(rng.randint(0, scale.max_comments)):
            comment = square_actions.comment_create(
                author=rng.choice(people), post=post, text=comment_for(rng, text.category)
            )
            Comment.objects.filter(pk=comment.pk).update(
                created_at=min(now, created + timedelta(minutes=20 * (c + 1)))
            )
            counts["comments"] += 1
        for person in rng.sample(people, min(len(people), rng.randint(0, scale.max_reactions))):
            square_actions.reaction_set(
                user=person, post=post, kind=rng.choice(ReactionKind.values)
            )
            counts["reactions"] += 1
        if rng.random() < 0.15:
            square_actions.save_toggle(user=people[0], post=post)
    for notice in Post.objects.filter(category="notice").order_by("-created_at")[:2]:
        square_actions.post_pin(actor=nb.connector, post=notice)
