"""Writes of referrals: refer, withdraw consent, answer, record contact and the end, referral
links, coordinators, and the reminders when nothing happens. Every write by a person is
audited (``core.audit.log_action``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtplein.core import ratelimit
from buurtplein.core.audit import log_action
from buurtplein.core.tasks import enqueue_later
from buurtplein.core.workdays import add_working_days
from buurtplein.referrals import selectors
from buurtplein.referrals.models import (
    ESCALATE_AFTER_WORKING_DAYS,
    MAX_QUESTION,
    OPEN_STATES,
    REMIND_AFTER_WORKING_DAYS,
    ConsentHow,
    Coordinator,
    Referral,
    ReferralLink,
    Route,
    State,
)
from buurtplein.referrals.retention import SHARED_DETAILS
from buurtplein.referrals.signals import glance_changed

MAX_CONSENT_DAYS = 366
LINK_CONSENT_DAYS = 183
"""A referral from a referral link holds consent for half a year."""


# --- Working days (``core.workdays``: Monday to Friday without Dutch public holidays) -----


def remind_at(referral: Referral) -> dt.datetime:
    return add_working_days(referral.created_at, REMIND_AFTER_WORKING_DAYS)


def escalate_at(referral: Referral) -> dt.datetime:
    return add_working_days(referral.created_at, ESCALATE_AFTER_WORKING_DAYS)


# --- Referring ------------------------------------------------------------------------------


def _clean_details(*, person, person_name, person_phone, person_email, via_referrer, question):
    errors = {}
    if person is None and not person_name.strip():
        errors["person_name"] = _("Write the person's name.")
    if person is None and not (person_phone.strip() or person_email.strip() or via_referrer):
        errors["person_phone"] = _(
            "Give a phone number or an e-mail address, or choose that contact goes through you."
        )
    if len(question) > MAX_QUESTION:
        errors["question"] = _("Keep the question short: at most %(n)s characters.") % {
            "n": MAX_QUESTION
        }
    if errors:
        raise ValidationError(errors)


def referral_create(
    *,
    referrer,
    neighbourhood,
    service,
    route: str,
    consent_how: str,
    consent_until: dt.date,
    person=None,
    person_name: str = "",
    person_phone: str = "",
    person_email: str = "",
    via_referrer: bool = False,
    question: str = "",
    shares_question: bool = True,
    shares_contact: bool = True,
    source: str = "",
    now: dt.datetime | None = None,
) -> Referral:
    """Refer a person (a member, or a resident without an account) to ``service``, with the
    consent they gave. The receiving organisation is the service's owner."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    _clean_details(
        person=person,
        person_name=person_name,
        person_phone=person_phone,
        person_email=person_email,
        via_referrer=via_referrer,
        question=question,
    )
    if consent_how not in ConsentHow.values:
        raise ValidationError({"consent_how": _("Say how the person gave their consent.")})
    if consent_until < today or consent_until > today + dt.timedelta(days=MAX_CONSENT_DAYS):
        raise ValidationError(
            {"consent_until": _("Choose a date from today up to a year from now.")}
        )
    if route not in Route.values:
        raise ValidationError(_("Unknown route."))
    referral = Referral.objects.create(
        neighbourhood=neighbourhood,
        service=service,
        organisation_id=service.organisation_id,
        route=route,
        referrer=referrer,
        source=source,
        person=person,
        person_name="" if person is not None else person_name.strip(),
        person_phone=person_phone.strip() if shares_contact else "",
        person_email=person_email.strip() if shares_contact else "",
        via_referrer=via_referrer or (person is None and not shares_contact),
        question=question.strip() if shares_question else "",
        shares_question=shares_question,
        shares_contact=shares_contact,
        consent_how=consent_how,
        consent_until=consent_until,
        consent_given_at=now,
        created_at=now,
    )
    log_action(
        actor=referrer,
        action="referrals.referral.create",
        target=referral,
        data={"route": route, "organisation": service.organisation_id, "service": service.pk},
    )
    _schedule(referral)
    if person is not None:
        # "Doorverwijzingen over mij" appears in the person's navigation, and they are told.
        glance_changed([neighbourhood.pk])
        _notify_person(referral)
    return referral


