"""Permission matrix of keeping the sociale kaart current (``freshness_views``): every URL ×
role × own/other neighbourhood. The professional of the matrix world is staff of the owning
organisation; buurtverbinders and admins keep every service of their neighbourhood."""

import pytest

from buurtplein.core.tests.matrix import PROFESSIONAL, Row, cases, check_row, statuses

# The "klopt dit nog?" link works for whoever holds it (it was e-mailed to one who keeps the
# service); in another neighbourhood it does not fit: 410.
LINK = statuses(200, 200, 200)
LINK_POSTED = statuses(302, 302, 302)
LINK_OTHER = statuses(410, 410, 410)
KEEPERS = statuses(302, 403, 403, connector=200, professional=200)
KEEPERS_POSTED = statuses(302, 403, 403, connector=302, professional=302)
NOBODY_ELSEWHERE = statuses(302, 403, 403)
MEMBERS = statuses(302, 403, 200)
MEMBERS_POSTED = statuses(302, 403, 302)


def service(w, where):
    return {"pk": (w.service if where == "own" else w.other_service).pk}


def token(w, where):
    return {"token": w.token}


def all_token(w, where):
    return {"token": w.all_token}


def feedback(w, where):
    return {"pk": (w.feedback if where == "own" else w.other_feedback).pk}


ROWS = [
    Row("socialmap:check", kwargs=token, expect=LINK, expect_other=LINK_OTHER),
    Row(
        "socialmap:check",
        kwargs=token,
        method="post",
        expect=LINK_POSTED,
        expect_other=LINK_OTHER,
    ),
    # The link for the whole list of one e-mail: the same, for the services it names.
    Row("socialmap:check_all", kwargs=all_token, expect=LINK, expect_other=LINK_OTHER),
    Row(
        "socialmap:check_all",
        kwargs=all_token,
        method="post",
        expect=LINK_POSTED,
        expect_other=LINK_OTHER,
    ),
    Row("socialmap:confirm", kwargs=service, expect=KEEPERS, expect_other=NOBODY_ELSEWHERE),
    Row(
        "socialmap:confirm",
        kwargs=service,
        method="post",
        expect=KEEPERS_POSTED,
        expect_other=NOBODY_ELSEWHERE,
    ),
    Row("socialmap:correct", kwargs=service, expect=MEMBERS, expect_other=NOBODY_ELSEWHERE),
    Row(
        "socialmap:correct",
        kwargs=service,
        method="post",
        data=lambda w, where: {"text": "Het spreekuur is nu op donderdag."},
        expect=MEMBERS_POSTED,
        expect_other=NOBODY_ELSEWHERE,
    ),
    Row(
        "socialmap:correction_handled",
        kwargs=feedback,
        method="post",
        expect=KEEPERS_POSTED,
        expect_other=NOBODY_ELSEWHERE,
    ),
    Row(
        "socialmap:correction_handled",
        kwargs=feedback,
        expect=statuses(405, 405, 405),
    ),
]


@pytest.fixture(scope="module")
def world(matrix_world):
    from buurtplein.accounts.tests.factories import OrganisationFactory
    from buurtplein.socialmap import freshness
    from buurtplein.socialmap.tests.factories import (
        ServiceFactory,
        ServiceFeedbackFactory,
        staff_of,
    )

    w = matrix_world
    staff_of(w.organisation, w.users[PROFESSIONAL])
    w.service = ServiceFactory(neighbourhood=w.own, organisation=w.organisation)
    w.token = freshness.confirm_token(w.service, w.users[PROFESSIONAL])
    second = ServiceFactory(neighbourhood=w.own, organisation=w.organisation)
    w.all_token = freshness.confirm_all_token([w.service, second], w.users[PROFESSIONAL])
    w.feedback = ServiceFeedbackFactory(service=w.service)
    elsewhere = staff_of(OrganisationFactory(), w.other_resident, neighbourhood=w.other)
    w.other_service = ServiceFactory(neighbourhood=w.other, organisation=elsewhere)
    w.other_feedback = ServiceFeedbackFactory(service=w.other_service)
    return w


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_socialmap_freshness_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
