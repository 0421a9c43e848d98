"""Joining, verification, neighbours, profiles and invites, as people notice them."""

import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.models import Interest, InviteCode, VerificationLog
from buurtplein.accounts.tests.factories import UserFactory
from buurtplein.core.models import AuditEntry, Membership, Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


@pytest.fixture
def connector(nb):
    return member(nb, role=Role.CONNECTOR, first_name="Karim")


def invite(nb, **kwargs):
    with scopes_disabled():
        return InviteCode.objects.create(neighbourhood=nb, **kwargs)


def membership_of(user, nb):
    with scopes_disabled():
        return Membership.objects.filter(user=user, neighbourhood=nb).first()


def test_joining_with_an_invite_code_verifies_at_once(client, nb):
    code = invite(nb, max_uses=2)
    newcomer = UserFactory()
    client.force_login(newcomer)
    page = client.get(f"/b/{nb.slug}/join/?code={code.code}").content.decode()
    assert f'value="{code.code}"' in page  # the link fills in the code
    response = client.post(f"/b/{nb.slug}/join/", {"postcode": "6522 ab", "code": code.code})
    assert response.status_code == 302
    membership = membership_of(newcomer, nb)
    assert membership.is_verified and membership.postcode == "6522AB"
    with scope(neighbourhood=nb):
        log = VerificationLog.objects.get(membership=membership)
        code.refresh_from_db()
    assert log.method == "invite" and log.invite == code
    assert code.use_count == 1


def test_an_anonymous_visitor_with_an_invite_link_is_asked_to_sign_up_first(client, nb):
    code = invite(nb)
    response = client.get(f"/b/{nb.slug}/join/?code={code.code}")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/signup/?next=")
    assert code.code in response["Location"]


@pytest.mark.parametrize(
    ("postcode", "code_kwargs", "message"),
    [
        ("3825", {}, "Deze postcode hoort niet bij Nijmegen-Oost."),
        ("6522", {"max_uses": 1, "use_count": 1}, "Deze uitnodigingscode is al opgebruikt."),
        (
            "6522",
            {"expires_at": timezone.now() - timezone.timedelta(days=1)},
            "Deze uitnodigingscode is niet meer geldig.",
        ),
        ("6522", {"is_active": False}, "Deze uitnodigingscode klopt niet."),
    ],
)
def test_join_problems_get_a_clear_message_and_keep_what_was_typed(
    client, nb, postcode, code_kwargs, message
):
    code = invite(nb, **code_kwargs)
    client.force_login(UserFactory())
    response = client.post(f"/b/{nb.slug}/join/", {"postcode": postcode, "code": code.code})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'value="{postcode}"' in page and f'value="{code.code}"' in page


def test_a_wrong_code_is_not_accepted(client, nb):
    client.force_login(UserFactory())
    response = client.post(f"/b/{nb.slug}/join/", {"postcode": "6522", "code": "XXXX2222"})
    assert "Deze uitnodigingscode klopt niet." in response.content.decode()


def test_without_a_code_a_buurtverbinder_approves_and_the_person_gets_mail_in_their_language(
    client, nb, connector, django_capture_on_commit_callbacks
):
    newcomer = UserFactory(first_name="Ana", language="en")
    client.force_login(newcomer)
    client.post(f"/b/{nb.slug}/join/", {"postcode": "6522"})
    membership = membership_of(newcomer, nb)
    assert membership.status == Membership.Status.PENDING
    # Pending: the neighbours page is not open yet.
    assert client.get(f"/b/{nb.slug}/neighbours/").status_code == 403

    client.force_login(connector)
    assert "Ana" in client.get(f"/b/{nb.slug}/neighbours/pending/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/b/{nb.slug}/neighbours/pending/{membership.pk}/approve/")
    assert membership_of(newcomer, nb).is_verified
    with scopes_disabled():
        assert VerificationLog.objects.get(membership=membership).actor == connector
        assert AuditEntry.objects.filter(action="members.approve", actor=connector).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [newcomer.email]
    assert "Welcome to Nijmegen-Oost" in mail.outbox[0].subject

    client.force_login(newcomer)
    assert client.get(f"/b/{nb.slug}/neighbours/").status_code == 200


def test_declined_request_is_told_in_dutch(
    client, nb, connector, django_capture_on_commit_callbacks
):
    newcomer = UserFactory(language="nl")
    client.force_login(newcomer)
    client.post(f"/b/{nb.slug}/join/", {"postcode": "6522"})
    client.force_login(connector)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/b/{nb.slug}/neighbours/pending/{membership_of(newcomer, nb).pk}/reject/")
    assert membership_of(newcomer, nb).status == Membership.Status.REJECTED
    assert "Over je aanvraag" in mail.outbox[0].subject


def test_residents_see_how_neighbours_joined_but_not_who(client, nb, connector):
    resident = member(nb)
    for _ in range(2):
        user = UserFactory()
        code = invite(nb)
        client.force_login(user)
        client.post(f"/b/{nb.slug}/join/", {"postcode": "6522", "code": code.code})
    client.force_login(resident)
    page = client.get(f"/b/{nb.slug}/neighbours/").content.decode()
    assert "2 met een uitnodigingscode" in page


