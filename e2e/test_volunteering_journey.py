"""From a suggestion to a confirmed match: Els, who can help with computers, sees the computer
drop-in of the Repair Café suggested ("Past bij je vaardigheid Computerhulp"), reads it (once
in English), responds with a message and lands in the private conversation with Sanne, the
contact person; Sanne finds the response under "our vacancies" and accepts it (the vacancy is
filled); Els sees "accepted" under "my responses". A month later both answer the follow-up
with the link from their e-mail, and the figures count one match. Every page is checked with
axe, on desktop and phone; the other pages of the component (posting a vacancy, declining
kindly, renewing) in a second journey."""

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from e2e.conftest import Browser, label, nav_link, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_person(browser, browser_context_args, live_server, device_name):
    """A second browser (same device) for the organisation's contact person."""
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(10_000)
    yield Browser(page=context.new_page(), live_server_url=live_server.url, device=device_name)
    context.close()


def curated_interests():
    """The curated skills and interests come from a data migration; a transactional test
    flushes them."""
    import_module("buurtplein.accounts.migrations.0003_curated_interests").forwards(apps, None)


def path_of(link: str) -> str:
    return "/b/" + link.split("/b/", 1)[1]


def follow_up_link(to: str, answer: str) -> str:
    sent = [m for m in mail.outbox if to in m.to and "vrijwilligerswerk" in m.body]
    assert sent, f"no follow-up to {to}"
    return path_of(re.search(rf"https?://\S+\?answer={answer}", sent[-1].body).group(0))