def referral_from_link(
    *,
    link: ReferralLink,
    person_name: str,
    person_phone: str,
    person_email: str,
    question: str,
    outside_referrer: str,
    outside_contact: str,
    consent: bool,
    ip: str = "",
    now: dt.datetime | None = None,
) -> Referral:
    """A referral through an organisation's referral link (welzijn op recept), by an outside
    referrer without an account. Rate-limited per address and per link, counting only the
    referrals that go through (checked after the form is found valid); audited without an
    actor."""
    now = now or timezone.now()
    errors = {}
    if not person_name.strip():
        errors["person_name"] = _("Write the person's name.")
    if not (person_phone.strip() or person_email.strip()):
        errors["person_phone"] = _("Give the person's phone number or e-mail address.")
    if not question.strip():
        errors["question"] = _("Write the question in one or two sentences.")
    elif len(question) > MAX_QUESTION:
        errors["question"] = _("Keep the question short: at most %(n)s characters.") % {
            "n": MAX_QUESTION
        }
    if not outside_referrer.strip():
        errors["outside_referrer"] = _("Write the name of your practice or organisation.")
    if not outside_contact.strip():
        errors["outside_contact"] = _("Give a phone number or e-mail address we can reach you at.")
    if not consent:
        errors["consent"] = _("Only send this when the person agreed to it.")
    if errors:
        raise ValidationError(errors)
    if link.revoked_at is not None:
        raise ValidationError(_("This referral link no longer works."))
    ratelimit.check("referral_link", ip=ip, link=link.pk)
    referral = Referral.objects.create(
        neighbourhood=link.neighbourhood,
        organisation_id=link.organisation_id,
        route=Route.LINK,
        link=link,
        outside_referrer=outside_referrer.strip(),
        outside_contact=outside_contact.strip(),
        person_name=person_name.strip(),
        person_phone=person_phone.strip(),
        person_email=person_email.strip(),
        question=question.strip(),
        consent_how=ConsentHow.OUTSIDE,
        consent_until=timezone.localdate(now) + dt.timedelta(days=LINK_CONSENT_DAYS),
        consent_given_at=now,
        created_at=now,
    )
    log_action(
        actor=None,
        action="referrals.link.referral",
        target=referral,
        data={"link": link.pk, "organisation": link.organisation_id, "ip": ip},
    )
    _schedule(referral)
    return referral


def _schedule(referral: Referral) -> None:
    from buurtplein.referrals import tasks

    pk = referral.pk

    def enqueue():
        tasks.notify_new.enqueue(pk)
        enqueue_later(tasks.check_referral, remind_at(referral), pk)
        enqueue_later(tasks.check_referral, escalate_at(referral), pk)

    transaction.on_commit(enqueue)


def _notify_person(referral: Referral) -> None:
    """Tell the member the referral is about: which organisation will contact them, what is
    shared, and where to withdraw their consent."""
    from buurtplein.referrals import tasks

    pk = referral.pk
    transaction.on_commit(lambda: tasks.notify_person.enqueue(pk))


def _notify_referrer(referral: Referral) -> None:
    if referral.referrer_id is None:
        return
    from buurtplein.referrals import tasks

    pk, state = referral.pk, referral.state
    transaction.on_commit(lambda: tasks.notify_referrer.enqueue(pk, state))


def _withdrawn(now: dt.datetime) -> dict:
    """What withdrawing the consent writes: the shared details cleared, and a referral that was
    still open ends as "niet gelukt" (nobody can help without them; no reminders follow)."""
    still_open = Q(state__in=OPEN_STATES)
    return {
        "consent_withdrawn_at": now,
        **dict.fromkeys(SHARED_DETAILS, ""),
        "state": Case(When(still_open, then=Value(State.FAILED)), default=F("state")),
        "ended_at": Case(When(still_open, then=Value(now)), default=F("ended_at")),
    }


