"""Reads of stories and testimonials. What may be shown for a use is decided here, at every
read, from the consent rows (``shown_for``): nothing is cached, so a withdrawn or expired
consent takes a story off every page and out of every later report at once."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.core.paging import Page, page
from buurtplein.core.permissions import Viewer
from buurtplein.stories.models import (
    USE_FIELD,
    Consent,
    State,
    Story,
    StoryPhoto,
    Testimonial,
    Use,
    digest,
)

LIST_SIZE = 20
HOME_TESTIMONIALS = 2
ORGANISATION_TESTIMONIALS = 6
REPORT_STORIES = 30


def not_holding(use, today: date | None = None) -> Q:
    """Consent rows that do not allow ``use`` today: not (yet) given, withdrawn, run out or
    without that use."""
    today = today or timezone.localdate()
    return (
        Q(given_at=None)
        | Q(withdrawn_at__isnull=False)
        | Q(until__lt=today)
        | Q(**{USE_FIELD[use]: False})
    )


def holding(use, today: date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(given_at__isnull=False, withdrawn_at=None, until__gte=today, **{USE_FIELD[use]: True})


def shown_for(stories: QuerySet, use, today: date | None = None) -> QuerySet:
    """The approved stories of ``stories`` that every person in them allows for ``use``
    today."""
    blocked = Consent.objects.filter(story=OuterRef("pk")).filter(not_holding(use, today))
    return stories.filter(state=State.APPROVED).filter(~Exists(blocked))


def testimonials_shown(testimonials: QuerySet, today: date | None = None) -> QuerySet:
    """Approved testimonials whose consent covers the website today."""
    ok = Consent.objects.filter(testimonial=OuterRef("pk")).filter(holding(Use.WEBSITE, today))
    blocked = Consent.objects.filter(testimonial=OuterRef("pk")).filter(
        not_holding(Use.WEBSITE, today)
    )
    return testimonials.filter(approved_at__isnull=False).filter(Exists(ok), ~Exists(blocked))


def manages(viewer: Viewer, organisation_id) -> bool:
    """Who looks after the stories of an organisation (its staff active here) or of the
    neighbourhood (its professionals and admins)."""
    if not viewer.is_member:
        return False
    if organisation_id is not None:
        return organisation_id in staff_org_ids(viewer)
    return viewer.is_professional or viewer.is_admin


def managed_q(viewer: Viewer) -> Q:
    """The stories the viewer looks after (see :func:`manages`), as a filter."""
    if not viewer.is_member:
        return Q(pk__in=[])
    mine = Q(organisation_id__in=staff_org_ids(viewer))
    if viewer.is_professional or viewer.is_admin:
        mine |= Q(organisation__isnull=True)
    return mine


def _with_parts(stories: QuerySet) -> QuerySet:
    return stories.select_related("author__profile", "organisation").prefetch_related(
        Prefetch("photos", queryset=StoryPhoto.objects.order_by("position", "id")),
        Prefetch(
            "consents",
            queryset=Consent.objects.select_related("registered_by__profile").order_by(
                "registered_at", "id"
            ),
        ),
    )


def _annotated(viewer: Viewer, stories: QuerySet) -> QuerySet:
    """Each story with ``shown``: whether members may read it here (consent for the
    website)."""
    blocked = Consent.objects.filter(story=OuterRef("pk")).filter(not_holding(Use.WEBSITE))
    return stories.annotate(shown=Q(state=State.APPROVED) & ~Exists(blocked))


def readable(viewer: Viewer) -> QuerySet:
    """Stories the viewer may open: the published ones (approved, everyone in them allows the
    website), their own, and the ones they look after."""
    stories = Story.objects.filter(neighbourhood=viewer.neighbourhood)
    if not viewer.is_member:
        return stories.none()
    published = Q(pk__in=shown_for(stories, Use.WEBSITE).values("pk"))
    return stories.filter(published | Q(author=viewer.user) | managed_q(viewer))


def access_story(viewer: Viewer, pk) -> Story:
    story = _with_parts(_annotated(viewer, readable(viewer))).filter(pk=pk).first()
    if story is None:
        raise Http404
    return story


def published(viewer: Viewer, *, after: str | None = None) -> Page:
    stories = shown_for(Story.objects.filter(neighbourhood=viewer.neighbourhood), Use.WEBSITE)
    return page(
        _with_parts(stories),
        after,
        size=LIST_SIZE,
        order=("-happened_on", "-id"),
        types=(date, int),
    )


def looked_after(viewer: Viewer, *, after: str | None = None) -> Page:
    """The stories the viewer wrote or looks after, in every state, with ``shown``."""
    stories = Story.objects.filter(neighbourhood=viewer.neighbourhood).filter(
        Q(author=viewer.user) | managed_q(viewer)
    )
    return page(
        _with_parts(_annotated(viewer, stories)),
        after,
        size=LIST_SIZE,
        order=("-happened_on", "-id"),
        types=(date, int),
    )


def to_review_count(viewer: Viewer) -> int:
    if not viewer.is_member:
        return 0
    return (
        Story.objects.filter(neighbourhood=viewer.neighbourhood, state=State.REVIEW)
        .filter(managed_q(viewer))
        .exclude(author=viewer.user)
        .count()
    )


def access_consent(viewer: Viewer, pk) -> Consent:
    """A consent the viewer may act on: their own, or one of a story or testimonial they
    wrote or look after."""
    consent = (
        Consent.objects.filter(neighbourhood=viewer.neighbourhood, pk=pk)
        .select_related("story", "testimonial", "person")
        .first()
    )
    if consent is None or not viewer.is_member:
        raise Http404
    if consent.person_id is not None and viewer.is_self(consent.person):
        return consent
    if consent.story_id is not None:
        story = consent.story
        if story.author_id == viewer.user.pk or manages(viewer, story.organisation_id):
            return consent
    elif manages_testimonials(viewer, consent.testimonial.organisation_id):
        return consent
    raise Http404


def consent_by_secret(neighbourhood, secret: str) -> Consent:
    if not secret:
        raise Http404
    consent = (
        Consent.objects.filter(neighbourhood=neighbourhood, token_digest=digest(secret))
        .select_related("story", "testimonial__organisation")
        .first()
    )
    if consent is None:
        raise Http404
    return consent


def my_consents(viewer: Viewer) -> list[Consent]:
    """The member's own consents here ("Toestemmingen over mij"), newest first."""
    return list(
        Consent.objects.filter(neighbourhood=viewer.neighbourhood, person=viewer.user)
        .select_related("story", "testimonial__organisation")
        .order_by("-registered_at", "-id")
    )


