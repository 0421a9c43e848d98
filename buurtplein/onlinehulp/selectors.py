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
    navigation asks this on every page, so a warm page reads no row for it."""
    from django.core.cache import cache

    key = f"onlinehulp:desk-of:{_desks_generation().token(0)}:{neighbourhood.pk}"
    found = cache.get(key)
    if found is None:
        desk = (
            Desk.objects.filter(is_active=True, region__neighbourhoods=neighbourhood)
            .order_by("name", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        found = desk or 0
        cache.set(key, found, 3600)
    return found or None


def read_along_possible(desk: Desk) -> bool:
    """Whether any organisation of the desk lets a second worker read along (the asker is
    told so on the help page)."""
    return DeskOrganisation.objects.filter(desk=desk, read_along=True).exists()


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


def desk_workers(desk: Desk):
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
    return coordinators or list(desk_workers(desk))


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
    gaps, the open hours no shift covers. Two queries for the shifts and their people."""
    import datetime as dt

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
        ).select_related("worker", "organisation")
    )
    own_orgs = staff_org_ids(viewer) if viewer is not None else set()
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
        found.append({"date": day, "open": spans, "shifts": todays, "gaps": _minus(spans, covers)})
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
