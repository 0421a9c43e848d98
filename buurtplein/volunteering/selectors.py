"""Reads of volunteering. Every list runs a fixed number of queries, whatever its length."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.core import search
from buurtplein.core.cache import Generation
from buurtplein.core.components import SearchFound, SearchHit
from buurtplein.core.paging import Page, page
from buurtplein.core.permissions import Viewer, can
from buurtplein.moderation.selectors import without_hidden
from buurtplein.volunteering import matching
from buurtplein.volunteering.models import (
    Place,
    Response,
    ResponseState,
    State,
    Vacancy,
    VacancyTopic,
    Visibility,
)
from buurtplein.volunteering.permissions import manages

HOME_VACANCIES = 3
SUGGESTIONS = 3
SUGGESTION_POOL = 500
"""Suggestions come from the newest this many open vacancies the viewer may see: the work per
page stays bounded however many vacancies a neighbourhood has."""
MAX_RESPONSES_SHOWN = 500


@dataclass(frozen=True)
class Filters:
    topic: int | None = None
    """A skill or interest (``accounts.Interest`` id): chosen for the vacancy or in its text."""
    time_kind: str | None = None
    at_home: bool = False
    organisation: int | None = None

    @property
    def query(self) -> str:
        """The filters as a query string (without the cursor), for "more" links."""
        pairs = [
            ("topic", self.topic),
            ("time", self.time_kind),
            ("place", Place.HOME if self.at_home else ""),
            ("organisation", self.organisation),
        ]
        return urlencode([(key, value) for key, value in pairs if value])

    @property
    def active(self) -> bool:
        return bool(self.topic or self.time_kind or self.at_home or self.organisation)


def _readable(viewer: Viewer) -> QuerySet[Vacancy]:
    vacancies = Vacancy.objects.exclude(state=State.REMOVED)
    if not can(viewer, "volunteering.members_vacancies.view"):
        vacancies = vacancies.filter(visibility=Visibility.PUBLIC)
    return without_hidden(vacancies, viewer)


def _with_related(vacancies: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
    """Organisation and contact joined; the chosen skills and interests in one more query."""
    return vacancies.select_related("organisation", "contact", "contact__profile").prefetch_related(
        Prefetch(
            "topics",
            queryset=VacancyTopic.objects.filter(chosen=True)
            .select_related("interest")
            .order_by("interest__kind", "interest__name_nl"),
            to_attr="chosen_topics",
        )
    )


def _page(rows: QuerySet, after: str | None, size: int) -> Page:
    return page(rows, after, size=size)


def vacancy_list(
    viewer: Viewer, filters: Filters, *, after: str | None = None, size: int = 0
) -> Page:
    """Open vacancies, newest first, keyset-paginated on (created_at, id)."""
    size = size or settings.BUURTPLEIN_FEED_PAGE_SIZE
    vacancies = _readable(viewer).filter(state=State.OPEN)
    if filters.topic:
        vacancies = vacancies.filter(topics__interest_id=filters.topic)
    if filters.time_kind:
        vacancies = vacancies.filter(time_kind=filters.time_kind)
    if filters.at_home:
        vacancies = vacancies.filter(place=Place.HOME)
    if filters.organisation:
        vacancies = vacancies.filter(organisation_id=filters.organisation)
    return _page(_with_related(vacancies), after, size)


def _vacancy_hit(vacancy: Vacancy) -> SearchHit:
    return SearchHit(
        title=vacancy.title,
        line=" · ".join(part for part in (vacancy.organisation.name, vacancy.schedule) if part),
        url_name="volunteering:vacancy",
        url_kwargs={"pk": vacancy.pk},
        date=vacancy.created_at,
    )


def search_part(viewer: Viewer, query: str, limit: int) -> SearchFound:
    """Open vacancies the viewer may see that fit ``query`` (for the neighbourhood's search):
    one query."""
    vacancies = (
        _readable(viewer)
        .filter(state=State.OPEN)
        .select_related("organisation")
        .only("title", "schedule", "created_at", "organisation__name")
    )
    return search.found(search.matching(vacancies, query), limit, _vacancy_hit)


def open_for_organisation(viewer: Viewer, organisation, *, limit: int = 5) -> list[Vacancy]:
    """The organisation's open vacancies the viewer may see, newest first (two queries). For
    other components' pages (a club's page) with ``volunteering/_vacancy_list.html``."""
    vacancies = _readable(viewer).filter(state=State.OPEN, organisation_id=organisation.pk)
    return list(_with_related(vacancies).order_by("-created_at", "-id")[:limit])


def organisations_with_vacancies(viewer: Viewer) -> list:
    """The organisations of this neighbourhood with an open vacancy the viewer may see (for the
    organisation filter; one query)."""
    from buurtplein.accounts.models import Organisation

    open_ids = _readable(viewer).filter(state=State.OPEN).values("organisation_id")
    return list(
        Organisation.objects.filter(neighbourhoods=viewer.neighbourhood, pk__in=open_ids).order_by(
            "name"
        )
    )


def find_vacancy(pk: int, viewer: Viewer | None = None) -> Vacancy:
    """A vacancy of this neighbourhood that was not removed, whoever looks (404 otherwise).
    Only for the vacancy page, which shows outsiders a neutral preview of a members-only one."""
    vacancies = Vacancy.objects.filter(pk=pk).exclude(state=State.REMOVED)
    if viewer is not None:
        vacancies = without_hidden(vacancies, viewer)
    vacancy = vacancies.first()
    if vacancy is None:
        raise Http404
    return vacancy


def access_vacancy(viewer: Viewer, pk: int) -> Vacancy:
    """A vacancy the viewer may read; the same 404 for missing, removed and forbidden."""
    vacancy = _with_related(_readable(viewer).filter(pk=pk)).first()
    if vacancy is None:
        raise Http404
    return vacancy


def access_response(viewer: Viewer, pk: int) -> Response:
    """A response the viewer is a side of (the person, or who manages the vacancy); the same
    404 for missing and forbidden."""
    if not viewer.is_authenticated:
        raise Http404
    response = (
        Response.objects.filter(pk=pk)
        .exclude(vacancy__state=State.REMOVED)
        .select_related(
            "vacancy",
            "vacancy__organisation",
            "vacancy__contact",
            "person",
            "person__profile",
            "conversation",
        )
        .first()
    )
    if response is None or not (
        viewer.is_self(response.person) or manages(viewer, response.vacancy)
    ):
        raise Http404
    return response


def vacancy_counts(vacancy: Vacancy) -> dict[str, int]:
    """How many responses a vacancy has, by state (one query)."""
    counts = Response.objects.filter(vacancy=vacancy).aggregate(
        new=Count("id", filter=Q(state=ResponseState.NEW)),
        accepted=Count("id", filter=Q(state=ResponseState.ACCEPTED)),
        total=Count("id", filter=~Q(state=ResponseState.WITHDRAWN)),
    )
    return counts


def vacancy_responses(vacancy: Vacancy) -> list[Response]:
    """Every response to a vacancy (for whoever manages it): waiting ones first, then accepted,
    then the rest; newest first within each (one query)."""
    order = {ResponseState.NEW: 0, ResponseState.ACCEPTED: 1, ResponseState.DECLINED: 2}
    rows = list(
        Response.objects.filter(vacancy=vacancy)
        .select_related("person", "person__profile", "conversation", "answered_by")
        .order_by("-created_at", "-id")[:MAX_RESPONSES_SHOWN]
    )
    return sorted(rows, key=lambda response: order.get(response.state, 3))


def my_response(viewer: Viewer, vacancy: Vacancy) -> Response | None:
    if not viewer.is_authenticated:
        return None
    return Response.objects.filter(vacancy=vacancy, person=viewer.user).first()


def my_responses(viewer: Viewer, *, after: str | None = None, size: int = 0) -> Page:
    """The viewer's responses, newest first, with their vacancy (one query per page)."""
    size = size or settings.BUURTPLEIN_FEED_PAGE_SIZE
    responses = (
        Response.objects.filter(person=viewer.user)
        .exclude(vacancy__state=State.REMOVED)
        .select_related("vacancy", "vacancy__organisation", "conversation")
    )
    return _page(responses, after, size)


