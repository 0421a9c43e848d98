"""What neighbours and editors notice on the information pages: reading the tree with
breadcrumbs and sub-pages, who reads what, writing a page (Markdown, quick facts, a web
address), editing (a new version, counts as a check), "still correct", bad input, the home
block, English."""

import re

import pytest
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import AuditEntry
from buurtplein.core.tests.factories import member
from buurtplein.infopages.models import InfoPage, InfoPageVersion, Visibility
from buurtplein.infopages.tests.conftest import AFVAL, make_page, url

pytestmark = pytest.mark.django_db


def between(page: str, start: str, end: str) -> str:
    i = page.index(start)
    return page[i : page.index(end, i)]


def test_a_resident_reads_the_tree_with_breadcrumbs_and_sub_pages(client, nb, resident, connector):
    afval = make_page(nb, connector, body=AFVAL, facts="Ophaaldienst: Dar\nTelefoon: 024 371 60 00")
    gft = make_page(nb, connector, title="Gft en etensresten", parent=afval)
    make_page(nb, connector, title="Kerstbomen", parent=gft)
    make_page(nb, connector, title="Wie bel je waarvoor")
    client.force_login(resident)
    index = client.get(url(nb)).content.decode()
    assert "<h1>Buurtinformatie</h1>" in index
    order = [index.index(t) for t in ("Afval en c", "Gft en", "Kerstbomen", "Wie bel je")]
    assert order == sorted(order)
    page = client.get(url(nb, "afval-en-containers/")).content.decode()
    assert "<strong>groene container</strong>" in page
    assert "<li>Zet hem voor 7.30 uur buiten.</li>" in page
    assert 'href="https://www.dar.nl" rel="nofollow ugc noopener"' in page
    facts = between(page, 'class="ip-facts"', "</dl>")
    assert "<dt>Ophaaldienst</dt>" in facts and 'href="tel:0243716000">024 371 60 00</a>' in facts
    sub = between(page, 'id="ip-sub-title"', "</section>")
    assert "Meer hierover" in sub and "Gft en etensresten" in sub and "Kerstbomen" not in sub
    assert re.search(r"Gecontroleerd op \d{1,2} [a-z]+ 20\d\d", page)
    crumbs = between(client.get(url(nb, "kerstbomen/")).content.decode(), "ip-crumbs", "</nav>")
    assert crumbs.index("Buurtinformatie") < crumbs.index("Afval en containers")
    assert crumbs.index("Afval en containers") < crumbs.index("Gft en etensresten")
    assert 'aria-current="page">Kerstbomen' in crumbs


def test_visitors_read_public_pages_and_see_only_a_preview_of_the_rest(
    client, nb, other_nb, connector
):
    make_page(nb, connector, title="Afval", body="De groene container op maandag.")
    secret = make_page(
        nb,
        connector,
        title="Sleutel van de speeltuin",
        body="De sleutel ligt bij Joke op nummer 12.",
        visibility=Visibility.MEMBERS,
    )
    # Public itself, but under a page for neighbours only: for neighbours only as well.
    make_page(nb, connector, title="Openingstijden speeltuin", parent=secret)
    make_page(other_nb, member(other_nb, role="buurtverbinder"), title="Afval in Liendert")
    index = client.get(url(nb)).content.decode()
    assert "Afval" in index and "Afval in Liendert" not in index
    assert "Sleutel" not in index and "Openingstijden speeltuin" not in index
    for slug in ("sleutel-van-de-speeltuin", "openingstijden-speeltuin"):
        preview = client.get(url(nb, f"{slug}/"))
        assert preview.status_code == 200
        text = preview.content.decode()
        assert "Joke" not in text and "Sleutel" not in text and "alleen voor buren" in text
        assert '<meta name="robots" content="noindex">' in text
    # A page of the other neighbourhood does not exist here.
    assert client.get(url(nb, "afval-in-liendert/")).status_code == 404
    client.force_login(member(nb))
    page = client.get(url(nb, "sleutel-van-de-speeltuin/")).content.decode()
    assert "De sleutel ligt bij Joke op nummer 12." in page and "Alleen buren" in page
    assert "Openingstijden speeltuin" in client.get(url(nb)).content.decode()


def test_a_pending_member_is_a_visitor_for_pages_for_neighbours(client, nb, connector):
    from buurtplein.core.models import Membership

    make_page(nb, connector, title="Sleutel", body="Bij Joke.", visibility=Visibility.MEMBERS)
    client.force_login(member(nb, status=Membership.Status.PENDING))
    assert "Bij Joke." not in client.get(url(nb, "sleutel/")).content.decode()


