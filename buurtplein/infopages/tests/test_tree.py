"""The tree: at most three levels, no cycles, moving a page, its order among its neighbours,
who keeps it up to date, deleting (only without sub-pages, kept as deleted) and bringing a
deleted page back in /admin/."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.tests.factories import UserFactory
from buurtplein.core.models import AuditEntry
from buurtplein.core.tests.factories import member
from buurtplein.infopages import actions, selectors
from buurtplein.infopages.models import InfoPage, Visibility
from buurtplein.infopages.tests.conftest import make_page, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(nb, connector):
    """Afval > Gft > Kerstbomen, and Buurthuis > Zalen huren."""
    afval = make_page(nb, connector, title="Afval")
    gft = make_page(nb, connector, title="Gft", parent=afval)
    kerst = make_page(nb, connector, title="Kerstbomen", parent=gft)
    buurthuis = make_page(nb, connector, title="Buurthuis")
    zalen = make_page(nb, connector, title="Zalen huren", parent=buurthuis)
    return {"afval": afval, "gft": gft, "kerst": kerst, "buurthuis": buurthuis, "zalen": zalen}


def move(nb, connector, page, parent):
    with scope(neighbourhood=nb):
        page = InfoPage.objects.get(pk=page.pk)
        return actions.page_settings(
            actor=connector, page=page, parent=parent, visibility=page.visibility, owner=None
        )


def test_a_page_cannot_go_under_itself_or_its_own_sub_pages(nb, connector, tree):
    for parent in (tree["afval"], tree["gft"], tree["kerst"]):
        with pytest.raises(ValidationError) as caught:
            move(nb, connector, tree["afval"], parent)
        assert caught.value.message_dict["parent"] == [
            "Een pagina kan niet onder zichzelf staan, en ook niet onder een van haar eigen "
            "subpagina's."
        ]


def test_the_tree_is_at_most_three_levels_deep(nb, connector, tree):
    with pytest.raises(ValidationError) as caught:
        make_page(nb, connector, title="Te diep", parent=tree["kerst"])
    assert "“Kerstbomen” staat al op de derde laag" in caught.value.message_dict["parent"][0]
    # Buurthuis has sub-pages: under Gft (level 2) its sub-pages would be on level 4.
    with pytest.raises(ValidationError) as caught:
        move(nb, connector, tree["buurthuis"], tree["gft"])
    assert (
        "Deze pagina heeft subpagina's, dus ze kan niet onder “Gft”"
        in (caught.value.message_dict["parent"][0])
    )
    # Under Afval (level 1) it fits: Buurthuis on level 2, Zalen huren on 3.
    assert move(nb, connector, tree["buurthuis"], tree["afval"]) == ["parent"]
    with scope(neighbourhood=nb):
        zalen = InfoPage.objects.select_related("parent__parent").get(pk=tree["zalen"].pk)
    assert zalen.depth == 3 and [p.title for p in zalen.ancestors] == ["Afval", "Buurthuis"]


def test_the_move_form_offers_only_places_that_fit_and_explains_a_crafted_one(
    client, nb, connector, tree
):
    with scope(neighbourhood=nb):
        offered = [page.title for page, _depth in selectors.parent_choices(nb, tree["gft"])]
    # Gft has a sub-page: only under a main page (not under itself, Kerstbomen or level 2).
    assert offered == ["Afval", "Buurthuis"]
    client.force_login(connector)
    form = client.get(url(nb, "gft/settings/")).content.decode()
    assert "Bovenaan (een hoofdpagina)" in form and "— Zalen huren" not in form
    response = client.post(
        url(nb, "gft/settings/"),
        {"parent": str(tree["kerst"].pk), "visibility": "public", "owner": str(connector.pk)},
    )
    assert response.status_code == 400
    assert "Deze plek kan niet" in response.content.decode()


def test_an_editor_moves_a_page_and_its_address_stays(client, nb, connector, professional, tree):
    client.force_login(professional)
    response = client.post(
        url(nb, "zalen-huren/settings/"),
        {"parent": str(tree["afval"].pk), "visibility": "public", "owner": str(connector.pk)},
    )
    assert response.status_code == 302 and response["Location"].endswith("/info/zalen-huren/")
    crumbs = client.get(response["Location"]).content.decode()
    assert "Afval</a></li>" in crumbs
    with scope(neighbourhood=nb):
        afval_children = [p.title for p in selectors.siblings(InfoPage.objects.get(slug="gft"))]
    assert afval_children == ["Gft", "Zalen huren"]  # last in its new list
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="infopages.page.settings")
    assert entry.actor == professional and entry.data["changed"] == ["parent"]


def test_reorder_moves_a_page_up_and_down_among_its_neighbours(client, nb, connector):
    for title in ("Afval", "Buurthuis", "Parkeren"):
        make_page(nb, connector, title=title)
    client.force_login(connector)
    response = client.post(url(nb, "parkeren/reorder/"), {"direction": "up"})
    assert response.status_code == 302 and response["Location"].endswith("/settings/#order")
    index = client.get(url(nb)).content.decode()
    assert index.index("Afval") < index.index("Parkeren") < index.index("Buurthuis")
    client.post(url(nb, "parkeren/reorder/"), {"direction": "up"})
    response = client.post(url(nb, "parkeren/reorder/"), {"direction": "up"}, follow=True)
    assert "De pagina staat al bovenaan de lijst." in response.content.decode()
    index = client.get(url(nb)).content.decode()
    assert index.index("Parkeren") < index.index("Afval") < index.index("Buurthuis")
    response = client.post(url(nb, "parkeren/reorder/"), {"direction": "sideways"}, follow=True)
    assert "Kies omhoog of omlaag." in response.content.decode()


def test_who_keeps_a_page_up_to_date_is_an_editor_of_this_neighbourhood(
    client, nb, other_nb, connector, professional
):
    page = make_page(nb, connector, title="Parkeren")
    client.force_login(connector)
    form = client.get(url(nb, "parkeren/settings/")).content.decode()
    assert "Sanne D." in form and "Karim E." in form
    resident = member(nb, first_name="Piet")
    outsider = member(other_nb, role="buurtverbinder")
    for person in (resident, outsider):
        response = client.post(
            url(nb, "parkeren/settings/"),
            {"parent": "", "visibility": "public", "owner": str(person.pk)},
        )
        assert response.status_code == 400
        assert "Kies een buurtverbinder, professional of beheerder" in response.content.decode()
    client.post(
        url(nb, "parkeren/settings/"),
        {"parent": "", "visibility": "members", "owner": str(professional.pk)},
    )
    with scope(neighbourhood=nb):
        page.refresh_from_db()
    assert page.owner == professional and page.visibility == Visibility.MEMBERS
    with scope(neighbourhood=nb), pytest.raises(ValidationError):
        actions.page_settings(
            actor=connector, page=page, parent=None, visibility="members", owner=resident
        )


def test_a_page_with_sub_pages_cannot_be_deleted(client, nb, connector, tree):
    client.force_login(connector)
    confirm = client.get(url(nb, "afval/delete/")).content.decode()
    assert "Deze pagina heeft subpagina's" in confirm and "Gft" in confirm
    response = client.post(url(nb, "afval/delete/"))
    assert response.status_code == 400
    assert "Verplaats of verwijder die eerst" in response.content.decode()
    with scope(neighbourhood=nb):
        assert not InfoPage.objects.filter(deleted_at__isnull=False).exists()


def test_delete_keeps_the_page_as_deleted_and_only_buurtverbinders_do_it(
    client, nb, connector, professional, tree
):
    client.force_login(professional)
    assert client.post(url(nb, "kerstbomen/delete/")).status_code == 403
    client.force_login(connector)
    response = client.post(url(nb, "kerstbomen/delete/"), follow=True)
    assert "“Kerstbomen” is verwijderd" in response.content.decode()
    assert client.get(url(nb, "kerstbomen/")).status_code == 404
    assert "Kerstbomen" not in client.get(url(nb)).content.decode()
    with scope(neighbourhood=nb):
        deleted = InfoPage.objects.get(slug="kerstbomen")
        assert deleted.deleted_by == connector and deleted.versions.count() == 1
    with scopes_disabled():
        assert AuditEntry.objects.filter(
            action="infopages.page.delete", actor=connector, object_id=str(deleted.pk)
        ).exists()
    # Its address is free again for a new page.
    assert make_page(nb, connector, title="Kerstbomen").slug == "kerstbomen"


def test_a_platform_admin_brings_a_deleted_page_back_in_the_admin(client, nb, connector, tree):
    with scope(neighbourhood=nb):
        actions.page_delete(actor=connector, page=tree["kerst"])
        actions.page_delete(actor=connector, page=tree["zalen"])
        actions.page_delete(actor=connector, page=tree["buurthuis"])
    make_page(nb, connector, title="Zalen huren")  # took the old address meanwhile
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get("/admin/infopages/infopage/?deleted=yes").content.decode()
    assert "Kerstbomen" in listing and "Zalen huren" in listing and "Afval" not in listing
    response = client.post(
        "/admin/infopages/infopage/",
        {
            "action": "restore_deleted",
            "_selected_action": [str(tree["kerst"].pk), str(tree["zalen"].pk)],
        },
        follow=True,
    )
    assert "2 pagina&#x27;s zijn terug, met hun geschiedenis." in response.content.decode()
    with scope(neighbourhood=nb):
        kerst = InfoPage.objects.get(pk=tree["kerst"].pk)
        zalen = InfoPage.objects.get(pk=tree["zalen"].pk)
    assert kerst.deleted_at is None and kerst.parent == tree["gft"]
    # Its parent is still deleted: back at the top, under a new address.
    assert zalen.parent is None and zalen.slug == "zalen-huren-2"
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="infopages.page.undelete", actor=admin).count() == 2
    # Pages are never removed for good in the admin.
    assert client.get(f"/admin/infopages/infopage/{kerst.pk}/delete/").status_code == 403
