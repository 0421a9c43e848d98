"""Writes of stories, the consent register and testimonials. The work of professionals (an
approval, consent registered on paper, a withdrawal for someone) is audited
(``core.audit.log_action``). A consent's reminder to the story's owner, a month before it runs
out, is planned when the consent is given (``tasks.remind_expiry``) and caught up by the round
``manage.py stories_consents``."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtplein.core import ratelimit
from buurtplein.core.audit import log_action
from buurtplein.core.photos import attach_photos, remove_photos, replace_photo
from buurtplein.core.tasks import enqueue_later
from buurtplein.stories.models import (
    USE_FIELD,
    Consent,
    ConsentHow,
    State,
    Story,
    Testimonial,
    Use,
    digest,
    new_secret,
)
from buurtplein.stories.selectors import manages, manages_testimonials

MAX_CONSENT_YEARS = 5
REMIND_BEFORE = relativedelta(months=1)
TESTIMONIAL_YEARS = 2
"""A testimonial given in the app holds its consent this long (the person can withdraw it
earlier)."""


# --- Stories --------------------------------------------------------------------------------


def _check_story(*, neighbourhood, title, text, happened_on, happened_until, organisation):
    errors = {}
    if not title.strip():
        errors["title"] = _("Write a title.")
    if not text.strip():
        errors["text"] = _("Write the story.")
    if happened_on > timezone.localdate():
        errors["happened_on"] = _("A story tells what happened: choose a day that has been.")
    if happened_until is not None and happened_until < happened_on:
        errors["happened_until"] = _("The end comes after the start.")
    if (
        organisation is not None
        and not organisation.neighbourhoods.filter(pk=neighbourhood.pk).exists()
    ):
        errors["organisation"] = _("Choose an organisation of this neighbourhood.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def story_create(
    *,
    viewer,
    title: str,
    text: str,
    happened_on: dt.date,
    happened_until: dt.date | None = None,
    organisation=None,
    photos: list | None = None,
    alt_text: str = "",
) -> Story:
    """A new story. Who looks after stories of its organisation (or, without one, of the
    neighbourhood) publishes at once; anyone else's waits for their review."""
    ratelimit.check("listing", user=viewer.user)
    neighbourhood = viewer.neighbourhood
    _check_story(
        neighbourhood=neighbourhood,
        title=title,
        text=text,
        happened_on=happened_on,
        happened_until=happened_until,
        organisation=organisation,
    )
    approved = manages(viewer, organisation.pk if organisation else None)
    now = timezone.now()
    story = Story.objects.create(
        neighbourhood=neighbourhood,
        author=viewer.user,
        organisation=organisation,
        title=title.strip(),
        text=text.strip(),
        happened_on=happened_on,
        happened_until=happened_until,
        state=State.APPROVED if approved else State.REVIEW,
        reviewed_by=viewer.user if approved else None,
        reviewed_at=now if approved else None,
    )
    attach_photos(owner=story, uploads=photos or [], alt_texts=alt_text)
    return story


@transaction.atomic
def story_edit(
    *,
    viewer,
    story: Story,
    title: str,
    text: str,
    happened_on: dt.date,
    happened_until: dt.date | None = None,
    photos: list | None = None,
    alt_text: str = "",
    remove_photo_ids: list[int] | None = None,
) -> Story:
    """Change a story. When its author changes an approved story that they do not look after,
    it waits for review again."""
    _check_story(
        neighbourhood=story.neighbourhood,
        title=title,
        text=text,
        happened_on=happened_on,
        happened_until=happened_until,
        organisation=None,
    )
    story.title, story.text = title.strip(), text.strip()
    story.happened_on, story.happened_until = happened_on, happened_until
    if not manages(viewer, story.organisation_id):
        story.state, story.reviewed_by, story.reviewed_at = State.REVIEW, None, None
    story.save()
    if remove_photo_ids:
        remove_photos(owner=story, ids=remove_photo_ids)
    attach_photos(owner=story, uploads=photos or [], alt_texts=alt_text)
    return story


def story_approve(*, story: Story, actor) -> Story:
    if story.state != State.REVIEW:
        raise ValidationError(_("This story was already approved."))
    story.state, story.reviewed_by, story.reviewed_at = State.APPROVED, actor, timezone.now()
    story.save(update_fields=["state", "reviewed_by", "reviewed_at"])
    log_action(actor=actor, action="stories.story.approve", target=story)
    return story


def story_delete(*, story: Story, actor) -> None:
    """The story goes, with its photos (their files too) and its consent register."""
    if story.author_id != actor.pk:
        log_action(actor=actor, action="stories.story.delete", target=story)
    story.delete()


# --- The consent register -------------------------------------------------------------------