def our_vacancies(viewer: Viewer, *, after: str | None = None, size: int = 0) -> Page:
    """Every vacancy the viewer manages (their organisations' and where they are the contact),
    in any state but removed, newest first, with counts of waiting and accepted responses."""
    size = size or settings.BUURTPLEIN_FEED_PAGE_SIZE
    mine = Q(organisation_id__in=staff_org_ids(viewer)) | Q(contact_id=viewer.user.pk)
    vacancies = (
        Vacancy.objects.filter(mine)
        .exclude(state=State.REMOVED)
        .annotate(
            new_count=Count("responses", filter=Q(responses__state=ResponseState.NEW)),
            accepted_count=Count("responses", filter=Q(responses__state=ResponseState.ACCEPTED)),
        )
    )
    return _page(_with_related(vacancies), after, size)


def follow_ups_for(viewer: Viewer) -> list[Response]:
    """Accepted responses whose follow-up the viewer (either side) may answer now and has not
    answered yet: shown on "my responses" and "our vacancies" (one query)."""
    from datetime import timedelta

    from django.utils import timezone

    from buurtplein.volunteering.models import FOLLOW_UP_DAYS

    if not viewer.is_authenticated:
        return []
    due = timezone.now() - timedelta(days=FOLLOW_UP_DAYS)
    as_volunteer = Q(person=viewer.user, volunteer_answer="")
    as_organisation = Q(organisation_answer="") & (
        Q(vacancy__organisation_id__in=staff_org_ids(viewer))
        | Q(vacancy__contact_id=viewer.user.pk)
    )
    return list(
        Response.objects.filter(state=ResponseState.ACCEPTED, accepted_at__lte=due)
        .filter(as_volunteer | as_organisation)
        .exclude(vacancy__state=State.REMOVED)
        .select_related("vacancy", "vacancy__organisation", "person", "person__profile")
        .order_by("accepted_at", "id")[:20]
    )


