"""What moderation holds about a person, for their data export: the reports they made, never
who reported them."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django_scopes import scopes_disabled

from buurtplein.accounts.data_export import parts
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.moderation.models import Report
from buurtplein.square.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_export_holds_the_reports_a_person_made_and_not_those_about_them():
    nb = NeighbourhoodFactory(name="Ooij")
    anna, bram = member(nb), member(nb)
    post = PostFactory(neighbourhood=nb, author=bram)
    own_post = PostFactory(neighbourhood=nb, author=anna)
    with scopes_disabled():
        kind = ContentType.objects.get_for_model(post)
        Report.objects.create(
            neighbourhood=nb,
            reporter=anna,
            content_type=kind,
            object_id=post.pk,
            reason="rude",
            note="Dit is niet aardig.",
        )
        Report.objects.create(
            neighbourhood=nb,
            reporter=bram,
            content_type=kind,
            object_id=own_post.pk,
            reason="spam",
            note="Bram vindt dit reclame.",
        )
    [part] = [p for p in parts() if p.label == "moderation"]
    data = part.export(anna)
    assert data == {
        "reports_you_made": [
            {
                "neighbourhood": "Ooij",
                "what": "post",
                "reason": "rude",
                "explanation": "Dit is niet aardig.",
                "status": "open",
                "reported_at": data["reports_you_made"][0]["reported_at"],
            }
        ],
        "decisions_about_you": [],
    }
    assert "Bram vindt" not in str(data)
