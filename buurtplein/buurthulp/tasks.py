"""Background work of buurthulp. Tasks take ids, reload, and re-enter the neighbourhood's scope.

Every task may run more than once, late, or (with a backend that cannot wait) early: each one
checks again whether there is still something to do.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django_scopes import scope, scopes_disabled

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


def _load(model, pk, *related):
    with scopes_disabled():
        return model.objects.select_related("neighbourhood", *related).filter(pk=pk).first()


def send_to(user, name: str, context: dict) -> None:
    """Render ``buurthulp/email/<name>_subject.txt`` and ``…_body.txt`` in the person's own
    language and send it."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            **context,
            "user": user,
            "site_name": settings.BUURTPLEIN_SITE_NAME,
            "base_url": settings.BUURTPLEIN_BASE_URL,
        }
        if name == "asked":  # why this person: the reason line, in their language
            context["reason_line"] = matching.reason_text(context["match"].reason, for_helper=True)
        subject = render_to_string(f"buurthulp/email/{name}_subject.txt", context).strip()
        body = render_to_string(f"buurthulp/email/{name}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


@task
def embed_helper(profile_id: int) -> bool:
    """Embed what a helper offers (after a save), unless the text did not change."""
    profile = _load(HelperProfile, profile_id)
    if profile is None:
        return False
    with scope(neighbourhood=profile.neighbourhood):
        return actions.helper_embed(profile)


@task
def find_helpers(request_id: int) -> int:
    """Embed the request, rank helpers, ask the best ones (after asking, after an edit, after
    a helper declined)."""
    help_request = _load(HelpRequest, request_id)
    if help_request is None:
        return 0
    with scope(neighbourhood=help_request.neighbourhood):
        return len(actions.find_helpers(help_request))


@task
def escalate_if_unanswered(request_id: int) -> bool:
    """48 hours after asking: still open? Then the buurtverbinders are told."""
    help_request = _load(HelpRequest, request_id)
    if help_request is None:
        return False
    with scope(neighbourhood=help_request.neighbourhood):
        return actions.escalate_if_unanswered(help_request)


@task
def notify_helpers(match_ids: list[int]) -> int:
    """Tell each newly asked helper that a neighbour could use their help."""
    sent = 0
    for match_id in match_ids:
        match = _load(HelpMatch, match_id, "helper", "request", "request__asker")
        if match is None or match.request.state not in (State.OPEN, State.MATCHED):
            continue
        with scope(neighbourhood=match.neighbourhood):
            send_to(match.helper, "asked", {"match": match, "help_request": match.request})
            sent += 1
    return sent


@task
def notify_accepted(match_id: int) -> bool:
    """Tell the asker (and whoever asked for them) that someone wants to help."""
    match = _load(HelpMatch, match_id, "helper", "request", "request__asker", "request__created_by")
    if match is None or match.request.state not in (State.OPEN, State.MATCHED):
        return False
    help_request = match.request
    with scope(neighbourhood=match.neighbourhood):
        for person in filter(None, [help_request.asker, help_request.created_by]):
            send_to(person, "accepted", {"match": match, "help_request": help_request})
    return True


@task
def notify_chosen(match_id: int) -> bool:
    match = _load(HelpMatch, match_id, "helper", "request", "request__asker")
    if match is None or match.request.state != State.IN_PROGRESS:
        return False
    with scope(neighbourhood=match.neighbourhood):
        send_to(match.helper, "chosen", {"match": match, "help_request": match.request})
    return True


@task
def notify_escalation(request_id: int) -> int:
    """E-mail the stewards of an unanswered request, each in their own language:
    buurtverbinders (and admins), or for professionals-only requests the professionals."""
    help_request = _load(HelpRequest, request_id, "asker")
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
            send_to(person, "escalated", {"help_request": help_request})
    return len(stewards)


@task
def send_follow_ups(request_id: int) -> int:
    """After "helped": ask the asker and the helper "did it work out?" with one-tap links."""
    help_request = _load(HelpRequest, request_id)
    if help_request is None or help_request.state != State.HELPED:
        return 0
    with scope(neighbourhood=help_request.neighbourhood):
        follow_ups = list(
            HelpFollowUp.objects.filter(request=help_request, answer="").select_related("person")
        )
        for follow_up in follow_ups:
            send_to(
                follow_up.person,
                "follow_up",
                {"follow_up": follow_up, "help_request": help_request},
            )
    return len(follow_ups)


@task
def notify_thanks(match_id: int) -> bool:
    match = _load(HelpMatch, match_id, "helper", "request", "request__asker")
    if match is None or not match.thanked_at:
        return False
    with scope(neighbourhood=match.neighbourhood):
        send_to(match.helper, "thanks", {"match": match, "help_request": match.request})
    return True
