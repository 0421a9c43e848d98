"""The neighbourhood's search (``core.search``, ``nb:search``): every switched-on component's
part, grouped by kind, never showing what the viewer may not see.

Marked ``embedded``: CI runs these on PostgreSQL (Dutch stemming on the stored vectors) and on
SQLite (words in the stored search text).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.accounts.models import Interest, Visibility
from buurtplein.accounts.selectors import search_neighbours
from buurtplein.agenda.models import Visibility as ActivityVisibility
from buurtplein.agenda.tests.factories import ActivityFactory
from buurtplein.clubs.tests.factories import make_club
from buurtplein.core.models import Membership, Role
from buurtplein.core.permissions import Viewer
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.exchange.models import Visibility as ItemVisibility
from buurtplein.exchange.tests.factories import ItemFactory
from buurtplein.infopages.models import Visibility as PageVisibility
from buurtplein.infopages.tests.factories import InfoPageFactory
from buurtplein.moderation.actions import decide
from buurtplein.socialmap import finding
from buurtplein.socialmap.models import LifeDomain, Professional, Service, ServicePerson
from buurtplein.square.models import Visibility as PostVisibility
from buurtplein.square.tests.factories import PostFactory
from buurtplein.volunteering.models import Visibility as VacancyVisibility
from buurtplein.volunteering.tests.factories import VacancyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


@pytest.fixture
def other_nb(db):
    return NeighbourhoodFactory(name="Liendert", slug="liendert", pc4="3825")


@pytest.fixture
def resident(nb):
    return member(nb, first_name="Els", last_name="Bakker")


@pytest.fixture
def connector(nb):
    return member(nb, role=Role.CONNECTOR, first_name="Karim", last_name="Amrani")


def search(client, nb, query):
    response = client.get(f"/b/{nb.slug}/search/", {"q": query})
    assert response.status_code == 200
    return response


def found(client, nb, query) -> dict[str, list[str]]:
    """The titles found, by kind."""
    groups = search(client, nb, query).context["groups"]
    return {group.part.kind: [result.hit.title for result in group.results] for group in groups}


def make_service(
    nb, *, name, summary, description="", organisation=None, people=(), domain=LifeDomain.MONEY
):
    from buurtplein.accounts.tests.factories import OrganisationFactory

    organisation = organisation or OrganisationFactory(name="Stichting Wijkwerk")
    with scope(neighbourhood=nb):
        service = Service(
            neighbourhood=nb,
            organisation=organisation,
            name=name,
            summary=summary,
            description=description,
            life_domains=[domain],
        )
        finding.index_service(service)
        service.save()
        for person in people:
            ServicePerson.objects.create(neighbourhood=nb, service=service, user=person)
    return service


def give_interest(user, slug, *, visibility=None):
    interest = Interest.objects.get(slug=slug)
    if interest.kind == Interest.Kind.SKILL:
        user.profile.skills.add(interest)
    else:
        user.profile.interests.add(interest)
    if visibility:
        user.profile.visibility = {**user.profile.visibility, "interests": visibility}
        user.profile.save()
    return interest


# --- finding things by their everyday words ----------------------------------------------------


def test_waste_finds_the_info_page_and_bridge_the_club_and_the_neighbours(client, nb, resident):
    InfoPageFactory(
        neighbourhood=nb,
        title="Afval en grofvuil",
        body="De **afvalkalender**: wanneer de containers worden geleegd.",
    )
    InfoPageFactory(neighbourhood=nb, title="Speeltuinen", body="Waar kinderen spelen.")
    make_club(nb, name="Bridgeclub De Klaveren", pitch="Elke vrijdagmiddag bridgen.")
    make_club(nb, name="Wandelclub Ooij")
    neighbour = member(nb, first_name="Joke")
    give_interest(neighbour, "bridge")
    client.force_login(resident)

    assert found(client, nb, "afval") == {"infopages.page": ["Afval en grofvuil"]}
    assert found(client, nb, "Afval") == {"infopages.page": ["Afval en grofvuil"]}
    bridge = found(client, nb, "bridge")
    assert bridge["clubs.club"] == ["Bridgeclub De Klaveren"]
    assert [name.split()[0] for name in bridge["members.interest"]] == ["Joke"]
    assert found(client, nb, "fietsenmaker") == {}


def test_debts_find_the_debt_service_and_its_professional(client, nb, resident):
    helper = member(nb, role=Role.PROFESSIONAL, first_name="Sanne", last_name="de Wit")
    service = make_service(
        nb,
        name="Schuldhulp Nijmegen-Oost",
        summary="Hulp bij schulden en rekeningen die je niet kunt betalen.",
        description="Samen maken we een plan voor je schulden.",
        people=[helper],
    )
    with scope(neighbourhood=nb):
        Professional.objects.create(
            neighbourhood=nb,
            user=helper,
            organisation=service.organisation,
            job_title="Schuldhulpverlener",
        )
    make_service(nb, name="Taalhuis", summary="Beter Nederlands leren.", domain=LifeDomain.LANGUAGE)
    client.force_login(resident)
    result = found(client, nb, "schulden")
    assert result["socialmap.service"] == ["Schuldhulp Nijmegen-Oost"]
    assert [name.split()[0] for name in result["socialmap.professional"]] == ["Sanne"]


def test_every_kind_is_found_and_grouped_in_order(client, nb, connector):
    PostFactory(neighbourhood=nb, title="Repair café zaterdag", text="Neem je kapotte fiets mee.")
    InfoPageFactory(neighbourhood=nb, title="Repair café", body="Elke maand repareren we.")
    make_club(nb, name="Repair Café Oost", pitch="Vrijwilligers die repareren.")
    ActivityFactory(neighbourhood=nb, title="Repair café in het buurthuis")
    ItemFactory(neighbourhood=nb, title="Gezocht: hulp bij repair café")
    VacancyFactory(neighbourhood=nb, title="Reparateur voor het repair café")
    client.force_login(connector)
    assert list(found(client, nb, "repair café")) == [
        "infopages.page",
        "square.post",
        "clubs.club",
        "agenda.activity",
        "exchange.item",
        "volunteering.vacancy",
    ]


def test_dutch_word_forms_find_each_other(client, nb, resident):
    """PostgreSQL: the Dutch stemmer; SQLite: the word inside the longer one."""
    InfoPageFactory(neighbourhood=nb, title="Containers", body="De vuilniszakken gaan in de bak.")
    client.force_login(resident)
    assert found(client, nb, "vuilniszak") == {"infopages.page": ["Containers"]}


def test_a_group_counts_everything_and_leads_to_more_of_its_kind(client, nb, resident):
    for n in range(7):
        PostFactory(neighbourhood=nb, title=f"Kat gezien {n}", text="Een grijze kat.")
    make_club(nb, name="Kattenclub", pitch="Voor wie van katten houdt.")
    client.force_login(resident)
    groups = {g.part.kind: g for g in search(client, nb, "kat").context["groups"]}
    posts = groups["square.post"]
    assert (len(posts.results), posts.total) == (5, 7)
    assert posts.more_url == "/b/nijmegen-oost/posts/search/?q=kat"
    assert groups["clubs.club"].total == 1
    assert groups["clubs.club"].more_url == ""  # everything is shown already
    page = search(client, nb, "kat").content.decode()
    assert "Kat gezien 6" in page and "/b/nijmegen-oost/posts/search/?q=kat" in page


def test_the_overview_shows_the_newest_posts_and_the_squares_search_the_best(client, nb, resident):
    """The same posts fit in both places; the overview of five shows the newest first (on a
    square that is what is about now, and it is found without ranking thousands), the square's
    own search (the group's "more") ranks them, best first on PostgreSQL."""
    from datetime import timedelta

    from django.utils import timezone

    from buurtplein.square.models import Post

    best = PostFactory(
        neighbourhood=nb, title="Fiets te koop", text="Fiets, fietsbel en fietstas voor je fiets."
    )
    newest = PostFactory(
        neighbourhood=nb, title="Zaterdagmarkt", text="Ook een kraam met een fiets."
    )
    with scopes_disabled():
        Post.objects.filter(pk=best.pk).update(created_at=timezone.now() - timedelta(days=3))
    client.force_login(resident)
    assert found(client, nb, "fiets")["square.post"] == [newest.title, best.title]
    response = client.get(f"/b/{nb.slug}/posts/search/", {"q": "fiets"})
    ranked = [post.title for post in response.context["results"]]
    if connection.vendor == "postgresql":
        assert ranked == [best.title, newest.title]
    else:  # the SQLite fallback has no ranking: newest first there too
        assert ranked == [newest.title, best.title]


def test_a_group_counts_up_to_the_cap_and_shows_more_with_a_plus(client, nb, resident, monkeypatch):
    from buurtplein.core import search as core_search

    monkeypatch.setattr(core_search, "COUNT_CAP", 5)  # 100 in use; 7 posts stand for thousands
    for n in range(7):
        PostFactory(neighbourhood=nb, title=f"Kat gezien {n}", text="Een grijze kat.")
    make_club(nb, name="Kattenclub", pitch="Voor wie van katten houdt.")
    client.force_login(resident)
    response = search(client, nb, "kat")
    groups = {g.part.kind: g for g in response.context["groups"]}
    posts = groups["square.post"]
    # Counted to 5 + 1 (common words), or all of them (rare words, the search index first).
    assert (len(posts.results), posts.shown_total, posts.capped) == (5, 5, True)
    assert posts.more_url == "/b/nijmegen-oost/posts/search/?q=kat"
    assert not groups["clubs.club"].capped
    page = response.content.decode()
    assert "(5+)" in page  # in the chips and above the posts
    assert "Meer dan 6 resultaten gevonden" in page  # 5+ posts and a club


@pytest.mark.parametrize("index_first", [True, False], ids=["index first", "newest first"])
def test_the_overview_finds_the_same_posts_however_the_database_is_asked(
    client, nb, other_nb, connector, monkeypatch, index_first
):
    """PostgreSQL asks the search index first when a query's words are rare in the whole table
    (``core.search.RARE_MATCHES`` against the planner's estimate), else it walks the newest
    posts: the same readable posts either way, newest first, shown with the same count; and the
    setting that steers it ends with that one query."""
    from buurtplein.core import search as core_search

    monkeypatch.setattr(core_search, "COUNT_CAP", 5)
    monkeypatch.setattr(core_search, "RARE_MATCHES", 10**9 if index_first else -1)
    for n in range(7):
        PostFactory(neighbourhood=nb, title=f"Kat gezien {n}", text="Een grijze kat.")
    PostFactory(neighbourhood=nb, title="Rekeningen", text="Ik kan de huur niet betalen.")
    PostFactory(neighbourhood=nb, title="Huurders", text="Wie betaalt de huurverhoging?")
    PostFactory(neighbourhood=other_nb, title="Elders", text="Ik kan de huur niet betalen.")
    hidden = PostFactory(neighbourhood=nb, title="Verborgen", text="De huur betalen lukt niet.")
    with scope(neighbourhood=nb):
        decide(actor=connector, target=hidden, action="hide", message="Geen namen noemen.")
    client.force_login(member(nb))
    groups = {g.part.kind: g for g in search(client, nb, "kat").context["groups"]}
    assert [r.hit.title for r in groups["square.post"].results] == [
        f"Kat gezien {n}" for n in (6, 5, 4, 3, 2)
    ]
    # Shown alike: "5+" (newest first counts to 5 + 1; index first, the rare words' few
    # matches all).
    assert (groups["square.post"].shown_total, groups["square.post"].capped) == (5, True)
    assert found(client, nb, "huur betalen")["square.post"] == ["Rekeningen"]
    assert found(client, nb, "ik kan de huur niet betalen")["square.post"] == ["Rekeningen"]
    assert found(client, nb, "huur")["square.post"] == ["Huurders", "Rekeningen"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_indexscan")
            assert cursor.fetchone()[0] == "on"


@pytest.mark.parametrize("in_transaction", [False, True], ids=["the test's", "a savepoint"])
def test_a_query_planned_without_a_planner_switch_is_one_query_and_the_switch_ends_with_it(
    nb, in_transaction
):
    """``core.search.planned_without`` sends ``SET LOCAL`` in the same message as the query
    (PostgreSQL; elsewhere it does nothing): one query, the same rows, and the setting is on
    again for the next query of the same transaction (a test runs in one; in autocommit the
    message's own implicit transaction ends it: ``bench/search.py`` runs that way)."""
    from django.db import transaction

    from buurtplein.core.search import planned_without

    for n in range(3):
        PostFactory(neighbourhood=nb, title=f"Fiets {n}", text="Een fiets.")
    with scope(neighbourhood=nb):
        from buurtplein.square.models import Post

        expected = list(Post.objects.order_by("pk").values_list("title", flat=True))

        def read():
            with CaptureQueriesContext(connection) as queries, planned_without("enable_seqscan"):
                rows = list(Post.objects.order_by("pk").values_list("title", flat=True))
            return rows, len(queries)

        if in_transaction:
            with transaction.atomic():
                assert read() == (expected, 1)
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SHOW enable_seqscan")
                        assert cursor.fetchone()[0] == "on"
        else:
            assert read() == (expected, 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"
    with pytest.raises(ValueError), planned_without("work_mem"):
        pass


def test_a_renamed_organisation_is_found_by_its_new_name_only(client, nb, resident):
    """Renamed outside its club's page (the admin): its club page, activities, vacancies and
    services are found by the new name, no longer by the old one."""
    from buurtplein.accounts.tests.factories import UserFactory

    club = make_club(nb, name="Schaakclub De Toren", pitch="Elke dinsdag schaken.")
    organisation = club.organisation
    ActivityFactory(neighbourhood=nb, title="Dinsdagavond", organisation=organisation)
    VacancyFactory(neighbourhood=nb, title="Wedstrijdleider", organisation=organisation)
    make_service(nb, name="Schaakles", summary="Leren schaken.", organisation=organisation)
    client.force_login(resident)
    before = found(client, nb, "toren")
    assert set(before) == {"clubs.club", "agenda.activity", "volunteering.vacancy"} | {
        "socialmap.service"
    }
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    form = {
        "name": "Denksportclub Pion",
        "slug": organisation.slug,
        "kind": organisation.kind,
        "neighbourhoods": [nb.pk],
    }
    changed = client.post(f"/admin/accounts/organisation/{organisation.pk}/change/", form)
    assert changed.status_code == 302
    client.force_login(resident)
    assert found(client, nb, "toren") == {}
    assert found(client, nb, "pion") == {
        "socialmap.service": ["Schaakles"],
        "clubs.club": ["Denksportclub Pion"],
        "agenda.activity": ["Dinsdagavond"],
        "volunteering.vacancy": ["Wedstrijdleider"],
    }


def test_a_switched_off_component_is_not_searched(client, nb, resident):
    make_club(nb, name="Bridgeclub De Klaveren")
    nb.components = [label for label in nb.components if label != "clubs"]
    nb.save()
    client.force_login(resident)
    assert "clubs.club" not in found(client, nb, "bridge")


def test_the_navigation_leads_to_the_search_and_the_square_keeps_its_own(client, nb, resident):
    client.force_login(resident)
    home = client.get("/b/nijmegen-oost/").content.decode()
    assert 'href="/b/nijmegen-oost/search/"' in home
    assert 'action="/b/nijmegen-oost/search/"' in home
    assert client.get("/b/nijmegen-oost/posts/search/", {"q": "x"}).status_code == 200


# --- never what the viewer may not see ---------------------------------------------------------


def test_posts_hidden_members_only_or_elsewhere_are_not_found(client, nb, other_nb, connector):
    author = member(nb)
    hidden = PostFactory(neighbourhood=nb, author=author, title="Fietsdief gezien")
    with scope(neighbourhood=nb):
        decide(actor=connector, target=hidden, action="hide", message="Geen namen noemen.")
    PostFactory(neighbourhood=nb, title="Fiets te koop", visibility=PostVisibility.MEMBERS)
    PostFactory(neighbourhood=nb, title="Fietstocht", visibility=PostVisibility.PUBLIC)
    PostFactory(neighbourhood=other_nb, title="Fietsenstalling", visibility=PostVisibility.PUBLIC)
    assert found(client, nb, "fiets") == {"square.post": ["Fietstocht"]}  # a visitor
    client.force_login(member(nb))
    assert sorted(found(client, nb, "fiets")["square.post"]) == ["Fiets te koop", "Fietstocht"]
    client.force_login(author)  # the author still sees their own, with the note
    assert "Fietsdief gezien" in found(client, nb, "fiets")["square.post"]


def test_members_only_info_pages_are_not_found_by_visitors(client, nb, other_nb):
    top = InfoPageFactory(
        neighbourhood=nb,
        title="Buurtpreventie",
        body="Samen werken aan preventie van inbraak.",
        visibility=PageVisibility.MEMBERS,
    )
    InfoPageFactory(neighbourhood=nb, parent=top, title="Preventie-app", slug="preventie-app")
    InfoPageFactory(neighbourhood=other_nb, title="Preventie in Liendert")
    assert found(client, nb, "preventie") == {}
    client.force_login(member(other_nb))
    assert found(client, nb, "preventie") == {}
    client.force_login(member(nb))
    assert sorted(found(client, nb, "preventie")["infopages.page"]) == [
        "Buurtpreventie",
        "Preventie-app",
    ]


def test_hidden_and_other_neighbourhoods_clubs_are_not_found(client, nb, other_nb, connector):
    hidden = make_club(nb, name="Schaakclub Zwart", board=member(nb))
    with scope(neighbourhood=nb):
        decide(actor=connector, target=hidden, action="hide", message="Geen reclame.")
    make_club(other_nb, name="Schaakclub Liendert")
    make_club(nb, name="Schaakclub Wit")
    client.force_login(member(nb))
    assert found(client, nb, "schaak") == {"clubs.club": ["Schaakclub Wit"]}


def test_members_only_hidden_or_past_activities_are_not_found(client, nb, other_nb, connector):
    from datetime import timedelta

    from django.utils import timezone

    ActivityFactory(neighbourhood=nb, title="Yoga voor buren")
    ActivityFactory(
        neighbourhood=nb, title="Yoga in het park", visibility=ActivityVisibility.PUBLIC
    )
    ActivityFactory(
        neighbourhood=nb,
        title="Yoga vorig jaar",
        visibility=ActivityVisibility.PUBLIC,
        start_date=timezone.localdate() - timedelta(days=300),
    )
    hidden = ActivityFactory(
        neighbourhood=nb, title="Yoga verboden", visibility=ActivityVisibility.PUBLIC
    )
    with scope(neighbourhood=nb):
        decide(actor=connector, target=hidden, action="hide", message="Niet hier.")
    ActivityFactory(
        neighbourhood=other_nb, title="Yoga in Liendert", visibility=ActivityVisibility.PUBLIC
    )
    assert found(client, nb, "yoga") == {"agenda.activity": ["Yoga in het park"]}
    client.force_login(member(nb))
    assert sorted(found(client, nb, "yoga")["agenda.activity"]) == [
        "Yoga in het park",
        "Yoga voor buren",
    ]
    hit = search(client, nb, "yoga").context["groups"][0].results[0].hit
    assert hit.date is not None  # its next date


def test_items_and_vacancies_members_only_or_elsewhere_are_not_found(client, nb, other_nb):
    ItemFactory(neighbourhood=nb, title="Ladder te leen", visibility=ItemVisibility.PUBLIC)
    ItemFactory(neighbourhood=nb, title="Ladder gezocht")
    ItemFactory(neighbourhood=other_nb, title="Ladder Liendert", visibility=ItemVisibility.PUBLIC)
    VacancyFactory(neighbourhood=nb, title="Ladderwacht", visibility=VacancyVisibility.PUBLIC)
    VacancyFactory(neighbourhood=nb, title="Ladderkeurder")
    VacancyFactory(
        neighbourhood=other_nb, title="Ladderman Liendert", visibility=VacancyVisibility.PUBLIC
    )
    assert found(client, nb, "ladder") == {
        "exchange.item": ["Ladder te leen"],
        "volunteering.vacancy": ["Ladderwacht"],
    }
    client.force_login(member(nb))
    result = found(client, nb, "ladder")
    assert sorted(result["exchange.item"]) == ["Ladder gezocht", "Ladder te leen"]
    assert sorted(result["volunteering.vacancy"]) == ["Ladderkeurder", "Ladderwacht"]


def test_services_of_other_neighbourhoods_are_not_found(client, nb, other_nb):
    make_service(other_nb, name="Schuldhulp Liendert", summary="Hulp bij schulden.")
    assert found(client, nb, "schulden") == {}


def test_neighbours_by_interest_only_for_neighbours_and_only_where_their_profile_allows(
    client, nb, other_nb, resident
):
    shown = member(nb, first_name="Joke")
    give_interest(shown, "bridge")
    elsewhere = member(other_nb, first_name="Ria")
    give_interest(elsewhere, "bridge")
    strict = member(nb, first_name="Piet")
    give_interest(strict, "bridge", visibility=Visibility.VERIFIED)
    # Visitors, people of another neighbourhood and those waiting for approval see no one.
    assert "members.interest" not in found(client, nb, "bridge")
    client.force_login(member(other_nb))
    assert "members.interest" not in found(client, nb, "bridge")
    pending = member(nb, status=Membership.Status.PENDING)
    client.force_login(pending)
    assert "members.interest" not in found(client, nb, "bridge")
    # The selector itself applies each profile's field visibility (a pending viewer does not
    # see what only verified neighbours may).
    with scope(neighbourhood=nb):
        membership = Membership.objects.get(user=pending)
        titles = [
            hit.title
            for hit in search_neighbours(Viewer(pending, nb, membership), "bridge", 5).hits
        ]
    assert [title.split()[0] for title in titles] == ["Joke"]
    client.force_login(resident)
    names = [name.split()[0] for name in found(client, nb, "bridge")["members.interest"]]
    assert names == ["Joke", "Piet"]


def test_neighbours_by_interest_cost_the_same_queries_for_two_or_twelve_and_name_what_fits(
    nb, resident
):
    """Neighbours by interest: the interests, and every fitting neighbour by name (from the
    neighbourhood's index of held interests): the same queries however many fit, counted all,
    shown by first name."""
    other = Interest.objects.filter(kind=Interest.Kind.INTEREST).exclude(slug="bridge").first()

    def neighbours():
        with scope(neighbourhood=nb):
            membership = Membership.objects.get(user=resident)
            with CaptureQueriesContext(connection) as queries:
                result = search_neighbours(Viewer(resident, nb, membership), "bridge", 5)
        return result, len(queries)

    for name in ("Anna", "Bram"):
        give_interest(member(nb, first_name=name), "bridge")
    give_interest(member(nb, first_name="Cor"), other.slug)  # another interest only
    give_interest(resident, "bridge")  # the viewer is not among them
    two, queries = neighbours()
    assert (two.total, [hit.title.split()[0] for hit in two.hits]) == (2, ["Anna", "Bram"])
    assert {hit.line for hit in two.hits} == {str(Interest.objects.get(slug="bridge"))}
    for n in range(10):
        give_interest(member(nb, first_name=f"Zoë{n:02}"), "bridge")
    twelve, more_queries = neighbours()
    assert twelve.total == 12
    assert [hit.title.split()[0] for hit in twelve.hits] == [
        "Anna",
        "Bram",
        "Zoë00",
        "Zoë01",
        "Zoë02",
    ]
    assert more_queries == queries


def test_each_neighbour_is_named_with_what_they_hold_of_the_interests_that_fit(nb, resident):
    """A word that fits two interests ("tuin": a garden interest and a skill, made here): each
    neighbour's line names the ones they hold (one query more, in the index of held
    interests); a word that fits one names it for everyone found, without that query."""
    Interest.objects.get_or_create(
        slug="moestuin", defaults={"kind": "interest", "name_nl": "Moestuin", "name_en": "Veg"}
    )
    Interest.objects.get_or_create(
        slug="tuinklussen",
        defaults={"kind": "skill", "name_nl": "Tuinklussen", "name_en": "Garden jobs"},
    )
    give_interest(member(nb, first_name="Anna"), "moestuin")
    both = member(nb, first_name="Bram")
    give_interest(both, "moestuin")
    give_interest(both, "tuinklussen")
    give_interest(member(nb, first_name="Cor"), "tuinklussen")

    def lines(query):
        with scope(neighbourhood=nb):
            membership = Membership.objects.get(user=resident)
            with CaptureQueriesContext(connection) as queries:
                result = search_neighbours(Viewer(resident, nb, membership), query, 5)
        return {hit.title.split()[0]: hit.line for hit in result.hits}, len(queries)

    two, asked_two = lines("tuin")
    assert two == {"Anna": "Moestuin", "Bram": "Moestuin, Tuinklussen", "Cor": "Tuinklussen"}
    one, asked_one = lines("moestuin")
    assert one == {"Anna": "Moestuin", "Bram": "Moestuin"}
    assert asked_one == asked_two - 1


def test_the_planners_estimate_of_some_words_is_asked_once_and_finds_the_same(
    client, nb, resident, monkeypatch
):
    """The estimate that chooses how posts are asked (``core.search._rare_everywhere``, one
    ``EXPLAIN``) is kept for a while in the process: the second search for the same words asks
    no ``EXPLAIN`` and finds the same, and a post written in between is found at once."""
    from buurtplein.core import search as core_search

    monkeypatch.setattr(core_search, "_ESTIMATES", {})
    PostFactory(neighbourhood=nb, title="Rekeningen", text="Ik kan de huur niet betalen.")
    client.force_login(resident)

    def explained(query):
        with CaptureQueriesContext(connection) as queries:
            titles = found(client, nb, query).get("square.post", [])
        return titles, sum(q["sql"].startswith("EXPLAIN") for q in queries)

    first, asked = explained("huur betalen")
    assert (first, asked) == (["Rekeningen"], 1 if connection.vendor == "postgresql" else 0)
    PostFactory(neighbourhood=nb, title="Huur", text="De huur betalen wordt lastig.")
    assert explained("huur betalen") == (["Huur", "Rekeningen"], 0)
    # One word is estimated too (PostgreSQL walks the newest posts for a rare one as well).
    pg = connection.vendor == "postgresql"
    assert explained("rekeningen") == (["Rekeningen"], 1 if pg else 0)
    assert explained("rekeningen") == (["Rekeningen"], 0)
    monkeypatch.setattr(core_search, "ESTIMATE_SECONDS", 0)  # kept too long: asked again
    assert explained("huur betalen")[1] == (1 if connection.vendor == "postgresql" else 0)


# --- robustness and cost -----------------------------------------------------------------------


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300))
def test_any_text_gives_a_page(client, nb, resident, query):
    with scopes_disabled():
        if not InfoPageFactory._meta.model.objects.filter(neighbourhood=nb).exists():
            InfoPageFactory(neighbourhood=nb, title="Afval")
    client.force_login(resident)
    response = client.get(f"/b/{nb.slug}/search/", {"q": query.replace("\x00", "")})
    assert response.status_code == 200


def test_odd_input_never_breaks_search(client, nb, resident):
    InfoPageFactory(neighbourhood=nb, title="Afval")
    client.force_login(resident)
    for query in ['"', "-", "a & b | !c", "' OR 1=1 --", "x" * 500, "(((", "afval:*", "_ _"]:
        assert search(client, nb, query).status_code == 200


def count_queries(client, nb, query):
    client.get(f"/b/{nb.slug}/search/", {"q": query})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/b/{nb.slug}/search/", {"q": query})
    assert response.status_code == 200
    assert len(response.context["groups"]) == 9  # every kind
    return len(queries)


def make_rows(nb, n, helper, organisation, start=0):
    for i in range(start, start + n):
        PostFactory(neighbourhood=nb, title=f"Zwemmen {i}")
        InfoPageFactory(neighbourhood=nb, title=f"Zwembad {i}")
        make_club(nb, name=f"Zwemclub {i}", board=helper)
        ActivityFactory(neighbourhood=nb, title=f"Zwemles {i}")
        ItemFactory(neighbourhood=nb, title=f"Zwembril {i}")
        VacancyFactory(neighbourhood=nb, title=f"Zwemleraar {i}")
        make_service(
            nb,
            name=f"Zwemles voor nieuwkomers {i}",
            summary="Zwemmen.",
            people=[helper],
            organisation=organisation,
        )
        neighbour = member(nb)
        give_interest(neighbour, "zwemmen")


def test_queries_do_not_grow_with_the_rows_of_each_kind(client, nb, connector):
    from buurtplein.accounts.tests.factories import OrganisationFactory

    Interest.objects.get_or_create(
        slug="zwemmen", defaults={"kind": "interest", "name_nl": "Zwemmen", "name_en": "Swimming"}
    )
    organisation = OrganisationFactory(name="Zwembad De Meerval")
    helper = member(nb, role=Role.PROFESSIONAL)
    with scope(neighbourhood=nb):
        Professional.objects.create(
            neighbourhood=nb, user=helper, organisation=organisation, job_title="Zwemleraar"
        )
    client.force_login(connector)
    make_rows(nb, 10, helper, organisation)
    ten = count_queries(client, nb, "zwem")
    make_rows(nb, 90, helper, organisation, start=10)
    assert count_queries(client, nb, "zwem") == ten


def test_only_kinds_with_fitting_words_here_are_asked(nb, other_nb, resident):
    """``kinds_with_words``: one query says which kinds have a row in this neighbourhood with
    the words (whoever may read it); the search asks only those kinds' ``find``."""
    from buurtplein.core.components import search_parts
    from buurtplein.core.search import kinds_with_words

    VacancyFactory(
        neighbourhood=nb, title="Fietsenmaker gezocht", visibility=VacancyVisibility.MEMBERS
    )
    InfoPageFactory(neighbourhood=nb, title="Fietsenstalling")
    make_club(other_nb, name="Fietsclub Liendert")
    ItemFactory(neighbourhood=nb, title="Boormachine te leen")
    with scopes_disabled():
        parts = search_parts(nb)
    with CaptureQueriesContext(connection) as queries:
        kinds = kinds_with_words(nb, parts, "fiets")
    assert kinds == {"volunteering.vacancy", "infopages.page"}
    assert len(queries) == 1
    assert kinds_with_words(nb, parts, "fiets boormachine") == set()
    assert kinds_with_words(nb, parts, "!!") == set()


def test_a_long_line_is_shortened_to_160_characters_with_an_ellipsis():
    """A hit's line on the page (``core.text.shortened``, as excerpts are cut): at most 160
    characters, "…" included, cut at a word; a shorter one stays whole."""
    from buurtplein.core.text import shortened

    assert shortened("Koffie in de buurtkamer.") == "Koffie in de buurtkamer."
    assert shortened("a" * 160) == "a" * 160
    long = "Elke dinsdag repareren we samen " * 10
    assert len(shortened(long)) <= 160
    assert shortened(long).endswith("…")
    assert long.startswith(shortened(long)[:-1])
    assert not shortened("woord " * 40).endswith(" …")
