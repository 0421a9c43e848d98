"""Permission matrix of the information pages: every URL × role × own/other neighbourhood."""

import pytest

from buurtplein.core.tests.matrix import RESIDENT, Row, cases, check_row, statuses
from buurtplein.infopages.models import Visibility
from buurtplein.infopages.tests.factories import InfoPageFactory

EVERYONE = statuses(200, 200, 200)
MEMBERS = statuses(302, 403, 200)
EDITORS = statuses(302, 403, 403, connector=200, professional=200, admin=200)
EDITORS_POST = statuses(302, 403, 403, connector=302, professional=302, admin=302)
# In the other neighbourhood nobody of the world has a role: log-in for anonymous, else 403
# (before any page is looked up, so nothing of the other neighbourhood is revealed).
OTHER = statuses(302, 403, 403)


def page_of(attribute):
    def kwargs(world, where):
        return {"slug": getattr(world, attribute if where == "own" else "other_page").slug}

    return kwargs


def version_of(attribute):
    def kwargs(world, where):
        page = getattr(world, attribute if where == "own" else "other_page")
        return {"slug": page.slug, "number": 1}

    return kwargs


ROWS = [
    Row("infopages:index", expect=EVERYONE),
    Row("infopages:create", expect=EDITORS, expect_other=OTHER),
    # A public page: everyone reads it, here and in the other neighbourhood.
    Row("infopages:page", kwargs=page_of("public_page"), expect=EVERYONE),
    # A page for neighbours only: outsiders get a neutral preview (also 200, nothing shown).
    Row("infopages:page", kwargs=page_of("members_page"), expect=EVERYONE),
    Row("infopages:edit", kwargs=page_of("members_page"), expect=EDITORS, expect_other=OTHER),
    Row("infopages:check", kwargs=page_of("public_page"), expect=EDITORS, expect_other=OTHER),
    Row(
        "infopages:check",
        method="post",
        kwargs=page_of("public_page"),
        expect=EDITORS_POST,
        expect_other=OTHER,
    ),
    # The history is open to verified members (transparency), not to visitors.
    Row("infopages:history", kwargs=page_of("public_page"), expect=MEMBERS, expect_other=OTHER),
    Row(
        "infopages:version",
        kwargs=version_of("public_page"),
        expect=MEMBERS,
        expect_other=OTHER,
    ),
    Row(
        "infopages:restore",
        method="post",
        kwargs=lambda w, where: {
            "slug": (w.edited_page if where == "own" else w.other_page).slug,
            "number": 1,
        },
        expect=EDITORS_POST,
        expect_other=OTHER,
    ),
    Row("infopages:settings", kwargs=page_of("public_page"), expect=EDITORS, expect_other=OTHER),
    Row(
        "infopages:reorder",
        method="post",
        kwargs=page_of("public_page"),
        data=lambda w, where: {"direction": "down"},
        expect=EDITORS_POST,
        expect_other=OTHER,
    ),
    # Only buurtverbinders and admins delete.
    Row(
        "infopages:delete",
        kwargs=page_of("public_page"),
        expect=statuses(302, 403, 403, connector=200, professional=403, admin=200),
        expect_other=OTHER,
    ),
]


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    w.public_page = InfoPageFactory(neighbourhood=w.own, title="Afval", slug="afval")
    InfoPageFactory(neighbourhood=w.own, title="Parkeren", slug="parkeren")
    w.members_page = InfoPageFactory(
        neighbourhood=w.own,
        title="Sleutel speeltuin",
        slug="sleutel",
        visibility=Visibility.MEMBERS,
    )
    # A page with a second version, so every editor can restore version 1.
    w.edited_page = InfoPageFactory(neighbourhood=w.own, title="Buurthuis", slug="buurthuis")
    from django_scopes import scope

    from buurtplein.infopages import actions

    with scope(neighbourhood=w.own):
        actions.page_update(
            actor=w.users[RESIDENT],
            page=w.edited_page,
            base_version=1,
            title="Buurthuis De Lindenberg",
            body="Open op werkdagen.",
        )
    w.other_page = InfoPageFactory(neighbourhood=w.other, title="Afval", slug="afval")
    return w


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_infopages_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
