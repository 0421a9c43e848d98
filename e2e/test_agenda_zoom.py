"""At 200% zoom the agenda's pages reflow (WCAG 1.4.10): the week, the month grid, an activity
with a long title and note, the form, my activities, who comes and the list for the door."""

from datetime import time

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from buurtplein.agenda import actions
from buurtplein.agenda.tests.factories import ActivityFactory, dates_of, next_weekday, sign_up
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from e2e.conftest import assert_no_sideways_scrolling, log_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/b/nijmegen-oost/agenda/?week={week}&group=seniors&day=2",
    "/b/nijmegen-oost/agenda/month/?month={month}",
    "/b/nijmegen-oost/agenda/{activity}/",
    "/b/nijmegen-oost/agenda/{activity}/edit/",
    "/b/nijmegen-oost/agenda/new/",
    "/b/nijmegen-oost/agenda/mine/",
    "/b/nijmegen-oost/agenda/subscribe/",
    "/b/nijmegen-oost/agenda/dates/{date}/people/",
    "/b/nijmegen-oost/agenda/dates/{date}/print/",
    "/b/nijmegen-oost/agenda/dates/{date}/move/",
]


@pytest.mark.parametrize("path", PAGES)
def test_agenda_page_fits_at_200_percent_zoom(zoomed_page, live_server, path):
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    organiser = member(nb, email="sanne@example.nl", first_name="Sanne")
    tuesday = next_weekday(2)
    activity = ActivityFactory(
        neighbourhood=nb,
        organiser=organiser,
        title="Bewegen voor ouderen met de fysiotherapeut van het gezondheidscentrum",
        description="Rustig bewegen op muziek. " * 30,
        place_name="Wijkcentrum Oost, de grote zaal op de eerste verdieping",
        accessibility_note="Lift aanwezig, toilet op de begane grond, ringleiding in de zaal",
        start_date=tuesday,
        rrule="FREQ=WEEKLY;BYDAY=TU;WKST=MO",
        target_groups=2 + 32 + 64,
        capacity=12,
        cost_note="incl. koffie en een koekje na afloop",
        wheelchair_accessible=True,
        hearing_loop=True,
    )
    first, second = dates_of(activity)[:2]
    for name in ("Wilhelmina van den Heuvel-Bakker", "Mohammed Ouali", "Ria"):
        sign_up(first, member(nb, first_name=name, last_name="Jansen-de Vries"), party_size=2)
    with scopes_disabled():
        actions.occurrence_cancel(
            actor=organiser, occurrence=second, note="De docent is ziek. Volgende week weer! " * 3
        )
    ActivityFactory(neighbourhood=nb, organiser=organiser, start_date=tuesday, start_time=time(19))
    log_in_as(zoomed_page, live_server.url, organiser)
    url = path.format(
        week=tuesday.strftime("%G-W%V"),
        month=f"{tuesday:%Y-%m}",
        activity=activity.pk,
        date=first.pk,
    )
    assert zoomed_page.goto(url).ok
    expect(zoomed_page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_sideways_scrolling(zoomed_page)
