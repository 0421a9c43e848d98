"""Reads of online help.

A desk serves the neighbourhoods of its region; a neighbourhood's help page shows the first
active desk whose region holds it (one desk per neighbourhood is what the pages offer).
Workers are the staff of a desk's participating organisations who are members of the
neighbourhood they open the console from; they see the conversations of their desks' whole
region (the rows of other neighbourhoods of the region are read with scopes disabled, limited
to those desks), never another region's.
"""

from __future__ import annotations

from django.db import connection
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
    (empty for anyone who is not a member and staff of a participating organisation). Read
    once per request: kept on the user object per neighbourhood, like
    ``accounts.selectors.staff_org_ids`` (every rule and page of online help asks it)."""
    if not viewer.is_member:
        return []
    cache = viewer.user.__dict__.setdefault("_onlinehulp_participations", {})
    key = viewer.neighbourhood.pk
    if key not in cache:
        orgs = staff_org_ids(viewer)
        cache[key] = (
            list(
                DeskOrganisation.objects.filter(
                    organisation_id__in=orgs,
                    desk__is_active=True,
                    desk__region__neighbourhoods=viewer.neighbourhood,
                ).select_related("desk", "organisation")
            )
            if orgs
            else []
        )
    return cache[key]


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


# --- the workers' console ---------------------------------------------------------------------


def worker_desk_ids(viewer) -> list[int]:
    return sorted({p.desk_id for p in worker_participations(viewer)})


def followed_chat_ids(viewer) -> list[int]:
    """The active chats of the viewer's desks that the viewer has or reads along with: the
    chat groups the console's socket joins."""
    from django.db.models import Q

    desks = worker_desk_ids(viewer)
    if not desks:
        return []
    user = viewer.user
    with scopes_disabled():
        return list(
            Chat.objects.filter(desk_id__in=desks, state=Chat.State.ACTIVE)
            .filter(Q(worker_id=user.pk) | Q(coach_id=user.pk))
            .values_list("pk", flat=True)
        )


def still_works_for(viewer, desk_id: int) -> bool:
    """Whether the viewer works for desk ``desk_id`` **now**: :func:`worker_participations`
    read fresh (no memo of the answer), for the console's socket, which lives longer than a
    request: a worker taken off an organisation's staff, or no longer a verified member here,
    may not send from a console opened before (``console_consumers``).

    Asked on every message a worker sends, so it is made cheap: one query that reads the link
    tables by id (PostgreSQL plans a join of the seven tables the rule's path crosses in
    ~30 ms, for 0.3 ms of work), whose SQL is built once per user object and desk (kept on the
    user, as :func:`worker_participations` keeps its answer; building it took longer than
    running it). Only the SQL is kept: every call reads the database."""
    key = (viewer.neighbourhood.pk, desk_id)
    built = viewer.user.__dict__.setdefault("_onlinehulp_works_for_sql", {})
    if key not in built:
        with scopes_disabled():
            query = _works_for(viewer, desk_id).values_list("pk")[:1].query
            built[key] = query.sql_with_params()
    sql, params = built[key]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() is not None


def _works_for(viewer, desk_id: int):
    """The viewer's organisations' participations in desk ``desk_id`` (taking part, staff,
    active here, a verified member here): :func:`worker_participations`'s rule for one desk."""
    from django.db.models import Exists, OuterRef

    from buurtplein.accounts.models import Organisation
    from buurtplein.core.models import Membership, Region

    user, neighbourhood_id = viewer.user, viewer.neighbourhood.pk
    parts = DeskOrganisation.objects.filter(
        Exists(
            Organisation.staff.through.objects.filter(
                organisation_id=OuterRef("organisation_id"), user_id=user.pk
            )
        ),
        Exists(
            Organisation.neighbourhoods.through.objects.filter(
                organisation_id=OuterRef("organisation_id"), neighbourhood_id=neighbourhood_id
            )
        ),
        Exists(
            Region.neighbourhoods.through.objects.filter(
                region_id=OuterRef("desk__region_id"), neighbourhood_id=neighbourhood_id
            )
        ),
        desk_id=desk_id,
        desk__is_active=True,
    )
    if not user.is_superuser:
        verified = Membership.objects.filter(
            user_id=user.pk, neighbourhood_id=neighbourhood_id, status=Membership.Status.VERIFIED
        )
        parts = parts.filter(Exists(verified))
    return parts


def follows(viewer, chat: Chat) -> bool:
    """The viewer has ``chat`` or reads along with it (``chat`` from :func:`worker_chat`)."""
    return viewer.user.pk in (chat.worker_id, chat.coach_id)


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


