"""Things that are due, made in a neighbourhood for the tests of rounds and tasks: each builder
leaves one thing a round or a task would act on, and returns what the test needs with a
"did it change?" function."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import Role
from buurtplein.core.tests.factories import member


def fresh(row):
    with scopes_disabled():
        return type(row).objects.get(pk=row.pk)


# --- one case per task that sends or changes something: (set up → (task args, "changed?")) ---


def agenda_date_tomorrow(nb):
    from buurtplein.agenda.models import REMIND_BEFORE, Occurrence, Rsvp
    from buurtplein.agenda.tests.factories import ActivityFactory, dates_of, sign_up

    activity = ActivityFactory(neighbourhood=nb, organiser=member(nb))
    first = dates_of(activity)[0]
    rsvp = sign_up(first, member(nb))
    start = timezone.now() + REMIND_BEFORE - timedelta(hours=1)
    with scopes_disabled():
        Occurrence.objects.filter(pk=first.pk).update(
            starts_at=start, ends_at=start + timedelta(hours=1), original_start=start
        )
        Rsvp.objects.filter(pk=rsvp.pk).update(status_at=start - REMIND_BEFORE - timedelta(days=2))
    return activity, first, rsvp


def agenda_send_reminders(nb):
    _activity, occurrence, rsvp = agenda_date_tomorrow(nb)
    return (occurrence.pk,), lambda: fresh(rsvp).reminded_at is not None


def agenda_send_reminder(nb):
    from buurtplein.agenda.models import Rsvp

    _activity, _occurrence, rsvp = agenda_date_tomorrow(nb)
    with scopes_disabled():
        Rsvp.objects.filter(pk=rsvp.pk).update(reminded_at=timezone.now())
    return (rsvp.pk,), lambda: False


def agenda_notify_date(nb):
    from buurtplein.agenda.models import Occurrence

    _activity, occurrence, rsvp = agenda_date_tomorrow(nb)
    with scopes_disabled():
        Occurrence.objects.filter(pk=occurrence.pk).update(cancelled=True)
    return (occurrence.pk, "cancelled", [rsvp.person_id]), lambda: False


def agenda_notify_activity_gone(nb):
    person = member(nb)
    start = (timezone.now() + timedelta(days=3)).isoformat()
    return (nb.pk, "Koffie-ochtend", [[person.pk, start]]), lambda: False


def buurthulp_old_request(nb):
    from buurtplein.buurthulp.tests.factories import HelpRequestFactory

    member(nb, role=Role.CONNECTOR)
    return HelpRequestFactory(
        neighbourhood=nb, asker=member(nb), created_at=timezone.now() - timedelta(hours=49)
    )


def buurthulp_escalate_if_unanswered(nb):
    old = buurthulp_old_request(nb)
    return (old.pk,), lambda: fresh(old).escalated_at is not None


def buurthulp_notify_escalation(nb):
    old = buurthulp_old_request(nb)
    return (old.pk,), lambda: False


def clubs_pending(nb, days):
    from buurtplein.clubs.models import ClubMember, JoinPolicy, Status
    from buurtplein.clubs.tests.factories import add_member, make_club

    club = make_club(nb, member(nb), join_policy=JoinPolicy.REQUEST)
    asked = add_member(club, member(nb), status=Status.PENDING)
    with scopes_disabled():
        ClubMember.objects.filter(pk=asked.pk).update(
            requested_at=timezone.now() - timedelta(days=days)
        )
    return fresh(asked)


def clubs_check_request(nb):
    asked = clubs_pending(nb, days=8)
    return (asked.pk,), lambda: fresh(asked).reminded_at is not None


def clubs_remind_board(nb):
    from buurtplein.clubs.models import ClubMember

    asked = clubs_pending(nb, days=8)
    with scopes_disabled():
        ClubMember.objects.filter(pk=asked.pk).update(reminded_at=timezone.now())
    return (asked.pk,), lambda: False


def clubs_notify_request(nb):
    asked = clubs_pending(nb, days=0)
    return (asked.pk,), lambda: False


def exchange_expired_item(nb):
    from buurtplein.exchange.tests.factories import ItemFactory

    return ItemFactory(
        neighbourhood=nb, owner=member(nb), expires_at=timezone.now() - timedelta(hours=1)
    )


def exchange_check_item(nb):
    item = exchange_expired_item(nb)
    return (item.pk,), lambda: fresh(item).state != "open"


def exchange_send_reminder(nb):
    from buurtplein.exchange.models import Item

    item = exchange_expired_item(nb)
    with scopes_disabled():
        Item.objects.filter(pk=item.pk).update(
            reminder_sent_at=timezone.now(), expires_at=timezone.now() + timedelta(days=1)
        )
    return (item.pk,), lambda: False


def infopages_due_page(nb):
    from dateutil.relativedelta import relativedelta

    from buurtplein.infopages import actions
    from buurtplein.infopages.models import InfoPage

    connector = member(nb, role=Role.CONNECTOR)
    with scope(neighbourhood=nb):
        page = actions.page_create(actor=connector, neighbourhood=nb, title="Parkeren")
    when = timezone.now() - timedelta(days=200)
    with scopes_disabled():
        InfoPage.objects.filter(pk=page.pk).update(
            checked_at=when, check_due_at=when + relativedelta(months=6), reminder_sent_at=None
        )
    mail.outbox.clear()
    return fresh(page)


def infopages_check_page(nb):
    page = infopages_due_page(nb)
    return (page.pk,), lambda: fresh(page).reminder_sent_at is not None


def infopages_send_check_reminder(nb):
    from buurtplein.infopages.models import InfoPage

    page = infopages_due_page(nb)
    with scopes_disabled():
        InfoPage.objects.filter(pk=page.pk).update(reminder_sent_at=timezone.now())
    return (page.pk,), lambda: False


def volunteering_check_vacancy(nb):
    from buurtplein.volunteering.tests.factories import VacancyFactory

    vacancy = VacancyFactory(neighbourhood=nb, expires_at=timezone.now() - timedelta(hours=1))
    return (vacancy.pk,), lambda: fresh(vacancy).state != "open"


def volunteering_follow_up(nb):
    from buurtplein.volunteering.models import ResponseState
    from buurtplein.volunteering.tests.factories import ResponseFactory, VacancyFactory

    response = ResponseFactory(
        vacancy=VacancyFactory(neighbourhood=nb),
        person=member(nb),
        state=ResponseState.ACCEPTED,
        accepted_at=timezone.now() - timedelta(days=35),
    )
    return (response.pk,), lambda: fresh(response).volunteer_asked_at is not None


# --- the sociale kaart ---


def socialmap_service(nb, **fields):
    """A service of an organisation with one staff member here, and a buurtverbinder."""
    from buurtplein.accounts.tests.factories import OrganisationFactory
    from buurtplein.socialmap.tests.factories import ServiceFactory, staff_of

    member(nb, role=Role.CONNECTOR)
    organisation = staff_of(
        OrganisationFactory(), member(nb, role=Role.PROFESSIONAL), neighbourhood=nb
    )
    return ServiceFactory(neighbourhood=nb, organisation=organisation, **fields)


def socialmap_check_due(nb):
    """A service last checked more than six months ago, not asked yet (for the round)."""
    from buurtplein.socialmap.models import CHECK_EVERY_DAYS

    service = socialmap_service(
        nb, last_checked_at=timezone.now() - timedelta(days=CHECK_EVERY_DAYS + 1)
    )
    return (service.pk,), lambda: fresh(service).check_asked_at is not None


def socialmap_send_check_request(nb):
    service = socialmap_service(nb, check_asked_at=timezone.now())
    return (service.pk,), lambda: False


def socialmap_send_check_requests(nb):
    service = socialmap_service(nb, check_asked_at=timezone.now())
    (person,) = service.organisation.staff.all()
    return (nb.pk, person.pk, [service.pk]), lambda: False


def socialmap_tell_connectors(nb):
    service = socialmap_service(nb, check_asked_at=timezone.now(), stale_since=timezone.now())
    return (nb.pk, [service.pk]), lambda: False


def socialmap_send_correction(nb):
    from buurtplein.socialmap.tests.factories import ServiceFeedbackFactory

    feedback = ServiceFeedbackFactory(service=socialmap_service(nb))
    return (feedback.pk,), lambda: False


def socialmap_embed_service(nb):
    service = socialmap_service(nb)
    return (service.pk,), lambda: bool(fresh(service).embedding)


def socialmap_embed_query(nb):
    from django.core.cache import cache

    from buurtplein.socialmap import finding

    cache.delete(finding.query_key("schulden"))
    return (nb.pk, "schulden"), lambda: cache.get(finding.query_key("schulden")) is not None


# --- referrals ---


def _referral(nb, **fields):
    from buurtplein.accounts.tests.factories import OrganisationFactory
    from buurtplein.referrals.tests.factories import ReferralFactory, ServiceFactory

    organisation = OrganisationFactory()
    organisation.neighbourhoods.add(nb)
    organisation.staff.add(member(nb))
    service = ServiceFactory(neighbourhood=nb, organisation=organisation)
    referrer = member(nb, role=Role.PROFESSIONAL)
    return ReferralFactory(neighbourhood=nb, service=service, referrer=referrer, **fields)


def referrals_check_referral(nb):
    """A referral nobody answered for ten days (past the reminder and the escalation)."""
    referral = _referral(nb, created_at=timezone.now() - timedelta(days=10))
    return (referral.pk,), lambda: fresh(referral).reminded_at is not None


def referrals_notify_new(nb):
    referral = _referral(nb)
    return (referral.pk,), lambda: len(mail.outbox) > 0


def referrals_notify_person(nb):
    """A referral about a member: they are told."""
    referral = _referral(nb, person=member(nb), person_name="")
    return (referral.pk,), lambda: len(mail.outbox) > 0


def _onlinehulp_question(nb, **fields):
    """A question asked in ``nb`` to a desk of its region (with one worker), three days ago."""
    from buurtplein.accounts.tests.factories import OrganisationFactory
    from buurtplein.onlinehulp.models import DeskOrganisation, Question
    from buurtplein.onlinehulp.tests.desk_world import ask, make_desk

    desk = make_desk(nb)
    organisation = OrganisationFactory()
    organisation.neighbourhoods.add(nb)
    organisation.staff.add(member(nb, email="werker@example.nl"))
    DeskOrganisation.objects.create(desk=desk, organisation=organisation)
    with scope(neighbourhood=nb):
        question, _token, _code = ask(desk, nb)
    with scopes_disabled():
        Question.objects.filter(pk=question.pk).update(
            due_at=timezone.now() - timedelta(hours=1), **fields
        )
    return fresh(question)


def onlinehulp_check_question(nb):
    """An e-mail question past its due time, nobody answered it."""
    question = _onlinehulp_question(nb)
    return (question.pk,), lambda: fresh(question).escalated_at is not None


def onlinehulp_notify_answered(nb):
    """An answered question whose asker left an address."""
    from buurtplein.onlinehulp.models import Question, QuestionMessage

    question = _onlinehulp_question(nb, email="vrager@example.nl", state=Question.State.ANSWERED)
    with scope(neighbourhood=nb):
        message = QuestionMessage.objects.create(
            neighbourhood=nb, question=question, author="worker", text="Antwoord"
        )
    return (question.pk, message.pk), lambda: len(mail.outbox) > 0