def lapse_consents(neighbourhood, now: dt.datetime) -> int:
    """Consents whose date has passed end as if withdrawn. Run by the daily round
    ``referrals_remind``; a conditional update, so safe to repeat."""
    return Referral.objects.filter(
        neighbourhood=neighbourhood,
        consent_withdrawn_at=None,
        consent_until__lt=timezone.localdate(now),
    ).update(**_withdrawn(now))


def lapsed_consents_due(neighbourhood, now: dt.datetime) -> int:
    return Referral.objects.filter(
        neighbourhood=neighbourhood,
        consent_withdrawn_at=None,
        consent_until__lt=timezone.localdate(now),
    ).count()


def referral_withdraw(*, referral: Referral, actor, now: dt.datetime | None = None) -> Referral:
    """Withdraw the consent: the shared details leave the receiving side at once; a referral
    that was still open ends as "niet gelukt" (the referrer sees that; one that ended keeps its
    state)."""
    now = now or timezone.now()
    updated = Referral.objects.filter(pk=referral.pk, consent_withdrawn_at=None).update(
        **_withdrawn(now)
    )
    if not updated:
        raise ValidationError(_("The consent was already withdrawn."))
    referral.refresh_from_db()
    log_action(actor=actor, action="referrals.referral.withdraw", target=referral)
    return referral


def _step(referral: Referral, *, from_states, to: str, actor, action: str, **fields) -> Referral:
    """Move ``referral`` to ``to`` with a conditional update (a second click or another staff
    member who was quicker changes nothing)."""
    updated = Referral.objects.filter(pk=referral.pk, state__in=list(from_states)).update(
        state=to, **fields
    )
    if not updated:
        raise ValidationError(_("Someone else already changed this referral. Look again."))
    referral.refresh_from_db()
    log_action(actor=actor, action=action, target=referral, data={"state": to})
    _notify_referrer(referral)
    return referral


def referral_accept(*, referral: Referral, actor, now=None) -> Referral:
    return _step(
        referral,
        from_states=[State.SENT],
        to=State.ACCEPTED,
        actor=actor,
        action="referrals.referral.accept",
        answered_at=now or timezone.now(),
    )


def referral_decline(*, referral: Referral, actor, reason: str, now=None) -> Referral:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why, so the referrer can look further.")})
    return _step(
        referral,
        from_states=[State.SENT],
        to=State.DECLINED,
        actor=actor,
        action="referrals.referral.decline",
        answered_at=now or timezone.now(),
        ended_at=now or timezone.now(),
        decline_reason=reason.strip()[:300],
    )


def referral_contact(*, referral: Referral, actor, note: str = "", now=None) -> Referral:
    now = now or timezone.now()
    fields = {"contact_at": now}
    if referral.answered_at is None:
        fields["answered_at"] = now
    if note.strip():
        fields["note"] = note.strip()[:2000]
    return _step(
        referral,
        from_states=[State.SENT, State.ACCEPTED],
        to=State.IN_CONTACT,
        actor=actor,
        action="referrals.referral.contact",
        **fields,
    )


def referral_end(*, referral: Referral, actor, outcome: str, note: str = "", now=None) -> Referral:
    if outcome not in (State.DONE, State.FAILED):
        raise ValidationError({"outcome": _("Choose how it ended.")})
    now = now or timezone.now()
    fields = {"ended_at": now}
    if referral.answered_at is None:
        fields["answered_at"] = now
    if note.strip():
        fields["note"] = note.strip()[:2000]
    return _step(
        referral,
        from_states=[State.ACCEPTED, State.IN_CONTACT],
        to=outcome,
        actor=actor,
        action="referrals.referral.end",
        **fields,
    )


# --- Referral links and coordinators --------------------------------------------------------


