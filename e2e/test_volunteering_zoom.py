"""At 200% zoom the volunteering pages reflow: long titles, tasks, addresses and names never
make the reader scroll sideways (WCAG 1.4.10), also in the forms and the lists."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from django_scopes import scope
from playwright.sync_api import expect

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from e2e.conftest import assert_accessible, assert_no_sideways_scrolling, log_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/b/nijmegen-oost/volunteer/",
    "/b/nijmegen-oost/volunteer/?topic={topic}&time=regular",
    "/b/nijmegen-oost/volunteer/{vacancy}/",
    "/b/nijmegen-oost/volunteer/{vacancy}/responses/",
    "/b/nijmegen-oost/volunteer/new/",
    "/b/nijmegen-oost/volunteer/{vacancy}/edit/",
    "/b/nijmegen-oost/volunteer/ours/",
    "/b/nijmegen-oost/volunteer/mine/",
    "/b/nijmegen-oost/volunteer/responses/{response}/follow-up/",
    "/b/nijmegen-oost/volunteer/responses/{waiting}/decline/",
]


@pytest.mark.parametrize("path", PAGES)
def test_volunteering_pages_fit_at_200_percent_zoom(zoomed_page, live_server, path):
    from buurtplein.volunteering import actions
    from buurtplein.volunteering.tests.factories import give_things, post, thing

    import_module("buurtplein.accounts.migrations.0003_curated_interests").forwards(apps, None)
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    welfare = OrganisationFactory(
        name="Stichting Welzijn en Vrijwilligerswerk Nijmegen-Oost en Omstreken", kind="welfare"
    )
    welfare.neighbourhoods.add(nb)
    sanne = member(nb, first_name="Alexandra-Wilhelmina", last_name="van Oosterhout-Zwanenburg")
    welfare.staff.add(sanne)
    volunteer = member(nb, first_name="Bartholomeus", last_name="Vandenbroucke")
    give_things(sanne, "computer-help", "company")
    vacancy = post(
        nb,
        sanne,
        welfare,
        # As long as a title may be (120 characters; PostgreSQL refuses more).
        title=("Vrijwilliger voor de computerinloop en het digitale spreekuur " * 2)[:120],
        task="Buren helpen met hun laptop, tablet, telefoon en DigiD-aanvragen. " * 12,
        schedule="elke dinsdagochtend en om de week ook op donderdagmiddag in de bibliotheek",
        address="Buurthuis De Klinker, Javastraat 12, de zaal achter de bibliotheek, boven",
        topics=["computer-help", "company", "coffee", "computers", "languages"],
        offers=["training", "expenses", "vog", "guidance", "insurance"],
        suitable_for=["basic_dutch", "young", "friend", "no_experience", "wheelchair"],
        people_wanted=3,
    )
    other = OrganisationFactory(name="Repair Café Oost", kind="initiative")
    other.neighbourhoods.add(nb)
    other.staff.add(volunteer)
    post(nb, volunteer, other, title="Langewoordenreparatievrijwilligerscoördinator" * 2)
    with scope(neighbourhood=nb):
        response = actions.response_create(
            vacancy=vacancy, person=volunteer, message="Ik help heel graag mee! " * 20
        )
        actions.response_accept(
            actor=sanne, response=response, now=timezone.now() - timedelta(days=31)
        )
        waiting = actions.response_create(
            vacancy=vacancy, person=member(nb), message="Dit lijkt me heel leuk. " * 10
        )
    who = volunteer if "mine" in path or "follow-up" in path else sanne
    if path.endswith("/volunteer/"):
        who = member(nb)
        give_things(who, "computer-help")
    log_in_as(zoomed_page, live_server.url, who)
    url = path.format(
        vacancy=vacancy.pk,
        response=response.pk,
        waiting=waiting.pk,
        topic=thing("computer-help").pk,
    )
    assert zoomed_page.goto(url).ok, url
    expect(zoomed_page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_sideways_scrolling(zoomed_page)
    assert_accessible(zoomed_page)