WAITING_SHOWN = 200
"""At most this many waiting chats are listed (oldest first); more is a desk in trouble."""


def waiting_chats(viewer) -> list[Chat]:
    """The waiting chats of the viewer's desks (every neighbourhood of their regions), the
    longest waiting first, with the neighbourhood the asker came in through."""
    desks = worker_desk_ids(viewer)
    if not desks:
        return []
    with scopes_disabled():
        return list(
            Chat.objects.filter(desk_id__in=desks, state=Chat.State.WAITING)
            .select_related("neighbourhood", "desk")
            .order_by("created_at", "pk")[:WAITING_SHOWN]
        )


def console_chats(viewer) -> list[Chat]:
    """The chats on the viewer's console: the active ones they have or read along with, and
    the ones they had that ended but still wait for their registration (no outcome yet), with
    their messages (``chat.console_messages``)."""
    from django.db.models import Prefetch, Q

    from buurtplein.onlinehulp.models import ChatMessage, Handover

    desks = worker_desk_ids(viewer)
    if not desks:
        return []
    user = viewer.user
    with scopes_disabled():
        return list(
            Chat.objects.filter(desk_id__in=desks)
            .filter(
                Q(state=Chat.State.ACTIVE, worker_id=user.pk)
                | Q(state=Chat.State.ACTIVE, coach_id=user.pk)
                | Q(state=Chat.State.CLOSED, worker_id=user.pk, outcome="")
            )
            .select_related("neighbourhood", "desk", "worker", "coach")
            .prefetch_related(
                Prefetch(
                    "messages",
                    queryset=ChatMessage.objects.select_related("worker").order_by("seq"),
                    to_attr="console_messages",
                ),
                Prefetch(
                    "handovers",
                    queryset=Handover.objects.select_related("from_worker", "to_worker"),
                    to_attr="console_handovers",
                ),
            )
            .order_by("taken_at", "pk")
        )


def console_chat(viewer, pk: int) -> Chat:
    """One chat of the viewer's console (as :func:`console_chats`), 404 for any other."""
    for chat in console_chats(viewer):
        if chat.pk == pk:
            return chat
    raise Http404


def taking_part_for(viewer, desk_id: int):
    """The organisation the viewer works for at ``desk_id`` (the first by name when they work
    for several that take part)."""
    parts = sorted(
        (p for p in worker_participations(viewer) if p.desk_id == desk_id),
        key=lambda p: (p.organisation.name, p.organisation_id),
    )
    return parts[0].organisation if parts else None


def worker_organisations(viewer) -> list:
    """The organisations the viewer works for at a desk serving their neighbourhood, by name."""
    seen = {}
    for part in worker_participations(viewer):
        seen[part.organisation_id] = part.organisation
    return sorted(seen.values(), key=lambda o: (o.name, o.pk))


def worker_snippets(viewer) -> list:
    """The snippets (canned answers) of the viewer's participating organisations, by title."""
    from buurtplein.onlinehulp.models import Snippet

    orgs = [o.pk for o in worker_organisations(viewer)]
    if not orgs:
        return []
    return list(
        Snippet.objects.filter(organisation_id__in=orgs)
        .select_related("organisation")
        .order_by("title", "pk")
    )


def worker_snippet(viewer, pk: int):
    """One snippet of the viewer's organisations; 404 for any other."""
    from buurtplein.onlinehulp.models import Snippet

    orgs = [o.pk for o in worker_organisations(viewer)]
    snippet = Snippet.objects.filter(pk=pk, organisation_id__in=orgs).first()
    if snippet is None:
        raise Http404
    return snippet


def desk_workers(desk_id: int) -> list:
    """The desk's workers (:func:`desk_colleagues`, the one rule), each with
    ``worker.desk_organisation``: the first by name of the taking-part organisations they work
    for. By first name."""
    parts = list(
        DeskOrganisation.objects.filter(desk_id=desk_id)
        .select_related("organisation", "desk")
        .order_by("organisation__name", "organisation_id")
    )
    if not parts:
        return []
    users = list(desk_colleagues(parts[0].desk))
    Organisation = type(parts[0].organisation)
    works_for: dict[int, set[int]] = {}
    for org_id, user_id in Organisation.staff.through.objects.filter(
        organisation_id__in=[p.organisation_id for p in parts], user_id__in=[u.pk for u in users]
    ).values_list("organisation_id", "user_id"):
        works_for.setdefault(user_id, set()).add(org_id)
    for user in users:
        user.desk_organisation = next(
            p.organisation for p in parts if p.organisation_id in works_for[user.pk]
        )
    return users