def test_a_suggestion_a_response_acceptance_and_the_follow_up_count_one_match(
    browser_session, second_person
):
    from buurtplein.volunteering import tasks
    from buurtplein.volunteering.models import Response
    from buurtplein.volunteering.privacy import stats
    from buurtplein.volunteering.tests.factories import give_things, post

    curated_interests()
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    repair = OrganisationFactory(
        name="Repair Café Oost", slug="repair-cafe-oost", kind="initiative"
    )
    repair.neighbourhoods.add(nb)
    sanne = verified(
        member(
            nb,
            role=Role.PROFESSIONAL,
            email="sanne@example.nl",
            first_name="Sanne",
            last_name="de Groot",
        )
    )
    repair.staff.add(sanne)
    els = verified(member(nb, email="els@example.nl", first_name="Els", last_name="Bakker"))
    give_things(els, "computer-help")
    post(
        nb,
        sanne,
        repair,
        title="Hulp bij de computerinloop",
        task="Elke donderdag helpen we buren met hun **laptop, tablet of telefoon**.",
        schedule="donderdagmiddag",
        hours=2,
        topics=["computer-help"],
        offers=["guidance"],
        suitable_for=["young"],
    )
    post(nb, sanne, repair, title="Reparateur bij het Repair Café", topics=["diy"])

    # Els sees the computer drop-in suggested, and why.
    a = browser_session
    a.log_in_as(els)
    page = a.goto("/b/nijmegen-oost/")
    nav_link(page, "Vrijwilligerswerk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vrijwilligerswerk")
    suggested = page.locator(".vo-suggested")
    expect(suggested.get_by_role("heading", name="Voor jou")).to_be_visible()
    card = suggested.locator("article", has_text="Hulp bij de computerinloop")
    expect(card).to_contain_text("Past bij je vaardigheid Computerhulp")
    expect(suggested.locator("article")).to_have_count(1)
    a.check()
    card.get_by_role("link", name="Hulp bij de computerinloop").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp bij de computerinloop")
    expect(page.locator(".vo-vacancy .prose strong")).to_have_text("laptop, tablet of telefoon")
    expect(page.locator(".vo-facts")).to_contain_text("Elke week · donderdagmiddag · 2 uur")
    a.check()
    vacancy_path = a.path

    # She reads it once in English, and goes back to Dutch.
    a.switch_language("English")
    expect(page.locator(".vo-facts")).to_contain_text("Every week · donderdagmiddag · 2 hours")
    expect(page.get_by_text("A coordinator who guides you")).to_be_visible()
    expect(page.get_by_role("button", name="Send my response")).to_be_visible()
    a.switch_language("Nederlands")

    # She responds and lands in the private conversation with Sanne.
    page.get_by_label(label("Je bericht")).fill(
        "Hoi Sanne, ik help graag bij de computerinloop. Ik kan op donderdag."
    )
    page.get_by_role("button", name="Mijn reactie versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprek met Sanne D.")
    expect(page.locator("#thread")).to_contain_text("ik help graag bij de computerinloop")
    expect(page.get_by_role("link", name="Hulp bij de computerinloop")).to_be_visible()
    a.check()

    # Sanne finds the response under "our vacancies" and accepts it.
    b = second_person
    b.log_in_as(sanne)
    page_b = b.goto("/b/nijmegen-oost/volunteer/ours/")
    expect(page_b.get_by_role("heading", level=1)).to_have_text("Onze vacatures")
    row = page_b.locator("li", has_text="Hulp bij de computerinloop")
    row.get_by_role("link", name=re.compile("^Reacties")).click()
    expect(page_b.get_by_role("heading", level=1)).to_have_text(
        "Reacties op “Hulp bij de computerinloop”"
    )
    expect(page_b.locator(".vo-response")).to_contain_text("Ik kan op donderdag.")
    b.check()
    page_b.get_by_role("button", name="Els B. accepteren").click()
    expect(page_b.get_by_text("Els B. is geaccepteerd en krijgt een e-mail.")).to_be_visible()
    expect(page_b.locator(".vo-response .chip")).to_have_text("Geaccepteerd")
    b.check()
    assert any(els.email in m.to and "geaccepteerd" in m.subject for m in mail.outbox)

    # Els sees "accepted" under "my responses".
    page = a.goto(vacancy_path)
    expect(page.get_by_text("Deze vacature is vervuld.")).to_be_visible()
    page.get_by_role("link", name="Mijn reacties").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn reacties")
    expect(page.locator(".vo-response")).to_contain_text("Geaccepteerd")
    a.check()

    # A month later: both are asked, and both answer with the link from their e-mail.
    with scopes_disabled():
        response = Response.objects.get()
        Response.objects.filter(pk=response.pk).update(
            accepted_at=timezone.now() - timedelta(days=31)
        )
    assert tasks.follow_up.call(response.pk) == 2
    page = a.goto(follow_up_link(els.email, "yes"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Heeft het geleid tot vrijwilligerswerk?"
    )
    expect(page.get_by_label("Ja", exact=True)).to_be_checked()
    page.get_by_label(label("Wil je nog iets kwijt? (niet verplicht)")).fill(
        "Elke donderdag, erg leuk!"
    )
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("Bedankt voor je antwoord.")).to_be_visible()
    expect(page.locator(".vo-response")).to_contain_text("Navraag: je antwoordde “Ja”.")
    a.check()
    page_b = b.goto(follow_up_link(sanne.email, "yes"))
    expect(page_b.get_by_label("Ja", exact=True)).to_be_checked()
    b.check()
    page_b.get_by_role("button", name="Antwoord versturen").click()
    expect(page_b.get_by_text("Bedankt voor je antwoord.")).to_be_visible()
    expect(page_b.locator(".vo-response")).to_contain_text(
        "Navraag: je organisatie antwoordde “Ja”."
    )
    b.check()
    figures = stats(nb)
    assert figures["volunteering_matches"] == 1 and figures["volunteering_matches_both"] == 1


