"""Fill the database with believable Dutch demo data.

Small scales ("tiny" for tests, "demo" for the README's demo) create everything the way people
do, through the actions (so photos go through the real pipeline). The benchmark scales live in
``buurtplein/demo/bulk.py``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.accounts import actions as account_actions
from buurtplein.accounts.models import Interest, InviteCode, Organisation, User, VerificationLog
from buurtplein.core.models import Membership, Neighbourhood, Postcode, Role
from buurtplein.demo import data
from buurtplein.demo.photos import landscape
from buurtplein.square import actions as square_actions
from buurtplein.square.models import Comment, Post, ReactionKind

DEMO_PASSWORD = "buurtplein"  # noqa: S105 - documented demo log-in


@dataclass(frozen=True)
class Scale:
    members_per_neighbourhood: int
    posts_per_neighbourhood: int
    photo_share: float
    max_comments: int
    max_reactions: int


SCALES = {
    "tiny": Scale(6, 6, 0.5, 2, 3),
    "demo": Scale(20, 100, 0.3, 5, 8),
}

DEMO_LOGINS = [
    # (e-mail, first name, last name, role, what to show)
    ("bewoner@example.nl", "Els", "Bakker", Role.RESIDENT, "resident"),
    ("buurtverbinder@example.nl", "Karim", "El Amrani", Role.CONNECTOR, "buurtverbinder"),
    ("professional@example.nl", "Sanne", "de Groot", Role.PROFESSIONAL, "professional"),
    ("admin@example.nl", "Wilma", "Visser", Role.ADMIN, "admin"),
]


def database_has_data() -> bool:
    return Neighbourhood.objects.exists()


def _user(email, first, last, rng, interests, skills, streets):
    user = User.objects.create_user(
        email=email, password=DEMO_PASSWORD, first_name=first, last_name=last
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    profile = account_actions.user_setup(user=user)
    profile.intro = rng.choice(data.INTROS).format(
        years=rng.randint(1, 40), country=rng.choice(data.COUNTRIES)
    )
    profile.street = rng.choice(streets)
    profile.languages = ["nl", *rng.sample(["en", "de", "tr", "ar", "pl", "uk"], rng.randint(0, 2))]
    if rng.random() < 0.3:
        profile.visibility = {**profile.visibility, "intro": "everyone"}
    profile.save()
    profile.interests.set(rng.sample(interests, rng.randint(2, 5)))
    profile.skills.set(rng.sample(skills, rng.randint(0, 3)))
    return user


def _join(user, neighbourhood, role, organisation, when, method):
    membership = Membership.objects.create(
        neighbourhood=neighbourhood,
        user=user,
        role=role,
        status=Membership.Status.VERIFIED,
        postcode=neighbourhood.demo_pc4,
        organisation=organisation,
        joined_at=when,
        verified_at=when,
    )
    VerificationLog.objects.create(
        neighbourhood=neighbourhood, membership=membership, method=method, created_at=when
    )
    return membership


@transaction.atomic
def generate(scale_name: str = "demo", seed: int = 2026, out=print) -> dict:
    scale = SCALES[scale_name]
    rng = random.Random(seed)
    now = timezone.now()
    with scopes_disabled():
        interests = list(Interest.objects.filter(kind=Interest.Kind.INTEREST))
        skills = list(Interest.objects.filter(kind=Interest.Kind.SKILL))
        neighbourhoods = {}
        for spec in data.NEIGHBOURHOODS:
            nb = Neighbourhood.objects.create(
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
            for pc4 in spec["pc4"]:
                Postcode.objects.create(neighbourhood=nb, pc4=pc4)
            nb.demo_pc4 = spec["pc4"][0]
            nb.demo_spec = spec
            neighbourhoods[spec["slug"]] = nb
        organisations = {}
        for spec in data.ORGANISATIONS:
            fields = {k: v for k, v in spec.items() if k != "where"}
            organisation = Organisation.objects.create(**fields)
            organisation.neighbourhoods.set([neighbourhoods[slug] for slug in spec["where"]])
            organisations[spec["slug"]] = organisation
    out(f"  {len(neighbourhoods)} neighbourhoods, {len(organisations)} organisations")

    oost = neighbourhoods["nijmegen-oost"]
    welfare_for = {
        "nijmegen-oost": organisations["sterker-welzijn"],
        "ooij": organisations["sterker-welzijn"],
        "amersfoort-liendert": organisations["buurtkracht-amersfoort"],
    }
    members = {slug: [] for slug in neighbourhoods}
    counter = 0
    with scope(neighbourhood=oost):
        for email, first, last, role, _label in DEMO_LOGINS:
            user = _user(email, first, last, rng, interests, skills, oost.demo_spec["streets"])
            if role == Role.ADMIN:
                user.is_staff = user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
            _join(
                user,
                oost,
                role,
                welfare_for["nijmegen-oost"] if role == Role.PROFESSIONAL else None,
                now - timedelta(days=300),
                VerificationLog.Method.ADMIN,
            )
            members["nijmegen-oost"].append(user)

    for slug, nb in neighbourhoods.items():
        with scope(neighbourhood=nb):
            InviteCode.objects.create(
                neighbourhood=nb, code=nb.demo_spec["invite"], note="Demo", max_uses=1000
            )
            for i in range(scale.members_per_neighbourhood):
                counter += 1
                first = data.FIRST_NAMES[(counter * 7) % len(data.FIRST_NAMES)]
                last = data.LAST_NAMES[(counter * 5) % len(data.LAST_NAMES)]
                user = _user(
                    f"buur{counter}@example.nl",
                    first,
                    last,
                    rng,
                    interests,
                    skills,
                    nb.demo_spec["streets"],
                )
                role = Role.RESIDENT
                organisation = None
                if i == 0:
                    role = Role.CONNECTOR
                elif i == 1:
                    role, organisation = Role.PROFESSIONAL, welfare_for[slug]
                method = rng.choice(
                    [VerificationLog.Method.INVITE, VerificationLog.Method.APPROVAL]
                )
                _join(
                    user, nb, role, organisation, now - timedelta(days=rng.randint(1, 400)), method
                )
                members[slug].append(user)
            # Two newcomers waiting for a buurtverbinder.
            for _ in range(2):
                counter += 1
                user = _user(
                    f"nieuw{counter}@example.nl",
                    data.FIRST_NAMES[(counter * 3) % len(data.FIRST_NAMES)],
                    data.LAST_NAMES[(counter * 11) % len(data.LAST_NAMES)],
                    rng,
                    interests,
                    skills,
                    nb.demo_spec["streets"],
                )
                Membership.objects.create(
                    neighbourhood=nb,
                    user=user,
                    postcode=nb.demo_pc4,
                    joined_at=now - timedelta(hours=rng.randint(2, 72)),
                )
    out(f"  {sum(len(m) for m in members.values())} verified members, demo log-ins ready")

    photos = [landscape(random.Random(seed + k)) for k in range(12)]
    post_count = comment_count = reaction_count = 0
    for slug, nb in neighbourhoods.items():
        people = members[slug]
        streets = nb.demo_spec["streets"]
        with scope(neighbourhood=nb):
            for k in range(scale.posts_per_neighbourhood):
                category, title, text, public = data.POSTS[(k + len(slug)) % len(data.POSTS)]
                street = rng.choice(streets)
                uploads = []
                if rng.random() < scale.photo_share:
                    uploads = [
                        SimpleUploadedFile(
                            "foto.jpg", rng.choice(photos), content_type="image/jpeg"
                        )
                        for _ in range(rng.choice([1, 1, 1, 2, 3]))
                    ]
                post = square_actions.post_create(
                    author=rng.choice(people),
                    neighbourhood=nb,
                    category=category,
                    title=title.format(street=street),
                    text=text.format(street=street),
                    visibility="public" if public else "members",
                    photos=uploads,
                    alt_texts=["Getekende foto: een huis of boom in een groen landschap"]
                    * len(uploads),
                )
                created = now - timedelta(minutes=rng.randint(30, 60 * 24 * 90))
                Post.objects.filter(pk=post.pk).update(created_at=created)
                post_count += 1
                for c in range(rng.randint(0, scale.max_comments)):
                    comment = square_actions.comment_create(
                        author=rng.choice(people), post=post, text=rng.choice(data.COMMENTS)
                    )
                    Comment.objects.filter(pk=comment.pk).update(
                        created_at=created + timedelta(minutes=20 * (c + 1))
                    )
                    comment_count += 1
                for person in rng.sample(
                    people, min(len(people), rng.randint(0, scale.max_reactions))
                ):
                    square_actions.reaction_set(
                        user=person, post=post, kind=rng.choice(ReactionKind.values)
                    )
                    reaction_count += 1
                if rng.random() < 0.15:
                    square_actions.save_toggle(user=members[slug][0], post=post)
            # Pin the newest notice.
            notice = Post.objects.filter(category="notice").order_by("-created_at").first()
            if notice:
                Post.objects.filter(pk=notice.pk).update(pinned_at=now)
    out(f"  {post_count} posts, {comment_count} comments, {reaction_count} reactions")
    return {
        "neighbourhoods": len(neighbourhoods),
        "members": sum(len(m) for m in members.values()),
        "posts": post_count,
    }