def console_colleagues(viewer) -> list:
    """Everyone working for the viewer's desks (all organisations), the viewer too, each with
    ``present`` (on the console now: a socket seen in the last ``PRESENCE_FRESH`` seconds) and
    ``chat_count`` (active chats they have); present ones first, then by first name."""
    from datetime import timedelta

    from django.db.models import Count
    from django.utils import timezone

    from buurtplein.onlinehulp.models import PRESENCE_FRESH, ConsolePresence

    desks = worker_desk_ids(viewer)
    people: dict[int, object] = {}
    for desk_id in desks:
        for person in desk_workers(desk_id):
            people.setdefault(person.pk, person)
    if not people:
        return []
    fresh = timezone.now() - timedelta(seconds=PRESENCE_FRESH)
    present = set(
        ConsolePresence.objects.filter(
            desk_id__in=desks, worker_id__in=people, last_seen__gte=fresh
        ).values_list("worker_id", flat=True)
    )
    with scopes_disabled():
        counts = dict(
            Chat.objects.filter(desk_id__in=desks, state=Chat.State.ACTIVE, worker_id__in=people)
            .values("worker_id")
            .annotate(n=Count("pk"))
            .values_list("worker_id", "n")
        )
    result = list(people.values())
    for person in result:
        person.present = person.pk in present
        person.chat_count = counts.get(person.pk, 0)
    result.sort(key=lambda p: (not p.present, p.first_name, p.pk))
    return result


def read_along_chats(viewer) -> list[Chat]:
    """Active chats of colleagues the viewer may read along with as a coach: only where the
    participation of the viewer's organisation **and** that of the chat's organisation allow
    it (``DeskOrganisation.read_along``: the organisations' consent, never the asker's), not
    the viewer's own, and nobody else reading along already."""
    from django.db.models import Q

    parts = worker_participations(viewer)
    coaching_desks = sorted({p.desk_id for p in parts if p.read_along})
    if not coaching_desks:
        return []
    allowed = Q()
    for desk_id, org_id in DeskOrganisation.objects.filter(
        desk_id__in=coaching_desks, read_along=True
    ).values_list("desk_id", "organisation_id"):
        allowed |= Q(desk_id=desk_id, organisation_id=org_id)
    user = viewer.user
    with scopes_disabled():
        return list(
            Chat.objects.filter(allowed, state=Chat.State.ACTIVE)
            .exclude(worker_id=user.pk)
            .filter(Q(coach__isnull=True) | Q(coach_id=user.pk))
            .select_related("worker", "neighbourhood")
            .order_by("taken_at", "pk")
        )


# --- The help page and the asker's e-mail questions (part "desk") -------------------------

DESKS = "onlinehulp:desks"
"""Cache generation of which desk serves which neighbourhood (platform-wide: one token)."""


def _desks_generation():
    from buurtplein.core.cache import Generation

    return Generation(DESKS)


def desks_changed() -> None:
    """A desk, or a region's neighbourhoods, changed: forget which desk serves where."""
    _desks_generation().changed(0)


