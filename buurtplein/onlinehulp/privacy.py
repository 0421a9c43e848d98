"""What online help holds about a person with an account (a worker: data export, account
deletion), and the figures it contributes to reporting.

Askers have no account: nothing here is about them but what they typed, which the desk's
retention deletes (``retention.py``).

**The figures** (``stats``), per neighbourhood (the neighbourhood an asker came in through),
from aggregate queries on the rows, which stay without their messages:

* ``onlinehulp_chats`` — chats started; ``onlinehulp_chats_taken`` — a worker took them;
  ``onlinehulp_minutes_to_take`` — the average wait in minutes until a worker took one;
* ``onlinehulp_outcome_<outcome>`` — the worker's registration (``models.Outcome``), and
  ``onlinehulp_domain_<life domain>`` — chats and questions per life domain;
* ``onlinehulp_ratings`` and ``onlinehulp_rating_avg`` (1–5, one decimal; 0 without ratings);
* ``onlinehulp_questions``, ``onlinehulp_questions_answered``,
  ``onlinehulp_questions_in_time`` (answered by their deadline of 2 working days) and
  ``onlinehulp_questions_escalated``.
"""

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django_scopes import scopes_disabled

from buurtplein.core.life_domains import LifeDomain
from buurtplein.onlinehulp.models import Chat, DeskOrganisation, Outcome, Question, Shift


def export(user) -> dict:
    with scopes_disabled():
        shifts = [
            {
                "desk": s.desk.name,
                "organisation": s.organisation.name,
                "date": s.date.isoformat(),
                "from": s.starts.strftime("%H:%M"),
                "until": s.ends.strftime("%H:%M"),
            }
            for s in Shift.objects.filter(worker=user)
            .select_related("desk", "organisation")
            .order_by("date", "starts")
        ]
        chats = Chat.objects.filter(worker=user).count()
        questions = Question.objects.filter(assigned_to=user).count()
        coordinating = [
            f"{p.organisation.name} ({p.desk.name})"
            for p in DeskOrganisation.objects.filter(coordinators=user).select_related(
                "organisation", "desk"
            )
        ]
    return {
        "online_help_shifts": shifts,
        "online_help_chats_taken": chats,
        "online_help_questions_assigned": questions,
        "online_help_coordinator_of": coordinating,
    }


def erase(user) -> None:
    """A worker who leaves: their shifts go, they coordinate nothing; the chats and questions
    they answered stay for the asker and the figures, without their name (the foreign keys
    are emptied when the account is deleted)."""
    with scopes_disabled():
        Shift.objects.filter(worker=user).delete()
        for participation in DeskOrganisation.objects.filter(coordinators=user):
            participation.coordinators.remove(user)


def stats(neighbourhood) -> dict:
    waited = ExpressionWrapper(F("taken_at") - F("created_at"), output_field=DurationField())
    with scopes_disabled():
        chats = Chat.objects.filter(neighbourhood=neighbourhood)
        questions = Question.objects.filter(neighbourhood=neighbourhood)
        counts = chats.aggregate(
            chats=Count("pk"),
            taken=Count("pk", filter=~Q(taken_at=None)),
            waited=Avg(waited, filter=~Q(taken_at=None)),
            ratings=Count("pk", filter=~Q(rating=None)),
            rating_avg=Avg("rating"),
        )
        asked = questions.aggregate(
            questions=Count("pk"),
            answered=Count("pk", filter=~Q(answered_at=None)),
            in_time=Count("pk", filter=Q(answered_at__lte=F("due_at"))),
            escalated=Count("pk", filter=~Q(escalated_at=None)),
        )
        outcomes = dict(chats.exclude(outcome="").values_list("outcome").annotate(n=Count("pk")))
        for outcome, n in (
            questions.exclude(outcome="").values_list("outcome").annotate(n=Count("pk"))
        ):
            outcomes[outcome] = outcomes.get(outcome, 0) + n
        domains = dict(
            chats.exclude(life_domain="").values_list("life_domain").annotate(n=Count("pk"))
        )
        for domain, n in (
            questions.exclude(life_domain="").values_list("life_domain").annotate(n=Count("pk"))
        ):
            domains[domain] = domains.get(domain, 0) + n
    waited = counts["waited"]
    return {
        "onlinehulp_chats": counts["chats"],
        "onlinehulp_chats_taken": counts["taken"],
        "onlinehulp_minutes_to_take": round(waited.total_seconds() / 60, 1) if waited else 0,
        "onlinehulp_ratings": counts["ratings"],
        "onlinehulp_rating_avg": round(counts["rating_avg"] or 0, 1),
        "onlinehulp_questions": asked["questions"],
        "onlinehulp_questions_answered": asked["answered"],
        "onlinehulp_questions_in_time": asked["in_time"],
        "onlinehulp_questions_escalated": asked["escalated"],
        **{f"onlinehulp_outcome_{o}": outcomes.get(o, 0) for o in Outcome.values},
        **{f"onlinehulp_domain_{d}": domains.get(d, 0) for d in LifeDomain.values},
    }
