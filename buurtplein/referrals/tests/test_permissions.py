"""Permission matrix of referrals: every URL × role × own/other neighbourhood.

The world: the matrix organisation (staff: the resident) receives a referral the professional
made about the buurtverbinder (a member); a second organisation (staff: the admin) has its own
referral and referral link. Another organisation's staff never see a referral or its inbox
entries, and nothing of the other neighbourhood is seen from here.
"""

from types import SimpleNamespace

import pytest
from django_scopes import scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.matrix import (
    ADMIN,
    CONNECTOR,
    PROFESSIONAL,
    RESIDENT,
    Row,
    cases,
    check_row,
    statuses,
)
from buurtplein.referrals.models import ConsentHow, Route, State
from buurtplein.referrals.tests.factories import (
    ReferralFactory,
    ReferralLinkFactory,
    ServiceFactory,
)

# Referrers: professional, buurtverbinder, admin. Staff: the resident (matrix organisation)
# and the admin (second organisation).
REFERRERS = statuses(302, 403, 403, 200, 200, 200)
MEMBERS = statuses(302, 403, 200)
STAFF = statuses(302, 403, 200, 403, 403, 200)
# Pages in the other neighbourhood: the people of "own" are nobody there.
OTHER = statuses(302, 403, 403)


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    with scopes_disabled():
        w.organisation.staff.add(w.users[RESIDENT])
        second = OrganisationFactory(name="Tweede organisatie")
        second.neighbourhoods.add(w.own)
        second.staff.add(w.users[ADMIN])
        service = ServiceFactory(neighbourhood=w.own, organisation=w.organisation)
        second_service = ServiceFactory(neighbourhood=w.own, organisation=second)
        other_org = OrganisationFactory(name="Elders")
        other_org.neighbourhoods.add(w.other)
        other_service = ServiceFactory(neighbourhood=w.other, organisation=other_org)
        referral = ReferralFactory(
            neighbourhood=w.own,
            service=service,
            referrer=w.users[PROFESSIONAL],
            person=w.users[CONNECTOR],
            person_name="",
        )
        second_referral = ReferralFactory(
            neighbourhood=w.own, service=second_service, referrer=w.users[PROFESSIONAL]
        )
        other_referral = ReferralFactory(neighbourhood=w.other, service=other_service)
        accepted = ReferralFactory(
            neighbourhood=w.own,
            service=service,
            referrer=w.users[PROFESSIONAL],
            state=State.ACCEPTED,
        )
        link = ReferralLinkFactory(neighbourhood=w.own, organisation=w.organisation)
        # Welzijn op recept: through the link, no referrer or person with an account.
        by_link = ReferralFactory(
            neighbourhood=w.own,
            service=None,
            organisation=w.organisation,
            route=Route.LINK,
            link=link,
            consent_how=ConsentHow.OUTSIDE,
        )
        second_link = ReferralLinkFactory(neighbourhood=w.own, organisation=second)
        other_link = ReferralLinkFactory(neighbourhood=w.other, organisation=other_org)
    w.referrals = SimpleNamespace(
        service=service,
        other_service=other_service,
        referral=referral,
        second_referral=second_referral,
        other_referral=other_referral,
        accepted=accepted,
        by_link=by_link,
        link=link,
        second_link=second_link,
        other_link=other_link,
    )
    return w


def _pick(own, other):
    return lambda w, where: {"pk": (own if where == "own" else other)(w.referrals).pk}


REFERRAL = _pick(lambda r: r.referral, lambda r: r.other_referral)
SECOND = _pick(lambda r: r.second_referral, lambda r: r.other_referral)
ACCEPTED = _pick(lambda r: r.accepted, lambda r: r.other_referral)
BY_LINK = _pick(lambda r: r.by_link, lambda r: r.other_referral)


def _token(w, where):
    return {"token": (w.referrals.link if where == "own" else w.referrals.other_link).token}


def _service(w, where):
    return f"service={(w.referrals.service if where == 'own' else w.referrals.other_service).pk}"


# Who sees the referral (about the buurtverbinder, by the professional, to the resident's
# organisation): the resident (staff), the buurtverbinder (the person), the professional (the
# referrer) — not the admin (a neighbourhood admin), who works for the second organisation.
SEEN = statuses(302, 403, 200, 200, 200, 404)
SECOND_SEEN = statuses(302, 403, 404, 404, 200, 200)