def test_post_a_vacancy_decline_kindly_renew_and_remove(browser_session, live_server):
    """The other pages on the way: a board member posts a vacancy for the club (bad input
    first), declines a response kindly, renews from the reminder's link; a neighbour
    reports it, a buurtverbinder removes it; an outsider sees the neutral preview."""
    from buurtplein.volunteering import actions
    from buurtplein.volunteering.models import Vacancy

    curated_interests()
    nb = NeighbourhoodFactory(name="Ooij", slug="ooij", pc4="6576")
    club = OrganisationFactory(name="Dorpshuis De Klinkert", slug="klinkert", kind="initiative")
    club.neighbourhoods.add(nb)
    ria = verified(member(nb, email="ria@example.nl", first_name="Ria", last_name="Vos"))
    club.staff.add(ria)  # on the board: the club's organisation staff
    piet = verified(member(nb, email="piet@example.nl", first_name="Piet", last_name="Smit"))
    karim = verified(member(nb, role=Role.CONNECTOR, email="karim@example.nl", first_name="Karim"))

    b = browser_session
    b.log_in_as(ria)
    page = b.goto(f"/b/ooij/volunteer/new/?organisation={club.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vacature plaatsen")
    b.check()
    page.get_by_label(label("Titel")).fill("Gastvrouw of gastheer in het dorpshuis")
    page.get_by_label(label("De taak")).fill("Koffie schenken en mensen welkom heten.")
    page.get_by_label("Regelmatig", exact=True).check()
    page.get_by_label(label("Uren")).fill("drie")
    page.get_by_role("button", name="Vacature plaatsen").click()
    errors = page.locator("#form-errors")
    expect(errors).to_contain_text("Zeg hoe vaak.")
    expect(errors).to_contain_text("Schrijf een aantal uren tussen 0,5 en 99")
    expect(page.get_by_label(label("Titel"))).to_have_value(
        "Gastvrouw of gastheer in het dorpshuis"
    )
    b.check()
    page.get_by_label(label("Hoe vaak (regelmatig)")).select_option(label="Elke week")
    page.get_by_label(label("Wanneer (niet verplicht)")).fill("elke woensdagochtend")
    page.get_by_label(label("Uren")).fill("2,5")
    page.get_by_label("Op een adres").check()
    page.get_by_label(label("Adres")).fill("Dorpshuis De Klinkert, Dorpsstraat 40")
    page.get_by_label("Samen koffie drinken").check()
    page.get_by_label("Ook als je Nederlands nog niet zo goed is").check()
    page.get_by_label("Onkostenvergoeding").check()
    page.get_by_role("button", name="Vacature plaatsen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gastvrouw of gastheer in het dorpshuis"
    )
    expect(page.locator(".vo-facts")).to_contain_text("Elke week · elke woensdagochtend · 2,5 uur")
    b.check()
    vacancy_path = b.path
    with scopes_disabled():
        vacancy = Vacancy.objects.get()
    with scope(neighbourhood=nb):
        response = actions.response_create(vacancy=vacancy, person=piet, message="Ik kom graag!")

    # Declining kindly: the page shows the message Piet gets.
    page = b.goto(f"/b/ooij/volunteer/{vacancy.pk}/responses/")
    page.get_by_role("link", name="Vriendelijk afwijzen").click()
    expect(page.locator(".vo-standard")).to_contain_text("Wat fijn dat je wilt helpen!")
    b.check()
    page.get_by_label(label("Een persoonlijke opmerking (niet verplicht)")).fill(
        "We zoeken nu iemand voor de ochtend. Kom je eens langs?"
    )
    page.get_by_role("button", name="Versturen en afwijzen").click()
    expect(page.get_by_text("Piet S. krijgt een vriendelijk bericht.")).to_be_visible()
    expect(page.locator(f"#response-{response.pk} .chip")).to_have_text("Niet gekozen")
    b.check()
    assert any(piet.email in m.to and "Kom je eens langs?" in m.body for m in mail.outbox)

    # The reminder's link: one button, then it is open for 60 more days.
    with scopes_disabled():
        Vacancy.objects.filter(pk=vacancy.pk).update(expires_at=timezone.now() + timedelta(days=3))
    page = b.goto(vacancy_path + "renew/")
    page.get_by_role("button", name="Verlengen met 60 dagen").click()
    expect(page.get_by_text("Verlengd: de vacature is open tot")).to_be_visible()
    b.check()

    # Piet reports it; Karim, buurtverbinder, removes it.
    b.page.context.clear_cookies()
    b.log_in_as(piet)
    page = b.goto(vacancy_path)
    page.get_by_role("link", name="Melden").click()
    b.check()
    page.get_by_label("Reclame of spam").check()
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_text("Een buurtverbinder kijkt ernaar.")).to_be_visible()
    b.page.context.clear_cookies()
    b.log_in_as(karim)
    page = b.goto(vacancy_path)
    page.get_by_role("link", name="Weghalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze vacature weghalen?")
    b.check()
    page.get_by_role("button", name="Ja, haal het weg").click()
    expect(page.get_by_text("De vacature is weggehaald.")).to_be_visible()
    b.check()

    # Someone without an account sees the neutral preview of a members-only vacancy.
    other = Vacancy.objects.model
    with scopes_disabled():
        hidden = other.objects.create(
            neighbourhood=nb,
            organisation=club,
            posted_by=ria,
            contact=ria,
            title="Alleen voor buren",
            task="…",
            time_kind="regular",
            frequency="weekly",
            hours=2,
            place="home",
            expires_at=timezone.now() + timedelta(days=60),
        )
    b.page.context.clear_cookies()
    page = b.goto(f"/b/ooij/volunteer/{hidden.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("voor de buren van Ooij")
    expect(page.get_by_text("Alleen voor buren", exact=True)).to_have_count(0)
    page = b.goto("/b/ooij/volunteer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vrijwilligerswerk")
