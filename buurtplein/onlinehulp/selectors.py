"""Reads of online help.

A desk serves the neighbourhoods of its region; a neighbourhood's help page shows the first
active desk whose region holds it (one desk per neighbourhood is what the pages offer).
Workers are the staff of a desk's participating organisations who are members of the
neighbourhood they open the console from; they see the conversations of their desks' whole
region (the rows of other neighbourhoods of the region are read with scopes disabled, limited
to those desks), never another region's.
"""

from __future__ import annotations

from django.http import Http404
from django_scopes import scopes_disabled

from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.onlinehulp.models import (
    Chat,
    Desk,
    DeskOrganisation,
    Question,
    code_digest,
    token_digest,
)


def desk_for(neighbourhood) -> Desk | None:
    """The online help desk of ``neighbourhood`` (the first active one by name whose region
    holds it), with its hours, or ``None``."""
    return (
        Desk.objects.filter(is_active=True, region__neighbourhoods=neighbourhood)
        .prefetch_related("hours")
        .order_by("name", "pk")
        .first()
    )


def worker_participations(viewer) -> list[DeskOrganisation]:
    """The viewer's organisations' participations in desks serving the viewer's neighbourhood
    (empty for anyone who is not a member and staff of a participating organisation)."""
    if not viewer.is_member:
        return []
    orgs = staff_org_ids(viewer)
    if not orgs:
        return []
    return list(
        DeskOrganisation.objects.filter(
            organisation_id__in=orgs,
            desk__is_active=True,
            desk__region__neighbourhoods=viewer.neighbourhood,
        ).select_related("desk", "organisation")
    )


def is_worker(viewer, desk: Desk | None = None) -> bool:
    """The viewer works for ``desk`` (or for any desk serving their neighbourhood)."""
    return any(desk is None or p.desk_id == desk.pk for p in worker_participations(viewer))


def region_neighbourhood_ids(desk: Desk) -> list[int]:
    return list(desk.region.neighbourhoods.values_list("pk", flat=True))


def access_chat(neighbourhood, token: str) -> Chat:
    """The asker's chat by the token in their link, inside the neighbourhood the URL names;
    404 for a wrong token."""
    chat = (
        Chat.objects.filter(neighbourhood=neighbourhood, token_hash=token_digest(token))
        .select_related("desk")
        .first()
    )
    if chat is None:
        raise Http404
    return chat


def access_question(neighbourhood, token: str) -> Question:
    """The asker's e-mail question by the token in their link, inside the URL's neighbourhood;
    404 for a wrong token."""
    question = (
        Question.objects.filter(neighbourhood=neighbourhood, token_hash=token_digest(token))
        .select_related("desk")
        .first()
    )
    if question is None:
        raise Http404
    return question


def find_by_code(neighbourhood, code: str) -> Chat | Question | None:
    """The chat or question whose short code is ``code``, in this neighbourhood."""
    digest = code_digest(code)
    return (
        Question.objects.filter(neighbourhood=neighbourhood, code_hash=digest).first()
        or Chat.objects.filter(neighbourhood=neighbourhood, code_hash=digest).first()
    )


def worker_chat(viewer, pk: int) -> Chat:
    """A chat of one of the viewer's desks (any neighbourhood of the desk's region), for the
    console; 404 for anything else."""
    desks = [p.desk_id for p in worker_participations(viewer)]
    with scopes_disabled():
        chat = Chat.objects.filter(pk=pk, desk_id__in=desks).select_related("desk").first()
    if chat is None:
        raise Http404
    return chat


def queue_position(chat: Chat) -> int:
    """1 for the first waiting chat of its desk (over all neighbourhoods of the region)."""
    with scopes_disabled():
        ahead = Chat.objects.filter(
            desk_id=chat.desk_id, state=Chat.State.WAITING, created_at__lt=chat.created_at
        ).count()
    return ahead + 1


# --- the asker's live chat (consumers.AskerConsumer) -----------------------------------------

RECENT_WAITS = 20
"""How many of the desk's latest taken chats the expected wait is read from."""
RECENT_WAIT_DAYS = 14


