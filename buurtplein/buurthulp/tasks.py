"""Background work of buurthulp. Tasks take ids, reload, and re-enter the neighbourhood's scope.

Every task may run more than once, late, or (with a backend that cannot wait) early: each one
checks again whether there is still something to do.
"""

from __future__ import annotations

from functools import partial

from django.tasks import task
from django.utils.functional import lazy
from django_scopes import scope

from buurtplein.buurthulp import actions, matching
from buurtplein.buurthulp.models import (
    HelperProfile,
    HelpFollowUp,
    HelpMatch,
    HelpRequest,
    RequestVisibility,
    State,
)
from buurtplein.core.models import Membership, Role
from buurtplein.core.tasks import load, send_to


@task
def embed_helper(profile_id: int) -> bool:
    """Embed what a helper offers (after a save), unless the text did not change."""
    profile = load(HelperProfile, profile_id)
    if profile is None:
        return False
    with scope(neighbourhood=profile.neighbourhood):
        return actions.helper_embed(profile)


@task
def find_helpers(request_id: int) -> int:
    """Embed the request, rank helpers, ask the best ones (after asking, after an edit, after
    a helper declined)."""
    help_request = load(HelpRequest, request_id)
    if help_request is None:
        return 0
    with scope(neighbourhood=help_request.neighbourhood):
        return len(actions.find_helpers(help_request))


@task
def escalate_if_unanswered(request_id: int) -> bool:
    """48 hours after asking: still open? Then the buurtverbinders are told."""
    help_request = load(HelpRequest, request_id)
    if help_request is None:
        return False
    with scope(neighbourhood=help_request.neighbourhood):
        return actions.escalate_if_unanswered(help_request)


@task
def notify_helpers(match_ids: list[int]) -> int:
    """Tell each newly asked helper that a neighbour could use their help."""
    sent = 0
    for match_id in match_ids:
        match = load(HelpMatch, match_id, "helper", "request", "request__asker")
        if match is None or match.request.state not in (State.OPEN, State.MATCHED):
            continue
        with scope(neighbourhood=match.neighbourhood):
            # Why this person, worded when the e-mail is rendered: in the helper's language.
            reason_line = lazy(partial(matching.reason_text, match.reason, for_helper=True), str)
            send_to(
                match.helper,
                "buurthulp/email/asked",
                {
                    "match": match,
                    "help_request": match.request,
                    "reason_line": reason_line(),
                    # Asked as a professional (sensitive or professionals-only requests), not
                    # as a neighbour: the e-mail says so.
                    "as_professional": any(
                        part.get("kind") == "professional" for part in match.reason or []
                    ),
                },
            )
            sent += 1
    return sent


@task
def notify_accepted(match_id: int) -> bool:
    """Tell the asker (and whoever asked for them) that someone wants to help."""
    match = load(HelpMatch, match_id, "helper", "request", "request__asker", "request__created_by")
    if match is None or match.request.state not in (State.OPEN, State.MATCHED):
        return False
    help_request = match.request
    with scope(neighbourhood=match.neighbourhood):
        for person in filter(None, [help_request.asker, help_request.created_by]):
            send_to(
                person, "buurthulp/email/accepted", {"match": match, "help_request": help_request}
            )
    return True


@task
def notify_closed(request_id: int, user_ids: list[int]) -> int:
    """A request was withdrawn or closed as not helped: tell the asker's side and the helpers
    who had said yes or were chosen (the person who closed it is not in ``user_ids``)."""
    from buurtplein.accounts.models import User

    help_request = load(HelpRequest, request_id, "asker")
    if help_request is None or help_request.state not in (State.WITHDRAWN, State.NOT_HELPED):
        return 0
    people = list(User.objects.filter(pk__in=user_ids).order_by("pk"))
    with scope(neighbourhood=help_request.neighbourhood):
        for person in people:
            asker_side = person.pk in (help_request.asker_id, help_request.created_by_id)
            send_to(
                person,
                "buurthulp/email/closed",
                {
                    "help_request": help_request,
                    "asker_side": asker_side,
                    # Helpers who only said yes no longer see a closed request; no dead link.
                    "show_link": asker_side or person.pk == help_request.helper_id,
                },
            )
    return len(people)


