"""What organisations and neighbours notice of vacancies: posting one for your organisation (a
club's board through its organisation), what it says, finding it with the filters, the pages
following each other, who sees what, editing, the contract other pages use, the home block."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.factories import member
from buurtplein.volunteering import selectors
from buurtplein.volunteering.models import State, Vacancy, VacancyTopic
from buurtplein.volunteering.tests.factories import VacancyFactory, post, reload, thing

pytestmark = pytest.mark.django_db


def url(nb, path=""):
    return f"/b/{nb.slug}/volunteer/{path}"


def buddy_form(organisation, **change):
    return {
        "organisation": str(organisation.pk),
        "title": "Maatje voor een oudere buurvrouw",
        "task": "Eens per week op de koffie bij mevrouw Jansen (88). **Ze houdt van verhalen.**",
        "time_kind": "regular",
        "frequency": "weekly",
        "schedule": "een middag in de week",
        "hours": "2,5",
        "hours_per": "time",
        "place": "address",
        "address": "Javastraat, Nijmegen-Oost",
        "skills": [str(thing("company").pk)],
        "interests": [str(thing("coffee").pk)],
        "offers": ["training", "expenses", "vog"],
        "suitable_for": ["basic_dutch", "no_experience"],
        "contact": "",
        "people_wanted": "1",
        "visibility": "members",
        **change,
    }


def test_a_professional_posts_a_vacancy_and_the_page_says_everything(client, nb, sanne, welfare):
    client.force_login(sanne)
    form = client.get(url(nb, "new/")).content.decode()
    assert "Sterker Welzijn" in form and "Contactpersoon" in form
    response = client.post(url(nb, "new/"), buddy_form(welfare))
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        vacancy = Vacancy.objects.get()
        chosen = set(
            VacancyTopic.objects.filter(vacancy=vacancy, chosen=True).values_list(
                "interest__slug", flat=True
            )
        )
    assert vacancy.organisation == welfare and vacancy.contact == sanne
    assert vacancy.posted_by == sanne and vacancy.state == State.OPEN
    assert str(vacancy.hours) == "2.5"
    assert chosen == {"company", "coffee"}
    assert timedelta(days=59) < vacancy.expires_at - timezone.now() <= timedelta(days=60)
    page = client.get(response["Location"]).content.decode()
    assert "Maatje voor een oudere buurvrouw" in page
    assert "<strong>Ze houdt van verhalen.</strong>" in page
    assert "Elke week · een middag in de week · 2,5 uur per keer" in page
    assert "Een verklaring omtrent het gedrag (VOG), betaald" in page
    assert "Ook als je Nederlands nog niet zo goed is" in page
    assert "Gezelschap en een luisterend oor" in page and "Samen koffie drinken" in page
    assert "0 reacties" in page  # the contact sees the responses link


def test_a_one_off_vacancy_on_a_date_and_a_period(client, nb, sanne, welfare):
    client.force_login(sanne)
    day = timezone.localdate() + timedelta(days=10)
    response = client.post(
        url(nb, "new/"),
        buddy_form(
            welfare,
            title="Helpen bij de opschoondag",
            time_kind="one_off",
            date_start=day.isoformat(),
            hours="4",
            place="address",
            address="Start bij het buurthuis",
        ),
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Eenmalig: " in page and f"{day.day} " in page and "4 uur" in page
    with scope(neighbourhood=nb):
        vacancy = Vacancy.objects.get()
    assert vacancy.frequency == "" and vacancy.hours_per == ""  # what fits one-off only
    response = client.post(
        url(nb, f"{vacancy.pk}/edit/"),
        buddy_form(
            welfare,
            title="Helpen bij de opschoondag",
            time_kind="one_off",
            date_start=day.isoformat(),
            date_end=(day + timedelta(days=2)).isoformat(),
            schedule="",
            hours="10",
        ),
    )
    assert response.status_code == 302
    page = client.get(url(nb, f"{vacancy.pk}/")).content.decode()
    assert re.search(r"Eenmalig: \d+ \w+ tot en met \d+ \w+ \d{4} · 10 uur", page)


def test_for_which_organisation_is_preselected_from_the_link(client, nb, sanne, welfare):
    club = OrganisationFactory(name="Buurtvereniging Oost", slug="bv-oost", kind="club")
    club.neighbourhoods.add(nb)
    club.staff.add(sanne)  # board member of the club: the club's organisation staff
    client.force_login(sanne)
    page = client.get(url(nb, "new/"), {"organisation": club.pk}).content.decode()
    assert f'<option value="{club.pk}" selected>' in page
    # An organisation the person does not act for is not offered, whatever the link says.
    stranger = OrganisationFactory(slug="elders")
    stranger.neighbourhoods.add(nb)
    page = client.get(url(nb, "new/"), {"organisation": stranger.pk}).content.decode()
    assert f'<option value="{stranger.pk}"' not in page and "Buurtvereniging Oost" in page
    assert client.get(url(nb, "new/"), {"organisation": "x"}).status_code == 200
    response = client.post(url(nb, "new/"), buddy_form(stranger))
    assert response.status_code == 400
    with scope(neighbourhood=nb):
        assert not Vacancy.objects.exists()
    response = client.post(url(nb, "new/"), buddy_form(club))
    with scope(neighbourhood=nb):
        assert Vacancy.objects.get().organisation == club


def test_a_colleague_can_be_the_contact_and_manages_it(client, nb, sanne, jeroen, welfare):
    client.force_login(sanne)
    response = client.post(url(nb, "new/"), buddy_form(welfare, contact=str(jeroen.pk)))
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        vacancy = Vacancy.objects.get()
    assert vacancy.contact == jeroen and vacancy.posted_by == sanne
    page = client.get(response["Location"]).content.decode()
    assert "Jeroen P." in page
    # Jeroen makes Sanne the contact again from the edit form, then takes it over himself.
    client.force_login(jeroen)
    client.post(url(nb, f"{vacancy.pk}/edit/"), buddy_form(welfare, contact=str(sanne.pk)))
    assert reload(nb, vacancy).contact == sanne
    form = client.get(url(nb, f"{vacancy.pk}/edit/")).content.decode()
    assert f'<option value="{sanne.pk}" selected>' in form
    client.post(url(nb, f"{vacancy.pk}/edit/"), buddy_form(welfare, contact=""))
    assert reload(nb, vacancy).contact == jeroen
    client.force_login(sanne)
    # Someone who is not a colleague cannot be chosen.
    outsider = member(nb)
    response = client.post(url(nb, "new/"), buddy_form(welfare, contact=str(outsider.pk)))
    assert response.status_code == 400
    assert "Kies een collega uit de lijst." in response.content.decode()


def test_a_resident_who_acts_for_no_organisation_cannot_post(client, nb, bram, welfare):
    client.force_login(bram)
    assert client.get(url(nb, "new/")).status_code == 403
    assert client.post(url(nb, "new/"), buddy_form(welfare)).status_code == 403
    page = client.get(url(nb)).content.decode()
    assert "Vacature plaatsen" not in page and "Mijn reacties" in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": "  "}, "title", "Schrijf een titel."),
        ({"task": ""}, "task", "Beschrijf de taak."),
        ({"time_kind": ""}, "time_kind", "Kies of het eenmalig is of regelmatig."),
        ({"frequency": ""}, "frequency", "Zeg hoe vaak."),
        ({"time_kind": "one_off"}, "date_start", "Zeg op welke dag het is (of vanaf welke dag)."),
        (
            {"time_kind": "one_off", "date_start": "2020-01-01"},
            "date_start",
            "Deze datum is al voorbij.",
        ),
        (
            {"time_kind": "one_off", "date_start": "2030-05-10", "date_end": "2030-05-01"},
            "date_end",
            "Deze datum ligt voor de begindatum.",
        ),
        ({"hours": ""}, "hours", "Zeg ongeveer hoeveel uur het kost."),
        ({"hours": "veel"}, "hours", "Schrijf een aantal uren tussen 0,5 en 99"),
        ({"hours": "120"}, "hours", "Schrijf een aantal uren tussen 0,5 en 99"),
        ({"hours": "2,3"}, "hours", "Rond af op halve uren, zoals 2,5."),
        ({"address": ""}, "address", "Schrijf het adres, of kies “thuis of online”."),
        ({"people_wanted": "0"}, "people_wanted", "Schrijf een getal van 1 tot 50."),
        ({"people_wanted": "twee"}, "people_wanted", "Schrijf een heel getal, zoals 1 of 3."),
        ({"offers": ["money"]}, "offers", "Kies uit de lijst."),
        ({"skills": ["999999"]}, "skills", "Kies uit de lijst."),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_typed_is_lost(
    client, nb, sanne, welfare, change, field, message
):
    client.force_login(sanne)
    data = buddy_form(welfare, **change)
    response = client.post(url(nb, "new/"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    page = response.content.decode()
    assert message in page
    for name in ("title", "task", "address", "schedule", "hours", "people_wanted"):
        assert form[name].value() == data[name]
        if data[name].strip():
            assert data[name].split("**")[0].strip() in page
    with scope(neighbourhood=nb):
        assert not Vacancy.objects.exists()


def titles(client, path, **params):
    page = client.get(path, params).content.decode()
    list_part = page.split('id="vo-list"', 1)[1]
    return re.findall(r'id="vo-title-v\d+"><a href="[^"]+">([^<]+)</a>', list_part)


def test_filters_by_skill_time_place_and_organisation(client, nb, sanne, welfare, repair_cafe):
    handy = member(nb)
    repair_cafe.staff.add(handy)
    now = timezone.now()
    post(nb, sanne, welfare, title="Maatje voor een oudere", topics=["company"])
    post(
        nb,
        handy,
        repair_cafe,
        title="Hulp bij de computerinloop",
        task="Mensen helpen met hun laptop en telefoon.",
        topics=[],
    )
    post(
        nb,
        sanne,
        welfare,
        title="Taalmaatje aan huis",
        task="Samen Nederlands oefenen met een nieuwe buurvrouw.",
        place="home",
        address="",
        topics=["dutch-practice"],
    )
    post(
        nb,
        sanne,
        welfare,
        title="Helpen bij de opschoondag",
        time_kind="one_off",
        date_start=(now + timedelta(days=9)).date(),
        frequency="",
        topics=["garden-care"],
    )
    client.force_login(member(nb))
    assert titles(client, url(nb)) == [
        "Helpen bij de opschoondag",
        "Taalmaatje aan huis",
        "Hulp bij de computerinloop",
        "Maatje voor een oudere",
    ]
    # The computer help vacancy chose no skill, but its text speaks of laptops and phones.
    assert titles(client, url(nb), topic=thing("computer-help").pk) == [
        "Hulp bij de computerinloop"
    ]
    assert titles(client, url(nb), time="one_off") == ["Helpen bij de opschoondag"]
    assert titles(client, url(nb), place="home") == ["Taalmaatje aan huis"]
    assert titles(client, url(nb), organisation=repair_cafe.pk) == ["Hulp bij de computerinloop"]
    assert titles(client, url(nb), organisation=welfare.pk, time="regular") == [
        "Taalmaatje aan huis",
        "Maatje voor een oudere",
    ]
    nothing = client.get(url(nb), {"topic": thing("babysitting").pk}).content.decode()
    assert "Geen vacatures met deze filters." in nothing
    garbage = {"topic": "x", "time": "sometimes", "organisation": "-1", "after": "%%"}
    assert client.get(url(nb), garbage).status_code == 200


def test_pages_follow_each_other_with_filters_kept_and_htmx_gets_only_cards(
    client, nb, sanne, welfare, settings
):
    settings.BUURTPLEIN_FEED_PAGE_SIZE = 3
    now = timezone.now()
    for i in range(7):
        VacancyFactory(
            neighbourhood=nb,
            organisation=welfare,
            title=f"Regelmatig {i:02d}",
            created_at=now - timedelta(minutes=i),
        )
        VacancyFactory(
            neighbourhood=nb,
            organisation=welfare,
            time_kind="one_off",
            title=f"Eenmalig {i:02d}",
            created_at=now - timedelta(minutes=i, seconds=30),
        )
    client.force_login(sanne)
    seen, path = [], url(nb) + "?time=regular"
    while path:
        page = client.get(path).content.decode()
        seen += re.findall(r"Regelmatig \d\d|Eenmalig \d\d", page.split('id="vo-list"', 1)[1])
        more = re.search(r'id="vo-more"><a class="[^"]+" href="([^"]+)"', page)
        path = more.group(1).replace("&amp;", "&") if more else None
        assert path is None or "time=regular" in path
    assert seen == [f"Regelmatig {i:02d}" for i in range(7)]
    first = client.get(url(nb), {"time": "regular"}).content.decode()
    cursor = re.search(r"after=([^&\"]+)", first).group(1)
    part = client.get(
        url(nb), {"after": cursor, "time": "regular"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in part and "Regelmatig 03" in part and "Regelmatig 02" not in part


def test_visitors_see_public_vacancies_and_a_preview_of_the_rest(
    client, nb, other_nb, sanne, welfare
):
    secret = post(nb, sanne, welfare, title="Alleen voor buren")
    post(nb, sanne, welfare, title="Voor iedereen", visibility="public")
    VacancyFactory(neighbourhood=other_nb, title="Andere buurt", visibility="public")
    page = client.get(url(nb)).content.decode()
    assert "Voor iedereen" in page and "Alleen voor buren" not in page
    assert "Andere buurt" not in page
    preview = client.get(url(nb, f"{secret.pk}/")).content.decode()
    assert "Alleen voor buren" not in preview and "alleen voor buren" in preview.lower()
    assert "Inloggen om te reageren" not in preview
    public = Vacancy.objects.model.objects
    with scopes_disabled():
        public_pk = public.get(title="Voor iedereen").pk
    assert "Inloggen om te reageren" in client.get(url(nb, f"{public_pk}/")).content.decode()
    # Another neighbourhood's address never finds it.
    client.force_login(member(other_nb))
    assert client.get(url(other_nb, f"{secret.pk}/")).status_code == 404
    assert client.get(url(other_nb, f"{public_pk}/")).status_code == 404


def test_edit_changes_the_vacancy_and_its_skills_but_not_its_organisation(
    client, nb, sanne, welfare, repair_cafe
):
    vacancy = post(nb, sanne, welfare, topics=["company"])
    repair_cafe.staff.add(sanne)
    client.force_login(sanne)
    form = client.get(url(nb, f"{vacancy.pk}/edit/")).content.decode()
    assert "Gastvrouw of gastheer in het buurthuis" in form and 'name="organisation"' not in form
    response = client.post(
        url(nb, f"{vacancy.pk}/edit/"),
        buddy_form(repair_cafe, title="Gastvrouw in het buurthuis", skills=[], people_wanted="2"),
    )
    assert response.status_code == 302
    reload(nb, vacancy)
    assert vacancy.title == "Gastvrouw in het buurthuis" and vacancy.organisation == welfare
    assert vacancy.people_wanted == 2 and vacancy.edited_at is not None
    with scope(neighbourhood=nb):
        chosen = set(
            VacancyTopic.objects.filter(vacancy=vacancy, chosen=True).values_list(
                "interest__slug", flat=True
            )
        )
    assert chosen == {"coffee"}
    client.force_login(member(nb))
    assert client.get(url(nb, f"{vacancy.pk}/edit/")).status_code == 403


def test_the_contract_open_vacancies_of_an_organisation(nb, sanne, welfare, repair_cafe):
    """What a club's page shows: its organisation's open vacancies, in two queries."""
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext

    from buurtplein.core.permissions import Viewer

    for i in range(4):
        post(nb, sanne, welfare, title=f"Vacature {i}", visibility="public" if i else "members")
    filled = post(nb, sanne, welfare, title="Al gevuld")
    with scopes_disabled():
        Vacancy.objects.filter(pk=filled.pk).update(state=State.FILLED)
    VacancyFactory(neighbourhood=nb, organisation=repair_cafe, title="Van een ander")
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.neighbourhood, request.user = nb, AnonymousUser()
    visitor = Viewer(user=request.user, neighbourhood=nb, membership=None)
    with scope(neighbourhood=nb):
        with CaptureQueriesContext(connection) as queries:
            shown = selectors.open_for_organisation(visitor, welfare, limit=5)
        assert len(queries) == 2
        assert [v.title for v in shown] == ["Vacature 3", "Vacature 2", "Vacature 1"]
        html = render_to_string(
            "volunteering/_vacancy_list.html", {"vacancies": shown}, request=request
        )
        assert "Vacature 3" in html and "Elke week" in html
        assert f'href="/b/{nb.slug}/volunteer/{shown[0].pk}/"' in html
        empty = render_to_string("volunteering/_vacancy_list.html", {"vacancies": []}, request)
        assert "Op dit moment geen open vacatures." in empty


def test_the_neighbourhood_home_shows_the_newest_vacancies_and_is_fresh(client, nb, sanne, welfare):
    client.force_login(member(nb))
    home = f"/b/{nb.slug}/"
    assert "Vrijwilligerswerk" in client.get(home).content.decode()
    vacancy = post(nb, sanne, welfare, title="Kok voor de buurtmaaltijd")
    assert "Kok voor de buurtmaaltijd" in client.get(home).content.decode()
    from buurtplein.volunteering import actions

    with scope(neighbourhood=nb):
        actions.vacancy_set_state(actor=sanne, vacancy=vacancy, state="closed")
    assert "Kok voor de buurtmaaltijd" not in client.get(home).content.decode()


def test_english_page(client, nb, sanne, welfare):
    vacancy = post(nb, sanne, welfare, topics=["company"], hours=1)
    client.force_login(member(nb))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(url(nb, f"{vacancy.pk}/")).content.decode()
    assert "Every week · elke dinsdagochtend · 1 hour each time" in page
    assert "Company and a listening ear" in page and "Send my response" in page
    listing = client.get(url(nb)).content.decode()
    assert "Volunteering" in listing and "Skill or interest" in listing
