"""A neighbour uses the square: posts with a photo, comments, reacts, saves and searches."""

import pytest
from playwright.sync_api import expect

from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.square.tests.factories import PostFactory
from e2e.conftest import label, verified
from e2e.steps import share_on_the_square

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_neighbour_posts_with_a_photo_comments_reacts_saves_and_finds_it(browser_session, photo):
    neighbourhood = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6524")
    fatima = verified(member(neighbourhood, email="fatima@example.nl", first_name="Fatima"))
    browser_session.log_in(fatima.email, next_path="/b/nijmegen-oost/")
    expect(browser_session.page.get_by_role("heading", level=1)).to_have_text("Nijmegen-Oost")
    browser_session.check()
    share_on_the_square(browser_session, photo)


def test_a_comment_over_the_rate_limit_says_why_and_keeps_the_text(browser_session, settings):
    """The comment form posts with htmx: a 429 is swapped in like a 400 would be, with the
    reason next to the field and the comment still in it."""
    settings.BUURTPLEIN_RATE_LIMITS = {"comment": "1/h/user"}
    neighbourhood = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6524")
    fatima = verified(member(neighbourhood, email="fatima@example.nl", first_name="Fatima"))
    post = PostFactory(neighbourhood=neighbourhood, text="Wie helpt zaterdag mee?")
    browser_session.log_in(fatima.email, next_path=f"/b/nijmegen-oost/posts/{post.pk}/")
    page = browser_session.page
    comments = page.locator("#comments")
    comments.get_by_label(label("Je reactie")).fill("Ik kom om tien uur.")
    comments.get_by_role("button", name="Plaats reactie").click()
    expect(page.locator("#comments")).to_contain_text("Ik kom om tien uur.")
    # The new comment has focus (site.js), so a screen reader reads it out.
    expect(page.locator("#comments li.comment").last).to_be_focused()
    comments = page.locator("#comments")
    comments.get_by_label(label("Je reactie")).fill("En ik neem koffie mee.")
    with page.expect_response(lambda response: "/comment/" in response.url) as answer:
        comments.get_by_role("button", name="Plaats reactie").click()
    assert answer.value.status == 429
    expect(page.locator("#comments")).to_contain_text("in korte tijd heel vaak gedaan")
    expect(page.locator("#comments").get_by_label(label("Je reactie"))).to_have_value(
        "En ik neem koffie mee."
    )
    browser_session.check()