def _check_consent(*, name, uses, until, by_name, in_photo, quote):
    errors = {}
    today = timezone.localdate()
    if not name.strip():
        errors["name"] = _("Write the person's name.")
    if not uses:
        errors["uses"] = _("Choose at least one use.")
    if until < today:
        errors["until"] = _("Choose a day from today.")
    elif until > today + relativedelta(years=MAX_CONSENT_YEARS):
        errors["until"] = _("Consent holds for at most %(years)d years.") % {
            "years": MAX_CONSENT_YEARS
        }
    if not (by_name or in_photo or quote.strip()):
        errors["by_name"] = _("Say how the person appears: by name, in a photo or with a quote.")
    if errors:
        raise ValidationError(errors)


def _uses(uses) -> dict:
    chosen = {Use(use) for use in uses}
    return {field: use in chosen for use, field in USE_FIELD.items()}


def remind_at(consent: Consent) -> dt.datetime:
    """A month before the consent runs out, at nine in the morning (local)."""
    day = consent.until - REMIND_BEFORE
    return dt.datetime.combine(day, dt.time(9), tzinfo=timezone.get_current_timezone())


def _schedule(consent: Consent) -> None:
    from buurtplein.stories import tasks

    pk, when = consent.pk, remind_at(consent)
    transaction.on_commit(lambda: enqueue_later(tasks.remind_expiry, when, pk))


def consent_ask(
    *,
    story: Story,
    person,
    registered_by,
    uses,
    until: dt.date,
    by_name: bool = True,
    in_photo: bool = False,
    quote: str = "",
) -> Consent:
    """Put a member in the story and ask their consent in the app: the story is not shown
    for any use until they confirm it (one click on "Toestemmingen over mij"). They are told
    by e-mail."""
    name = person.display_name  # as they show their name to neighbours
    _check_consent(
        name=name, uses=uses, until=until, by_name=by_name, in_photo=in_photo, quote=quote
    )
    if story.consents.filter(person=person, withdrawn_at=None).exists():
        raise ValidationError(_("This person is already in the story."))
    consent = Consent.objects.create(
        neighbourhood=story.neighbourhood,
        story=story,
        person=person,
        name=name,
        by_name=by_name,
        in_photo=in_photo,
        quote=quote.strip(),
        until=until,
        how=ConsentHow.APP,
        registered_by=registered_by,
        **_uses(uses),
    )
    from buurtplein.stories import tasks

    pk = consent.pk
    transaction.on_commit(lambda: tasks.ask_consent.enqueue(pk))
    return consent


def consent_register_paper(
    *,
    actor,
    name: str,
    uses,
    until: dt.date,
    story: Story | None = None,
    testimonial: Testimonial | None = None,
    by_name: bool = True,
    in_photo: bool = False,
    quote: str = "",
) -> tuple[Consent, str]:
    """Register consent the person gave on paper (the professional keeps the form). Returns
    the consent and the secret of its withdrawal link (only its digest is stored): the
    professional gives it to the person, on paper or by e-mail."""
    _check_consent(
        name=name, uses=uses, until=until, by_name=by_name, in_photo=in_photo, quote=quote
    )
    secret = new_secret()
    now = timezone.now()
    owner = story or testimonial
    consent = Consent.objects.create(
        neighbourhood=owner.neighbourhood,
        story=story,
        testimonial=testimonial,
        name=name.strip(),
        by_name=by_name,
        in_photo=in_photo,
        quote=quote.strip(),
        until=until,
        how=ConsentHow.PAPER,
        given_at=now,
        registered_by=actor,
        registered_at=now,
        token_digest=digest(secret),
        **_uses(uses),
    )
    log_action(actor=actor, action="stories.consent.paper", target=consent)
    _schedule(consent)
    return consent, secret


def consent_confirm(*, consent: Consent, person) -> Consent:
    """The member agrees, with one click."""
    if consent.person_id != person.pk or not consent.is_pending:
        raise ValidationError(_("There is nothing to confirm."))
    updated = Consent.objects.filter(pk=consent.pk, given_at=None, withdrawn_at=None).update(
        given_at=timezone.now()
    )
    consent.refresh_from_db()
    if updated:
        _schedule(consent)
    return consent


def consent_withdraw(*, consent: Consent, actor=None) -> Consent:
    """Withdraw (or decline) the consent: by the person (``actor`` themselves, or None through
    the secret link) or for them by the author or who looks after it. Every story or
    testimonial it is part of leaves every page and every later report at once."""
    if consent.withdrawn_at is not None:
        return consent
    now = timezone.now()
    Consent.objects.filter(pk=consent.pk, withdrawn_at=None).update(
        withdrawn_at=now, withdrawn_by=actor
    )
    consent.refresh_from_db()
    if actor is not None and consent.person_id != actor.pk:
        log_action(actor=actor, action="stories.consent.withdraw", target=consent)
    return consent


