"""Factories for volunteering; importable by other apps' tests (a club's page shows its
vacancies)."""

from datetime import timedelta

import factory
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.models import Interest, Profile
from buurtplein.core.text import render_markdown
from buurtplein.volunteering.models import (
    EXPIRY_DAYS,
    Frequency,
    HoursPer,
    Place,
    Response,
    ResponseState,
    State,
    TimeKind,
    Vacancy,
    Visibility,
)


class ScopeFreeFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class VacancyFactory(ScopeFreeFactory):
    """A regular vacancy ("every Tuesday morning, 3 hours") of an organisation; the contact
    and poster default to a new user (pass the organisation's staff for realistic rows)."""

    class Meta:
        model = Vacancy

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from buurtplein.volunteering.actions import index_for_search

        vacancy = super()._create(model_class, *args, **kwargs)
        index_for_search(vacancy)  # as vacancy_create does
        return vacancy

    neighbourhood = factory.SubFactory("buurtplein.core.tests.factories.NeighbourhoodFactory")
    organisation = factory.SubFactory("buurtplein.accounts.tests.factories.OrganisationFactory")
    posted_by = factory.SubFactory("buurtplein.accounts.tests.factories.UserFactory")
    contact = factory.LazyAttribute(lambda o: o.posted_by)
    title = factory.Sequence(lambda n: f"Gastvrouw in het buurthuis {n}")
    task = "Koffie schenken en mensen welkom heten bij de inloop."
    task_html = factory.LazyAttribute(lambda o: render_markdown(o.task))
    time_kind = TimeKind.REGULAR
    frequency = Frequency.WEEKLY
    schedule = "dinsdagochtend"
    hours = 3
    hours_per = HoursPer.TIME
    place = Place.ADDRESS
    address = "Buurthuis De Klinker, Javastraat 12"
    people_wanted = 1
    visibility = Visibility.MEMBERS
    state = State.OPEN
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.created_at + timedelta(days=EXPIRY_DAYS))


class ResponseFactory(ScopeFreeFactory):
    class Meta:
        model = Response

    vacancy = factory.SubFactory(VacancyFactory)
    neighbourhood = factory.LazyAttribute(lambda o: o.vacancy.neighbourhood)
    person = factory.SubFactory("buurtplein.accounts.tests.factories.UserFactory")
    message = "Ik help graag, ik kan op dinsdag."
    state = ResponseState.NEW
    created_at = factory.LazyFunction(timezone.now)


def thing(slug: str) -> Interest:
    return Interest.objects.get(slug=slug)


def give_things(user, *slugs):
    """Put curated skills/interests on the person's profile."""
    profile, _created = Profile.objects.get_or_create(user=user)
    for slug in slugs:
        interest = thing(slug)
        (profile.skills if interest.kind == "skill" else profile.interests).add(interest)


def post(nb, actor, organisation, **fields):
    """A vacancy through the action (topics from the text and the chosen skills)."""
    from buurtplein.volunteering import actions

    values = {
        "title": "Gastvrouw of gastheer in het buurthuis",
        "task": "Koffie schenken en mensen welkom heten bij de inloop.",
        "time_kind": "regular",
        "frequency": "weekly",
        "schedule": "elke dinsdagochtend",
        "hours": 3,
        "place": "address",
        "address": "Buurthuis De Klinker, Javastraat 12",
        **fields,
    }
    if "topics" in values:
        values["topics"] = [thing(slug).pk for slug in values["topics"]]
    with scope(neighbourhood=nb):
        return actions.vacancy_create(
            actor=actor, neighbourhood=nb, organisation=organisation, **values
        )


def reload(nb, obj):
    with scopes_disabled():
        obj.refresh_from_db()
    return obj