# --- suggestions --------------------------------------------------------------------------------


def my_things(viewer: Viewer) -> set[int]:
    """Ids of the skills and interests on the viewer's profile (one query)."""
    from buurtplein.accounts.models import Profile

    if not viewer.is_authenticated:
        return set()
    skills = Profile.skills.through.objects.filter(profile__user_id=viewer.user.pk).values_list(
        "interest_id", flat=True
    )
    interests = Profile.interests.through.objects.filter(
        profile__user_id=viewer.user.pk
    ).values_list("interest_id", flat=True)
    return set(skills.union(interests))


@dataclass
class Suggestions:
    vacancies: list
    """Each with ``reason`` (one line, in the active language)."""
    has_profile: bool
    """Whether the member has skills or interests on their profile at all."""


def suggested_vacancies(viewer: Viewer, *, limit: int = SUGGESTIONS) -> Suggestions:
    """Open vacancies that fit the viewer's skills and interests, best first, each saying why
    (``volunteering.matching.rank``), among the newest :data:`SUGGESTION_POOL` open vacancies.
    Left out: vacancies of the viewer's own organisations or where they are the contact, and
    those they responded to. Five queries at most: profile,
    the viewer's organisations (cached per request), topics that fit, the vacancies, their
    chosen topics."""
    if not viewer.is_member:
        return Suggestions([], False)
    mine = my_things(viewer)
    if not mine:
        return Suggestions([], False)
    things = matching.vocabulary()
    wanted = mine | set(matching.related_things(mine, things))
    responded = Response.objects.filter(vacancy=OuterRef("pk"), person=viewer.user)
    newest = (
        _readable(viewer)
        .filter(state=State.OPEN)
        .exclude(organisation_id__in=staff_org_ids(viewer))
        .exclude(contact_id=viewer.user.pk)
        .exclude(Exists(responded))
        .order_by("-created_at", "-id")
        .values("pk")[:SUGGESTION_POOL]
    )
    rows = VacancyTopic.objects.filter(interest_id__in=wanted, vacancy_id__in=newest).values_list(
        "vacancy_id", "interest_id", "chosen", "vacancy__created_at"
    )
    ranked = matching.rank(mine, [matching.TopicRow(*row) for row in rows], things, limit=limit)
    if not ranked:
        return Suggestions([], True)
    by_id = {
        vacancy.pk: vacancy
        for vacancy in _with_related(
            Vacancy.objects.filter(pk__in=[suggestion.vacancy_id for suggestion in ranked])
        )
    }
    found = []
    for suggestion in ranked:
        vacancy = by_id.get(suggestion.vacancy_id)
        if vacancy is not None:
            vacancy.reason = matching.reason_text(suggestion.reason)
            found.append(vacancy)
    return Suggestions(found, True)


# --- the home block -----------------------------------------------------------------------------


CHANGES = Generation("volunteering:home")
"""Its token changes whenever a vacancy of the neighbourhood changes."""
home_version = CHANGES.token
home_changed = CHANGES.changed


def home_vacancies(viewer: Viewer) -> list[Vacancy]:
    vacancies = _readable(viewer).filter(state=State.OPEN)
    return list(_with_related(vacancies).order_by("-created_at", "-id")[:HOME_VACANCIES])


def contacts_for(organisations) -> list[tuple]:
    """(organisation, [staff who are verified members here]) for the contact-person choice
    (two queries)."""
    from buurtplein.core.models import Membership

    organisations = list(organisations.prefetch_related("staff", "staff__profile"))
    staff_ids = {person.pk for organisation in organisations for person in organisation.staff.all()}
    verified = set(
        Membership.objects.filter(
            status=Membership.Status.VERIFIED, user_id__in=staff_ids
        ).values_list("user_id", flat=True)
    )
    return [
        (
            organisation,
            sorted(
                (person for person in organisation.staff.all() if person.pk in verified),
                key=lambda person: person.display_name,
            ),
        )
        for organisation in organisations
    ]


def filter_topics() -> list[tuple[str, list[tuple[int, str]]]]:
    """Skills and interests for the filter, grouped by kind, in the active language."""
    from django.utils.translation import get_language
    from django.utils.translation import gettext as _

    english = (get_language() or "nl").startswith("en")
    groups = {"skill": [], "interest": []}
    for thing in matching.vocabulary().values():
        groups.setdefault(thing.kind, []).append(
            (thing.id, thing.name_en if english else thing.name_nl)
        )
    return [
        (_("Skills"), sorted(groups["skill"], key=lambda pair: pair[1])),
        (_("Interests"), sorted(groups["interest"], key=lambda pair: pair[1])),
    ]


# --- the block on an organisation's pages (Component.organisation_blocks) -----------------------


def organisation_block(organisation, neighbourhood, viewer: Viewer) -> dict:
    """The organisation's open vacancies (three), for its page and its club's page."""
    return {"vacancies": open_for_organisation(viewer, organisation, limit=3)}


def organisation_version(organisation, neighbourhood) -> str:
    return home_version(neighbourhood.pk)