def my_pending_count(viewer: Viewer) -> int:
    if not viewer.is_member:
        return 0
    return Consent.objects.filter(
        neighbourhood=viewer.neighbourhood, person=viewer.user, given_at=None, withdrawn_at=None
    ).count()


# --- testimonials ---------------------------------------------------------------------------


def manages_testimonials(viewer: Viewer, organisation_id) -> bool:
    return viewer.is_member and organisation_id in staff_org_ids(viewer)


def _testimonials() -> QuerySet:
    return Testimonial.objects.select_related("organisation").prefetch_related("photos")


def organisation_block(organisation, neighbourhood, viewer: Viewer) -> dict:
    """The testimonials on an organisation's page: the shown ones, and for its staff the ones
    waiting for approval or no longer shown."""
    mine = Testimonial.objects.filter(neighbourhood=neighbourhood, organisation=organisation)
    shown = list(
        testimonials_shown(_testimonials().filter(pk__in=mine.values("pk")))[
            :ORGANISATION_TESTIMONIALS
        ]
    )
    waiting = []
    if manages_testimonials(viewer, organisation.pk):
        waiting = list(_testimonials().filter(pk__in=mine.values("pk"), approved_at=None)[:20])
    return {"testimonials": shown, "waiting": waiting}


def home_testimonials(neighbourhood) -> list[Testimonial]:
    return list(
        testimonials_shown(_testimonials().filter(neighbourhood=neighbourhood))[:HOME_TESTIMONIALS]
    )


def access_testimonial(viewer: Viewer, pk) -> Testimonial:
    testimonial = Testimonial.objects.filter(neighbourhood=viewer.neighbourhood, pk=pk).first()
    if testimonial is None or not (
        manages_testimonials(viewer, testimonial.organisation_id)
        or (testimonial.person_id is not None and viewer.is_self(testimonial.person))
    ):
        raise Http404
    return testimonial


# --- the report -----------------------------------------------------------------------------


def report_stories(neighbourhood_ids, organisation_id, start: date, end: date) -> list[Story]:
    """The stories of a report's scope and period (``end`` not included) whose consent covers
    reports today: approved, every person allowing it. Constant queries (three)."""
    with scopes_disabled():
        stories = Story.objects.filter(
            neighbourhood_id__in=list(neighbourhood_ids), happened_on__lt=end
        ).filter(Q(happened_until__gte=start) | Q(happened_until=None, happened_on__gte=start))
        if organisation_id is not None:
            stories = stories.filter(organisation_id=organisation_id)
        return list(
            _with_parts(shown_for(stories, Use.REPORT)).order_by("happened_on", "id")[
                :REPORT_STORIES
            ]
        )
