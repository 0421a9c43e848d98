"""The neighbourhood's search on the demo data: a resident finds the info page on waste and the
bridge club by one everyday word (issue 13: "afval" and "bridge" used to find nothing)."""

import pytest
from django.test import Client

from buurtplein.demo.generate import DEMO_LOGINS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_waste_and_bridge_are_found_in_the_demo(seeded_demo):
    client = Client()
    assert client.login(email=DEMO_LOGINS[0][0], password=DEMO_PASSWORD)

    def found(query):
        response = client.get("/b/nijmegen-oost/search/", {"q": query})
        assert response.status_code == 200
        return {
            group.part.kind: [result.hit.title for result in group.results]
            for group in response.context["groups"]
        }

    assert any("afval" in title.lower() for title in found("afval")["infopages.page"])
    assert "Bridgeclub Oost" in found("bridge")["clubs.club"]
