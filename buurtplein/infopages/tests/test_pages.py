"""What neighbours and editors notice on the information pages: reading the tree with
breadcrumbs and sub-pages, who reads what, writing and editing with versions, Markdown and
quick facts, "still correct", English."""

import pytest

from buurtplein.infopages.tests.conftest import AFVAL, make_page, url

pytestmark = pytest.mark.django_db


def test_a_resident_reads_the_tree_with_breadcrumbs_and_sub_pages(client, nb, resident, connector):
    afval = make_page(nb, connector, body=AFVAL, facts="Ophaaldienst: Dar\nTelefoon: 024 371 60 00")
    gft = make_page(nb, connector, title="Gft en etensresten", parent=afval)
    make_page(nb, connector, title="Kerstbomen", parent=gft)
    make_page(nb, connector, title="Wie bel je waarvoor")
    client.force_login(resident)
    index = client.get(url(nb)).content.decode()
    assert "Buurtinformatie" in index
    assert index.index("Afval en containers") < index.index("Gft en etensresten")
    assert (
        index.index("Gft en etensresten")
        < index.index("Kerstbomen")
        < index.index("Wie bel je waarvoor")
    )
    page = client.get(url(nb, "afval-en-containers/")).content.decode()
    assert (
        "<strong>groene container</strong>" in page
        and "<li>Zet hem voor 7.30 uur buiten.</li>" in page
    )
    assert 'href="https://www.dar.nl" rel="nofollow ugc noopener"' in page
    assert 'href="tel:0243716000"' in page and "Ophaaldienst" in page
    assert "Meer hierover" in page and "Gft en etensresten" in page
    assert "Gecontroleerd op" in page
    deep = client.get(url(nb, "kerstbomen/")).content.decode()
    crumbs = deep[
        deep.index('class="ip-crumbs"') : deep.index("</nav>", deep.index('class="ip-crumbs"'))
    ]
    assert [
        word in crumbs for word in ("Buurtinformatie", "Afval en containers", "Gft en etensresten")
    ] == [True] * 3
    assert 'aria-current="page">Kerstbomen' in crumbs


def test_smoke_every_page_of_an_editor(client, nb, connector):
    afval = make_page(nb, connector, body=AFVAL)
    client.force_login(connector)
    for path in (
        "",
        "new/",
        "afval-en-containers/",
        "afval-en-containers/edit/",
        "afval-en-containers/check/",
        "afval-en-containers/history/",
        "afval-en-containers/history/1/",
        "afval-en-containers/settings/",
        "afval-en-containers/delete/",
    ):
        response = client.get(url(nb, path))
        assert response.status_code == 200, path
    assert afval.version == 1