def desk_id_for(neighbourhood) -> int | None:
    """The id of ``neighbourhood``'s desk (``desk_for``), from the cache when it is there: the
    navigation asks this on every page, so a warm page reads no row for it (one round trip to
    the cache, ``Generation.cached``)."""

    def desk() -> int:
        found = (
            Desk.objects.filter(is_active=True, region__neighbourhoods=neighbourhood)
            .order_by("name", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        return found or 0

    key = f"onlinehulp:desk-of:{neighbourhood.pk}"
    return _desks_generation().cached(0, key, desk, 3600) or None


def viewer_desk_id(viewer) -> int | None:
    """:func:`desk_id_for` the viewer's neighbourhood, asked once per request: kept on the
    viewer (which lives as long as the request, ``core.permissions.viewer_for``). The
    navigation asks it twice on every page (the help entry and the console's); each ask was
    two cache reads (``bench/RESULTS.md``, seventh round)."""
    if viewer.neighbourhood is None:
        return None
    if "_onlinehulp_desk_id" not in viewer.__dict__:
        viewer.__dict__["_onlinehulp_desk_id"] = desk_id_for(viewer.neighbourhood)
    return viewer.__dict__["_onlinehulp_desk_id"]


def week_hours(desk: Desk) -> list[dict]:
    """The desk's consultation hours by weekday, Monday first (``desk.hours`` prefetched by
    ``desk_for``): ``[{"day": "Monday", "hours": [ConsultationHour, …]}]``, days without
    hours left out."""
    days: dict[int, list] = {}
    for hour in desk.hours.all():
        days.setdefault(hour.weekday, []).append(hour)
    return [
        {"day": hours[0].get_weekday_display(), "hours": hours}
        for _weekday, hours in sorted(days.items())
    ]


def takes_part(neighbourhood, organisation_id) -> bool:
    """The organisation takes part in the desk that serves ``neighbourhood`` (its services on
    the sociale kaart offer the chat)."""
    desk = desk_id_for(neighbourhood)
    if desk is None or organisation_id is None:
        return False
    return DeskOrganisation.objects.filter(desk_id=desk, organisation_id=organisation_id).exists()


def question_messages(question: Question) -> list:
    """What the asker sees of their question: the question, the answers and their replies, in
    order (never the workers' notes), with the answering worker's first name."""
    return list(question.messages.select_related("worker"))


# --- The workers' e-mail queue (part "desk") -----------------------------------------------


def desk_colleagues(desk: Desk):
    """The desk's workers: active staff of its organisations who are verified members of a
    neighbourhood of its region (the colleagues a question can be assigned to)."""
    from buurtplein.accounts.models import User
    from buurtplein.core.models import Membership

    return (
        User.objects.filter(
            is_active=True,
            organisations__in=DeskOrganisation.objects.filter(desk=desk).values("organisation"),
            memberships__neighbourhood__regions=desk.region_id,
            memberships__status=Membership.Status.VERIFIED,
        )
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def desk_coordinators(desk: Desk) -> list:
    """Whom an overdue question is escalated to: the coordinators of the organisations taking
    part; when none has any, all the desk's workers."""
    from buurtplein.accounts.models import User

    coordinators = list(
        User.objects.filter(
            is_active=True,
            pk__in=DeskOrganisation.coordinators.through.objects.filter(
                deskorganisation__desk=desk
            ).values("user"),
        ).order_by("pk")
    )
    return coordinators or list(desk_colleagues(desk))


def worker_questions(viewer) -> list[Question]:
    """The open questions of the viewer's desks, every neighbourhood of their regions: those
    still to answer first (the most urgent due time first), then those answered and waiting
    for the asker. Two queries, however many questions."""
    desks = [p.desk_id for p in worker_participations(viewer)]
    with scopes_disabled():
        questions = list(
            Question.objects.filter(desk_id__in=desks)
            .exclude(state=Question.State.CLOSED)
            .select_related("assigned_to", "neighbourhood", "desk")
            .order_by("due_at", "pk")
        )
    answered = Question.State.ANSWERED
    return [q for q in questions if q.state != answered] + [
        q for q in questions if q.state == answered
    ]


def worker_question(viewer, pk) -> Question:
    """A question of one of the viewer's desks (any neighbourhood of its region); 404 for
    anything else."""
    desks = [p.desk_id for p in worker_participations(viewer)]
    with scopes_disabled():
        question = (
            Question.objects.filter(pk=pk, desk_id__in=desks)
            .select_related("desk", "neighbourhood", "assigned_to")
            .first()
        )
    if question is None:
        raise Http404
    return question


def question_thread(question: Question) -> tuple[list, list]:
    """(messages, notes) of a question for its workers."""
    with scopes_disabled():
        return (
            list(question.messages.select_related("worker")),
            list(question.notes.select_related("author")),
        )


# --- Consultation hours and the rota (part "desk") -----------------------------------------

ROTA_WEEKS = 4
"""The rota shows (and workers sign up for) this week and the three after it."""


def coordinated_desks(viewer) -> list[int]:
    """Ids of the desks the viewer coordinates for one of their organisations."""
    return sorted(
        {p.desk_id for p in worker_participations(viewer) if _coordinates(p, viewer.user)}
    )


def _coordinates(participation, user) -> bool:
    return participation.coordinators.filter(pk=user.pk).exists()


def is_coordinator(viewer, desk: Desk | None = None) -> bool:
    desks = coordinated_desks(viewer)
    return bool(desks) and (desk is None or desk.pk in desks)


def worker_desk(viewer) -> Desk | None:
    """The desk the viewer works for here (the first, as the help page shows one)."""
    participations = worker_participations(viewer)
    if not participations:
        return None
    desk = sorted((p.desk for p in participations), key=lambda d: (d.name, d.pk))[0]
    return Desk.objects.prefetch_related("hours").get(pk=desk.pk)


def _minus(spans, covers):
    """The parts of ``spans`` that no interval of ``covers`` covers."""
    gaps = []
    for start, end in spans:
        cursor = start
        for cover_start, cover_end in sorted(covers):
            if cover_end <= cursor or cover_start >= end:
                continue
            if cover_start > cursor:
                gaps.append((cursor, cover_start))
            cursor = max(cursor, cover_end)
        if cursor < end:
            gaps.append((cursor, end))
    return gaps


def rota(desk: Desk, start, *, weeks: int = ROTA_WEEKS, viewer=None) -> list[dict]:
    """The desk's rota from the Monday of ``start``'s week: per day the open hours, the shifts
    (who, which organisation, whether it is the viewer's or their organisation's) and the
    gaps, the open hours no shift covers (``(start, end, ahead)``: ``ahead`` while it has not
    ended, so a worker can still take it). Two queries for the shifts and their people."""
    import datetime as dt

    from django.utils import timezone

    from buurtplein.accounts.selectors import staff_org_ids
    from buurtplein.core.workdays import AMSTERDAM
    from buurtplein.onlinehulp.models import Shift
    from buurtplein.onlinehulp.opening import intervals

    monday = start - dt.timedelta(days=start.weekday())
    days = weeks * 7
    hours = list(desk.hours.all())
    shifts = list(
        Shift.objects.filter(
            desk=desk, date__gte=monday, date__lt=monday + dt.timedelta(days=days)
        ).select_related("worker__profile", "organisation")
    )
    own_orgs = staff_org_ids(viewer) if viewer is not None else set()
    now = timezone.now()
    found = []
    for offset in range(days):
        day = monday + dt.timedelta(days=offset)
        day_start, day_end = _at(day, dt.time(0)), _at(day + dt.timedelta(days=1), dt.time(0))
        spans = [
            (max(a, day_start), min(b, day_end))
            for a, b in intervals(desk, day - dt.timedelta(days=1), 2, hours=hours)
            if a < day_end and b > day_start
        ]
        todays = [s for s in shifts if s.date == day]
        covers = [
            (
                dt.datetime.combine(day, s.starts, tzinfo=AMSTERDAM),
                dt.datetime.combine(
                    day + dt.timedelta(days=1) if s.ends <= s.starts else day,
                    s.ends,
                    tzinfo=AMSTERDAM,
                ),
            )
            for s in todays
        ]
        for shift in todays:
            shift.mine = viewer is not None and shift.worker_id == viewer.user.pk
            shift.ours = shift.organisation_id in own_orgs
        gaps = [(a, b, b > now) for a, b in _minus(spans, covers)]
        found.append({"date": day, "open": spans, "shifts": todays, "gaps": gaps})
    return found


def _at(day, time):
    import datetime as dt

    from buurtplein.core.workdays import AMSTERDAM

    return dt.datetime.combine(day, time, tzinfo=AMSTERDAM)


def own_shift(viewer, pk):
    """The viewer's own shift at one of their desks; 404 for anyone else's."""
    from buurtplein.onlinehulp.models import Shift

    desks = [p.desk_id for p in worker_participations(viewer)]
    shift = Shift.objects.filter(pk=pk, desk_id__in=desks, worker_id=viewer.user.pk).first()
    if shift is None:
        raise Http404
    return shift


WORKERS = "onlinehulp:workers"
"""The cache generation of who works at a desk (:func:`works_here`): made stale when a desk, a
desk's organisations, a region's neighbourhoods, an organisation's staff or its neighbourhoods
change (``signals``); one token for every neighbourhood, as these changes are rare."""
WORKS_HERE_SECONDS = 3600


def workers_changed() -> None:
    from buurtplein.core.cache import Generation

    Generation(WORKERS).changed(0)


def works_here(viewer) -> bool:
    """Whether the viewer works for a desk serving their neighbourhood, for the navigation's
    "Online help console": from the cache on a warm page (two cache reads, no query), and from
    :func:`worker_participations` when the cache has none."""
    from django.core.cache import cache

    from buurtplein.core.cache import Generation

    if not viewer.is_member or viewer_desk_id(viewer) is None:
        return False
    token = Generation(WORKERS).token(0)
    key = f"onlinehulp:works:{viewer.neighbourhood.pk}:{viewer.user.pk}:{token}"
    found = cache.get(key)
    if found is None:
        found = bool(worker_participations(viewer))
        cache.set(key, found, WORKS_HERE_SECONDS)
    return found
