"""What people notice on the club pages: starting a club with a logo and photos (metadata gone),
bad input, editing, finding clubs (search, kind, your own first, more), the club page with its
posts and support requests, contact details per audience, the members-only section, hiding and
removing, reporting, the organisation page, the neighbourhood home, English."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled
from PIL import Image

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.clubs import actions
from buurtplein.clubs.models import Club, ClubPhoto, JoinPolicy, State, Status
from buurtplein.clubs.tests.factories import add_member, make_club
from buurtplein.core.models import AuditEntry
from buurtplein.core.tests.factories import jpeg_bytes, member
from buurtplein.square.tests.factories import PostFactory

pytestmark = pytest.mark.django_db

WALKING = {
    "name": "Wandelclub Ooij",
    "kind": "club",
    "pitch": "Elke zondag lopen we 10 km over de dijk.",
    "description": "We vertrekken om **10 uur** bij de kerk. Honden zijn welkom.",
    "meets_where": "Bij de kerk in de Dorpsstraat",
    "meets_when": "Elke zondag, 10.00 uur",
    "join_policy": "open",
    "email": "wandelen@example.nl",
    "phone": "024 663 00 11",
    "website": "www.wandelclub-ooij.nl",
    "contact_audience": "members",
    "alt_text": "Wandelaars op de dijk",
}


def url(nb, path=""):
    return f"/b/{nb.slug}/clubs/{path}"


def upload(name="foto.jpg", size=(800, 600)):
    return SimpleUploadedFile(name, jpeg_bytes(size), content_type="image/jpeg")


def test_a_resident_starts_a_club_with_a_logo_and_photos_without_their_metadata(client, nb, anna):
    client.force_login(anna)
    assert "Een club beginnen" in client.get(url(nb, "new/")).content.decode()
    response = client.post(
        url(nb, "new/"),
        {**WALKING, "logo": upload("logo.jpg", (600, 600)), "photos": [upload(), upload()]},
    )
    assert response.status_code == 302
    assert response["Location"] == url(nb, "wandelclub-ooij/")
    with scope(neighbourhood=nb):
        club = Club.objects.select_related("organisation").get()
        photos = list(ClubPhoto.objects.filter(club=club))
    organisation = club.organisation
    assert organisation.kind == "club" and organisation.slug == "wandelclub-ooij"
    assert list(organisation.neighbourhoods.all()) == [nb]
    assert organisation.email == "wandelen@example.nl"
    assert organisation.website == "https://www.wandelclub-ooij.nl"
    assert list(organisation.staff.all()) == [anna]
    assert len(photos) == 2
    for image_file in (organisation.logo, *[p.large for p in photos], *[p.thumb for p in photos]):
        with Image.open(image_file.path) as image:
            assert not image.getexif() and "exif" not in image.info
    with Image.open(organisation.logo.path) as logo:
        assert max(logo.size) == 320
    page = client.get(response["Location"]).content.decode()
    assert "Je club heeft een pagina." in page
    assert "<strong>10 uur</strong>" in page and "Elke zondag, 10.00 uur" in page
    assert photos[0].medium.url in page and "Wandelaars op de dijk" in page
    assert organisation.logo.url in page
    assert "Je zit in het bestuur van deze club." in page and "Voor het bestuur" in page
    assert "1 lid" in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "  "}, "name", "Schrijf de naam van de club."),
        ({"pitch": ""}, "pitch", "Zeg in één zin wat de club doet."),
        ({"kind": "sportclub"}, "kind", "Selecteer een geldige keuze"),
        ({"email": "geen-adres"}, "email", "Schrijf een e-mailadres zoals club@example.nl."),
        ({"phone": "bel de voorzitter"}, "phone", "Schrijf een telefoonnummer met alleen cijfers"),
        ({"website": "http://"}, "website", "Schrijf een webadres zoals www.example.nl."),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_typed_is_lost(
    client, nb, anna, change, field, message
):
    client.force_login(anna)
    response = client.post(url(nb, "new/"), {**WALKING, **change})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    page = response.content.decode()
    assert message in page and 'class="form-errors"' in page
    assert "Honden zijn welkom." in page and WALKING["meets_where"] in page
    with scopes_disabled():
        assert not Club.objects.exists()


def test_a_text_file_as_logo_is_refused_and_asks_to_choose_it_again(client, nb, anna):
    client.force_login(anna)
    fake = SimpleUploadedFile("logo.jpg", b"geen plaatje", content_type="image/jpeg")
    response = client.post(url(nb, "new/"), {**WALKING, "logo": fake})
    assert response.status_code == 400
    page = response.content.decode()
    assert "geen foto die we kunnen gebruiken" in page
    assert "Kies het logo opnieuw: het is niet bewaard." in page


def test_two_clubs_of_one_neighbourhood_never_share_a_name(client, nb, other_nb, anna):
    make_club(other_nb, name="Wandelclub Ooij")  # elsewhere it is fine
    make_club(nb, name="wandelclub ooij")
    client.force_login(anna)
    response = client.post(url(nb, "new/"), WALKING)
    assert response.status_code == 400
    assert "Er is al een club met deze naam." in response.content.decode()


def test_the_board_edits_the_page_the_address_stays(client, nb, anna, bram):
    club = make_club(nb, anna)
    add_member(club, bram)
    client.force_login(bram)
    assert client.get(url(nb, f"{club.slug}/edit/")).status_code == 403
    client.force_login(anna)
    page = client.get(url(nb, f"{club.slug}/edit/")).content.decode()
    assert "Clubpagina aanpassen" in page and "Elke zondag wandelen we" in page
    response = client.post(
        url(nb, f"{club.slug}/edit/"),
        {**WALKING, "name": "Wandelclub Ooijpolder", "join_policy": "request"},
    )
    assert response.status_code == 302 and response["Location"] == url(nb, f"{club.slug}/")
    with scopes_disabled():
        club.refresh_from_db()
        club.organisation.refresh_from_db()
    assert club.organisation.name == "Wandelclub Ooijpolder" and club.slug == "wandelclub-ooij"
    assert club.join_policy == JoinPolicy.REQUEST and club.edited_at is not None


def names(page: str) -> list[str]:
    return re.findall(r'id="cl-title-\d+"><a href="[^"]+">([^<]+)</a>', page)


def test_find_clubs_by_words_and_kind_with_your_own_first(client, nb, other_nb, anna, bram):
    choir = make_club(nb, anna, name="Buurtkoor Oost", pitch="We zingen op donderdag.")
    make_club(nb, name="Bridgeclub De Klinkert", pitch="Bridge op dinsdagavond.")
    make_club(nb, name="Dorpstuin Ooij", kind="initiative", pitch="Samen groente kweken.")
    make_club(other_nb, name="Andere buurt club")
    page = client.get(url(nb)).content.decode()
    assert names(page) == ["Bridgeclub De Klinkert", "Buurtkoor Oost", "Dorpstuin Ooij"]
    assert names(client.get(url(nb), {"q": "dinsdag"}).content.decode()) == [
        "Bridgeclub De Klinkert"
    ]
    assert names(client.get(url(nb), {"kind": "initiative"}).content.decode()) == ["Dorpstuin Ooij"]
    assert "Geen club gevonden" in client.get(url(nb), {"q": "voetbal"}).content.decode()
    client.force_login(bram)
    add_member(choir, bram)
    page = client.get(url(nb)).content.decode()
    assert names(page) == ["Buurtkoor Oost", "Bridgeclub De Klinkert", "Dorpstuin Ooij"]
    assert "Jouw clubs" in page and "Je bent lid" in page
    assert client.get(url(nb), {"kind": "sport", "after": "%%"}).status_code == 200


def test_more_clubs_follow_each_other(client, nb, settings, monkeypatch):
    from buurtplein.clubs import selectors

    monkeypatch.setattr(selectors, "LIST_PAGE", 2)
    for name in ["Club E", "club b", "Club A", "Club D", "Club C"]:
        make_club(nb, name=name)
    seen, path = [], url(nb)
    while path:
        page = client.get(path).content.decode()
        seen += names(page)
        more = re.search(r'id="cl-more"><a class="[^"]+" href="([^"]+)"', page)
        path = more.group(1).replace("&amp;", "&") if more else None
    assert seen == ["Club A", "club b", "Club C", "Club D", "Club E"]
    first = client.get(url(nb)).content.decode()
    cursor = re.search(r"after=([^&\"]+)", first).group(1)
    part = client.get(url(nb), {"after": cursor}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in part and names(part) == ["Club C", "Club D"]


def test_contact_details_are_shown_to_whom_the_board_chose(client, nb, anna):
    club = make_club(nb, anna, email="koor@example.nl", phone="024 123 45 67")
    assert "koor@example.nl" not in client.get(url(nb, f"{club.slug}/")).content.decode()
    assert "Log in om ze te zien" in client.get(url(nb, f"{club.slug}/")).content.decode()
    organisation_page = f"/b/{nb.slug}/organisations/{club.slug}/"
    assert "koor@example.nl" not in client.get(organisation_page).content.decode()
    client.force_login(member(nb))
    assert "koor@example.nl" in client.get(url(nb, f"{club.slug}/")).content.decode()
    client.logout()
    with scope(neighbourhood=nb):
        club.contact_audience = "public"
        club.save(update_fields=["contact_audience"])
    assert "koor@example.nl" in client.get(url(nb, f"{club.slug}/")).content.decode()
    page = client.get(organisation_page).content.decode()
    assert "koor@example.nl" in page
    assert "De clubpagina van Wandelclub Ooij" in page and url(nb, f"{club.slug}/") in page


def test_the_members_only_section_is_for_members(client, nb, anna, bram, carla):
    club = make_club(nb, anna, join_policy=JoinPolicy.REQUEST)
    with scope(neighbourhood=nb):
        actions.members_text_update(
            actor=anna, club=club, text="De sleutel ligt bij **Henk**. WhatsApp: https://wa.me/x"
        )
        actions.announcement_create(
            author=anna, club=club, title="Geen wandeling", text="Zondag gaat niet door."
        )
    add_member(club, bram)
    add_member(club, carla, status=Status.PENDING)
    # Outsiders see that it exists and how to join, never what it says.
    client.force_login(member(nb, first_name="Dirk", last_name="Bos"))  # not a random "Henk"
    page = client.get(url(nb, f"{club.slug}/")).content.decode()
    assert "Deze club heeft een pagina voor zijn leden" in page and "sleutel" not in page
    teaser = client.get(url(nb, f"{club.slug}/members/"))
    assert teaser.status_code == 403
    assert "Vraag om lid te worden" in teaser.content.decode()
    assert "sleutel" not in teaser.content.decode()
    assert "Geen wandeling" not in teaser.content.decode()
    client.force_login(carla)  # waiting for an answer
    teaser = client.get(url(nb, f"{club.slug}/announcements/")).content.decode()
    assert "Je ziet deze pagina zodra het bestuur ja zegt." in teaser and "Zondag" not in teaser
    client.force_login(bram)
    page = client.get(url(nb, f"{club.slug}/members/")).content.decode()
    assert "De sleutel ligt bij <strong>Henk</strong>." in page
    assert "Geen wandeling" in page and "Carla" not in page  # requests are the board's
    assert "Laatste bericht:" in client.get(url(nb, f"{club.slug}/")).content.decode()


def test_the_board_writes_the_members_only_information(client, nb, anna):
    club = make_club(nb, anna)
    client.force_login(anna)
    response = client.post(
        url(nb, f"{club.slug}/members/info/"),
        {"text": "Training op dinsdag. <script>alert(1)</script>"},
    )
    assert response.status_code == 302
    page = client.get(url(nb, f"{club.slug}/members/")).content.decode()
    assert "Training op dinsdag." in page and "<script>alert(1)</script>" not in page


def test_the_club_page_shows_its_posts_and_support_requests(client, nb, anna):
    from buurtplein.exchange.tests.factories import ItemFactory

    club = make_club(nb, anna, kind="initiative", name="Dorpstuin Ooij")
    organisation = club.organisation
    PostFactory(
        neighbourhood=nb, author=anna, title="Oogstfeest zaterdag", organisation=organisation
    )
    PostFactory(neighbourhood=nb, author=anna, title="Een bericht van Anna zelf")
    ItemFactory(
        neighbourhood=nb,
        owner=anna,
        kind="money",
        category="initiative",
        deal="",
        title="Steun voor een regenton",
        initiative=organisation,
    )
    client.force_login(member(nb))
    page = client.get(url(nb, f"{club.slug}/")).content.decode()
    assert "Oogstfeest zaterdag" in page and "namens Dorpstuin Ooij" in page
    assert "Een bericht van Anna zelf" not in page
    assert "Steun voor een regenton" in page
    for _ in range(3):
        PostFactory(neighbourhood=nb, author=anna, organisation=organisation)
    page = client.get(url(nb, f"{club.slug}/")).content.decode()
    assert f"/posts/?organisation={organisation.pk}" in page  # "more messages"
    # The board's links: posting for the club, asking support, through the other components.
    client.force_login(anna)
    page = client.get(url(nb, f"{club.slug}/")).content.decode()
    assert f"/posts/new/?organisation={organisation.pk}" in page
    assert f"/exchange/new/?kind=money&amp;initiative={organisation.pk}" in page


def test_a_connector_hides_and_removes_a_club_with_audit_entries(client, nb, anna, connector):
    club = make_club(nb, anna)
    slug = club.slug
    client.force_login(member(nb))
    assert client.get(url(nb, f"{slug}/moderate/")).status_code == 403
    client.force_login(connector)
    response = client.post(url(nb, f"{slug}/moderate/"), {"state": "hidden"})
    assert response.status_code == 302
    assert "Wandelclub Ooij" not in client.get(url(nb)).content.decode()
    client.force_login(member(nb))
    assert client.get(url(nb, f"{slug}/")).status_code == 404
    client.force_login(anna)  # the board still sees it, with the reason
    page = client.get(url(nb, f"{slug}/")).content.decode()
    assert "Een buurtverbinder heeft deze club verborgen" in page
    client.force_login(connector)
    client.post(url(nb, f"{slug}/moderate/"), {"state": "removed"})
    client.force_login(anna)
    assert client.get(url(nb, f"{slug}/")).status_code == 404
    with scopes_disabled():
        entries = list(AuditEntry.objects.order_by("pk").values_list("action", "actor_id"))
        organisation = Club.objects.get(pk=club.pk).organisation
    assert entries == [("clubs.club.hide", connector.pk), ("clubs.club.remove", connector.pk)]
    # Its own organisation is no longer active here: nobody acts for it any more.
    assert nb not in organisation.neighbourhoods.all()
    bad = client.post(url(nb, "nothing/moderate/"), {"state": "hidden"})
    assert bad.status_code in (403, 404)


def test_a_neighbour_reports_a_club(client, nb, anna, bram):
    from buurtplein.moderation.models import Report

    club = make_club(nb, anna)
    client.force_login(bram)
    assert "Melden" in client.get(url(nb, f"{club.slug}/")).content.decode()
    response = client.post(url(nb, f"{club.slug}/report/"), {"reason": "spam", "note": "Reclame"})
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        report = Report.objects.get()
    assert report.target == club and report.reporter == bram
    assert "Wandelclub Ooij" in report.target.text
    assert client.post(url(nb, f"{club.slug}/report/"), {}).status_code == 400
    client.force_login(anna)  # not your own
    assert client.get(url(nb, f"{club.slug}/report/")).status_code == 403


def test_the_neighbourhood_home_shows_clubs_and_yours(client, nb, anna, bram):
    club = make_club(nb, anna, name="Buurtkoor Oost")
    page = client.get(f"/b/{nb.slug}/").content.decode()
    assert "Clubs en initiatieven" in page and "Buurtkoor Oost" in page
    client.force_login(bram)
    assert "Jouw clubs:" not in client.get(f"/b/{nb.slug}/").content.decode()
    add_member(club, bram)
    page = client.get(f"/b/{nb.slug}/").content.decode()
    assert "Jouw clubs:" in page
    make_club(nb, name="Schaakclub")  # the cached block is fresh after a change
    assert "Schaakclub" in client.get(f"/b/{nb.slug}/").content.decode()


def test_a_club_page_in_english(client, nb, anna, bram):
    club = make_club(nb, anna, join_policy=JoinPolicy.REQUEST)
    client.force_login(bram)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(url(nb, f"{club.slug}/")).content.decode()
    assert "Club or group" in page and "1 member" in page and "Ask to join" in page
    assert "For members" in page and "On request: the board says yes or no" in page
    assert "Clubs" in page  # the navigation


def test_an_existing_initiative_gets_its_page_from_its_staff(client, nb, anna):
    repair = OrganisationFactory(
        name="Repair Café Oost", slug="repair-cafe-oost", kind="initiative"
    )
    repair.neighbourhoods.add(nb)
    repair.staff.add(anna)
    client.force_login(anna)
    form = client.get(url(nb, "new/")).content.decode()
    assert "Is dit de pagina van een organisatie waar je al voor werkt?" in form
    response = client.post(
        url(nb, "new/"),
        {
            **WALKING,
            "name": "",
            "kind": "initiative",
            "organisation": str(repair.pk),
            "pitch": "Samen repareren.",
        },
    )
    assert response.status_code == 302 and response["Location"] == url(nb, "repair-cafe-oost/")
    with scopes_disabled():
        club = Club.objects.get()
    assert club.organisation == repair and club.state == State.ACTIVE
    # Once it has a page, it is no longer offered.
    assert "Is dit de pagina" not in client.get(url(nb, "new/")).content.decode()


def plan_walk(nb, anna, club, **extra):
    """The club's walk in three days, planned through the agenda's action."""
    from datetime import time, timedelta

    from django.utils import timezone

    from buurtplein.agenda import actions as agenda

    with scope(neighbourhood=nb):
        return agenda.activity_create(
            organiser=anna,
            neighbourhood=nb,
            organisation=club.organisation,
            title="Wandeling naar de Duivelsberg",
            start_date=timezone.localdate() + timedelta(days=3),
            start_time=time(10, 0),
            end_time=time(12, 30),
            place_name="Kerk Ooij",
            signup_required=False,
            **extra,
        )


def ask_volunteers(nb, anna, club, title, **extra):
    """A weekly vacancy of the club, through the volunteering action."""
    from decimal import Decimal

    from buurtplein.volunteering import actions as volunteering

    with scope(neighbourhood=nb):
        return volunteering.vacancy_create(
            actor=anna,
            neighbourhood=nb,
            organisation=club.organisation,
            title=title,
            task="Je kiest de route en wacht op wie achterblijft.",
            time_kind="regular",
            frequency="weekly",
            hours=Decimal("2.5"),
            place="address",
            address="Kerk Ooij",
            **extra,
        )


def test_the_club_page_shows_its_activities_and_vacancies_and_the_board_plans_them(
    client, nb, anna, bram
):
    """Through the agenda and volunteering: the board (= the organisation's staff) plans an
    activity and asks for volunteers in the club's name; the page shows both."""
    club = make_club(nb, anna)
    add_member(club, bram)
    plan_walk(nb, anna, club)
    ask_volunteers(nb, anna, club, "Wie loopt voorop bij de zondagwandeling?")
    client.force_login(bram)
    page = client.get(url(nb, f"{club.slug}/")).content.decode()
    assert "Wandeling naar de Duivelsberg" in page
    assert "Wie loopt voorop bij de zondagwandeling?" in page
    assert f"/agenda/organisations/{club.slug}/calendar.ics" in page
    assert f"/agenda/new/?organisation={club.organisation.pk}" not in page  # not for members
    client.force_login(anna)
    page = client.get(url(nb, f"{club.slug}/")).content.decode()
    assert f"/agenda/new/?organisation={club.organisation.pk}" in page
    assert f"/volunteer/new/?organisation={club.organisation.pk}" in page
    # The agenda's own create page knows the club as something Anna organises for.
    form = client.get(f"/b/{nb.slug}/agenda/new/", {"organisation": club.organisation.pk})
    assert form.status_code == 200
    assert re.search(
        rf'<option value="{club.organisation.pk}" selected>Wandelclub Ooij</option>',
        form.content.decode(),
    )


def test_a_visitor_sees_what_the_club_publishes_at_once_though_the_blocks_are_cached(
    client, nb, anna
):
    """A visitor's blocks on the club page come from the cache; a new post, activity or
    vacancy of the club, and a removed post, show on the next visit all the same."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from buurtplein.square import actions as square

    club = make_club(nb, anna)
    page = url(nb, f"{club.slug}/")
    assert "Ommetje langs de Waal" not in client.get(page).content.decode()
    with scope(neighbourhood=nb):
        post = square.post_create(
            author=anna,
            neighbourhood=nb,
            organisation=club.organisation,
            category="news",
            title="Ommetje langs de Waal",
            text="Zondag lopen we langs de Waal. Iedereen is welkom.",
            visibility="public",
        )
    assert "Ommetje langs de Waal" in client.get(page).content.decode()
    plan_walk(nb, anna, club, visibility="public")
    assert "Wandeling naar de Duivelsberg" in client.get(page).content.decode()
    ask_volunteers(nb, anna, club, "Wie zet de koffie na de wandeling?", visibility="public")
    with CaptureQueriesContext(connection) as first:
        assert "Wie zet de koffie na de wandeling?" in client.get(page).content.decode()
    with CaptureQueriesContext(connection) as again:
        shown = client.get(page).content.decode()
    assert "Ommetje langs de Waal" in shown and "Wandeling naar de Duivelsberg" in shown
    blocks = ("square_post", "agenda_occurrence", "exchange_item", "volunteering_vacancy")
    assert any(table in query["sql"] for query in first for table in blocks)
    assert not any(table in query["sql"] for query in again for table in blocks)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Activities of the club" in client.get(page).content.decode()  # cached per language
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    with scope(neighbourhood=nb):
        square.post_delete(actor=anna, post=post)
    assert "Ommetje langs de Waal" not in client.get(page).content.decode()
    # The visitors' blocks are never a member's: the members-only post is only theirs.
    with scope(neighbourhood=nb):
        square.post_create(
            author=anna,
            neighbourhood=nb,
            organisation=club.organisation,
            category="notice",
            title="Alleen voor de buurt: de sleutel ligt bij Anna",
            text="De sleutel van het clubhuis ligt bij Anna.",
            visibility="members",
        )
    assert "de sleutel ligt bij Anna" not in client.get(page).content.decode()
    client.force_login(anna)
    assert "de sleutel ligt bij Anna" in client.get(page).content.decode()


def test_a_switched_off_component_adds_no_block_to_the_club_or_organisation_page(client, nb, anna):
    """The blocks come from the components switched on here (Component.organisation_blocks):
    with the agenda off, its activities and the board's 'Plan an activity' are gone from the
    club page and the organisation page, and volunteering's vacancy is still there."""
    from django.core.cache import cache

    club = make_club(nb, anna, email="club@example.nl", contact_audience="public")
    plan_walk(nb, anna, club, visibility="public")
    ask_volunteers(nb, anna, club, "Wie zet de koffie na de wandeling?", visibility="public")
    club_page, organisation_page = (
        url(nb, f"{club.slug}/"),
        f"/b/{nb.slug}/organisations/{club.slug}/",
    )
    client.force_login(anna)
    for path in (club_page, organisation_page):
        page = client.get(path).content.decode()
        assert "Wandeling naar de Duivelsberg" in page
        assert f"/agenda/new/?organisation={club.organisation.pk}" in page
        assert "Wie zet de koffie na de wandeling?" in page
    page = client.get(organisation_page).content.decode()
    assert url(nb, f"{club.slug}/") in page
    # Anna is its staff: the empty posts block offers her to post, in the page's own words.
    assert "Nog geen berichten." in page and "De club heeft nog niets" not in page
    nb.components = [label for label in nb.components if label != "agenda"]
    nb.save(update_fields=["components"])
    cache.clear()  # the neighbourhood itself is cached by the middleware
    for path in (club_page, organisation_page):
        page = client.get(path).content.decode()
        assert "Wandeling naar de Duivelsberg" not in page
        assert f"/agenda/new/?organisation={club.organisation.pk}" not in page
        assert "Wie zet de koffie na de wandeling?" in page
    client.logout()  # and for a visitor, whose blocks are cached
    assert "Wandeling naar de Duivelsberg" not in client.get(club_page).content.decode()
    nb.components = [label for label in nb.components if label != "clubs"]
    nb.save(update_fields=["components"])
    cache.clear()
    page = client.get(organisation_page).content.decode()
    assert club_page not in page and "club@example.nl" in page
