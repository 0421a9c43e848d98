"""Crisis words: stems, any case, accents, phrases over line breaks, the desk's own words, and
the everyday words that only look like one."""

import pytest

from buurtplein.onlinehulp import crisis


@pytest.mark.parametrize(
    "text",
    [
        "Ik denk de laatste tijd veel aan ZELFMOORD",
        "ik heb zelfmoordgedachten",
        "Suïcidaal, denk ik",
        "soms wil ik\ndood",
        "Ik wil er een einde aan maken",
        "mijn vriend slaat me",
        "Hij heeft me mishandeld",
        "ik word bedreigd door mijn ex",
        "Huiselijk geweld",
    ],
)
def test_a_crisis_word_is_found(text):
    assert crisis.matches(text)


@pytest.mark.parametrize(
    "text",
    [
        "Geweldig, dank je wel!",
        "Ik kan de huur niet betalen",
        "Mijn buurman is dood ziek van de herrie",  # "dood" alone is no crisis word
        "Ik zoek een oppas",
    ],
)
def test_everyday_words_are_not(text):
    assert not crisis.matches(text)


def test_the_desks_own_words_count_too():
    assert not crisis.matches("Ik zit vast in de loverboy-situatie")
    assert crisis.matches("Ik zit vast in de loverboy-situatie", "loverboy\n\nuitbuiting ")
    assert crisis.matches("Er is sprake van UITBUITING", "loverboy\n\nuitbuiting ")
