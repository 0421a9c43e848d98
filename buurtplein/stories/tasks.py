"""Background work of stories. Tasks take ids, reload (``core.tasks.load``: nothing when the
component is switched off), re-enter the neighbourhood's scope, and may run more than once: the
reminder is claimed with a conditional update, e-mails go through ``core.tasks.send_to``."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone
from django_scopes import scope

from buurtplein.core.tasks import claim_once, load, send_to
from buurtplein.stories import actions
from buurtplein.stories.models import Consent


def _load(pk):
    return load(
        Consent, pk, "story__author", "testimonial__organisation", "person", "registered_by"
    )


def owner_of(consent: Consent):
    """Who is reminded: the story's author (else whoever registered the consent)."""
    if consent.story_id is not None and consent.story.author_id is not None:
        return consent.story.author
    return consent.registered_by


@task
def ask_consent(consent_id: int) -> bool:
    """Tell a member they were put in a story, and where to agree or decline."""
    consent = _load(consent_id)
    if consent is None or not consent.is_pending or consent.person is None:
        return False
    person = consent.person
    if not person.is_active or not person.email:
        return False
    with scope(neighbourhood=consent.neighbourhood):
        return send_to(person, "stories/email/asked", {"consent": consent})


@task
def remind_expiry(consent_id: int) -> bool:
    """A month before a consent runs out: tell the story's owner once (planned when the consent
    is given; the round ``stories_consents`` catches up)."""
    consent = _load(consent_id)
    if consent is None:
        return False
    now = timezone.now()
    with scope(neighbourhood=consent.neighbourhood):
        if not claim_once(
            f"stories.remind:{consent.pk}", lambda: actions.claim_reminder(consent, now)
        ):
            return False
        owner = owner_of(consent)
        if owner is None or not owner.is_active or not owner.email:
            return False
        return send_to(owner, "stories/email/expires", {"consent": consent})
