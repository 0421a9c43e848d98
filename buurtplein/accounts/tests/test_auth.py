"""Sign-up, e-mail verification, log-in limits, two-step log-in for staff, language choice."""

import os
import re
import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail

from buurtplein.accounts.models import User
from buurtplein.accounts.tests.factories import UserFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member

pytestmark = pytest.mark.django_db


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_sign_up_verify_e_mail_and_log_in(client):
    response = client.post(
        "/accounts/signup/",
        {
            "first_name": "Noor",
            "last_name": "Haddad",
            "email": "noor@example.nl",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="noor@example.nl")
    assert user.display_name == "Noor H."
    assert hasattr(user, "profile")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    client.post(path)
    assert EmailAddress.objects.get(email="noor@example.nl").verified
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "noor@example.nl", "password": "een-lang-wachtwoord-42"}
    )
    assert response.status_code == 302


def test_after_log_in_a_member_lands_in_their_neighbourhood(client):
    nb = NeighbourhoodFactory(slug="ooij", pc4="6576")
    user = verified(member(nb))
    response = client.post("/accounts/login/", {"login": user.email, "password": "wachtwoord-123"})
    assert response["Location"] == "/b/ooij/"


def test_a_wrong_password_gets_a_clear_dutch_message(client):
    user = verified(UserFactory())
    response = client.post("/accounts/login/", {"login": user.email, "password": "fout"})
    assert response.status_code == 200
    assert "niet correct" in response.content.decode()


def test_repeated_failed_log_ins_are_refused_without_a_500(client):
    user = verified(UserFactory())
    statuses = [
        client.post("/accounts/login/", {"login": user.email, "password": f"fout-{i}"}).status_code
        for i in range(8)
    ]
    assert 500 not in statuses
    # The right password no longer gets in during the block.
    response = client.post("/accounts/login/", {"login": user.email, "password": "wachtwoord-123"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 300  # the longest period of "login_failed"
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "te veel" in page.lower()
    assert user.email in page  # the form is shown again with what was typed


def test_a_wrong_password_before_the_lock_out_is_no_429(client):
    user = verified(UserFactory())
    for _attempt in range(4):
        response = client.post("/accounts/login/", {"login": user.email, "password": "fout"})
        assert response.status_code == 200
        assert "Retry-After" not in response


@pytest.mark.parametrize("role", [Role.CONNECTOR, Role.PROFESSIONAL, Role.ADMIN])
def test_roles_must_set_up_two_step_log_in_when_required(client, settings, role):
    """Buurtverbinders approve newcomers and make invite codes: like professionals and admins
    they set up two-step log-in first (in production; the demo relaxes it)."""
    settings.BUURTPLEIN_REQUIRE_MFA_FOR_STAFF = True
    nb = NeighbourhoodFactory(slug="oost")
    professional = member(nb, role=role)
    resident = member(nb)
    client.force_login(professional)
    response = client.get("/b/oost/")
    assert response.status_code == 302 and "/accounts/2fa/totp/activate" in response["Location"]
    Authenticator.objects.create(user=professional, type=Authenticator.Type.TOTP, data={})
    assert client.get("/b/oost/").status_code == 200
    client.force_login(resident)
    assert client.get("/b/oost/").status_code == 200


def test_the_two_step_rule_counts_a_role_anywhere_and_is_read_with_the_membership(client, settings):
    """A buurtverbinder of one neighbourhood needs the app on every neighbourhood's pages: where
    they are a resident (the answer read beside the request's membership, no query of its own)
    and where they are no member (the check's own query)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from buurtplein.core.tests.factories import MembershipFactory

    settings.BUURTPLEIN_REQUIRE_MFA_FOR_STAFF = True
    oost, west = NeighbourhoodFactory(slug="oost"), NeighbourhoodFactory(slug="west")
    NeighbourhoodFactory(slug="noord")
    connector = member(oost, role=Role.CONNECTOR)
    MembershipFactory(neighbourhood=west, user=connector, role=Role.RESIDENT)
    client.force_login(connector)
    for slug in ("oost", "west", "noord"):
        response = client.get(f"/b/{slug}/")
        assert response.status_code == 302 and "/accounts/2fa/totp/activate" in response["Location"]
    Authenticator.objects.create(user=connector, type=Authenticator.Type.TOTP, data={})
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/b/west/").status_code == 200
    asked = [q["sql"] for q in queries.captured_queries if "mfa_authenticator" in q["sql"]]
    assert len(asked) == 1 and '"core_membership"."neighbourhood_id"' in asked[0]
    assert client.get("/b/noord/").status_code == 200


def test_the_demo_relaxes_two_step_log_in_and_says_so(client, settings):
    settings.BUURTPLEIN_REQUIRE_MFA_FOR_STAFF = False
    nb = NeighbourhoodFactory(slug="oost")
    client.force_login(member(nb, role=Role.ADMIN))
    assert client.get("/b/oost/").status_code == 200
    assert "niet verplicht" in client.get("/me/").content.decode()


def test_language_choice_is_remembered_on_the_account(client):
    user = UserFactory()
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"
    # Another device (no cookie) shows English too.
    other = type(client)()
    other.force_login(user)
    assert "Your account" in other.get("/me/").content.decode()


def test_visitors_get_dutch_even_with_an_english_browser(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert "Vind je buurt met je postcode" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Find your neighbourhood with your postcode" in client.get("/").content.decode()


def test_password_reset_by_e_mail(client):
    user = verified(UserFactory())
    client.post("/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    response = client.post(
        form_path, {"password1": "nieuw-wachtwoord-77", "password2": "nieuw-wachtwoord-77"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("nieuw-wachtwoord-77")


def test_everyone_can_open_two_step_log_in(client):
    user = verified(UserFactory())
    client.post("/accounts/login/", {"login": user.email, "password": "wachtwoord-123"})
    assert client.get("/accounts/2fa/").status_code == 200
    # Setting it up asks for the password once more (allauth's reauthentication).
    response = client.get("/accounts/2fa/totp/activate/")
    assert "reauthenticate" in response["Location"]
    client.post(response["Location"], {"password": "wachtwoord-123"})
    page = client.get("/accounts/2fa/totp/activate/").content.decode()
    assert "<svg" in page or "data:image" in page  # the QR code to scan


def test_the_language_cookie_is_lax_and_hidden_from_scripts(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    cookie = response.cookies["django_language"]
    assert cookie.value == "en"
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True
    # Over plain HTTP (the embedded demo) it is not "Secure", or the browser would drop it.
    assert not cookie["secure"]


@pytest.mark.parametrize("insecure_http", ["", "1"])
def test_in_production_the_language_cookie_is_secure_like_the_session_cookie(insecure_http):
    """Production settings (``DATABASE_URL`` set) mark the language cookie ``Secure`` together
    with the session cookie, unless ``BUURTPLEIN_INSECURE_HTTP`` says there is no HTTPS."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("BUURTPLEIN_", "DJANGO_", "DATABASE_", "REDIS_"))
    }
    env |= {
        "DATABASE_URL": "postgres://nobody:secret@127.0.0.1:1/none",
        "DJANGO_SECRET_KEY": "x" * 50,
        "BUURTPLEIN_INSECURE_HTTP": insecure_http,
    }
    code = (
        "from buurtplein.config import settings as s; "
        "print(s.SESSION_COOKIE_SECURE if hasattr(s, 'SESSION_COOKIE_SECURE') else False, "
        "getattr(s, 'LANGUAGE_COOKIE_SECURE', False), s.LANGUAGE_COOKIE_SAMESITE)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    secure = str(not insecure_http)
    assert out == [secure, secure, "Lax"]
