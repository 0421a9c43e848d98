"""What buurthulp holds about a person, for their data export: their own requests in full,
and of what they did for someone else's request only its title (never the asker's name or
text)."""

import json

import pytest
from django.utils import timezone

from buurtplein.buurthulp.tests.factories import HelpMatchFactory, HelpRequestFactory
from buurtplein.core.components import get_component

pytestmark = pytest.mark.django_db


def test_export_holds_own_requests_and_what_was_done_for_others(nb, asker, connector, professional):
    request = HelpRequestFactory(
        neighbourhood=nb,
        asker=asker,
        title="Hulp bij de boodschappen",
        text="Ik ben slecht ter been sinds mijn operatie.",
        created_by=professional,
        consent_method="phone",
        picked_up_by=connector,
        picked_up_at=timezone.now(),
    )
    HelpMatchFactory(neighbourhood=nb, request=request, helper=connector, suggested_by=professional)
    export = get_component("buurthulp").export

    [own] = export(asker)["help_requests"]
    assert (own["title"], own["text"], own["posted_by_someone_else"]) == (
        "Hulp bij de boodschappen",
        "Ik ben slecht ter been sinds mijn operatie.",
        True,
    )

    posted = export(professional)
    [for_them] = posted["requests_you_handled_for_others"]
    assert (for_them["request"], for_them["you_posted_it_for_someone"]) == (
        "Hulp bij de boodschappen",
        True,
    )
    assert for_them["consent_method"] == "phone"
    assert [s["request"] for s in posted["helpers_you_suggested"]] == ["Hulp bij de boodschappen"]

    picked = export(connector)
    [handled] = picked["requests_you_handled_for_others"]
    assert handled["you_picked_it_up"] and not handled["you_posted_it_for_someone"]
    assert picked["asked_to_help"][0]["request"] == "Hulp bij de boodschappen"
    for data in (posted, picked):
        text = json.dumps(data, ensure_ascii=False)
        assert "operatie" not in text and "Els" not in text
