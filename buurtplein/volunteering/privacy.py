"""What volunteering holds about a person (data export, AVG/GDPR article 15), forgetting them
(account deletion), and the figures it contributes to reporting.

**The figures** (``stats``), per neighbourhood:

* ``volunteering_open`` — vacancies open now;
* ``volunteering_responses`` — responses ever made (withdrawn ones too);
* ``volunteering_accepted`` — responses the organisation accepted (also if withdrawn later);
* ``volunteering_follow_ups_answered`` — accepted responses where at least one side answered
  "did it lead to volunteering work?";
* ``volunteering_matches`` — **matches confirmed**: at least one side answered yes or partly
  and neither side answered no (a side that did not answer does not count against it);
* ``volunteering_matches_both`` — matches confirmed by both sides (both yes or partly);
* ``volunteering_disputed`` — one side said yes or partly, the other no (not a match).
"""

from django.db import transaction
from django.db.models import Count, Q
from django_scopes import scope, scopes_disabled

from buurtplein.volunteering.models import (
    FollowUpAnswer,
    Response,
    ResponseState,
    State,
    Vacancy,
)
from buurtplein.volunteering.selectors import home_changed

LED = [FollowUpAnswer.YES, FollowUpAnswer.PARTLY]


def export(user) -> dict:
    with scopes_disabled():
        responses = [
            {
                "neighbourhood": response.neighbourhood.name,
                "vacancy": response.vacancy.title,
                "organisation": response.vacancy.organisation.name,
                "message": response.message,
                "state": response.state,
                "created_at": response.created_at.isoformat(),
                "accepted_at": response.accepted_at.isoformat() if response.accepted_at else None,
                "follow_up_answer": response.volunteer_answer,
                "follow_up_note": response.volunteer_note,
            }
            for response in Response.objects.filter(person=user)
            .select_related("neighbourhood", "vacancy", "vacancy__organisation")
            .order_by("created_at")
        ]
        vacancies = [
            {
                "neighbourhood": vacancy.neighbourhood.name,
                "organisation": vacancy.organisation.name,
                "title": vacancy.title,
                "task": vacancy.task,
                "state": vacancy.state,
                "you_posted_it": vacancy.posted_by_id == user.pk,
                "you_are_the_contact": vacancy.contact_id == user.pk,
                "created_at": vacancy.created_at.isoformat(),
            }
            for vacancy in Vacancy.objects.filter(Q(posted_by=user) | Q(contact=user))
            .select_related("neighbourhood", "organisation")
            .order_by("created_at")
        ]
        answered_for_organisation = [
            {
                "vacancy": response.vacancy.title,
                "answer": response.organisation_answer,
                "note": response.organisation_note,
            }
            for response in Response.objects.filter(organisation_answered_by=user).select_related(
                "vacancy"
            )
        ]
        answered_responses = [
            {
                "vacancy": response.vacancy.title,
                "state": response.state,
                "created_at": response.created_at.isoformat(),
            }
            for response in Response.objects.filter(answered_by=user)
            .select_related("vacancy")
            .order_by("created_at", "pk")
        ]
    return {
        "volunteering_responses": responses,
        "volunteering_responses_you_answered_for_an_organisation": answered_responses,
        "volunteering_vacancies": vacancies,
        "volunteering_follow_ups_for_an_organisation": answered_for_organisation,
    }


def erase(user) -> None:
    """Forget a person: their responses go (the conversations are messaging's to forget).
    Vacancies belong to their organisation and stay; where the person was the contact, the
    poster or a colleague who is a member there takes over, and when nobody can, the vacancy
    closes. Answers they gave for an organisation stay, without their name."""
    from buurtplein.volunteering.actions import contact_replacement

    with scopes_disabled(), transaction.atomic():
        Response.objects.filter(person=user).delete()
        Response.objects.filter(answered_by=user).update(answered_by=None)
        Response.objects.filter(organisation_answered_by=user).update(organisation_answered_by=None)
        Vacancy.objects.filter(posted_by=user).update(posted_by=None)
        for vacancy in Vacancy.objects.filter(contact=user).select_related(
            "neighbourhood", "organisation", "posted_by"
        ):
            replacement = contact_replacement(vacancy, user.pk)
            vacancy.contact = replacement
            fields = ["contact"]
            if replacement is None and vacancy.state == State.OPEN:
                vacancy.state = State.CLOSED
                fields.append("state")
            vacancy.save(update_fields=fields)
            home_changed(vacancy.neighbourhood_id)


def stats(neighbourhood) -> dict:
    """Figures for reporting (two aggregate queries; see the module's docstring)."""
    yes_either = Q(volunteer_answer__in=LED) | Q(organisation_answer__in=LED)
    no_either = Q(volunteer_answer=FollowUpAnswer.NO) | Q(organisation_answer=FollowUpAnswer.NO)
    with scope(neighbourhood=neighbourhood):
        vacancies = Vacancy.objects.filter(neighbourhood=neighbourhood).aggregate(
            open=Count("id", filter=Q(state=State.OPEN)),
            filled=Count("id", filter=Q(state=State.FILLED)),
        )
        responses = Response.objects.filter(neighbourhood=neighbourhood).aggregate(
            total=Count("id"),
            accepted=Count("id", filter=Q(accepted_at__isnull=False)),
            waiting=Count("id", filter=Q(state=ResponseState.NEW)),
            answered=Count(
                "id",
                filter=Q(accepted_at__isnull=False)
                & (~Q(volunteer_answer="") | ~Q(organisation_answer="")),
            ),
            matches=Count("id", filter=Q(accepted_at__isnull=False) & yes_either & ~no_either),
            both=Count(
                "id",
                filter=Q(
                    accepted_at__isnull=False,
                    volunteer_answer__in=LED,
                    organisation_answer__in=LED,
                ),
            ),
            disputed=Count("id", filter=Q(accepted_at__isnull=False) & yes_either & no_either),
        )
    return {
        "volunteering_open": vacancies["open"],
        "volunteering_filled": vacancies["filled"],
        "volunteering_responses": responses["total"],
        "volunteering_waiting": responses["waiting"],
        "volunteering_accepted": responses["accepted"],
        "volunteering_follow_ups_answered": responses["answered"],
        "volunteering_matches": responses["matches"],
        "volunteering_matches_both": responses["both"],
        "volunteering_disputed": responses["disputed"],
    }
