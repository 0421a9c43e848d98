"""A believable year of past activity for the demo's reports ("tellen"), and the count tables
filled from it.

The components' demo seeds make what is happening now, through the actions. The reports show
a year (and a 12-month trend), so this adds, per neighbourhood, the months before: posts with
comments and reactions, help requests asked, matched and helped with the follow-ups, offers
and requests arranged, beursvloer pledges, the past dates of the activities with their
sign-ups, club members joining over the year, responses to vacancies, referrals, chats and
e-mail questions, and a few members who left. Each is a copy of a row the seed made (so every
field a page needs is there), moved to a moment in a past month and given its steps, written
in bulk (the demo's seed stays fast: no actions, no signals) — a little busier each month, as
a platform that grows. Then :func:`recount` counts the last 13 months of every demo
neighbourhood from the rows, as the nightly round does.
"""

from __future__ import annotations

import copy
import random
import re
import secrets
from datetime import datetime, timedelta

from django.db.models import Min
from django.utils import timezone

from buurtplein.reporting import counting

MONTHS = 12


def _months(now) -> list[tuple[datetime, datetime]]:
    """The 12 months before this one, oldest first, as (start, end) local midnights."""
    this_month = counting.month_of(now)
    return [
        counting.month_bounds(counting.add_months(this_month, -back))
        for back in range(MONTHS, 0, -1)
    ]


