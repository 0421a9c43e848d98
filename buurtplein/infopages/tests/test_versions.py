"""Versions: the history of a page, what changed between two versions, restoring an old
version (a new version, nothing lost), and two editors saving at the same time."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import AuditEntry
from buurtplein.core.tests.factories import member
from buurtplein.infopages import actions
from buurtplein.infopages.models import InfoPage, InfoPageVersion
from buurtplein.infopages.tests.conftest import make_page, url

pytestmark = pytest.mark.django_db

REST = "Papier: elke tweede dinsdag.\nRestafval: in de ondergrondse container."
MONDAY = "Gft: om de week op maandag.\n" + REST
TUESDAY = "Gft: om de week op dinsdag.\n" + REST


def edit(client, nb, page, body, base, note="", title=None):
    return client.post(
        url(nb, f"{page.slug}/edit/"),
        {"title": title or page.title, "body": body, "note": note, "base_version": str(base)},
    )


@pytest.fixture
def afval(nb, connector):
    return make_page(nb, connector, title="Afval", body=MONDAY, note="Eerste versie")


def test_history_lists_every_version_with_who_when_and_the_note(
    client, nb, afval, connector, professional
):
    client.force_login(professional)
    edit(client, nb, afval, TUESDAY, 1, note="Gft gaat nu op dinsdag")
    edit(client, nb, afval, TUESDAY + "\nGrofvuil: bel Dar.", 2, note="Grofvuil erbij")
    history = client.get(url(nb, "afval/history/")).content.decode()
    assert history.index("Versie 3") < history.index("Versie 2") < history.index("Versie 1")
    assert "“Grofvuil erbij”" in history and "“Gft gaat nu op dinsdag”" in history
    assert "Sanne D." in history and "Karim E." in history
    # A resident sees the history too (transparency), without the restore buttons.
    client.force_login(member(nb))
    assert "Versie 2" in client.get(url(nb, "afval/history/")).content.decode()
    version = client.get(url(nb, "afval/history/1/")).content.decode()
    assert "Zet versie 1 terug" not in version


def test_a_version_shows_what_changed_word_by_word_not_by_colour_alone(
    client, nb, afval, connector
):
    client.force_login(connector)
    edit(client, nb, afval, TUESDAY + "\nGrofvuil: bel Dar.", 1, title="Afval en containers")
    page = client.get(url(nb, "afval/history/2/")).content.decode()
    assert "Wat is er veranderd ten opzichte van versie 1" in page
    # The changed word is struck through and underlined, with words for screen readers.
    assert '<del><span class="visually-hidden">weggehaald: </span>maandag</del>' in page
    assert '<ins><span class="visually-hidden">toegevoegd: </span>dinsdag</ins>' in page
    assert '<ins><span class="visually-hidden">toegevoegd: </span>Grofvuil: bel Dar.</ins>' in page
    assert "Titel:" in page and "Afval en containers</ins>" in page
    assert "1 regels toegevoegd, 0 weggehaald, 1 veranderd" in page
    # The unchanged line in between is shown, not marked.
    assert '<div class="ip-line">Papier: elke tweede dinsdag.</div>' in page
    first = client.get(url(nb, "afval/history/1/")).content.decode()
    assert "Zo begon de pagina." in first and "Zet versie 1 terug" in first
    assert client.get(url(nb, "afval/history/9/")).status_code == 404


def test_restoring_an_old_version_makes_a_new_one_and_loses_nothing(
    client, nb, afval, connector, professional
):
    client.force_login(professional)
    edit(client, nb, afval, TUESDAY, 1, note="Dinsdag")
    client.force_login(connector)
    response = client.post(url(nb, "afval/history/1/restore/"), follow=True)
    text = response.content.decode()
    assert "Versie 1 is terug, opgeslagen als versie 3" in text
    assert "om de week op maandag" in text
    with scope(neighbourhood=nb):
        afval.refresh_from_db()
        versions = list(InfoPageVersion.objects.order_by("number"))
    assert afval.version == 3 and afval.body == MONDAY
    assert [(v.number, v.body, v.restored_from) for v in versions] == [
        (1, MONDAY, None),
        (2, TUESDAY, None),
        (3, MONDAY, 1),
    ]
    assert versions[2].author == connector
    history = client.get(url(nb, "afval/history/")).content.decode()
    assert "Teruggezet van versie 1" in history
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="infopages.page.restore")
    assert entry.data == {"version": 3, "restored_from": 1}
    # The current version cannot be restored onto itself.
    response = client.post(url(nb, "afval/history/3/restore/"), follow=True)
    assert "Dit is al de huidige versie." in response.content.decode()
    # GET never restores.
    assert client.get(url(nb, "afval/history/2/restore/")).status_code == 405


def test_two_editors_at_once_the_second_sees_the_conflict_and_nothing_is_lost(
    client, nb, afval, connector, professional
):
    from django.test import Client

    karim, sanne = client, Client()
    karim.force_login(connector)
    sanne.force_login(professional)
    # Both open the form on version 1.
    assert 'name="base_version" value="1"' in karim.get(url(nb, "afval/edit/")).content.decode()
    assert 'name="base_version" value="1"' in sanne.get(url(nb, "afval/edit/")).content.decode()
    assert edit(karim, nb, afval, TUESDAY, 1, note="Dinsdag").status_code == 302
    mine = MONDAY + "\nKerstbomen: in januari op straat."
    response = edit(sanne, nb, afval, mine, 1, note="Kerstbomen")
    assert response.status_code == 409
    text = response.content.decode()
    assert "Iemand anders heeft deze pagina opgeslagen terwijl jij aan het schrijven was" in text
    assert "Karim E. heeft versie 2 opgeslagen" in text
    # Sanne's text is still in her form; Karim's is shown, with what he changed.
    form = response.context["form"]
    assert form["body"].value() == mine and form["note"].value() == "Kerstbomen"
    assert form["base_version"].value() == "2"
    assert '<ins><span class="visually-hidden">toegevoegd: </span>dinsdag</ins>' in text
    assert 'id="ip-saved-text" rows="8" readonly>Gft: om de week op dinsdag.' in text
    with scope(neighbourhood=nb):
        afval.refresh_from_db()
        assert afval.body == TUESDAY and afval.version == 2  # Karim's save stands
    # She combines both and saves again, from version 2: that goes through.
    both = TUESDAY + "\nKerstbomen: in januari op straat."
    assert edit(sanne, nb, afval, both, 2, note="Kerstbomen erbij").status_code == 302
    with scope(neighbourhood=nb):
        afval.refresh_from_db()
        bodies = list(InfoPageVersion.objects.order_by("number").values_list("body", flat=True))
    assert afval.body == both and bodies == [MONDAY, TUESDAY, both]


def test_the_conflict_is_caught_even_when_both_save_the_same_moment(nb, afval, connector):
    """The check is one conditional UPDATE: of two saves from version 1, one wins."""
    with scope(neighbourhood=nb):
        stale = InfoPage.objects.get(pk=afval.pk)
        actions.page_update(actor=connector, page=afval, base_version=1, title="Afval", body="A")
        with pytest.raises(actions.EditConflict) as caught:
            actions.page_update(
                actor=connector, page=stale, base_version=1, title="Afval", body="B"
            )
        assert caught.value.page.version == 2 and caught.value.page.body == "A"
        assert InfoPageVersion.objects.count() == 2


def test_the_history_pages_through_many_versions(client, nb, afval, connector, settings):
    from buurtplein.infopages import selectors

    with scope(neighbourhood=nb):
        for number in range(2, 8):
            actions.page_update(
                actor=connector,
                page=afval,
                base_version=number - 1,
                title="Afval",
                body=str(number),
            )
        listing = selectors.history(afval, size=3)
        assert [v.number for v in listing.items] == [7, 6, 5] and listing.next_cursor
        older = selectors.history(afval, after=listing.next_cursor, size=3)
        assert [v.number for v in older.items] == [4, 3, 2] and older.next_cursor
        last = selectors.history(afval, after=older.next_cursor, size=3)
        assert [v.number for v in last.items] == [1] and last.next_cursor is None
    client.force_login(connector)
    assert client.get(url(nb, "afval/history/"), {"after": "zz"}).status_code == 200
    assert "?after=" not in client.get(url(nb, "afval/history/")).content.decode()


def test_a_page_deleted_while_someone_writes_keeps_their_text_in_the_form(
    client, nb, afval, connector, professional
):
    client.force_login(professional)
    form = client.get(url(nb, "afval/edit/")).content.decode()
    assert 'name="base_version" value="1"' in form
    with scope(neighbourhood=nb):
        stale = InfoPage.objects.get(pk=afval.pk)
        actions.page_delete(actor=connector, page=afval)
        with pytest.raises(ValidationError) as caught:
            actions.page_update(
                actor=professional, page=stale, base_version=1, title="Afval", body="Mijn tekst"
            )
    assert "verwijderd terwijl je aan het schrijven was" in " ".join(caught.value.messages)
    # Through the page itself the deleted page is simply gone.
    assert edit(client, nb, afval, "Mijn tekst", 1).status_code == 404