def link_create(*, organisation, neighbourhood, actor, label: str) -> ReferralLink:
    if not label.strip():
        raise ValidationError({"label": _("Say for whom the link is, e.g. the GP practice.")})
    link = ReferralLink.objects.create(
        neighbourhood=neighbourhood,
        organisation=organisation,
        label=label.strip()[:120],
        created_by=actor,
    )
    log_action(actor=actor, action="referrals.link.create", target=link)
    glance_changed([neighbourhood.pk])  # the organisation now receives referrals here
    return link


def link_revoke(*, link: ReferralLink, actor, now=None) -> ReferralLink:
    ReferralLink.objects.filter(pk=link.pk, revoked_at=None).update(
        revoked_at=now or timezone.now()
    )
    link.refresh_from_db()
    log_action(actor=actor, action="referrals.link.revoke", target=link)
    return link


def coordinator_set(*, organisation, neighbourhood, user, actor, on: bool) -> None:
    """Mark (or unmark) a staff member as coordinator of the organisation's referral inbox."""
    staff = selectors.working_here(organisation.staff.all(), neighbourhood.pk)
    if not staff.filter(pk=user.pk).exists():
        raise ValidationError(_("Only the organisation's staff can coordinate."))
    if on:
        Coordinator.objects.get_or_create(
            neighbourhood=neighbourhood, organisation=organisation, user=user
        )
    else:
        Coordinator.objects.filter(organisation=organisation, user=user).delete()
    log_action(
        actor=actor,
        action="referrals.coordinator.set" if on else "referrals.coordinator.unset",
        target=organisation,
        neighbourhood=neighbourhood,
        data={"user": user.pk},
    )


# --- Reminders ------------------------------------------------------------------------------


def _unanswered(neighbourhood, now, days: int, field: str):
    """Referrals still waiting for an answer ``days`` working days after they were sent, not
    yet handled for ``field``. Narrowed in SQL by calendar days (never more than the working
    days), then exactly in Python (only unanswered referrals are read)."""
    candidates = Referral.objects.filter(
        neighbourhood=neighbourhood,
        state=State.SENT,
        created_at__lte=now - dt.timedelta(days=days),
        **{field: None},
    )
    return [r for r in candidates if add_working_days(r.created_at, days) <= now]


def reminders_due(neighbourhood, now) -> list[Referral]:
    return _unanswered(neighbourhood, now, REMIND_AFTER_WORKING_DAYS, "reminded_at")


def escalations_due(neighbourhood, now) -> list[Referral]:
    return _unanswered(neighbourhood, now, ESCALATE_AFTER_WORKING_DAYS, "escalated_at")


def claim_reminder(referral: Referral, now) -> bool:
    """True for the one call that marks ``referral`` reminded (a conditional update)."""
    if not (referral.state == State.SENT and remind_at(referral) <= now):
        return False
    return bool(
        Referral.objects.filter(pk=referral.pk, state=State.SENT, reminded_at=None).update(
            reminded_at=now
        )
    )


def claim_escalation(referral: Referral, now) -> bool:
    if not (referral.state == State.SENT and escalate_at(referral) <= now):
        return False
    return bool(
        Referral.objects.filter(pk=referral.pk, state=State.SENT, escalated_at=None).update(
            escalated_at=now
        )
    )


def staff_of(referral: Referral) -> list:
    """The organisation's staff who may open the referral: active, and verified members of its
    neighbourhood (the inbox is a page of the neighbourhood)."""
    return list(
        selectors.working_here(
            referral.organisation.staff.all(), referral.neighbourhood_id
        ).order_by("pk")
    )


def coordinators_of(referral: Referral) -> list:
    """Who gets the escalation: the organisation's coordinators here who still work for it."""
    return [
        c.user
        for c in Coordinator.objects.filter(organisation_id=referral.organisation_id)
        .select_related("user")
        .order_by("pk")
        if c.user.is_active and referral.organisation.staff.filter(pk=c.user_id).exists()
    ]


def is_open(referral: Referral) -> bool:
    return referral.state in OPEN_STATES
