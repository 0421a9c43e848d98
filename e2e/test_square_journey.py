"""A neighbour uses the square: posts with a photo, comments, reacts, saves and searches."""

import pytest
from playwright.sync_api import expect

from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from e2e.conftest import verified
from e2e.steps import share_on_the_square

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_neighbour_posts_with_a_photo_comments_reacts_saves_and_finds_it(browser_session, photo):
    neighbourhood = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6524")
    fatima = verified(member(neighbourhood, email="fatima@example.nl", first_name="Fatima"))
    browser_session.log_in(fatima.email, next_path="/b/nijmegen-oost/")
    expect(browser_session.page.get_by_role("heading", level=1)).to_have_text("Nijmegen-Oost")
    browser_session.check()
    share_on_the_square(browser_session, photo)