def test_a_buurtverbinder_writes_a_page_with_quick_facts_it_is_version_one(client, nb, connector):
    client.force_login(connector)
    response = client.post(
        url(nb, "new/"),
        {
            "title": "Wie bel je waarvoor?",
            "visibility": "public",
            "facts": "Noodgeval: 112\nPolitie, geen spoed: 0900-8844 (ook de wijkagent)\n"
            "Storing gas of stroom: 0800-9009\nGemeente: 14 024\n"
            "Website: https://www.nijmegen.nl\nMail: info@sterkerwelzijn.example",
            "body": "Weet je het niet? **Vraag het een buurtverbinder.**",
            "note": "Eerste opzet",
        },
    )
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        page = InfoPage.objects.get()
        version = InfoPageVersion.objects.get()
    assert page.slug == "wie-bel-je-waarvoor" and response["Location"].endswith(
        "/info/wie-bel-je-waarvoor/"
    )
    assert (page.version, page.owner, page.checked_by) == (1, connector, connector)
    assert (version.number, version.author, version.note) == (1, connector, "Eerste opzet")
    shown = client.get(response["Location"]).content.decode()
    facts = between(shown, 'class="ip-facts"', "</dl>")
    for href in ("tel:112", "tel:0900-8844".replace("-", ""), "tel:08009009", "tel:14024"):
        assert f'href="{href}"' in facts
    assert "</a> (ook de wijkagent)" in facts
    assert 'href="https://www.nijmegen.nl" rel="nofollow ugc noopener"' in facts
    assert 'href="mailto:info@sterkerwelzijn.example"' in facts
    assert "De pagina staat online" in shown and "Bijgehouden door Karim E." in shown
    with scopes_disabled():
        assert AuditEntry.objects.filter(
            action="infopages.page.create", actor=connector, object_id=str(page.pk)
        ).exists()


