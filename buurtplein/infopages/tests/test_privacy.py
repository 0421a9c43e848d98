"""What the information pages hold about a person, forgetting them (the texts stay, the person
goes), and the figures for reporting."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.infopages import actions
from buurtplein.infopages.models import InfoPage, InfoPageVersion, Visibility
from buurtplein.infopages.tests.conftest import make_page, url

pytestmark = pytest.mark.django_db

component = apps.get_app_config("infopages").component


def test_export_lists_what_the_person_wrote_kept_and_checked(nb, connector, professional):
    page = make_page(nb, connector, title="Afval", body="Maandag", note="Begin")
    with scope(neighbourhood=nb):
        actions.page_update(
            actor=professional,
            page=page,
            base_version=1,
            title="Afval",
            body="Dinsdag",
            note="Dag veranderd",
        )
    data = component.export(professional)
    assert [
        (v["page"], v["version"], v["text"], v["note"]) for v in data["information_page_versions"]
    ] == [("Afval", 2, "Dinsdag", "Dag veranderd")]
    assert data["information_pages_you_keep_up_to_date"] == []
    assert data["information_pages_you_checked_last"][0]["page"] == "Afval"
    mine = component.export(connector)
    assert mine["information_pages_you_keep_up_to_date"] == [
        {"neighbourhood": "Nijmegen-Oost", "page": "Afval", "slug": "afval"}
    ]
    [made] = mine["information_pages_you_made_changed_or_deleted"]
    assert (made["page"], made["you_made_it"], made["you_changed_it_last"]) == (
        "Afval",
        True,
        False,
    )
    [changed] = data["information_pages_you_made_changed_or_deleted"]
    assert (changed["you_made_it"], changed["you_changed_it_last"]) == (False, True)
    assert mine["information_page_versions"][0]["note"] == "Begin"


def test_erase_keeps_the_text_and_forgets_the_person(client, nb, connector, professional):
    page = make_page(nb, professional, title="Wie bel je waarvoor", body="Bel 112 bij nood.")
    with scope(neighbourhood=nb):
        actions.page_update(
            actor=professional, page=page, base_version=1, title=page.title, body="Bel 112."
        )
        actions.page_delete(actor=professional, page=make_page(nb, professional, title="Oud"))
    component.erase(professional)
    with scopes_disabled():
        page = InfoPage.objects.get(pk=page.pk)
        versions = list(InfoPageVersion.objects.filter(page=page).order_by("number"))
        assert not InfoPageVersion.objects.filter(author=professional).exists()
        for field in ("owner", "checked_by", "updated_by", "created_by", "deleted_by"):
            assert not InfoPage.objects.filter(**{field: professional}).exists(), field
    assert page.body == "Bel 112." and [v.body for v in versions] == [
        "Bel 112 bij nood.",
        "Bel 112.",
    ]
    assert all(v.author is None for v in versions)
    client.force_login(connector)
    history = client.get(url(nb, "wie-bel-je-waarvoor/history/")).content.decode()
    assert "een oud-lid" in history and "Sanne" not in history
    settings = client.get(url(nb, "wie-bel-je-waarvoor/settings/")).content.decode()
    assert "Niemand houdt deze pagina bij. Kies iemand." in settings


def test_stats_for_reporting(nb, connector):
    make_page(nb, connector, title="Afval")
    make_page(nb, connector, title="Sleutel", visibility=Visibility.MEMBERS)
    old = make_page(nb, connector, title="Parkeren")
    with scope(neighbourhood=nb):
        actions.page_update(actor=connector, page=old, base_version=1, title="Parkeren", body="x")
        InfoPage.objects.filter(pk=old.pk).update(check_due_at=timezone.now() - timedelta(days=1))
        actions.page_delete(actor=connector, page=make_page(nb, connector, title="Weg"))
    assert component.stats(nb) == {
        "infopages_pages": 3,
        "infopages_public": 2,
        "infopages_checked_in_time": 2,
        "infopages_needing_a_check": 1,
        "infopages_versions": 5,
    }
