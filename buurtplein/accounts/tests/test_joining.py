"""Joining as a newcomer: the account e-mails in our own words, the path from an invite link
through sign-up and the confirmation e-mail into the neighbourhood, and the words on the way
(log-in message, password help) in the house tone."""

import re
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from django.conf import settings
from django.core import mail
from django.template.loader import get_template
from django.test import Client
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from buurtplein.accounts.models import InviteCode, User
from buurtplein.accounts.tests.factories import UserFactory
from buurtplein.core.models import Membership
from buurtplein.core.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-42"
ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
ALLAUTH_EMAILS = sorted(
    str(path.relative_to(ALLAUTH_TEMPLATES)).removesuffix("_message.txt")
    for folder in ("account/email", "mfa/email")
    for path in (ALLAUTH_TEMPLATES / folder).glob("*_message.txt")
    if not path.name.startswith("base_")
)
# What allauth's own e-mails say (in English and in its Dutch), none of which may remain.
LIBRARY_WORDING = [
    "Hello from",
    "Hallo van",
    "Thank you for using",
    "Bedankt voor het gebruik",
    "You're receiving",
    "You are receiving",
    "Je ontvangt",
    "U ontvangt",
    "gebruiker",
    "zijn of haar",
    "testserver",
    "example.com",
    "[",
]


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