def test_html_and_scripts_in_a_page_are_never_run(client, nb, connector, resident):
    make_page(
        nb,
        connector,
        title="Test",
        body="<script>alert(1)</script> [klik](javascript:alert(1)) <img src=x onerror=alert(1)>",
        facts="Link: javascript:alert(1)\n<b>Vet</b>: <i>x</i>",
    )
    client.force_login(resident)
    page = client.get(url(nb, "test/")).content.decode()
    body = between(page, 'class="prose ip-body"', "</div>")
    assert "<script>" not in body and "<img" not in body and "href" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body  # shown as text, harmless
    facts = between(page, 'class="ip-facts"', "</dl>")
    assert "<b>" not in facts and "&lt;b&gt;Vet&lt;/b&gt;" in facts
    assert 'href="javascript' not in facts


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": "   "}, "title", "Schrijf een titel."),
        ({"slug": "Met Spaties!"}, "slug", "Gebruik alleen kleine letters, cijfers en streepjes"),
        ({"slug": "new"}, "slug", "Dit webadres is al in gebruik voor iets anders"),
        ({"slug": "afval"}, "slug", "Een andere pagina heeft dit webadres al"),
        ({"facts": "Telefoon 024 123 45 67"}, "facts", "Regel 1 heeft een naam, een dubbele punt"),
        ({"parent": "999999"}, "parent", "Deze plek kan niet"),
        ({"visibility": "iedereen"}, "visibility", "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_typed_is_lost(
    client, nb, connector, change, field, message
):
    make_page(nb, connector, title="Afval")
    client.force_login(connector)
    data = {
        "title": "Buurthuis De Lindenberg",
        "visibility": "public",
        "body": "Open op **werkdagen** van 9 tot 17 uur.",
        "facts": "Adres: Ubbergseweg 34",
        "note": "Openingstijden erbij",
        **change,
    }
    response = client.post(url(nb, "new/"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    page = response.content.decode()
    assert message in page and 'class="form-errors"' in page
    assert "Open op **werkdagen** van 9 tot 17 uur." in page and "Openingstijden erbij" in page
    with scope(neighbourhood=nb):
        assert InfoPage.objects.count() == 1


def test_two_pages_with_the_same_title_get_their_own_address(client, nb, connector):
    first = make_page(nb, connector, title="Speeltuinen")
    second = make_page(nb, connector, title="Speeltuinen")
    weird = make_page(nb, connector, title="???")
    assert (first.slug, second.slug, weird.slug) == ("speeltuinen", "speeltuinen-2", "pagina")
    new = make_page(nb, connector, title="New")  # "new/" is the form's address
    assert new.slug == "new-2"


def test_editing_makes_a_new_version_and_counts_as_a_check(client, nb, connector, professional):
    from datetime import timedelta

    page = make_page(nb, connector, body=AFVAL)
    with scopes_disabled():
        InfoPage.objects.filter(pk=page.pk).update(checked_at=page.checked_at - timedelta(days=200))
    client.force_login(professional)
    form = client.get(url(nb, "afval-en-containers/edit/")).content.decode()
    assert 'name="base_version" value="1"' in form and "groene container" in form
    response = client.post(
        url(nb, "afval-en-containers/edit/"),
        {
            "title": "Afval en containers",
            "body": AFVAL.replace("maandag", "dinsdag"),
            "facts": "",
            "note": "Gft nu op dinsdag",
            "base_version": "1",
        },
    )
    assert response.status_code == 302
    shown = client.get(response["Location"]).content.decode()
    assert "Opgeslagen als versie 2" in shown and "*dinsdag*" not in shown
    assert "<em>dinsdag</em>" in shown
    with scope(neighbourhood=nb):
        page.refresh_from_db()
        versions = list(InfoPageVersion.objects.order_by("number").values_list("number", "note"))
    assert versions == [(1, ""), (2, "Gft nu op dinsdag")]
    assert page.checked_by == professional and page.updated_by == professional
    assert page.owner == connector  # editing does not change who keeps it
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="infopages.page.edit")
    assert entry.actor == professional and entry.data == {"version": 2, "note": "Gft nu op dinsdag"}


def test_saving_without_changes_makes_no_version_but_checks(client, nb, connector):
    page = make_page(nb, connector, body=AFVAL)
    client.force_login(connector)
    response = client.post(
        url(nb, "afval-en-containers/edit/"),
        {"title": page.title, "body": page.body, "facts": "", "base_version": "1"},
        follow=True,
    )
    assert "Er is niets veranderd. De pagina telt als vandaag gecontroleerd." in (
        response.content.decode()
    )
    with scope(neighbourhood=nb):
        assert InfoPageVersion.objects.count() == 1


def test_preview_shows_the_text_and_saves_nothing(client, nb, connector):
    page = make_page(nb, connector, body="Oud")
    client.force_login(connector)
    response = client.post(
        url(nb, f"{page.slug}/edit/"),
        {"title": page.title, "body": "Nieuw **vet**", "base_version": "1", "preview": "1"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Zo komt het eruit te zien" in text and "<strong>vet</strong>" in text
    assert "Nieuw **vet**" in text  # still in the form
    with scope(neighbourhood=nb):
        assert InfoPage.objects.get().body == "Oud"


def test_a_tampered_form_version_gets_a_message_not_a_500(client, nb, connector):
    page = make_page(nb, connector)
    client.force_login(connector)
    for value in ("", "abc", "-1", "0"):
        response = client.post(
            url(nb, f"{page.slug}/edit/"), {"title": "Nieuw", "body": "x", "base_version": value}
        )
        assert response.status_code == 400
        assert "Dit formulier is verouderd" in response.content.decode()
        assert "Nieuw" in response.content.decode()


def test_still_correct_is_one_button_and_the_e_mail_link_changes_nothing(client, nb, connector):
    from datetime import timedelta

    from django.utils import timezone

    page = make_page(nb, connector, title="Parkeren")
    long_ago = timezone.now() - timedelta(days=220)
    with scopes_disabled():
        InfoPage.objects.filter(pk=page.pk).update(
            checked_at=long_ago, check_due_at=long_ago + timedelta(days=182)
        )
    client.force_login(connector)
    shown = client.get(url(nb, "parkeren/")).content.decode()
    assert "Deze pagina moet gecontroleerd worden" in shown and "Klopt nog" in shown
    assert "Controle nodig" in client.get(url(nb)).content.decode()
    # The link in the reminder shows one button; opening it changes nothing.
    assert "Ja, klopt nog" in client.get(url(nb, "parkeren/check/")).content.decode()
    with scope(neighbourhood=nb):
        assert InfoPage.objects.get().checked_at == long_ago
    response = client.post(url(nb, "parkeren/check/"), follow=True)
    text = response.content.decode()
    assert "Dank je wel! Vandaag gecontroleerd." in text
    assert "Deze pagina moet gecontroleerd worden" not in text
    with scope(neighbourhood=nb):
        page.refresh_from_db()
        assert InfoPageVersion.objects.count() == 1  # a check is not a version
    assert page.checked_at > long_ago and page.check_due_at > timezone.now() + timedelta(days=180)
    assert "Controle nodig" not in client.get(url(nb)).content.decode()


def test_residents_do_not_see_which_pages_need_a_check(client, nb, connector, resident):
    from datetime import timedelta

    from django.utils import timezone

    page = make_page(nb, connector, title="Parkeren")
    with scopes_disabled():
        InfoPage.objects.filter(pk=page.pk).update(check_due_at=timezone.now() - timedelta(days=1))
    client.force_login(resident)
    assert "Controle nodig" not in client.get(url(nb)).content.decode()
    shown = client.get(url(nb, "parkeren/")).content.decode()
    assert "moet gecontroleerd worden" not in shown and "Klopt nog" not in shown
    assert "Aanpassen" not in shown


def test_the_home_shows_the_main_pages_and_is_fresh_after_a_change(client, nb, connector):
    afval = make_page(nb, connector, title="Afval en containers")
    make_page(nb, connector, title="Gft", parent=afval)
    make_page(nb, connector, title="Sleutel", visibility=Visibility.MEMBERS)
    home = client.get(f"/b/{nb.slug}/").content.decode()
    block = between(home, 'id="ip-home-title"', "</section>")
    assert "Goed om te weten" in block and "Afval en containers" in block
    assert "Gft" not in block and "Sleutel" not in block
    client.force_login(member(nb))
    assert "Sleutel" in between(
        client.get(f"/b/{nb.slug}/").content.decode(), 'id="ip-home-title"', "</section>"
    )
    make_page(nb, connector, title="Parkeren")
    assert "Parkeren" in client.get(f"/b/{nb.slug}/").content.decode()


def test_the_main_navigation_leads_to_the_information(client, nb):
    home = client.get(f"/b/{nb.slug}/").content.decode()
    nav = between(home, 'class="nav-list"', "</ul>")
    assert f'href="/b/{nb.slug}/info/"' in nav and "Buurtinfo" in nav
    index = client.get(url(nb, "")).content.decode()
    assert f'href="/b/{nb.slug}/info/" aria-current="page"' in index


def test_a_switched_off_component_is_gone(client, nb, connector):
    make_page(nb, connector, title="Afval")
    nb.components = [c for c in nb.components if c != "infopages"]
    nb.save()
    client.force_login(connector)
    assert client.get(url(nb)).status_code == 404
    assert client.get(url(nb, "afval/")).status_code == 404
    assert "Buurtinfo" not in client.get(f"/b/{nb.slug}/").content.decode()


def test_english(client, nb, connector):
    make_page(nb, connector, title="Afval en containers", body=AFVAL, facts="Telefoon: 112")
    client.force_login(connector)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    index = client.get(url(nb)).content.decode()
    assert "<h1>Neighbourhood information</h1>" in index and "Neighbourhood info" in index
    page = client.get(url(nb, "afval-en-containers/")).content.decode()
    assert re.search(r"Checked on \d{1,2} [A-Z][a-z]+ 20\d\d", page)
    assert "Still correct" in page and "Move and settings" in page and "History" in page
    assert "groene container" in page  # the text itself stays as written
    form = client.get(url(nb, "new/")).content.decode()
    assert "Who can read this page?" in form and "Quick facts" in form


def test_the_home_has_no_empty_block_without_pages(client, nb):
    assert "Goed om te weten" not in client.get(f"/b/{nb.slug}/").content.decode()


def test_a_page_has_sections_and_a_table_of_opening_hours(client, nb, connector):
    client.force_login(connector)
    body = (
        "# Openingstijden\n\n| Dag | Open |\n|---|---|\n| maandag | 9.00–17.00 uur |\n"
        "| dinsdag | 9.00–22.00 uur |\n\n## Zalen huren\n\nBel de beheerder."
    )
    response = client.post(
        url(nb, "new/"),
        {"title": "Buurthuis", "visibility": "public", "body": body, "note": "Tijden"},
    )
    assert response.status_code == 302
    shown = client.get(response["Location"]).content.decode()
    assert shown.count("<h1") == 1 and ">Buurthuis</h1>" in shown
    assert "<h2>Openingstijden</h2>" in shown and "<h3>Zalen huren</h3>" in shown
    assert "<th>Dag</th>" in shown and "<td>dinsdag</td>" in shown