@task
def notify_chosen(match_id: int) -> bool:
    match = load(HelpMatch, match_id, "helper", "request", "request__asker")
    if match is None or match.request.state != State.IN_PROGRESS:
        return False
    with scope(neighbourhood=match.neighbourhood):
        send_to(
            match.helper, "buurthulp/email/chosen", {"match": match, "help_request": match.request}
        )
    return True


@task
def notify_escalation(request_id: int, nobody_fits: bool = False) -> int:
    """E-mail the stewards of an unanswered request, each in their own language:
    buurtverbinders (and admins), or for professionals-only requests the professionals.
    ``nobody_fits``: matching found nobody to ask (right after asking), rather than 48 hours
    without a yes."""
    help_request = load(HelpRequest, request_id, "asker")
    if help_request is None or help_request.state != State.OPEN:
        return 0
    with scope(neighbourhood=help_request.neighbourhood):
        roles = (
            [Role.PROFESSIONAL]
            if help_request.visibility == RequestVisibility.PROFESSIONALS
            else [Role.CONNECTOR, Role.ADMIN]
        )
        stewards = [
            m.user
            for m in Membership.objects.filter(
                role__in=roles, status=Membership.Status.VERIFIED
            ).select_related("user")
            if m.user_id not in (help_request.asker_id, help_request.created_by_id)
        ]
        for person in stewards:
            send_to(
                person,
                "buurthulp/email/escalated",
                {"help_request": help_request, "nobody_fits": nobody_fits},
            )
    return len(stewards)


@task
def send_follow_ups(request_id: int) -> int:
    """After "helped": ask the asker and the helper "did it work out?" with one-tap links."""
    help_request = load(HelpRequest, request_id)
    if help_request is None or help_request.state != State.HELPED:
        return 0
    with scope(neighbourhood=help_request.neighbourhood):
        follow_ups = list(
            HelpFollowUp.objects.filter(request=help_request, answer="").select_related("person")
        )
        for follow_up in follow_ups:
            send_to(
                follow_up.person,
                "buurthulp/email/follow_up",
                {"follow_up": follow_up, "help_request": help_request},
            )
    return len(follow_ups)


@task
def notify_thanks(match_id: int) -> bool:
    match = load(HelpMatch, match_id, "helper", "request", "request__asker")
    if match is None or not match.thanked_at:
        return False
    with scope(neighbourhood=match.neighbourhood):
        send_to(
            match.helper, "buurthulp/email/thanks", {"match": match, "help_request": match.request}
        )
    return True


@task
def notify_taken_on(match_id: int) -> int:
    """A professional picked the request up: the asker (and whoever asked for them) hear who
    and where to talk."""
    match = load(HelpMatch, match_id, "helper", "request", "request__asker", "request__created_by")
    if match is None or match.request.state != State.IN_PROGRESS:
        return 0
    help_request = match.request
    people = [p for p in (help_request.asker, help_request.created_by) if p is not None]
    with scope(neighbourhood=match.neighbourhood):
        for person in people:
            send_to(
                person, "buurthulp/email/taken_on", {"match": match, "help_request": help_request}
            )
    return len(people)


@task
def notify_handed_over(match_id: int) -> bool:
    """A professional handed a request to a colleague: the colleague hears it, with the note."""
    match = load(HelpMatch, match_id, "helper", "suggested_by", "request")
    if match is None or match.request.state not in (State.OPEN, State.MATCHED):
        return False
    with scope(neighbourhood=match.neighbourhood):
        send_to(
            match.helper,
            "buurthulp/email/handed_over",
            {"match": match, "help_request": match.request},
        )
    return True
