"""Suggested vacancies: which fit a member's skills and interests best, and the one line that
says why — with buurthulp's word matching, not a second matcher."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope

from buurtplein.accounts.models import Interest
from buurtplein.core.tests.factories import member
from buurtplein.volunteering import actions, matching
from buurtplein.volunteering.models import State, VacancyTopic
from buurtplein.volunteering.tests.factories import give_things, post, thing

pytestmark = pytest.mark.django_db


def url(nb, path=""):
    return f"/b/{nb.slug}/volunteer/{path}"


def suggested(client, nb):
    """(title, reason) of the "Suggested for you" cards."""
    page = client.get(url(nb)).content.decode()
    if 'id="vo-suggested-title"' not in page:
        return None
    part = page.split('id="vo-suggested-title"', 1)[1].split("</section>", 1)[0]
    titles = re.findall(r'id="vo-title-s\d+"><a href="[^"]+">([^<]+)</a>', part)
    reasons = re.findall(r'class="help-reason">.*?<span>([^<]+)</span>', part, re.S)
    return list(zip(titles, reasons, strict=True))


@pytest.fixture
def board(nb, sanne, welfare, repair_cafe):
    """Four open vacancies, the computer café one posted first (oldest)."""
    handy = member(nb)
    repair_cafe.staff.add(handy)
    now = timezone.now()
    computer = post(
        nb,
        handy,
        repair_cafe,
        title="Hulp bij de computercafé-inloop",
        task="Buren helpen met hun laptop, tablet en telefoon.",
        topics=["computer-help"],
    )
    cook = post(
        nb,
        sanne,
        welfare,
        title="Kok voor de buurtmaaltijd",
        task="Elke donderdag koken voor twintig buren.",
        topics=["cooking-for-others", "cooking"],
    )
    flyers = post(
        nb,
        sanne,
        welfare,
        title="Flyers rondbrengen",
        task="Eens per maand de nieuwsbrief in de bus doen. Ook iets voor wie graag wandelt.",
        topics=[],
    )
    buddy = post(
        nb,
        sanne,
        welfare,
        title="Maatje voor een oudere buurvrouw",
        task="Samen koffie drinken en een praatje maken.",
        topics=["company", "coffee"],
    )
    with scope(neighbourhood=nb):
        for k, vacancy in enumerate([computer, cook, flyers, buddy]):
            type(vacancy).objects.filter(pk=vacancy.pk).update(
                created_at=now - timedelta(days=4 - k)
            )
    return {"computer": computer, "cook": cook, "flyers": flyers, "buddy": buddy}


def test_a_member_who_can_help_with_computers_gets_the_computer_cafe_first_and_why(
    client, nb, els, board
):
    client.force_login(els)
    found = suggested(client, nb)
    assert found[0] == ("Hulp bij de computercafé-inloop", "Past bij je vaardigheid Computerhulp")
    assert len(found) == 1  # nothing else fits computer help


def test_a_chosen_skill_counts_more_than_an_interest_and_a_passing_mention_is_not_enough(
    client, nb, board
):
    ria = member(nb, first_name="Ria")
    give_things(ria, "walking", "coffee", "cooking-for-others")
    client.force_login(ria)
    assert suggested(client, nb) == [
        ("Kok voor de buurtmaaltijd", "Past bij je vaardigheid Koken voor anderen"),
        ("Maatje voor een oudere buurvrouw", "Past bij je interesse Samen koffie drinken"),
    ]
    # "Flyers rondbrengen" only mentions walking in its text: too little on its own …
    with scope(neighbourhood=nb):
        flyers = VacancyTopic.objects.get(vacancy=board["flyers"])
    assert flyers.interest.slug == "walking" and not flyers.chosen
    # … but when the poster chooses the interest, it is suggested.
    with scope(neighbourhood=nb):
        VacancyTopic.objects.filter(pk=flyers.pk).update(chosen=True)
    assert ("Flyers rondbrengen", "Past bij je interesse Wandelen") in suggested(client, nb)


def test_the_name_of_an_interest_reaches_a_skill_at_half_weight(client, nb, board):
    """Interest "Computers" on the profile: the computer café vacancy (skill Computerhulp)
    is suggested, saying which of her own things it fits."""
    lotte = member(nb)
    give_things(lotte, "computers")
    client.force_login(lotte)
    assert suggested(client, nb) == [
        ("Hulp bij de computercafé-inloop", "Past bij je interesse Computers")
    ]
    things = matching.vocabulary()
    related = matching.related_things({thing("computers").pk}, things)
    assert related[thing("computer-help").pk] == thing("computers").pk


def test_left_out_own_organisation_responded_filled_and_closed(
    client, nb, sanne, els, board, welfare
):
    give_things(sanne, "company", "cooking-for-others")
    client.force_login(sanne)  # works for Sterker Welzijn: its own vacancies are not for her
    assert suggested(client, nb) == []
    give_things(els, "company", "cooking-for-others", "walking")
    client.force_login(els)
    assert {title for title, _reason in suggested(client, nb)} == {
        "Hulp bij de computercafé-inloop",
        "Kok voor de buurtmaaltijd",
        "Maatje voor een oudere buurvrouw",
    }
    with scope(neighbourhood=nb):
        actions.response_create(vacancy=board["cook"], person=els, message="Ik kook graag")
        actions.vacancy_set_state(actor=sanne, vacancy=board["buddy"], state=State.FILLED)
    assert {title for title, _reason in suggested(client, nb)} == {
        "Hulp bij de computercafé-inloop",
    }


def test_a_member_without_skills_or_interests_gets_a_gentle_hint(client, nb, bram, board):
    client.force_login(bram)
    page = client.get(url(nb)).content.decode()
    assert "Vertel op je profiel wat je kunt en wat je leuk vindt." in page
    assert 'href="/me/profile/"' in page
    assert 'id="vo-title-s' not in page
    # Visitors and filtered lists get no suggestions at all.
    client.logout()
    assert 'id="vo-suggested-title"' not in client.get(url(nb)).content.decode()
    client.force_login(bram)
    filtered = client.get(url(nb), {"time": "regular"}).content.decode()
    assert 'id="vo-suggested-title"' not in filtered


def test_nothing_fits_says_so(client, nb, board):
    piet = member(nb)
    give_things(piet, "babysitting")
    client.force_login(piet)
    page = client.get(url(nb)).content.decode()
    assert "Er is nu niets dat past bij je vaardigheden en interesses." in page


def test_the_reason_in_english(client, nb, els, board):
    client.force_login(els)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert suggested(client, nb)[0] == (
        "Hulp bij de computercafé-inloop",
        "Fits your skill Help with computers and phones",
    )


def test_the_words_of_a_vacancy_become_topics_and_the_chosen_ones_stay_chosen(nb, sanne, welfare):
    vacancy = post(
        nb,
        sanne,
        welfare,
        title="Chauffeur voor de boodschappenbus",
        task="Ouderen met de bus naar de supermarkt brengen en weer ophalen.",
        topics=["driving"],
    )
    with scope(neighbourhood=nb):
        topics = {
            t.interest.slug: (t.chosen, t.words)
            for t in VacancyTopic.objects.filter(vacancy=vacancy).select_related("interest")
        }
    assert topics["driving"] == (True, "")
    chosen, words = topics["shopping"]
    assert not chosen and "supermarkt" in words


def test_rank_is_pure_and_breaks_ties_by_the_newest():
    def t(pk, slug, kind):
        return matching.Thing(pk, slug, kind, slug.title(), slug.title())

    things = {1: t(1, "diy", "skill"), 2: t(2, "coffee", "interest"), 3: t(3, "x", "skill")}
    now = timezone.now()
    rows = [
        matching.TopicRow(10, 2, True, now - timedelta(days=2)),  # chosen interest
        matching.TopicRow(11, 1, False, now - timedelta(days=3)),  # skill in the text
        matching.TopicRow(12, 1, True, now - timedelta(days=5)),  # chosen skill, old
        matching.TopicRow(13, 1, True, now - timedelta(days=1)),  # chosen skill, newer
        matching.TopicRow(13, 2, True, now - timedelta(days=1)),  # …and the interest too
        matching.TopicRow(14, 3, True, now),  # not one of mine
    ]
    ranked = matching.rank({1, 2}, rows, things, limit=10)
    assert [s.vacancy_id for s in ranked] == [13, 12, 11, 10]
    # An interest found only in the text (weight 0.75) is below the minimum.
    weak = [matching.TopicRow(15, 2, False, now)]
    assert matching.rank({2}, weak, things) == []
    assert ranked[0].score > ranked[1].score  # two fits beat one
    assert ranked[0].reason == [{"kind": "skill", "nl": "Diy", "en": "Diy"}]
    assert matching.rank(set(), rows, things) == []
    assert matching.rank({1, 2}, rows, things, limit=1)[0].vacancy_id == 13


def test_synonym_slugs_used_here_exist(db):
    """The skills the demo and the tests lean on are in the curated list."""
    slugs = set(Interest.objects.values_list("slug", flat=True))
    assert {"computer-help", "cooking-for-others", "company", "driving", "dutch-practice"} <= slugs


def test_suggestions_come_from_the_newest_open_vacancies(client, nb, els, board, monkeypatch):
    """However many vacancies a neighbourhood has, the work per page is bounded: only the
    newest open ones are ranked (here three or four; normally 500)."""
    from buurtplein.volunteering import selectors

    client.force_login(els)
    monkeypatch.setattr(selectors, "SUGGESTION_POOL", 4)
    assert suggested(client, nb)[0][0] == "Hulp bij de computercafé-inloop"  # the oldest of 4
    monkeypatch.setattr(selectors, "SUGGESTION_POOL", 3)
    page = client.get(url(nb)).content.decode()
    assert "Er is nu niets dat past bij je vaardigheden en interesses." in page
