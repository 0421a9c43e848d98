""" "Privacy in je buurt": public, written from the same retention rules the round applies,
with the neighbourhood's own contact person (its admin fills it in) or the platform's."""

import re

import pytest
from django.test import override_settings
from django.utils import translation
from django_scopes import scopes_disabled

from buurtplein.core.models import AuditEntry, Role
from buurtplein.core.retention import neighbourhood_rules, platform_rules
from buurtplein.core.tests.factories import NeighbourhoodFactory, member

pytestmark = pytest.mark.django_db

PAGE = "/b/nijmegen-oost/privacy/"
QUERIES_FOR_A_VISITOR = 0


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


def rows(html: str) -> list[tuple[str, str, str]]:
    """(what, how long, why) of the table, as shown."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    found = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>", body)
    return [tuple(re.sub(r"\s+", " ", cell).strip() for cell in row) for row in found]


def test_a_visitor_reads_what_is_kept_how_long_and_why_in_plain_dutch(client, nb):
    response = client.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Privacy in je buurt</h1>" in html
    shown = rows(html)
    with translation.override("nl"):
        expected = [
            (str(r.label), r.kept_text, str(r.why))
            for r in [*neighbourhood_rules(nb), *platform_rules()]
        ]
    assert [(what, kept) for what, kept, _why in shown] == [
        (what.replace("'", "&#x27;"), kept) for what, kept, _why in expected
    ]
    assert ("Hulpvragen die zijn afgesloten, met wie er gevraagd is en wie er hielp") in html
    assert "1 jaar nadat de vraag is afgesloten" in html
    assert "6 maanden na de einddatum" in html
    assert "Autoriteit Persoonsgegevens" in html
    assert 'href="/me/"' in html  # download and remove your account there


def test_the_page_is_in_english_too(client, nb):
    client.cookies["django_language"] = "en"
    html = client.get(PAGE).content.decode()
    assert "<h1>Privacy in your neighbourhood</h1>" in html
    assert "1 year after the request was closed" in html


def test_a_switched_off_component_is_not_listed(client, nb):
    nb.components = [c for c in nb.components if c != "buurthulp"]
    nb.save()
    html = client.get(PAGE).content.decode()
    assert "Hulpvragen die zijn afgesloten" not in html
    assert "6 maanden na de einddatum" in html


@override_settings(
    BUURTPLEIN_PRIVACY_CONTACT_NAME="Privacyteam Buurtplein",
    BUURTPLEIN_PRIVACY_CONTACT_EMAIL="privacy@buurtplein.example",
)
def test_without_its_own_contact_the_platform_answers(client, nb):
    html = client.get(PAGE).content.decode()
    assert "Nijmegen-Oost heeft nog geen eigen contactpersoon voor privacy" in html
    assert "Privacyteam Buurtplein" in html
    assert 'href="mailto:privacy@buurtplein.example"' in html


def test_the_neighbourhood_admin_fills_in_the_contact_person_everyone_sees_it(
    client, nb, django_capture_on_commit_callbacks
):
    other = NeighbourhoodFactory(name="Andere buurt", slug="andere-buurt", pc4="3825")
    admin = member(nb, role=Role.ADMIN)
    client.force_login(admin)
    assert "Contactpersoon veranderen" in client.get(PAGE).content.decode()
    response = client.post(
        f"{PAGE}contact/",
        {
            "privacy_contact_name": "Fatima el Amrani",
            "privacy_contact_organisation": "Wijkteam Oost",
            "privacy_contact_email": "f.elamrani@wijkteam.example",
            "privacy_contact_phone": "024 123 45 67",
        },
    )
    assert response.status_code == 302 and response["Location"] == PAGE
    client.logout()
    html = client.get(PAGE).content.decode()
    assert "Fatima el Amrani" in html and "Wijkteam Oost" in html
    assert 'href="mailto:f.elamrani@wijkteam.example"' in html and "024 123 45 67" in html
    assert "nog geen eigen contactpersoon" not in html
    assert "Contactpersoon veranderen" not in html
    # Another neighbourhood keeps the platform's contact.
    assert (
        "nog geen eigen contactpersoon" in client.get("/b/andere-buurt/privacy/").content.decode()
    )
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="core.privacy_contact.edit")
    assert entry.actor == admin and entry.neighbourhood == nb
    assert other.privacy_contact_name == ""


def test_a_name_without_an_e_mail_is_refused_and_nothing_typed_is_lost(client, nb):
    client.force_login(member(nb, role=Role.ADMIN))
    response = client.post(
        f"{PAGE}contact/", {"privacy_contact_name": "Fatima", "privacy_contact_phone": "024"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vul een e-mailadres in, zodat mensen kunnen schrijven." in html
    assert 'value="Fatima"' in html and 'value="024"' in html
    nb.refresh_from_db()
    assert nb.privacy_contact_name == ""


def test_emptying_every_field_gives_the_question_back_to_the_platform(client, nb):
    nb.privacy_contact_name, nb.privacy_contact_email = "Fatima", "f@wijkteam.example"
    nb.save()
    client.force_login(member(nb, role=Role.ADMIN))
    assert client.post(f"{PAGE}contact/", {}).status_code == 302
    nb.refresh_from_db()
    assert (nb.privacy_contact_name, nb.privacy_contact_email) == ("", "")
    assert "nog geen eigen contactpersoon" in client.get(PAGE).content.decode()


def test_the_footer_of_every_neighbourhood_page_links_to_it(client, nb):
    html = client.get("/b/nijmegen-oost/").content.decode()
    assert f'<a href="{PAGE}">Privacy in je buurt</a>' in html


@pytest.mark.parametrize("admins", [1, 10])
def test_the_page_reads_the_same_few_rows_however_many_admins_the_neighbourhood_has(
    client, nb, admins, django_assert_num_queries
):
    """The contact person is the neighbourhood's own fields, not a search through its
    members: a visitor's page costs the same in a neighbourhood of 1 or 10 admins."""
    for _ in range(admins):
        member(nb, role=Role.ADMIN)
    client.get(PAGE)  # warm the neighbourhood cache, as every page after the first finds it
    with django_assert_num_queries(QUERIES_FOR_A_VISITOR):
        assert client.get(PAGE).status_code == 200
