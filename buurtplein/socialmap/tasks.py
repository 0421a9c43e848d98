"""Background work of the sociale kaart. Tasks take ids, reload, and re-enter the neighbourhood's
scope. Each may run more than once, late, or early: it checks again whether there is anything
to do (see "Background tasks" in docs/conventions.md)."""

from __future__ import annotations

from django.tasks import task
from django.urls import NoReverseMatch
from django_scopes import scope

from buurtplein.core.tasks import load, load_neighbourhood, send_to
from buurtplein.core.urls import nb_reverse
from buurtplein.socialmap import finding, freshness
from buurtplein.socialmap.models import CONFIRM_WITHIN_DAYS, Service, ServiceFeedback, State


def service_url(service: Service, *names: str) -> str:
    """The path of the first of the service's pages ``names`` that exists (``socialmap:edit``,
    ``socialmap:service`` …), else the list."""
    for name in names:
        try:
            return nb_reverse(name, service.neighbourhood, kwargs={"pk": service.pk})
        except NoReverseMatch:
            continue
    return nb_reverse("socialmap:list", service.neighbourhood)


@task
def embed_service(service_id: int) -> bool:
    """Embed what a service says (after a save), unless its words did not change."""
    service = load(Service, service_id)
    if service is None:
        return False
    with scope(neighbourhood=service.neighbourhood):
        return finding.embed_service(service)


@task
def embed_query(neighbourhood_id: int, query: str) -> bool:
    """Embed the words of a search in a neighbourhood, for the next search with the same words
    (cached, shared by every neighbourhood)."""
    if load_neighbourhood(neighbourhood_id, "socialmap") is None:
        return False
    return finding.embed_query(query)


@task
def send_check_requests(neighbourhood_id: int, user_id: int, service_ids: list[int]) -> int:
    """ "Klopt dit nog?" to one person about all the services a round asked them about, in one
    e-mail: each service with its own one-click link and the page to change it, for two or more
    one link for the whole list, and a link to "Onze diensten". Services confirmed or ended
    meanwhile, and those the person is no longer asked about (they left the organisation), are
    left out. Returns how many services the e-mail lists (0: nothing sent)."""
    neighbourhood = load_neighbourhood(neighbourhood_id, "socialmap")
    if neighbourhood is None:
        return 0
    with scope(neighbourhood=neighbourhood):
        services = list(
            Service.objects.filter(
                pk__in=service_ids, state=State.ACTIVE, check_asked_at__isnull=False
            ).select_related("organisation", "neighbourhood")
        )
        found = [
            (person, listed)
            for person, listed in freshness.recipients(services).items()
            if person.pk == user_id
        ]
        if not found:
            return 0
        person, asked = found[0]
        send_to(person, "socialmap/email/check", check_context(neighbourhood, person, asked))
    return len(asked)


def check_context(neighbourhood, person, asked: list[tuple[Service, bool]]) -> dict:
    """What ``socialmap/email/check`` shows one person about the services ``asked`` (each with
    whether they were asked as its organisation's staff)."""

    def line(service):
        token = freshness.confirm_token(service, person)
        return {
            "service": service,
            "check_url": nb_reverse("socialmap:check", neighbourhood, kwargs={"token": token}),
            "edit_url": service_url(service, "socialmap:edit", "socialmap:service"),
        }

    services = [service for service, _to_staff in asked]
    all_url = ""
    if len(services) > 1:
        all_url = nb_reverse(
            "socialmap:check_all",
            neighbourhood,
            kwargs={"token": freshness.confirm_all_token(services, person)},
        )
    return {
        "neighbourhood": neighbourhood,
        "ours": [line(service) for service, to_staff in asked if to_staff],
        "unkept": [line(service) for service, to_staff in asked if not to_staff],
        "count": len(services),
        "first": services[0],
        "all_url": all_url,
        "ours_url": nb_reverse("socialmap:ours", neighbourhood),
        "confirm_days": CONFIRM_WITHIN_DAYS,
    }


@task
def send_check_request(service_id: int) -> int:
    """ "Klopt dit nog?" about one service to each of its people (the staff of its organisation,
    or without staff the buurtverbinders), in the same e-mail as the round's. The round plans
    :func:`send_check_requests` (one e-mail per person); this task stays for questions planned
    before that. Returns how many were sent."""
    service = load(Service, service_id, "organisation")
    if service is None or service.state != State.ACTIVE or service.check_asked_at is None:
        return 0
    with scope(neighbourhood=service.neighbourhood):
        asked = freshness.recipients([service])
        for person, listed in asked.items():
            send_to(
                person,
                "socialmap/email/check",
                check_context(service.neighbourhood, person, listed),
            )
    return len(asked)


@task
def tell_connectors(neighbourhood_id: int, service_ids: list[int]) -> int:
    """The services marked "mogelijk verouderd" in one round, in one e-mail to each of the
    neighbourhood's buurtverbinders (those confirmed meanwhile are left out)."""
    neighbourhood = load_neighbourhood(neighbourhood_id, "socialmap")
    if neighbourhood is None:
        return 0
    with scope(neighbourhood=neighbourhood):
        services = list(
            Service.objects.filter(
                pk__in=service_ids, state=State.ACTIVE, stale_since__isnull=False
            )
            .select_related("organisation", "neighbourhood")
            .order_by("name", "pk")
        )
        if not services:
            return 0
        lines = [(service, service_url(service, "socialmap:service")) for service in services]
        people = freshness.connectors(neighbourhood.pk)
        for person in people:
            send_to(
                person,
                "socialmap/email/stale",
                {"neighbourhood": neighbourhood, "services": lines},
            )
    return len(people)


@task
def send_correction(feedback_id: int) -> int:
    """ "Dit klopt niet meer" to the staff of the service's organisation (or, without staff,
    the buurtverbinders), unless it was handled meanwhile."""
    feedback = load(ServiceFeedback, feedback_id, "service", "service__organisation")
    if feedback is None or feedback.handled_at is not None:
        return 0
    service = feedback.service
    with scope(neighbourhood=feedback.neighbourhood):
        people, _to_staff = freshness.check_recipients(service)
        url = service_url(service, "socialmap:service")
        for person in people:
            send_to(
                person,
                "socialmap/email/correction",
                {"service": service, "feedback": feedback, "service_url": url},
            )
    return len(people)