def chat_by_token(neighbourhood_id: int, token: str) -> Chat | None:
    """The asker's chat by its token inside the neighbourhood the socket's address names, with
    its desk and worker; ``None`` for a wrong token (the socket closes)."""
    from django_scopes import scope

    from buurtplein.core.models import Neighbourhood

    with scopes_disabled():
        neighbourhood = Neighbourhood.objects.filter(pk=neighbourhood_id).first()
    if neighbourhood is None or not token or len(token) > 100:
        return None
    with scope(neighbourhood=neighbourhood):
        return (
            Chat.objects.filter(neighbourhood=neighbourhood, token_hash=token_digest(token))
            .select_related("desk", "worker")
            .first()
        )


def messages_after(chat: Chat, after: int) -> list:
    """The chat's stored messages numbered after ``after`` (what a reconnecting page missed),
    with their workers; none once the transcript is deleted."""
    from buurtplein.onlinehulp.models import ChatMessage

    if chat.transcript_deleted_at is not None:
        return []
    with scopes_disabled():
        return list(
            ChatMessage.objects.filter(
                neighbourhood_id=chat.neighbourhood_id, chat_id=chat.pk, seq__gt=after
            )
            .select_related("worker")
            .order_by("seq")
        )


def median_wait_seconds(desk_id: int) -> float | None:
    """The median wait (from starting to being taken) of the desk's last :data:`RECENT_WAITS`
    taken chats of the last :data:`RECENT_WAIT_DAYS` days; ``None`` without such history.
    Cached per desk for a minute."""
    import datetime as dt
    import statistics

    from django.core.cache import cache
    from django.utils import timezone

    key = f"onlinehulp.median_wait.{desk_id}"
    median = cache.get(key)
    if median is None:
        since = timezone.now() - dt.timedelta(days=RECENT_WAIT_DAYS)
        with scopes_disabled():
            rows = list(
                Chat.objects.filter(desk_id=desk_id, taken_at__isnull=False, created_at__gte=since)
                .order_by("-taken_at")
                .values_list("created_at", "taken_at")[:RECENT_WAITS]
            )
        waits = [(taken - created).total_seconds() for created, taken in rows]
        median = statistics.median(waits) if waits else -1.0
        cache.set(key, median, 60)
    return None if median < 0 else median


def wait_minutes(median: float | None, position: int) -> int | None:
    """The expected wait at ``position`` from the desk's median wait: the median for each place
    in line, rounded up, at least 1 minute."""
    import math

    if median is None:
        return None
    return max(1, math.ceil(median * position / 60))


def expected_wait_minutes(chat: Chat, position: int) -> int | None:
    """A fair guess of the minutes a waiting asker at ``position`` still waits: the median wait
    of the desk's recent taken chats (:func:`median_wait_seconds`) for each place in line,
    rounded up, at least 1. ``None`` while the desk has no such history (the page then says
    nothing about minutes rather than guess)."""
    return wait_minutes(median_wait_seconds(chat.desk_id), position)


def has_read_along(desk: Desk) -> bool:
    """Whether a second worker may read along in the desk's chats (an organisation of the desk
    allows it): the asker is told so."""
    return DeskOrganisation.objects.filter(desk=desk, read_along=True).exists()


def chat_messages(chat: Chat) -> list:
    """The chat's messages with their workers (none once the transcript is deleted), each with
    ``crisis`` set (an asker's message with a crisis word)."""
    from buurtplein.onlinehulp import crisis

    shown = messages_after(chat, 0)
    for message in shown:
        message.crisis = message.author == "asker" and crisis.matches(
            message.text, chat.desk.crisis_words
        )
    return shown


def waiting_chat_ids(desk_id: int) -> list[int]:
    """The desk's waiting chats, first in line first (over all neighbourhoods of its region):
    one query for every waiting asker's place (``consumers._waiting_ids``)."""
    with scopes_disabled():
        return list(
            Chat.objects.filter(desk_id=desk_id, state=Chat.State.WAITING)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
        )
