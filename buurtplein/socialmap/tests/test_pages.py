"""The pages of the sociale kaart as a resident and a professional use them: a service's page,
the list and its filters, adding, changing and ending a service, Onze diensten, a
professional's card and the blocks on the profile and organisation pages."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import AuditEntry, Postcode, Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.tests.moments import MOMENTS, local
from buurtplein.core.urls import nb_reverse
from buurtplein.socialmap.models import Hours, Location, Service, State
from buurtplein.socialmap.selectors import PAGE_SIZE
from buurtplein.socialmap.tests.factories import (
    HoursFactory,
    LocationFactory,
    ProfessionalFactory,
    ServiceFactory,
    ServiceFeedbackFactory,
    staff_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def nb():
    return NeighbourhoodFactory(slug="oost", pc4="6524")


@pytest.fixture
def org(nb):
    return staff_of(OrganisationFactory(name="Sterker Sociaal Werk"), neighbourhood=nb)


@pytest.fixture
def worker(nb, org):
    user = member(nb, role=Role.PROFESSIONAL, first_name="Sanne", last_name="Bos")
    staff_of(org, user)
    return user


def url(nb, name, **kwargs):
    return nb_reverse(f"socialmap:{name}", nb, kwargs=kwargs)


def texts(response) -> str:
    return " ".join(response.content.decode().split())


# --- a service's page ------------------------------------------------------------------------


def test_a_service_page_says_what_where_when_and_who(client, nb, org, worker):
    service = ServiceFactory(
        neighbourhood=nb,
        organisation=org,
        name="Geldzaken op orde",
        is_free=False,
        costs="€ 5 per gesprek",
        eligibility="Iedereen uit Oost",
        how_to_apply="Loop binnen of bel.",
        chat_url="https://chat.example.nl",
        languages=["nl", "ar"],
        people=[worker],
    )
    place = LocationFactory(service=service, wheelchair=True, hearing_loop=True)
    HoursFactory(service=service, location=place, kind=Hours.Kind.WALK_IN)
    HoursFactory(service=service, kind=Hours.Kind.PHONE, weekday=0)
    ProfessionalFactory(
        neighbourhood=nb, user=worker, organisation=org, reachable="Dinsdag en donderdag"
    )
    with time_machine.travel(local(datetime(2026, 12, 8).date(), time(10)), tick=False):
        page = texts(client.get(url(nb, "service", pk=service.pk)))
    assert "Geldzaken op orde" in page
    assert nb_reverse("nb:organisation", nb, kwargs={"slug": org.slug}) in page
    assert "Inloopspreekuur" in page and "Telefonisch" in page
    assert "Nu inloop" in page  # Tuesday 10:00, walk-in 9:00–12:00
    assert "Toegankelijk met een rolstoel" in page and "Ringleiding" in page
    assert "€ 5 per gesprek" in page and "Iedereen uit Oost" in page
    assert "https://chat.example.nl" in page and "Arabisch" in page
    assert "Sanne" in page and "Maatschappelijk werker" in page
    assert "Dinsdag en donderdag" in page
    assert nb_reverse("nb:member", nb, kwargs={"user_id": worker.pk}) in page
    assert "Laatst gecontroleerd op" in page
    assert "Mogelijk verouderd" not in page


def test_a_stale_service_says_so(client, nb, org):
    service = ServiceFactory(neighbourhood=nb, organisation=org, stale_since=timezone.now())
    page = texts(client.get(url(nb, "service", pk=service.pk)))
    assert "Mogelijk verouderd" in page


def test_outside_walk_in_hours_no_walk_in_now(client, nb, org):
    service = ServiceFactory(neighbourhood=nb, organisation=org)
    HoursFactory(service=service, kind=Hours.Kind.WALK_IN)
    with time_machine.travel(local(datetime(2026, 12, 8).date(), time(13)), tick=False):
        page = texts(client.get(url(nb, "service", pk=service.pk)))
    assert "Inloopspreekuur" in page and "Nu inloop" not in page


# --- the list and its filters ----------------------------------------------------------------


def names(response) -> list[str]:
    return [row.service.name for row in response.context["page"].items]


def test_the_list_shows_the_service_and_the_person(client, nb, org, worker):
    ServiceFactory(neighbourhood=nb, organisation=org, name="Schuldhulp Oost", people=[worker])
    ProfessionalFactory(neighbourhood=nb, user=worker, organisation=org, job_title="Schuldhulp")
    page = texts(client.get(url(nb, "list")))
    assert "Schuldhulp Oost" in page
    assert "Wie je kan helpen" in page and "Sanne" in page


def test_stop_words_alone_give_the_plain_list_one_page_at_a_time(client, nb, org):
    """ "de het" says nothing to look for: the list by name, paged, never every service at once
    (at 5,000 services that read them all on each such request)."""
    for n in range(PAGE_SIZE + 3):
        ServiceFactory(neighbourhood=nb, organisation=org, name=f"Dienst {n:02d}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(nb, "list"), {"q": "de het"})
    assert names(response) == [f"Dienst {n:02d}" for n in range(PAGE_SIZE)]
    reads = [q["sql"] for q in queries if 'FROM "socialmap_service"' in q["sql"]]
    assert reads and all("LIMIT" in sql for sql in reads), reads
    assert response.context["page"].next_cursor is not None


def test_filters_on_domain_free_walk_in_and_language(client, nb, org):
    debt = ServiceFactory(neighbourhood=nb, organisation=org, name="Schulden")
    HoursFactory(service=debt, kind=Hours.Kind.WALK_IN)
    ServiceFactory(
        neighbourhood=nb,
        organisation=org,
        name="Taalcafé",
        life_domains=["language", "taking_part"],
        languages=["nl", "ar"],
        is_free=False,
        costs="€ 2",
    )
    ServiceFactory(neighbourhood=nb, organisation=org, name="Gestopt", state=State.ENDED)
    assert names(client.get(url(nb, "list"))) == ["Schulden", "Taalcafé"]
    assert names(client.get(url(nb, "list"), {"domain": "money"})) == ["Schulden"]
    assert names(client.get(url(nb, "list"), {"domain": "taking_part"})) == ["Taalcafé"]
    assert names(client.get(url(nb, "list"), {"free": "1"})) == ["Schulden"]
    assert names(client.get(url(nb, "list"), {"walk_in": "1"})) == ["Schulden"]
    assert names(client.get(url(nb, "list"), {"language": "ar"})) == ["Taalcafé"]
    assert names(client.get(url(nb, "list"), {"domain": "nonsense"})) == ["Schulden", "Taalcafé"]


def test_search_words(client, nb, org):
    ServiceFactory(neighbourhood=nb, organisation=org, name="Schuldhulp")
    ServiceFactory(
        neighbourhood=nb,
        organisation=org,
        name="Repair café",
        summary="Samen kapotte spullen maken.",
        description="",
        life_domains=["taking_part"],
    )
    assert names(client.get(url(nb, "list"), {"q": "kapotte"})) == ["Repair café"]


@pytest.mark.parametrize("moment", MOMENTS.values(), ids=MOMENTS.keys())
def test_open_now_in_amsterdam_time(client, nb, org, moment):
    with time_machine.travel(moment, tick=False):
        now = timezone.localtime()
        start = (datetime.combine(now.date(), now.time()) - timedelta(minutes=30)).time()
        start = start if start < now.time() else time(0)
        end = (datetime.combine(now.date(), now.time()) + timedelta(minutes=30)).time()
        end = end if end > now.time() else time(23, 59, 59)
        today, tomorrow = now.weekday(), (now.weekday() + 1) % 7
        open_now = ServiceFactory(neighbourhood=nb, organisation=org, name="Nu open")
        HoursFactory(
            service=open_now, kind=Hours.Kind.OPEN, weekday=today, opens_at=start, closes_at=end
        )
        tomorrow_only = ServiceFactory(neighbourhood=nb, organisation=org, name="Morgen")
        HoursFactory(
            service=tomorrow_only, kind=Hours.Kind.OPEN, weekday=tomorrow, opens_at=time(0),
            closes_at=time(23, 59, 59),
        )  # fmt: skip
        by_appointment = ServiceFactory(neighbourhood=nb, organisation=org, name="Afspraak")
        HoursFactory(
            service=by_appointment, kind=Hours.Kind.CONSULTATION, weekday=today,
            opens_at=start, closes_at=end,
        )  # fmt: skip
        response = client.get(url(nb, "list"), {"open_now": "1"})
        assert names(response) == ["Nu open"]
        assert "Nu open" in texts(response)


def test_distance_from_a_postcode(client, nb, org):
    Postcode.objects.create(
        neighbourhood=nb, pc4="6524", pc6="6524AB", latitude=51.84, longitude=5.87
    )
    Postcode.objects.create(
        neighbourhood=nb, pc4="6524", pc6="6524XY", latitude=51.85, longitude=5.88
    )
    near = ServiceFactory(neighbourhood=nb, organisation=org, name="Dichtbij")
    far = ServiceFactory(neighbourhood=nb, organisation=org, name="Ver weg")
    LocationFactory(service=near, latitude=51.845, longitude=5.875)
    LocationFactory(service=far, latitude=52.09, longitude=5.12)  # Utrecht
    found = names(client.get(url(nb, "list"), {"km": "2", "postcode": "6524 ab"}))
    assert found == ["Dichtbij"]
    # A member's own postcode is used when none is typed.
    resident = member(nb)
    with scopes_disabled():
        resident.memberships.update(postcode="6524XY")
    client.force_login(resident)
    assert names(client.get(url(nb, "list"), {"km": "5"})) == ["Dichtbij"]
    # An unknown postcode does not filter, and says so.
    response = client.get(url(nb, "list"), {"km": "2", "postcode": "9999ZZ"})
    assert names(response) == ["Dichtbij", "Ver weg"]
    assert "We weten niet waar die postcode is" in texts(response)


def test_the_list_pages_by_name(client, nb, org):
    for n in range(23):
        ServiceFactory(neighbourhood=nb, organisation=org, name=f"Dienst {n:02d}")
    first = client.get(url(nb, "list"))
    assert len(first.context["page"].items) == 20
    cursor = first.context["page"].next_cursor
    second = client.get(url(nb, "list"), {"after": cursor})
    assert names(second) == ["Dienst 20", "Dienst 21", "Dienst 22"]
    # "More" with htmx: only the next cards, no page around them.
    more = client.get(url(nb, "list"), {"after": cursor}, HTTP_HX_REQUEST="true")
    assert "Dienst 21" in texts(more) and "<html" not in texts(more)
    assert client.get(url(nb, "list"), {"after": "garbled!"}).status_code == 200


# --- adding, changing, ending -------------------------------------------------------------


def service_post(org, **extra) -> dict:
    data = {
        "organisation": org.pk,
        "name": "Inloop geldzaken",
        "summary": "Met je post en je geldzaken langskomen, zonder afspraak.",
        "life_domains": ["money"],
        "phone": "024 000 11 22",
        "is_free": "on",
        "languages": ["nl"],
        "places-TOTAL_FORMS": "1",
        "places-INITIAL_FORMS": "0",
        "places-0-name": "Buurthuis De Klinker",
        "places-0-address": "Javastraat 12",
        "places-0-postcode": "6524 ab",
        "places-0-city": "Nijmegen",
        "places-0-wheelchair": "on",
        "hours-TOTAL_FORMS": "3",
        "hours-INITIAL_FORMS": "0",
        "hours-0-kind": "walk_in",
        "hours-0-weekday": "1",
        "hours-0-opens_at": "09:00",
        "hours-0-closes_at": "12:00",
        "hours-1-kind": "open",
        "hours-2-kind": "open",
    }
    data.update(extra)
    return data


def test_a_professional_adds_a_service_with_a_place_and_walk_in_hours(client, nb, org, worker):
    Postcode.objects.create(
        neighbourhood=nb, pc4="6524", pc6="6524AB", latitude=51.84, longitude=5.87
    )
    client.force_login(worker)
    form_page = client.get(url(nb, "create"))
    assert form_page.status_code == 200
    assert "Meer opties" in texts(form_page)
    response = client.post(url(nb, "create"), service_post(org, people=[worker.pk]))
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        service = Service.objects.get(name="Inloop geldzaken")
        place = service.locations.get()
        hours = service.hours.get()
        assert response.url == url(nb, "service", pk=service.pk)
        assert service.organisation == org and service.created_by == worker
        assert "inloop geldzaken" in service.search_text
        assert (place.postcode, place.latitude, place.longitude) == ("6524AB", 51.84, 5.87)
        assert place.wheelchair and not place.hearing_loop
        assert (hours.kind, hours.weekday, hours.location) == ("walk_in", 1, place)
        assert list(service.service_people.values_list("user_id", flat=True)) == [worker.pk]
    with scopes_disabled():
        assert AuditEntry.objects.filter(
            action="socialmap.service.create", actor=worker, object_id=str(service.pk)
        ).exists()


def test_a_mistake_keeps_everything_typed(client, nb, org, worker):
    client.force_login(worker)
    data = service_post(org, **{"hours-0-closes_at": "08:00", "name": "Mijn dienst"})
    response = client.post(url(nb, "create"), data)
    assert response.status_code == 400
    page = texts(response)
    assert "Het einde komt na het begin." in page
    assert 'value="Mijn dienst"' in page and 'value="Javastraat 12"' in page
    with scope(neighbourhood=nb):
        assert not Service.objects.exists()


def test_not_free_needs_costs_and_opens_more_options(client, nb, org, worker):
    client.force_login(worker)
    data = service_post(org)
    del data["is_free"]
    response = client.post(url(nb, "create"), data)
    assert response.status_code == 400
    assert '<details class="sk-more" open>' in response.content.decode()


def test_staff_choose_only_their_organisations(client, nb, org, worker):
    stranger = staff_of(OrganisationFactory(name="Anders"), neighbourhood=nb)
    client.force_login(worker)
    response = client.post(url(nb, "create"), service_post(stranger))
    assert response.status_code == 400
    with scope(neighbourhood=nb):
        assert not Service.objects.exists()


def test_a_connector_adds_for_any_organisation_here(client, nb, org):
    connector = member(nb, role=Role.CONNECTOR)
    client.force_login(connector)
    assert client.post(url(nb, "create"), service_post(org)).status_code == 302


def test_changing_a_service_replaces_places_and_hours_and_counts_as_a_check(
    client, nb, org, worker
):
    with time_machine.travel(timezone.now() - timedelta(days=300), tick=False):
        service = ServiceFactory(neighbourhood=nb, organisation=org, stale_since=timezone.now())
    old = LocationFactory(service=service, address="Oude straat 1")
    kept = LocationFactory(service=service, address="Blijfstraat 2")
    HoursFactory(service=service, location=old)
    client.force_login(worker)
    page = client.get(url(nb, "edit", pk=service.pk))
    assert 'value="Oude straat 1"' in page.content.decode()
    data = service_post(
        org,
        name="Nieuwe naam",
        **{
            "places-TOTAL_FORMS": "3",
            "places-INITIAL_FORMS": "2",
            "places-0-pk": str(old.pk),
            "places-0-address": "Oude straat 1",
            "places-0-DELETE": "on",
            "places-1-pk": str(kept.pk),
            "places-1-name": "",
            "places-1-address": "Blijfstraat 2a",
            "places-1-postcode": "",
            "places-1-city": "",
            "places-2-name": "",
            "places-2-address": "",
            "places-2-postcode": "",
            "places-2-city": "",
            "hours-0-place": "1",
        },
    )
    del data["places-0-wheelchair"]
    response = client.post(url(nb, "edit", pk=service.pk), data)
    assert response.status_code == 302, texts(response)[:2000]
    with scope(neighbourhood=nb):
        service.refresh_from_db()
        assert service.name == "Nieuwe naam" and service.stale_since is None
        assert timezone.now() - service.last_checked_at < timedelta(minutes=1)
        assert list(service.locations.values_list("pk", "address")) == [(kept.pk, "Blijfstraat 2a")]
        assert not Location.objects.filter(pk=old.pk).exists()
        assert list(service.hours.values_list("location_id", "weekday")) == [(kept.pk, 1)]


def test_ending_a_service_takes_it_off_the_map(client, nb, org, worker):
    service = ServiceFactory(neighbourhood=nb, organisation=org, name="Stopt")
    client.force_login(worker)
    assert client.post(url(nb, "end", pk=service.pk)).status_code == 302
    with scope(neighbourhood=nb):
        service.refresh_from_db()
    assert service.state == State.ENDED
    assert names(client.get(url(nb, "list"))) == []
    ended = texts(client.get(url(nb, "service", pk=service.pk)))
    assert "Deze dienst is gestopt" in ended
    # No buttons that lead nowhere: nothing to confirm or correct on a service that stopped.
    assert "Klopt nog" not in ended and "Dit klopt niet meer" not in ended
    client.logout()
    assert client.get(url(nb, "service", pk=service.pk)).status_code == 404
    client.force_login(worker)
    assert client.post(url(nb, "reopen", pk=service.pk)).status_code == 302
    assert names(client.get(url(nb, "list"))) == ["Stopt"]


def test_our_services_with_open_corrections(client, nb, org, worker):
    service = ServiceFactory(neighbourhood=nb, organisation=org, name="Onze dienst")
    ServiceFeedbackFactory(service=service)
    ServiceFeedbackFactory(service=service, handled_at=timezone.now())
    other = staff_of(OrganisationFactory(), neighbourhood=nb)
    ServiceFactory(neighbourhood=nb, organisation=other, name="Niet van ons")
    client.force_login(worker)
    response = client.get(url(nb, "ours"))
    page = texts(response)
    assert "Onze dienst" in page and "Niet van ons" not in page
    assert "1 melding: klopt niet meer" in page  # the handled one no longer counts
    detail = texts(client.get(url(nb, "service", pk=service.pk)))
    assert "Het telefoonnummer werkt niet meer." in detail


# --- people ---------------------------------------------------------------------------------


def test_a_professional_keeps_their_card_and_the_profile_shows_it(client, nb, org, worker):
    ServiceFactory(neighbourhood=nb, organisation=org, name="Maatschappelijk werk", people=[worker])
    client.force_login(worker)
    response = client.post(
        url(nb, "card"),
        {
            "organisation": org.pk,
            "job_title": "Sociaal werker",
            "working_area": "Oost",
            "reachable": "Ma–do 9–17",
            "phone": "06 11 22 33 44",
        },
    )
    assert response.status_code == 302
    resident = member(nb)
    client.force_login(resident)
    page = texts(client.get(nb_reverse("nb:member", nb, kwargs={"user_id": worker.pk})))
    assert "Sociaal werker" in page and "Ma–do 9–17" in page
    assert "Maatschappelijk werk" in page and "Sterker Sociaal Werk" in page


def test_a_residents_profile_has_no_work_block(client, nb):
    resident = member(nb)
    client.force_login(resident)
    page = texts(client.get(nb_reverse("nb:member", nb, kwargs={"user_id": resident.pk})))
    assert "Werk in de buurt" not in page


def test_the_organisation_page_lists_its_services(client, nb, org):
    ServiceFactory(neighbourhood=nb, organisation=org, name="Thuisadministratie")
    ServiceFactory(neighbourhood=nb, organisation=org, name="Gestopt", state=State.ENDED)
    client.force_login(member(nb))
    page = texts(client.get(nb_reverse("nb:organisation", nb, kwargs={"slug": org.slug})))
    assert "Thuisadministratie" in page and "Gestopt" not in page