def _moment(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """A moment in [start, end), in the daytime (08:00–22:00 local)."""
    day = start + timedelta(days=rng.randrange(max(1, (end - start).days)))
    moment = day.replace(hour=rng.randint(8, 21), minute=rng.randrange(60))
    return min(moment, end - timedelta(minutes=1))


def _how_many(rng: random.Random, base: float, index: int) -> int:
    """Rows in the month ``index`` (0 = a year ago): growing over the year, with some spread."""
    growth = 0.5 + 0.5 * (index + 1) / MONTHS
    return max(0, round(base * growth * rng.uniform(0.7, 1.3)))


def _copy(template, **changes):
    """A new row like ``template`` (not saved), with ``changes``."""
    row = copy.copy(template)  # the model copies its state (Model.__getstate__)
    row.pk = None
    row.id = None
    row._state.adding = True
    for name, value in changes.items():
        setattr(row, name, value)
    return row


def seed(neighbourhood, members, organisations, rng: random.Random, *, per_month: float) -> dict:
    """Add the past year of ``neighbourhood`` (inside its scope); ``per_month`` sets how busy
    (help requests asked in a month, roughly; the rest in proportion). Returns what it added."""
    now = timezone.now()
    months = _months(now)
    people = list({user.pk: user for user in members if user is not None}.values())
    if len(people) < 4:
        return {}
    added: dict[str, int] = {}
    for name, part in (
        ("posts", _square),
        ("help requests", _buurthulp),
        ("offers and requests", _exchange),
        ("activity dates", _agenda),
        ("club members", _clubs),
        ("responses", _volunteering),
        ("referrals", _referrals),
        ("chats and questions", _onlinehulp),
        ("members who left", _members),
    ):
        added[name] = part(neighbourhood, people, organisations, months, rng, per_month, now)
    return added


# --- the parts ------------------------------------------------------------------------------


def _square(nb, people, organisations, months, rng, per_month, now) -> int:
    from buurtplein.square.models import Comment, Post, Reaction, ReactionKind

    templates = list(
        Post.objects.filter(neighbourhood=nb, pinned_at__isnull=True).order_by("pk")[:40]
    )
    said: dict[int, list] = {}
    for comment in Comment.objects.filter(post__in=templates).order_by("pk"):
        said.setdefault(comment.post_id, []).append(comment)
    if not templates:
        return 0
    posts, plans = [], []
    for index, (start, end) in enumerate(months):
        for _ in range(_how_many(rng, per_month * 5, index)):
            written = _moment(rng, start, end)
            reactors = rng.sample(people, min(len(people), rng.randint(0, 5)))
            template = rng.choice(templates)
            # The comments the same post had (a comment fits the kind of post it is under).
            replies = said.get(template.pk, [])[: rng.randint(0, 3)]
            posts.append(
                _copy(
                    template,
                    author=rng.choice(people),
                    organisation=None,
                    created_at=written,
                    edited_at=None,
                    is_deleted=False,
                    comment_count=len(replies),
                    reaction_count=len(reactors),
                )
            )
            plans.append((replies, reactors))
    posts = Post.objects.bulk_create(posts)
    new_comments, reactions = [], []
    for post, (replies, reactors) in zip(posts, plans, strict=True):
        for k, reply in enumerate(replies):
            new_comments.append(
                _copy(
                    reply,
                    post_id=post.pk,
                    author=rng.choice(people),
                    created_at=min(now, post.created_at + timedelta(hours=2 * (k + 1))),
                )
            )
        for person in reactors:
            reactions.append(
                Reaction(
                    neighbourhood=nb,
                    post_id=post.pk,
                    user=person,
                    kind=rng.choice(ReactionKind.values),
                    created_at=min(now, post.created_at + timedelta(hours=rng.randint(1, 48))),
                )
            )
    Comment.objects.bulk_create(new_comments)
    Reaction.objects.bulk_create(reactions)
    return len(posts)


def _buurthulp(nb, people, organisations, months, rng, per_month, now) -> int:
    from buurtplein.buurthulp.models import (
        HelpFollowUp,
        HelpMatch,
        HelpRequest,
        MatchStatus,
        State,
    )

    templates = list(
        HelpRequest.objects.filter(neighbourhood=nb, resident_name="").order_by("pk")[:30]
    )
    if not templates:
        return 0
    made = []
    for index, (start, end) in enumerate(months):
        for _ in range(_how_many(rng, per_month, index)):
            asked = _moment(rng, start, end)
            asker = rng.choice(people)
            request = _copy(
                rng.choice(templates),
                asker=asker,
                created_by=None,
                consent_recorded_at=None,
                created_at=asked,
                updated_at=asked,
                matched_at=None,
                started_at=None,
                closed_at=None,
                escalated_at=None,
                picked_up_by=None,
                picked_up_at=None,
                helper=None,
                conversation_id=None,
                embedding=None,
                embedding_hash="",
                matched_once=True,
            )
            luck = rng.random()
            if luck < 0.78:  # someone said yes, from a quarter of an hour to two days later
                request.matched_at = asked + timedelta(
                    minutes=rng.choice([15, 40, 90, 300, 1400, 2800])
                )
                request.started_at = request.matched_at + timedelta(hours=rng.randint(1, 12))
                request.helper = rng.choice([p for p in people if p.pk != asker.pk])
                if luck < 0.68:
                    request.state = State.HELPED
                else:
                    request.state = rng.choice([State.NOT_HELPED, State.WITHDRAWN])
                request.closed_at = request.started_at + timedelta(days=rng.randint(1, 8))
            else:
                request.state = State.WITHDRAWN if luck < 0.9 else State.NOT_HELPED
                request.closed_at = asked + timedelta(days=rng.randint(3, 14))
            request.closed_at = min(request.closed_at, now)
            made.append(request)
    made = HelpRequest.objects.bulk_create(made)
    matches, follow_ups = [], []
    for request in made:
        if request.helper is None:
            continue
        matches.append(
            HelpMatch(
                neighbourhood=nb,
                request_id=request.pk,
                helper=request.helper,
                reason=[{"kind": "connector"}],
                status=MatchStatus.CHOSEN,
                created_at=request.created_at,
                responded_at=request.matched_at,
            )
        )
        if request.state == State.HELPED:
            for person, is_helper in ((request.asker, False), (request.helper, True)):
                if rng.random() < 0.75:
                    follow_ups.append(
                        HelpFollowUp(
                            neighbourhood=nb,
                            request_id=request.pk,
                            person=person,
                            is_helper=is_helper,
                            answer=rng.choices(["yes", "partly", "no"], [75, 18, 7])[0],
                            created_at=request.closed_at,
                            answered_at=min(now, request.closed_at + timedelta(days=2)),
                        )
                    )
    HelpMatch.objects.bulk_create(matches)
    HelpFollowUp.objects.bulk_create(follow_ups)
    return len(made)


def _exchange(nb, people, organisations, months, rng, per_month, now) -> int:
    from buurtplein.exchange.models import Item, Kind, OrgPledge, PledgeState, State

    templates = list(
        Item.objects.filter(neighbourhood=nb).exclude(kind=Kind.MONEY).order_by("pk")[:40]
    )
    if not templates:
        return 0
    items = []
    for index, (start, end) in enumerate(months):
        for _ in range(_how_many(rng, per_month * 1.5, index)):
            placed = _moment(rng, start, end)
            template = rng.choice(templates)
            item = _copy(
                template,
                owner=rng.choice(people) if template.organisation_id is None else template.owner,
                created_at=placed,
                edited_at=None,
                expires_at=placed + timedelta(days=30),
                reminder_sent_at=None,
                thanks_count=0,
                done_with=None,
            )
            if rng.random() < 0.6:
                item.state, item.done_at = State.DONE, placed + timedelta(days=rng.randint(1, 12))
            else:
                item.state, item.done_at = State.EXPIRED, None
            items.append(item)
    Item.objects.bulk_create(items)
    pledges = list(
        OrgPledge.objects.filter(neighbourhood=nb, state=PledgeState.CONFIRMED).order_by("pk")[:10]
    )
    past = []
    for index, (start, end) in enumerate(months):
        for _ in range(_how_many(rng, per_month * 0.25, index) if pledges else 0):
            confirmed = _moment(rng, start, end)
            old = now - confirmed > timedelta(days=91)
            past.append(
                _copy(
                    rng.choice(pledges),
                    created_at=confirmed - timedelta(days=rng.randint(3, 20)),
                    answered_at=confirmed - timedelta(days=2),
                    giver_confirmed_at=confirmed - timedelta(days=1),
                    receiver_confirmed_at=confirmed,
                    confirmed_at=confirmed,
                    follow_up_sent_at=confirmed + timedelta(days=91) if old else None,
                    giver_answer=rng.choice(["yes", "yes", "partly", ""]) if old else "",
                    receiver_answer=rng.choice(["yes", "yes", ""]) if old else "",
                )
            )
    OrgPledge.objects.bulk_create(past)
    return len(items) + len(past)


def _agenda(nb, people, organisations, months, rng, per_month, now) -> int:
    """The past year's dates of the activities that repeat (a weekly coffee morning was held
    every week), with the people who went; the activities themselves began a year ago."""
    from buurtplein.agenda.models import Activity, Occurrence, Rsvp, RsvpStatus

    first = months[0][0]
    weekly = [
        activity
        for activity in Activity.objects.filter(
            neighbourhood=nb, rrule__contains="FREQ=WEEKLY"
        ).order_by("pk")
        if "COUNT=" not in activity.rrule and "UNTIL=" not in activity.rrule  # not a course
    ]
    dates, rsvps = [], []
    for activity in weekly[:6]:
        template = (
            Occurrence.objects.filter(activity=activity, moved=False, cancelled=False)
            .order_by("starts_at")
            .first()
        )
        if template is None:
            continue
        interval = re.search(r"INTERVAL=(\d+)", activity.rrule)
        step = timedelta(weeks=int(interval.group(1)) if interval else 1)
        length = template.ends_at - template.starts_at
        # In local time, so that a date keeps its hour over the change of the clocks.
        moment = timezone.localtime(template.original_start) - step
        while moment >= first:
            if moment < now and rng.random() < 0.9:  # now and then a date was skipped
                dates.append(
                    _copy(
                        template,
                        original_start=moment,
                        starts_at=moment,
                        ends_at=moment + length,
                        going_count=0,
                        waiting_count=0,
                        reminder_planned_at=None,
                    )
                )
            moment -= step
        Activity.objects.filter(pk=activity.pk).update(
            created_at=first - timedelta(days=rng.randint(3, 30))
        )
    dates = Occurrence.objects.bulk_create(dates)
    for occurrence in dates:
        going = rng.sample(people, min(len(people), rng.randint(2, 9)))
        for person in going:
            size = rng.choices([1, 2, 3], [80, 15, 5])[0]
            occurrence.going_count += size
            signed_up = occurrence.starts_at - timedelta(days=rng.randint(1, 10))
            rsvps.append(
                Rsvp(
                    neighbourhood=nb,
                    occurrence_id=occurrence.pk,
                    activity_id=occurrence.activity_id,
                    person=person,
                    party_size=size,
                    status=RsvpStatus.GOING,
                    created_at=signed_up,
                    status_at=signed_up,
                )
            )
    Rsvp.objects.bulk_create(rsvps)
    Occurrence.objects.bulk_update(dates, ["going_count"])
    return len(dates)


def _clubs(nb, people, organisations, months, rng, per_month, now) -> int:
    """The clubs began before the year and their members joined over it."""
    from buurtplein.clubs.models import Club, ClubMember

    first = months[0][0]
    moved = 0
    for club in Club.objects.filter(neighbourhood=nb).order_by("pk"):
        began = first - timedelta(days=rng.randint(10, 120))
        Club.objects.filter(pk=club.pk).update(created_at=began)
        members = list(ClubMember.objects.filter(club=club, joined_at__isnull=False).order_by("pk"))
        for member in members:
            index = rng.randrange(len(months) + 1)
            start, end = months[index] if index < len(months) else (began, first)
            member.joined_at = member.requested_at = _moment(rng, start, end)
        ClubMember.objects.bulk_update(members, ["joined_at", "requested_at"])
        moved += len(members)
    return moved


def _volunteering(nb, people, organisations, months, rng, per_month, now) -> int:
    from buurtplein.volunteering.models import Response, ResponseState, Vacancy

    vacancies = list(Vacancy.objects.filter(neighbourhood=nb).order_by("pk"))
    if not vacancies:
        return 0
    taken = set(Response.objects.filter(neighbourhood=nb).values_list("vacancy_id", "person_id"))
    responses = []
    for index, (start, end) in enumerate(months):
        for _ in range(_how_many(rng, per_month * 0.6, index)):
            vacancy, person = rng.choice(vacancies), rng.choice(people)
            if (vacancy.pk, person.pk) in taken:
                continue
            taken.add((vacancy.pk, person.pk))
            said = _moment(rng, start, end)
            response = Response(
                neighbourhood=nb,
                vacancy=vacancy,
                person=person,
                message="Ik wil graag helpen. Wanneer kan ik een keer langskomen?",
                created_at=said,
                answered_at=said + timedelta(days=rng.randint(1, 5)),
            )
            if rng.random() < 0.65:
                response.state = ResponseState.ACCEPTED
                response.accepted_at = response.answered_at
                if now - response.accepted_at > timedelta(days=30):
                    response.volunteer_asked_at = response.accepted_at + timedelta(days=30)
                    response.volunteer_answer = rng.choices(
                        ["yes", "partly", "no", ""], [60, 15, 10, 15]
                    )[0]
                    if response.volunteer_answer:
                        response.volunteer_answered_at = response.volunteer_asked_at + timedelta(
                            days=2
                        )
            else:
                response.state = ResponseState.DECLINED
            responses.append(response)
    Response.objects.bulk_create(responses)
    # A vacancy was placed before its first response.
    for vacancy_id, first in (
        Response.objects.filter(neighbourhood=nb)
        .values_list("vacancy")
        .annotate(first=Min("created_at"))
        .order_by()
    ):
        Vacancy.objects.filter(pk=vacancy_id, created_at__gt=first).update(
            created_at=first - timedelta(days=rng.randint(2, 20))
        )
    return len(responses)


def _referrals(nb, people, organisations, months, rng, per_month, now) -> int:
    from buurtplein.referrals.models import Referral, State

    templates = list(
        Referral.objects.filter(neighbourhood=nb, person__isnull=True).order_by("pk")[:20]
    )
    if not templates:
        return 0
    referrals = []
    for index, (start, end) in enumerate(months):
        for _ in range(_how_many(rng, per_month * 0.5, index)):
            sent = _moment(rng, start, end)
            answered = sent + timedelta(hours=rng.choice([3, 8, 20, 30, 50]))
            referral = _copy(
                rng.choice(templates),
                created_at=sent,
                consent_given_at=sent,
                consent_until=(sent + timedelta(days=90)).date(),
                answered_at=answered,
                reminded_at=None,
                escalated_at=None,
            )
            luck = rng.random()
            if luck < 0.12:
                referral.state, referral.ended_at = State.DECLINED, answered
                referral.decline_reason = "Past niet bij wat wij doen; kijk bij het buurtteam."
                referral.contact_at = None
            else:
                referral.contact_at = answered + timedelta(hours=rng.randint(2, 72))
                referral.ended_at = referral.contact_at + timedelta(days=rng.randint(7, 40))
                referral.state = State.DONE if luck < 0.85 else State.FAILED
            referral.ended_at = min(referral.ended_at, now)
            referrals.append(referral)
    Referral.objects.bulk_create(referrals)
    return len(referrals)


def _onlinehulp(nb, people, organisations, months, rng, per_month, now) -> int:
    from buurtplein.onlinehulp.models import Chat, Outcome, Question

    chats = list(Chat.objects.filter(neighbourhood=nb, state=Chat.State.CLOSED).order_by("pk")[:10])
    questions = list(Question.objects.filter(neighbourhood=nb).order_by("pk")[:10])
    made_chats, made_questions = [], []
    outcomes = [o for o in Outcome.values if o != Outcome.CRISIS]
    for index, (start, end) in enumerate(months):
        for _ in range(_how_many(rng, per_month * 1.2, index) if chats else 0):
            began = _moment(rng, start, end)
            taken = rng.random() < 0.92
            made_chats.append(
                _copy(
                    rng.choice(chats),
                    token_hash=secrets.token_hex(32),
                    code_hash=secrets.token_hex(32),
                    state=Chat.State.CLOSED,
                    created_at=began,
                    taken_at=began + timedelta(minutes=rng.randint(0, 9)) if taken else None,
                    closed_at=began + timedelta(minutes=rng.randint(12, 50)),
                    outcome=rng.choice(outcomes) if taken else Outcome.NO_CONTACT,
                    rating=rng.choices([None, 3, 4, 5], [45, 10, 25, 20])[0] if taken else None,
                    rating_text="",
                    transcript_deleted_at=began + timedelta(days=30),
                    coach=None,
                    last_seq=0,
                )
            )
        for _ in range(_how_many(rng, per_month * 0.4, index) if questions else 0):
            asked = _moment(rng, start, end)
            due = asked + timedelta(days=3)
            answered = asked + timedelta(hours=rng.choice([4, 20, 30, 50, 90]))
            made_questions.append(
                _copy(
                    rng.choice(questions),
                    token_hash=secrets.token_hex(32),
                    code_hash=secrets.token_hex(32),
                    email="",
                    state=Question.State.CLOSED,
                    created_at=asked,
                    due_at=due,
                    reminded_at=None,
                    escalated_at=None,
                    answered_at=answered,
                    closed_at=answered + timedelta(days=1),
                    outcome=rng.choice(outcomes),
                    transcript_deleted_at=answered + timedelta(days=30),
                )
            )
    Chat.objects.bulk_create(made_chats)
    Question.objects.bulk_create(made_questions)
    return len(made_chats) + len(made_questions)


def _members(nb, people, organisations, months, rng, per_month, now) -> int:
    """Now and then someone moved away and deleted their account."""
    from buurtplein.accounts.models import MembershipEnd, VerificationLog

    ends = []
    for start, end in months:
        if rng.random() < 0.35:
            left = _moment(rng, start, end)
            ends.append(
                MembershipEnd(
                    neighbourhood=nb,
                    joined_at=left - timedelta(days=rng.randint(60, 500)),
                    how=rng.choice(VerificationLog.Method.values[:2]),
                    left_at=left,
                )
            )
    MembershipEnd.objects.bulk_create(ends)
    return len(ends)


def recount(neighbourhoods, *, months: int = 13) -> int:
    """Count the last ``months`` months of each neighbourhood from the rows (what the nightly
    round ``recount_figures`` does), so the reports have figures at once."""
    from django.db import connection

    if connection.vendor == "postgresql":
        # Statistics for what was just written in bulk (as after any bulk load): without them
        # PostgreSQL plans the counting's joins as nested loops over every row (seconds per
        # month where the seed runs in one transaction, as in the tests).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    this_month = counting.month_of(timezone.now())
    written = 0
    for nb in neighbourhoods:
        counting.recount_stale(nb)
        for back in range(months):
            written += counting.recount(nb, counting.add_months(this_month, -back))
    return written
