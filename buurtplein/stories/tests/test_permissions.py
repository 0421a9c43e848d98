"""Permission matrix of stories: every URL × role × own/other neighbourhood.

The world: a published story (nobody in it), a resident's story waiting for review (told by
the buurtverbinder), a story of the matrix organisation (staff: the resident) and one of a
second organisation (staff: the admin), both waiting; a story the professional told with the
resident in it, not yet agreed; a consent on paper with its secret link; a recommendation of
the matrix organisation waiting for its staff. An organisation never sees another's
unpublished stories; nothing of the other neighbourhood is seen from here.
"""

from types import SimpleNamespace

import pytest
from django_scopes import scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.factories import member
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
from buurtplein.stories.models import ConsentHow, State, digest
from buurtplein.stories.tests.factories import ConsentFactory, StoryFactory, TestimonialFactory

SECRET = "geheim-voor-de-matrix"
MEMBERS = statuses(302, 403, 200)
OTHER = statuses(302, 403, 403)


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    with scopes_disabled():
        w.organisation.staff.add(w.users[RESIDENT])
        second = OrganisationFactory(name="Tweede organisatie")
        second.neighbourhoods.add(w.own)
        second.staff.add(w.users[ADMIN])
        teller = member(w.own)
        published = StoryFactory(neighbourhood=w.own, author=teller)
        review = StoryFactory(neighbourhood=w.own, author=w.users[CONNECTOR], state=State.REVIEW)
        ours = StoryFactory(
            neighbourhood=w.own, author=teller, organisation=w.organisation, state=State.REVIEW
        )
        theirs = StoryFactory(
            neighbourhood=w.own, author=teller, organisation=second, state=State.REVIEW
        )
        asked = StoryFactory(neighbourhood=w.own, author=w.users[PROFESSIONAL])
        pending = ConsentFactory(
            story=asked, person=w.users[RESIDENT], how=ConsentHow.APP, given_at=None
        )
        paper = ConsentFactory(story=published, for_website=True, token_digest=digest(SECRET))
        other_story = StoryFactory(neighbourhood=w.other)
        other_consent = ConsentFactory(story=other_story, person=w.other_resident)
        waiting = TestimonialFactory(
            neighbourhood=w.own, organisation=w.organisation, person=teller, approved_at=None
        )
        other_org = OrganisationFactory(name="Elders")
        other_org.neighbourhoods.add(w.other)
        other_testimonial = TestimonialFactory(
            neighbourhood=w.other, organisation=other_org, approved_at=None
        )
    w.stories = SimpleNamespace(
        published=published,
        review=review,
        ours=ours,
        theirs=theirs,
        asked=asked,
        pending=pending,
        paper=paper,
        other_story=other_story,
        other_consent=other_consent,
        waiting=waiting,
        other_org=other_org,
        other_testimonial=other_testimonial,
    )
    return w


def _pick(own, other):
    return lambda w, where: {"pk": (own if where == "own" else other)(w.stories).pk}


PUBLISHED = _pick(lambda s: s.published, lambda s: s.other_story)
REVIEW = _pick(lambda s: s.review, lambda s: s.other_story)
OURS = _pick(lambda s: s.ours, lambda s: s.other_story)
THEIRS = _pick(lambda s: s.theirs, lambda s: s.other_story)
PENDING = _pick(lambda s: s.pending, lambda s: s.other_consent)
WAITING = _pick(lambda s: s.waiting, lambda s: s.other_testimonial)


def _organisation(w, where):
    """``?organisation=<id>`` (a GET's data is its query)."""
    organisation = w.organisation if where == "own" else w.stories.other_org
    return {"organisation": str(organisation.pk)}


# The review story (told by the buurtverbinder, no organisation): its author and the
# neighbourhood's professionals and admins; not another resident.
REVIEW_SEEN = statuses(302, 403, 404, 200, 200, 200)
# The matrix organisation's story: only its staff (the resident); not the professional or the
# admin, who is staff of the second organisation.
OURS_SEEN = statuses(302, 403, 200, 404, 404, 404)
THEIRS_SEEN = statuses(302, 403, 404, 404, 404, 200)