def sign_up(client, next_url=""):
    data = {
        "first_name": "Els",
        "last_name": "Bakker",
        "email": "els@example.nl",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    if next_url:
        data["next"] = next_url
    return client.post("/accounts/signup/", data)


def confirmation_link(message) -> str:
    return re.search(r"https?://testserver(/accounts/confirm-email/\S+)", message.body).group(1)


@pytest.mark.parametrize("template", ALLAUTH_EMAILS)
def test_every_account_e_mail_is_ours_in_dutch_and_english(rf, template):
    """Each e-mail allauth can send is our own template: a greeting by first name, our words,
    the platform's name, none of allauth's default wording, in the person's language."""
    for part in ("subject", "message"):
        origin = get_template(f"{template}_{part}.txt", using="text").origin.name
        assert origin.startswith(str(settings.BASE_DIR / "templates")), origin
    user = UserFactory(first_name="Els", last_name="Bakker")
    request = rf.get("/")
    request.user = user
    context = {
        "user": user,
        "email": user.email,
        "activate_url": "https://buurt.example/accounts/confirm-email/KEY/",
        "password_reset_url": "https://buurt.example/accounts/password/reset/key/KEY/",
        "signup_url": "https://buurt.example/accounts/signup/",
        "code": "",
        "timestamp": timezone.now(),
        "ip": "192.0.2.1",
        "user_agent": "Firefox",
        "from_email": "oud@example.nl",
        "to_email": "nieuw@example.nl",
        "deleted_email": "oud@example.nl",
    }
    for language, greeting in (("nl", "Hallo Els,"), ("en", "Hello Els,")):
        with translation.override(language), request_context(request):
            get_adapter(request).send_mail(template, user.email, context)
        message = mail.outbox[-1]
        text = f"{message.subject}\n{message.body}"
        assert message.body.startswith(greeting + "\n"), message.body
        assert message.subject and "\n" not in message.subject
        assert settings.BUURTPLEIN_SITE_NAME in message.body
        for words in LIBRARY_WORDING:
            assert words not in text, (template, language, words)
        assert "&#x27;" not in text and "&amp;" not in text


def test_someone_without_a_name_is_greeted_without_one(rf):
    request = rf.get("/")
    with translation.override("nl"), request_context(request):
        get_adapter(request).send_mail(
            "account/email/unknown_account",
            "iemand@example.nl",
            {"email": "iemand@example.nl", "signup_url": "https://buurt.example/accounts/signup/"},
        )
    assert mail.outbox[-1].body.startswith("Hallo,\n")


def test_from_an_invite_link_to_the_neighbourhood_in_one_browser(client, nb):
    """Invite link → sign up → the e-mail names the neighbourhood → its link logs the person
    in and opens the join page with the code filled in → in the neighbourhood."""
    with scopes_disabled():
        code = InviteCode.objects.create(neighbourhood=nb)
    join = f"/b/nijmegen-oost/join/?code={code.code}"
    signup = client.get(join)["Location"]
    assert signup.startswith("/accounts/signup/?next=")
    page = client.get(signup).content.decode()
    assert join.replace("&", "&amp;") in page  # the sign-up form carries where to go next
    response = sign_up(client, next_url=join)
    assert response.status_code == 302
    notice = client.get(response["Location"]).content.decode()
    assert "Bevestigings e-mail" not in notice

    (message,) = mail.outbox
    assert message.subject == "Welkom in Nijmegen-Oost: bevestig je e-mailadres"
    assert message.body.startswith("Hallo Els,\n")
    assert "Fijn dat je je aanmeldt voor Nijmegen-Oost op Buurtplein." in message.body
    confirm = client.get(confirmation_link(message))
    assert confirm.status_code == 200
    response = client.post(confirmation_link(message))
    assert response.status_code == 302 and response["Location"] == join
    user = User.objects.get(email="els@example.nl")
    assert client.session["_auth_user_id"] == str(user.pk)  # logged in, no second log-in
    assert EmailAddress.objects.get(user=user).verified

    page = client.get(join).content.decode()
    assert f'value="{code.code}"' in page
    response = client.post("/b/nijmegen-oost/join/", {"postcode": "6522 AB", "code": code.code})
    assert response["Location"] == "/b/nijmegen-oost/"
    with scopes_disabled():
        assert Membership.objects.get(user=user, neighbourhood=nb).is_verified
    assert "Welkom in Nijmegen-Oost!" in client.get("/b/nijmegen-oost/").content.decode()


def test_the_confirmation_link_opened_on_another_device_leads_to_the_neighbourhood(client, nb):
    """The mail app of a phone has no session of the sign-up: the link confirms, asks to log
    in, and then opens the join page (not the platform's front page)."""
    with scopes_disabled():
        code = InviteCode.objects.create(neighbourhood=nb)
    join = f"/b/nijmegen-oost/join/?code={code.code}"
    sign_up(client, next_url=join)
    phone = Client()
    link = confirmation_link(mail.outbox[0])
    response = phone.post(link)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    response = phone.post(response["Location"], {"login": "els@example.nl", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == join


def test_a_link_to_another_site_is_not_followed_after_confirming(client, nb):
    sign_up(client, next_url="https://elders.example/")
    assert "next=" not in confirmation_link(mail.outbox[0])


def test_the_log_in_message_ends_with_one_full_stop(client):
    user = UserFactory(first_name="Els", last_name="Bakker")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "wachtwoord-123"}, follow=True
    )
    page = response.content.decode()
    assert "Je bent ingelogd als Els B.<" in page or "Je bent ingelogd als Els B.\n" in page
    assert "Els B.." not in page


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<script.*?</script>|<style.*?</style>|<header.*?</header>", "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# The site says "je" and "Inloggen"/"Account maken"; allauth's and Django's Dutch say "u/uw",
# "Aanmelden" (for logging in!), "Registreren" and "Bevestigings e-mail".
FORMAL_OR_LIBRARY = re.compile(
    r"\b(u|U|uw|Uw|a\.u\.b\.|Aanmelden|Registreren|Bevestigings|verificatie)\b|This password"
)


def test_the_pages_of_joining_and_logging_in_say_je_in_the_words_of_the_site(client):
    pages = {}
    for url in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        pages[url] = client.get(url).content.decode()
    pages["too short"] = client.post(
        "/accounts/signup/",
        {"first_name": "Els", "email": "els@example.nl", "password1": "1234", "password2": "1"},
    ).content.decode()
    sign_up(client)
    pages["sent"] = client.get("/accounts/confirm-email/").content.decode()
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    for url in ("/accounts/password/change/", "/accounts/email/", "/accounts/logout/"):
        pages[url] = client.get(url).content.decode()
    for name, html in pages.items():
        text = visible_text(html)
        assert not FORMAL_OR_LIBRARY.search(text), (name, FORMAL_OR_LIBRARY.search(text))
    assert "Je wachtwoord moet minstens 8 tekens lang zijn." in visible_text(pages["too short"])
    assert "Dit wachtwoord is te kort." in visible_text(pages["too short"])
    assert re.search(r"<h1[^>]*>\s*Inloggen\s*</h1>", pages["/accounts/login/"])
    assert "Bevestig je e-mailadres" in pages["sent"]