ROWS = [
    Row("referrals:list", expect=REFERRERS, expect_other=OTHER),
    Row("referrals:new", expect=REFERRERS, expect_other=OTHER),
    Row(
        "referrals:new",
        query="service=0",
        expect=statuses(302, 403, 403, 404, 404, 404),
        expect_other=OTHER,
        ids=["unknown service"],
    ),
    Row(
        "referrals:inbox",
        expect=STAFF,
        expect_other=OTHER,
    ),
    Row("referrals:mine", expect=MEMBERS, expect_other=OTHER),
    Row("referrals:settings", expect=STAFF, expect_other=OTHER),
    Row(
        "referrals:link_create",
        method="post",
        data=lambda w, where: {"organisation": str(w.organisation.pk), "label": ""},
        expect=statuses(302, 403, 400, 403, 403, 400),
        expect_other=OTHER,
    ),
    Row(
        "referrals:link_revoke",
        method="post",
        kwargs=_pick(lambda r: r.second_link, lambda r: r.other_link),
        expect=statuses(302, 403, 404, 403, 403, 302),
        expect_other=OTHER,
    ),
    Row(
        "referrals:coordinator",
        method="post",
        data=lambda w, where: {"organisation": str(w.organisation.pk), "user": "0", "on": "1"},
        expect=statuses(302, 403, 302, 403, 403, 404),
        expect_other=OTHER,
    ),
    # The public form of a referral link: anyone with the link, in its own neighbourhood…
    Row("referrals:link", kwargs=_token, expect=statuses(200, 200, 200)),
    # …and nowhere else (the token is looked up in the neighbourhood the URL names).
    Row(
        "referrals:link",
        kwargs=lambda w, where: {"token": w.referrals.link.token},
        expect=statuses(200, 200, 200),
        expect_other=statuses(404, 404, 404),
        ids=["own link elsewhere"],
    ),
    Row("referrals:referral", kwargs=REFERRAL, expect=SEEN, expect_other=OTHER),
    Row(
        "referrals:referral",
        kwargs=SECOND,
        expect=SECOND_SEEN,
        expect_other=OTHER,
        ids=["second organisation"],
    ),
    Row(
        "referrals:withdraw",
        method="post",
        kwargs=REFERRAL,
        # The person and the referrer withdraw; the receiving staff may see, not withdraw.
        expect=statuses(302, 403, 403, 302, 302, 404),
        expect_other=OTHER,
    ),
    Row(
        "referrals:withdraw",
        method="post",
        kwargs=BY_LINK,
        # Through a link nobody with an account gave the consent: the receiving staff withdraw
        # it for the resident who phones them.
        expect=statuses(302, 403, 302, 404, 404, 404),
        expect_other=OTHER,
        ids=["through a link"],
    ),
    Row(
        "referrals:answer",
        method="post",
        kwargs=REFERRAL,
        data=lambda w, where: {"answer": "decline", "reason": "Onze wachtlijst is vol."},
        # Only the receiving staff decline; the person and the referrer see the answer.
        expect=statuses(302, 403, 302, 403, 403, 404),
        expect_other=OTHER,
        ids=["decline"],
    ),
    Row(
        "referrals:answer",
        method="post",
        kwargs=REFERRAL,
        data=lambda w, where: {"answer": "accept"},
        expect=statuses(302, 403, 302, 403, 403, 404),
        expect_other=OTHER,
    ),
    Row(
        "referrals:answer",
        method="post",
        kwargs=SECOND,
        data=lambda w, where: {"answer": "accept"},
        expect=statuses(302, 403, 404, 403, 403, 302),
        expect_other=OTHER,
        ids=["second organisation"],
    ),
    Row(
        "referrals:progress",
        method="post",
        kwargs=REFERRAL,
        data=lambda w, where: {"step": "contact"},
        # Not accepted yet: nobody may record progress.
        expect=statuses(302, 403, 403, 403, 403, 404),
        expect_other=OTHER,
    ),
    Row(
        "referrals:progress",
        method="post",
        kwargs=ACCEPTED,
        data=lambda w, where: {"step": "contact"},
        # Accepted: the receiving staff record contact; the referrer sees, never records.
        expect=statuses(302, 403, 302, 403, 403, 404),
        expect_other=OTHER,
        ids=["accepted"],
    ),
]


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_referrals_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