ROWS = [
    Row("stories:list", expect=MEMBERS, expect_other=OTHER),
    Row("stories:list", query="show=mine", expect=MEMBERS, expect_other=OTHER, ids=["mine"]),
    Row("stories:new", expect=MEMBERS, expect_other=OTHER),
    Row("stories:mine", expect=MEMBERS, expect_other=OTHER),
    Row("stories:story", kwargs=PUBLISHED, expect=MEMBERS, expect_other=OTHER),
    Row("stories:story", kwargs=REVIEW, expect=REVIEW_SEEN, expect_other=OTHER, ids=["review"]),
    Row("stories:story", kwargs=OURS, expect=OURS_SEEN, expect_other=OTHER, ids=["ours"]),
    Row("stories:story", kwargs=THEIRS, expect=THEIRS_SEEN, expect_other=OTHER, ids=["theirs"]),
    # A published story is read by every member, edited only by who looks after it.
    Row(
        "stories:edit",
        kwargs=PUBLISHED,
        expect=statuses(302, 403, 403, 403, 200, 200),
        expect_other=OTHER,
    ),
    Row("stories:edit", kwargs=OURS, expect=OURS_SEEN, expect_other=OTHER, ids=["ours"]),
    Row("stories:edit", kwargs=THEIRS, expect=THEIRS_SEEN, expect_other=OTHER, ids=["theirs"]),
    Row(
        "stories:delete",
        method="post",
        kwargs=REVIEW,
        expect=statuses(302, 403, 404, 302, 302, 302),
        expect_other=OTHER,
    ),
    Row(
        "stories:delete",
        method="post",
        kwargs=THEIRS,
        expect=statuses(302, 403, 404, 404, 404, 302),
        expect_other=OTHER,
        ids=["theirs"],
    ),
    # Its author (the buurtverbinder) cannot approve their own; the professional and admin do.
    Row(
        "stories:review",
        method="post",
        kwargs=REVIEW,
        expect=statuses(302, 403, 404, 403, 302, 302),
        expect_other=OTHER,
    ),
    Row(
        "stories:review",
        method="post",
        kwargs=OURS,
        expect=statuses(302, 403, 302, 404, 404, 404),
        expect_other=OTHER,
        ids=["ours"],
    ),
    Row("stories:person_add", kwargs=REVIEW, expect=REVIEW_SEEN, expect_other=OTHER),
    Row("stories:person_add", kwargs=OURS, expect=OURS_SEEN, expect_other=OTHER, ids=["ours"]),
    # The resident agrees to (or declines) a story the professional told about them.
    Row(
        "stories:consent_confirm",
        method="post",
        kwargs=PENDING,
        expect=statuses(302, 403, 302, 404, 403, 403),
        expect_other=OTHER,
    ),
    Row(
        "stories:consent_withdraw",
        method="post",
        kwargs=PENDING,
        expect=statuses(302, 403, 302, 404, 302, 302),
        expect_other=OTHER,
    ),
    # The secret link works for anyone who has it, in its own neighbourhood only.
    Row(
        "stories:withdraw_link",
        kwargs=lambda w, where: {"token": SECRET},
        expect=statuses(200, 200, 200),
        expect_other=statuses(404, 404, 404),
    ),
    Row(
        "stories:testimonial_new",
        query="organisation=0",
        expect=statuses(302, 403, 404),
        expect_other=OTHER,
        ids=["unknown organisation"],
    ),
    Row(
        "stories:testimonial_new",
        data=_organisation,
        expect=MEMBERS,
        expect_other=OTHER,
    ),
    Row(
        "stories:testimonial_paper",
        data=_organisation,
        expect=statuses(302, 403, 200, 403, 403, 403),
        expect_other=OTHER,
    ),
    Row(
        "stories:testimonial_approve",
        method="post",
        kwargs=WAITING,
        expect=statuses(302, 403, 302, 403, 403, 404),
        expect_other=OTHER,
    ),
]


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_stories_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
