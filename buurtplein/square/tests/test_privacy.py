"""What the square holds about a person, for their data export: their posts (with photos),
comments, reactions and saved posts, and nothing of other people's posts but a title."""

import json

import pytest
from django_scopes import scope

from buurtplein.core.components import get_component
from buurtplein.core.tests.photos import upload
from buurtplein.square import actions

pytestmark = pytest.mark.django_db


def test_export_holds_posts_with_photos_comments_reactions_and_saved_posts(nb, resident, connector):
    with scope(neighbourhood=nb):
        own = actions.post_create(
            author=resident,
            neighbourhood=nb,
            category="tip",
            title="Bieb open",
            text="De bieb is zaterdag open.",
            photos=[upload()],
            alt_texts=["De bieb"],
        )
        theirs = actions.post_create(
            author=connector,
            neighbourhood=nb,
            category="news",
            title="Buurtfeest",
            text="Alleen voor de buurtverbinders: het budget is 300 euro.",
        )
        actions.comment_create(author=resident, post=theirs, text="Ik help met de tafels.")
        actions.comment_create(author=connector, post=own, text="Dank voor de tip!")
        actions.reaction_set(user=resident, post=theirs, kind="heart")
        actions.save_toggle(user=resident, post=theirs)
    data = get_component("square").export(resident)
    with scope(neighbourhood=nb):
        photo = own.photos.get()
    assert data["files"] == [photo.large.name]
    [post] = data["posts"]
    assert (post["title"], post["text"], post["kind"]) == (
        "Bieb open",
        "De bieb is zaterdag open.",
        "tip",
    )
    assert post["photos"] == [{"file": f"photos/{photo.large.name}", "description": "De bieb"}]
    assert [(c["on_post"], c["text"]) for c in data["comments"]] == [
        ("Buurtfeest", "Ik help met de tafels.")
    ]
    assert [(r["on_post"], r["reaction"]) for r in data["reactions"]] == [("Buurtfeest", "heart")]
    assert [s["post"] for s in data["saved_posts"]] == ["Buurtfeest"]
    text = json.dumps(data, ensure_ascii=False)
    assert "300 euro" not in text  # someone else's post
    assert "Dank voor de tip" not in text  # someone else's comment on the person's post
