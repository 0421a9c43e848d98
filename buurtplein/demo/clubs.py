"""What the demo clubs do through the other components, where those are switched on: a post on
the square in the club's name, a recurring activity in the agenda, a vacancy and a support
request (vraag & aanbod) — ``Spec.post``, ``activity``, ``vacancy`` and ``support`` of
``clubs.demo``. Here, in the demo app, because the clubs component imports no other component;
run after every component's own ``seed``."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from buurtplein.agenda import actions as agenda
from buurtplein.agenda.selectors import upcoming_for_organisation
from buurtplein.clubs.demo import is_verified, safe, seeded_clubs
from buurtplein.clubs.models import ClubMember, Status
from buurtplein.core.models import Membership
from buurtplein.core.permissions import Viewer
from buurtplein.exchange import actions as exchange
from buurtplein.square import actions as square
from buurtplein.square.models import Post
from buurtplein.volunteering import actions as volunteering
from buurtplein.volunteering.selectors import open_for_organisation


def seed(neighbourhood, rng: random.Random) -> None:
    if not neighbourhood.has_component("clubs"):
        return
    now = timezone.now()
    for club, spec, board in seeded_clubs(neighbourhood):
        _elsewhere(club, spec, board, neighbourhood, rng, now)


def _viewer(person, neighbourhood) -> Viewer:
    return Viewer(
        user=person,
        neighbourhood=neighbourhood,
        membership=Membership.objects.filter(neighbourhood=neighbourhood, user=person).first(),
    )


def _elsewhere(club, spec, board, neighbourhood, rng, now) -> None:
    """What the club does through the other components, where they are switched on: a post on
    the square in its name, a recurring activity, a vacancy, a support request."""
    organisation = club.organisation
    if not is_verified(neighbourhood, board):
        return
    if spec.post and neighbourhood.has_component("square"):
        category, title, text = spec.post
        post = square.post_create(
            author=board,
            neighbourhood=neighbourhood,
            category=category,
            title=title,
            text=text,
            visibility="public",
            organisation=organisation,
        )
        Post.objects.filter(pk=post.pk).update(
            created_at=now - timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 12))
        )
    viewer = _viewer(board, neighbourhood)
    if (
        spec.activity
        and neighbourhood.has_component("agenda")
        and not upcoming_for_organisation(viewer, organisation, limit=1)
    ):
        title, rule, start, end, text = spec.activity
        safe(
            agenda.activity_create,
            organiser=board,
            neighbourhood=neighbourhood,
            organisation=organisation,
            title=title,
            description=text,
            start_date=timezone.localdate() + timedelta(days=1),
            start_time=start,
            end_time=end,
            rule=rule,
            place_name=spec.where,
            signup_required=False,
            visibility="public",
        )
    if (
        spec.vacancy
        and neighbourhood.has_component("volunteering")
        and not open_for_organisation(viewer, organisation, limit=1)
    ):
        safe(
            volunteering.vacancy_create,
            actor=board,
            neighbourhood=neighbourhood,
            organisation=organisation,
            visibility="public",
            **spec.vacancy,
        )
    if spec.support and neighbourhood.has_component("exchange"):
        title, text, target = spec.support
        item = safe(
            exchange.item_create,
            owner=board,
            neighbourhood=neighbourhood,
            direction="request",
            kind="money",
            category="initiative",
            title=title,
            description=text,
            initiative=organisation,
            organisation=organisation,
            target_amount=target,
            visibility="public",
            created_at=now - timedelta(days=rng.randint(2, 12)),
        )
        if item is not None:
            supporters = [
                m.user
                for m in ClubMember.objects.filter(club=club, status=Status.ACTIVE)
                .exclude(user=board)
                .select_related("user")[:3]
            ]
            for person in supporters:
                safe(
                    exchange.pledge_set,
                    item=item,
                    person=person,
                    amount=Decimal(rng.choice([10, 20, 25, 50])),
                )