def reminders_due(neighbourhood, now: dt.datetime) -> list[Consent]:
    """Given consents that run out within a month and whose owner was not reminded."""
    today = timezone.localdate(now)
    return list(
        Consent.objects.filter(
            neighbourhood=neighbourhood,
            given_at__isnull=False,
            withdrawn_at=None,
            reminded_at=None,
            until__gte=today,
            until__lte=today + REMIND_BEFORE,
        ).order_by("pk")
    )


def claim_reminder(consent: Consent, now: dt.datetime) -> bool:
    """Claim the one reminder of ``consent`` (a conditional update): True once."""
    today = timezone.localdate(now)
    if consent.until - REMIND_BEFORE > today:
        return False
    return bool(
        Consent.objects.filter(
            pk=consent.pk,
            reminded_at=None,
            withdrawn_at=None,
            given_at__isnull=False,
            until__gte=today,
        ).update(reminded_at=now)
    )


# --- Testimonials ---------------------------------------------------------------------------


def _check_testimonial(*, neighbourhood, organisation, text):
    errors = {}
    if not text.strip():
        errors["text"] = _("Write what you would tell others.")
    if not organisation.neighbourhoods.filter(pk=neighbourhood.pk).exists():
        errors["organisation"] = _("Choose an organisation of this neighbourhood.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def testimonial_create(
    *,
    viewer,
    organisation,
    text: str,
    shown_as: str,
    social: bool = False,
    photo=None,
    alt_text: str = "",
) -> Testimonial:
    """A member recommends an organisation: they agree, here and now, to be quoted on the
    organisation's page and the neighbourhood home (their consent, in the app, for
    ``TESTIMONIAL_YEARS``). The organisation's staff approve it before it is shown; their
    own is approved at once."""
    ratelimit.check("reply", user=viewer.user)
    neighbourhood = viewer.neighbourhood
    _check_testimonial(neighbourhood=neighbourhood, organisation=organisation, text=text)
    user = viewer.user
    now = timezone.now()
    approved = manages_testimonials(viewer, organisation.pk)
    name = user.get_full_name() or user.display_name
    testimonial = Testimonial.objects.create(
        neighbourhood=neighbourhood,
        organisation=organisation,
        person=user,
        name=name,
        shown_as=shown_as,
        text=text.strip(),
        approved_at=now if approved else None,
        approved_by=user if approved else None,
    )
    if photo is not None:
        replace_photo(owner=testimonial, upload=photo, alt_text=alt_text)
    consent = Consent.objects.create(
        neighbourhood=neighbourhood,
        testimonial=testimonial,
        person=user,
        name=name,
        by_name=True,
        in_photo=photo is not None,
        quote=testimonial.text,
        for_report=False,
        for_website=True,
        for_social=social,
        until=timezone.localdate(now) + relativedelta(years=TESTIMONIAL_YEARS),
        how=ConsentHow.APP,
        given_at=now,
        registered_by=user,
        registered_at=now,
    )
    _schedule(consent)
    return testimonial


@transaction.atomic
def testimonial_register_paper(
    *,
    actor,
    neighbourhood,
    organisation,
    name: str,
    text: str,
    shown_as: str,
    until: dt.date,
    social: bool = False,
    photo=None,
    alt_text: str = "",
) -> tuple[Testimonial, str]:
    """A testimonial given on paper, registered (and so approved) by the organisation's
    staff. Returns it and the secret of the person's withdrawal link."""
    _check_testimonial(neighbourhood=neighbourhood, organisation=organisation, text=text)
    if not name.strip():
        raise ValidationError({"name": _("Write the person's name.")})
    testimonial = Testimonial.objects.create(
        neighbourhood=neighbourhood,
        organisation=organisation,
        name=name.strip(),
        shown_as=shown_as,
        text=text.strip(),
        approved_at=timezone.now(),
        approved_by=actor,
    )
    if photo is not None:
        replace_photo(owner=testimonial, upload=photo, alt_text=alt_text)
    uses = [Use.WEBSITE, *([Use.SOCIAL] if social else [])]
    _consent, secret = consent_register_paper(
        actor=actor,
        testimonial=testimonial,
        name=name,
        uses=uses,
        until=until,
        by_name=True,
        in_photo=photo is not None,
        quote=testimonial.text,
    )
    return testimonial, secret


def testimonial_approve(*, testimonial: Testimonial, actor) -> Testimonial:
    if testimonial.approved_at is not None:
        raise ValidationError(_("This recommendation was already approved."))
    testimonial.approved_at, testimonial.approved_by = timezone.now(), actor
    testimonial.save(update_fields=["approved_at", "approved_by"])
    log_action(actor=actor, action="stories.testimonial.approve", target=testimonial)
    return testimonial


def testimonial_delete(*, testimonial: Testimonial, actor) -> None:
    if testimonial.person_id != actor.pk:
        log_action(actor=actor, action="stories.testimonial.delete", target=testimonial)
    testimonial.delete()
