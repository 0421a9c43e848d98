"""Permission matrix of feedback: every URL × role × own/other neighbourhood.

The world: the matrix organisation (staff: the professional) has a complaint from the resident;
a second organisation (staff: the buurtverbinder) has one from a person without an account;
the platform has one (owned by the admin). Another organisation's staff never see a complaint
or the answers about another organisation, the neighbourhood's admins see only the platform's,
and nothing of the other neighbourhood is seen from here.
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
from buurtplein.feedback.tests.factories import AnswerFactory, ComplaintFactory


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    with scopes_disabled():
        w.organisation.staff.add(w.users[PROFESSIONAL])
        second = OrganisationFactory(name="Tweede organisatie")
        second.neighbourhoods.add(w.own)
        second.staff.add(w.users[CONNECTOR])
        complaint = ComplaintFactory(
            neighbourhood=w.own,
            organisation=w.organisation,
            person=w.users[RESIDENT],
            name="",
            email="",
            text="Klacht over de eerste",
        )
        second_complaint = ComplaintFactory(
            neighbourhood=w.own, organisation=second, text="Klacht over de tweede"
        )
        platform = ComplaintFactory(neighbourhood=w.own, organisation=None, text="Over de site")
        other = ComplaintFactory(neighbourhood=w.other, organisation=None)
        AnswerFactory(neighbourhood=w.own, organisation=w.organisation, text="Eerste zin")
        AnswerFactory(neighbourhood=w.own, organisation=second, text="Tweede zin")
        AnswerFactory(neighbourhood=w.own, organisation=None, text="Zin over de site")
    w.feedback = SimpleNamespace(
        complaint=complaint, second=second_complaint, platform=platform, other=other
    )
    return w


def _pick(name):
    return lambda w, where: {
        "pk": (getattr(w.feedback, name) if where == "own" else w.feedback.other).pk
    }


MEMBERS = statuses(302, 403, 200)
OTHER = statuses(302, 403, 403)
EVERYONE = statuses(200, 200, 200)
# The complaint about the matrix organisation: the resident (who made it) and the professional
# (its staff); not the buurtverbinder (another organisation), not the admin.
FIRST_SEEN = statuses(302, 403, 200, 404, 200, 404)
# The owner's steps: the professional only; the resident sees it but may not handle it.
FIRST_HANDLED = statuses(302, 403, 403, 404, 400, 404)

ROWS = [
    Row("feedback:complaints", expect=MEMBERS, expect_other=OTHER),
    Row("feedback:complaint_new", expect=EVERYONE),
    Row("feedback:complaint", kwargs=_pick("complaint"), expect=FIRST_SEEN, expect_other=OTHER),
    Row(
        "feedback:complaint",
        kwargs=_pick("second"),
        expect=statuses(302, 403, 404, 200, 404, 404),
        expect_other=OTHER,
        ids=["second organisation"],
    ),
    Row(
        "feedback:complaint",
        kwargs=_pick("platform"),
        expect=statuses(302, 403, 404, 404, 404, 200),
        expect_other=OTHER,
        ids=["about the platform"],
    ),
    Row(
        "feedback:acknowledge",
        method="post",
        kwargs=_pick("complaint"),
        data=lambda w, where: {"deadline": "not a date"},
        expect=FIRST_HANDLED,
        expect_other=OTHER,
    ),
    Row(
        "feedback:deadline",
        method="post",
        kwargs=_pick("complaint"),
        expect=FIRST_HANDLED,
        expect_other=OTHER,
    ),
    Row("feedback:note", method="post", kwargs=_pick("complaint"), expect=FIRST_HANDLED,
        expect_other=OTHER),
    Row("feedback:close", method="post", kwargs=_pick("complaint"), expect=FIRST_HANDLED,
        expect_other=OTHER),
    # The status page of a person without an account: anyone with the link, in its own
    # neighbourhood only.
    Row(
        "feedback:status",
        kwargs=lambda w, where: {"token": w.feedback.second.token},
        expect=EVERYONE,
        expect_other=statuses(404, 404, 404),
    ),
    Row(
        "feedback:answers",
        expect=statuses(302, 403, 403, 200, 200, 200),
        expect_other=OTHER,
    ),
    # Anyone answers where a page asks (an empty answer is shown again to be filled in).
    Row("feedback:answer", method="post", expect=statuses(400, 400, 400)),
    Row("feedback:thanks", expect=statuses(302, 302, 302)),
]  # fmt: skip


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_matrix(client, world, row, role, where):
    check_row(client, world, row, role, where)


@pytest.mark.parametrize(
    ("role", "seen", "unseen"),
    [
        (PROFESSIONAL, "Eerste zin", ("Tweede zin", "Zin over de site")),
        (CONNECTOR, "Tweede zin", ("Eerste zin", "Zin over de site")),
        (ADMIN, "Zin over de site", ("Eerste zin", "Tweede zin")),
    ],
)
def test_an_organisation_reads_only_the_answers_about_itself(client, world, role, seen, unseen):
    client.force_login(world.users[role])
    page = client.get(f"/b/{world.own.slug}/feedback/answers/").content.decode()
    assert seen in page
    for sentence in unseen:
        assert sentence not in page
    # Asking for another organisation's answers shows one's own.
    second = f"/b/{world.own.slug}/feedback/answers/?organisation=platform"
    if role != ADMIN:
        assert "Zin over de site" not in client.get(second).content.decode()


@pytest.mark.parametrize(
    ("role", "seen", "unseen"),
    [
        (PROFESSIONAL, "Klacht over de eerste", ("Klacht over de tweede", "Over de site")),
        (CONNECTOR, "Klacht over de tweede", ("Klacht over de eerste", "Over de site")),
        (ADMIN, "Over de site", ("Klacht over de eerste", "Klacht over de tweede")),
    ],
)
def test_the_owners_list_shows_only_their_complaints(client, world, role, seen, unseen):
    client.force_login(world.users[role])
    page = client.get(f"/b/{world.own.slug}/feedback/complaints/")
    # The list shows when and about whom, not the text: check through the detail links.
    pks = {
        "Klacht over de eerste": world.feedback.complaint.pk,
        "Klacht over de tweede": world.feedback.second.pk,
        "Over de site": world.feedback.platform.pk,
    }
    html = page.content.decode()
    assert f"/feedback/complaints/{pks[seen]}/" in html
    for text in unseen:
        assert f"/feedback/complaints/{pks[text]}/" not in html