def test_profile_fields_follow_their_visibility(client, nb):
    gardening = Interest.objects.get(slug="gardening")
    owner = member(nb, first_name="Henk", last_name="Smit")
    profile = owner.profile
    profile.street = "Berg en Dalseweg"
    profile.intro = "Ik woon hier al 30 jaar."
    profile.visibility = {**profile.visibility, "street": "verified", "intro": "everyone"}
    profile.save()
    profile.interests.add(gardening)
    path = f"/b/{nb.slug}/neighbours/{owner.pk}/"

    anonymous = client.get(path).content.decode()
    assert "Henk S." in anonymous and "30 jaar" in anonymous
    assert "Berg en Dalseweg" not in anonymous and "Tuinieren" not in anonymous

    client.force_login(member(nb, status=Membership.Status.PENDING))
    pending = client.get(path).content.decode()
    assert "Tuinieren" in pending and "Berg en Dalseweg" not in pending

    client.force_login(member(nb))
    verified = client.get(path).content.decode()
    assert "Tuinieren" in verified and "Berg en Dalseweg" in verified


def test_a_profile_is_not_found_in_a_neighbourhood_the_person_does_not_belong_to(client, nb):
    other = NeighbourhoodFactory(slug="liendert", pc4="3825")
    outsider = member(other)
    client.force_login(member(nb))
    assert client.get(f"/b/{nb.slug}/neighbours/{outsider.pk}/").status_code == 404
    # ...and a member elsewhere cannot list our neighbours.
    client.force_login(outsider)
    assert client.get(f"/b/{nb.slug}/neighbours/").status_code == 403


def test_neighbours_who_share_interests_are_shown_on_the_home(client, nb):
    gardening, cooking = Interest.objects.filter(slug__in=["gardening", "cooking"])
    me = member(nb, first_name="Els")
    twin = member(nb, first_name="Fatima")
    stranger = member(nb, first_name="Pieter")
    me.profile.interests.add(gardening, cooking)
    twin.profile.interests.add(gardening)
    stranger.profile.interests.add(Interest.objects.get(slug="bridge"))
    client.force_login(me)
    page = client.get(f"/b/{nb.slug}/").content.decode()
    assert "Buren met dezelfde interesses" in page
    section = page[page.index("Buren met dezelfde interesses") :]
    assert "Fatima" in section and "Pieter" not in section


def test_connector_makes_an_invite_code_and_prints_it_with_a_qr_code(client, nb, connector):
    client.force_login(connector)
    client.post(f"/b/{nb.slug}/neighbours/invites/", {"note": "Oude Kleefsebaan", "max_uses": 10})
    with scope(neighbourhood=nb):
        code = InviteCode.objects.get()
    assert code.max_uses == 10 and code.created_by == connector
    card = client.get(f"/b/{nb.slug}/neighbours/invites/{code.pk}/").content.decode()
    assert code.code in card and "<svg" in card and f"join/?code={code.code}" in card
    client.post(f"/b/{nb.slug}/neighbours/invites/{code.pk}/stop/")
    with scope(neighbourhood=nb):
        code.refresh_from_db()
    assert not code.is_usable


def test_admin_changes_a_role_and_it_is_logged(client, nb):
    admin = member(nb, role=Role.ADMIN)
    resident = member(nb)
    client.force_login(admin)
    membership = membership_of(resident, nb)
    client.post(f"/b/{nb.slug}/neighbours/role/{membership.pk}/", {"role": "buurtverbinder"})
    assert membership_of(resident, nb).role == Role.CONNECTOR
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="members.role")
    assert entry.data == {"from": "resident", "to": "buurtverbinder"}


def test_a_professional_needs_an_organisation(client, nb):
    admin = member(nb, role=Role.ADMIN)
    resident = member(nb)
    client.force_login(admin)
    membership = membership_of(resident, nb)
    response = client.post(
        f"/b/{nb.slug}/neighbours/role/{membership.pk}/", {"role": "professional"}, follow=True
    )
    assert "Een professional werkt voor een organisatie" in response.content.decode()
    assert membership_of(resident, nb).role == Role.RESIDENT


def test_profile_photo_is_stripped_and_resized(client, nb):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from buurtplein.core.tests.factories import jpeg_bytes

    user = member(nb, first_name="Henk")
    client.force_login(user)
    response = client.post(
        "/me/profile/",
        {
            "first_name": "Henk",
            "photo": SimpleUploadedFile(
                "me.jpg", jpeg_bytes((1600, 1200)), content_type="image/jpeg"
            ),
            **{
                f"visibility_{f}": "neighbours"
                for f in ["photo", "intro", "interests", "skills", "languages", "street"]
            },
        },
    )
    assert response.status_code == 302
    user.profile.refresh_from_db()
    for field in (user.profile.photo, user.profile.photo_small):
        with Image.open(field.path) as stored:
            assert not stored.getexif()
            assert max(stored.size) <= 600


def test_a_house_number_in_the_street_is_refused_and_the_rest_kept(client, nb):
    user = member(nb)
    client.force_login(user)
    response = client.post(
        "/me/profile/",
        {
            "first_name": "Els",
            "intro": "Ik tuinier graag.",
            "street": "Javastraat 12",
            **{
                f"visibility_{f}": "neighbours"
                for f in ["photo", "intro", "interests", "skills", "languages", "street"]
            },
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "laat het huisnummer weg" in page and "Ik tuinier graag." in page


def test_outsiders_do_not_find_who_lives_here_unless_the_person_chose_so(client, nb):
    private = member(nb, first_name="Karin")
    open_person = member(nb, first_name="Joost")
    open_person.profile.visibility = {**open_person.profile.visibility, "intro": "everyone"}
    open_person.profile.save()
    professional = member(nb, role=Role.PROFESSIONAL, first_name="Sanne")
    assert client.get(f"/b/{nb.slug}/neighbours/{private.pk}/").status_code == 404
    assert client.get(f"/b/{nb.slug}/neighbours/{open_person.pk}/").status_code == 200
    assert client.get(f"/b/{nb.slug}/neighbours/{professional.pk}/").status_code == 200
    client.force_login(member(nb))
    assert client.get(f"/b/{nb.slug}/neighbours/{private.pk}/").status_code == 200
