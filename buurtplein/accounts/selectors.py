"""Reads about people."""

from __future__ import annotations

from functools import cache

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django_scopes import scopes_disabled

from buurtplein.accounts.models import (
    PROFILE_VISIBILITY_FIELDS,
    HeldInterest,
    Interest,
    InviteCode,
    Organisation,
    Profile,
    VerificationLog,
    Visibility,
    name_shown,
)
from buurtplein.core.components import SearchFound, SearchHit
from buurtplein.core.models import Membership, Role
from buurtplein.core.paging import Page, page
from buurtplein.core.permissions import Viewer
from buurtplein.core.search import words as search_words

PAGE_SIZE = 30


MFA_ROLES = (Role.CONNECTOR, Role.PROFESSIONAL, Role.ADMIN)
"""Roles that must use two-step log-in: they approve newcomers, make invite codes, see full
names or manage the neighbourhood."""


def must_set_up_mfa(user, *, membership=None) -> bool:
    """The one two-step log-in rule, for every door (``RequireMFAMiddleware`` on the web, the
    messaging websocket): True when ``BUURTPLEIN_REQUIRE_MFA_FOR_STAFF`` is on and ``user``
    has a role that needs it but no authenticator app yet. ``membership``: the request's
    (``core.middleware.MembershipMiddleware``), which carries the answer when it read it
    (:func:`mfa_missing`), so a member's page asks no query of its own for it."""
    required = settings.BUURTPLEIN_REQUIRE_MFA_FOR_STAFF
    return required and needs_mfa_setup(user, membership=membership)


@cache
def mfa_missing() -> Exists:
    """:func:`needs_mfa_setup`'s rule for someone who is not platform staff, as an expression
    on a membership row (its ``user_id``): a verified membership of that person (in any
    neighbourhood) with a role that needs the app, and no app. ``MembershipMiddleware`` reads it
    beside the request's membership (one query less on every member's page,
    ``bench/RESULTS.md``, seventh round). The same expression for everyone, built once
    (building it for each request was a third of that query's time, tenth round)."""
    app = Authenticator.objects.filter(
        user_id=OuterRef(OuterRef("user_id")), type=Authenticator.Type.TOTP
    )
    with scopes_disabled():
        return Exists(
            Membership.objects.filter(
                ~Exists(app),
                user_id=OuterRef("user_id"),
                role__in=MFA_ROLES,
                status=Membership.Status.VERIFIED,
            )
        )


@cache
def shows_full_name() -> Subquery:
    """Whether the profile of a membership row's person shows their full name
    (``Profile.show_full_name``), as an expression: ``MembershipMiddleware`` reads it beside
    the request's membership for the header's name (``accounts.context_processors``), so a
    member's page loads no profile for it. Built once."""
    return Subquery(
        Profile.objects.filter(user_id=OuterRef("user_id")).values("show_full_name")[:1]
    )


def needs_mfa_setup(user, *, membership=None) -> bool:
    """Buurtverbinders, professionals, admins and platform staff need an authenticator app set
    up (whether it is required now: :func:`must_set_up_mfa`). A ``membership`` of ``user``
    read with :func:`mfa_missing` (as ``mfa_missing``) answers without a query."""
    if user is None or not user.is_authenticated:
        return False
    app = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
    if user.is_staff or user.is_superuser:
        return not app.exists()
    kept = getattr(membership, "mfa_missing", None)
    if kept is not None and membership.user_id == user.pk:
        return kept
    # One query (every logged-in page outside a neighbourhood asks, RequireMFAMiddleware): a
    # role that needs the app, and no app.
    with scopes_disabled():
        return Membership.objects.filter(
            ~Exists(app),
            user=user,
            role__in=MFA_ROLES,
            status=Membership.Status.VERIFIED,
        ).exists()


def _members():
    return Membership.objects.filter(status=Membership.Status.VERIFIED).select_related(
        "user", "user__profile", "organisation"
    )


SEARCH_WORDS = 5
"""Words of a search that count (the rest is ignored: a name is rarely longer)."""


def find_members(viewer: Viewer, query: str, *, among=None) -> QuerySet[Membership]:
    """The one member search (a contract of accounts): verified members of the viewer's
    neighbourhood (or of ``among``, a narrower queryset of memberships) that fit *every* word
    of ``query``. A word fits a first name or a word of the last name that starts with it
    ("jan" finds Jan and Jansen, "boer" finds Jan de Boer), a street or an own tag that
    contains it. Nothing is found by what the viewer may not see:

    * a last name only where its owner shows it in full, unless the viewer is a buurtverbinder,
      professional or admin (they see full names);
    * a street only for verified members (its strictest visibility);
    * an exact e-mail address finds its member only for buurtverbinders, professionals and
      admins (who look up the neighbour they act for).
    """
    members = _members() if among is None else among.filter(status=Membership.Status.VERIFIED)
    words = query.split()[:SEARCH_WORDS]
    if not words:
        return members.none()
    sees_full_names = viewer.is_connector or viewer.is_professional
    fits = Q()
    for word in words:
        last_name = Q(user__last_name__istartswith=word) | Q(user__last_name__icontains=f" {word}")
        if not sees_full_names:
            last_name &= Q(user__profile__show_full_name=True)
        this_word = (
            Q(user__first_name__istartswith=word)
            | last_name
            | Q(user__profile__tags__icontains=word)
        )
        if viewer.is_member:
            this_word |= Q(user__profile__street__icontains=word)
        fits &= this_word
    if sees_full_names and "@" in query:
        fits |= Q(user__email__iexact=query.strip())
    return members.filter(fits).select_related("user", "user__profile")


def neighbours(viewer: Viewer, *, after: str | None = None, query: str = "") -> Page:
    """Verified members of this neighbourhood, alphabetical by first name, keyset-paginated;
    with a ``query``, those :func:`find_members` finds."""
    members = find_members(viewer, query) if query.strip() else _members()
    found = page(members, after, size=PAGE_SIZE, order=("user__first_name", "pk"), types=(str, int))
    _attach_profile_lists(found.items)
    return found


def _attach_profile_lists(memberships: list[Membership]) -> None:
    """Interests and skills of many profiles in two queries."""
    profiles = [m.user.profile for m in memberships if hasattr(m.user, "profile")]
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(profiles, "interests", "skills")


def access_member(viewer: Viewer, user_id: int) -> Membership:
    """A verified member of this neighbourhood whose profile the viewer may open; the same 404
    for missing, not-a-member and not-for-you.

    Neighbours (pending ones too) open every neighbour's profile. Outsiders only open the
    profiles of professionals (public by their work) and of people who made at least one field
    visible to everyone: who lives here is not public by default.
    """
    membership = _members().filter(user_id=user_id).first()
    if membership is None or not profile_open(viewer, membership.user, membership.role):
        raise Http404
    return membership


def profile_open(viewer: Viewer, user, role: str) -> bool:
    """Whether the viewer may open the profile of ``user``, a verified member here with
    ``role`` (``user.profile`` loaded): see :func:`access_member`."""
    if viewer.is_member or viewer.is_pending or viewer.is_self(user):
        return True
    return (
        role == Role.PROFESSIONAL or Visibility.EVERYONE in (user.profile.visibility or {}).values()
    )


def may_see(viewer: Viewer, profile: Profile, field: str) -> bool:
    """Per-field visibility: neighbours (any member here, also pending), verified neighbours,
    or everyone. People always see their own profile whole."""
    if viewer.is_self(profile.user):
        return True
    level = profile.visibility_of(field)
    if level == Visibility.EVERYONE:
        return True
    if level == Visibility.VERIFIED:
        return viewer.is_member
    return viewer.is_member or viewer.is_pending


def visible_profile(viewer: Viewer, profile: Profile) -> dict[str, bool]:
    return {field: may_see(viewer, profile, field) for field in PROFILE_VISIBILITY_FIELDS}


def pending_members(viewer: Viewer) -> list[Membership]:
    return list(
        Membership.objects.filter(status=Membership.Status.PENDING)
        .select_related("user", "user__profile")
        .order_by("joined_at", "pk")[:200]
    )


def access_pending(viewer: Viewer, pk: int) -> Membership:
    membership = Membership.objects.filter(pk=pk, status=Membership.Status.PENDING).first()
    if membership is None:
        raise Http404
    return membership


def access_membership(viewer: Viewer, pk: int) -> Membership:
    membership = Membership.objects.filter(pk=pk).select_related("user").first()
    if membership is None:
        raise Http404
    return membership


def join_figures(neighbourhood) -> dict:
    """How many neighbours joined, by which route (never who)."""
    by_method = dict(
        VerificationLog.objects.values_list("method").annotate(n=Count("id")).order_by()
    )
    total = Membership.objects.filter(status=Membership.Status.VERIFIED).count()
    return {
        "total": total,
        "invite": by_method.get(VerificationLog.Method.INVITE, 0),
        "approval": by_method.get(VerificationLog.Method.APPROVAL, 0),
        "admin": by_method.get(VerificationLog.Method.ADMIN, 0),
    }


def invites(viewer: Viewer) -> list[InviteCode]:
    return list(InviteCode.objects.select_related("created_by").order_by("-created_at")[:200])


def access_invite(viewer: Viewer, pk: int) -> InviteCode:
    invite = InviteCode.objects.filter(pk=pk).first()
    if invite is None:
        raise Http404
    return invite


def _shared_count(interest_ids: set[int], skill_ids: set[int]):
    """How many of these interests and skills a profile has (an empty set adds nothing: SQL
    would turn ``IN ()`` into a condition that hides the other count)."""
    parts = []
    if interest_ids:
        parts.append(Count("interests", filter=Q(interests__in=interest_ids), distinct=True))
    if skill_ids:
        parts.append(Count("skills", filter=Q(skills__in=skill_ids), distinct=True))
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def neighbours_sharing_interests(viewer: Viewer, limit: int = 6) -> list[dict]:
    """Verified neighbours with the most interests and skills in common with the viewer."""
    if not viewer.is_member or not viewer.is_authenticated:
        return []
    mine = Profile.objects.filter(user=viewer.user).first()
    if mine is None:
        return []
    interest_ids = set(mine.interests.values_list("id", flat=True))
    skill_ids = set(mine.skills.values_list("id", flat=True))
    wanted = interest_ids | skill_ids
    if not wanted:
        return []
    member_ids = Membership.objects.filter(status=Membership.Status.VERIFIED).values("user_id")
    candidates = list(
        Profile.objects.filter(user_id__in=member_ids)
        .exclude(user=viewer.user)
        .annotate(shared=_shared_count(interest_ids, skill_ids))
        .filter(shared__gt=0)
        .select_related("user")
        .order_by("-shared", "user__first_name")[:limit]
    )
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(candidates, "interests", "skills")
    results = []
    for profile in candidates:
        if not (may_see(viewer, profile, "interests") or may_see(viewer, profile, "skills")):
            continue
        shared = [i for i in profile.interests.all() if i.pk in interest_ids]
        shared += [s for s in profile.skills.all() if s.pk in skill_ids]
        results.append({"profile": profile, "user": profile.user, "shared": shared})
    return results


# --- neighbours by interest, for the neighbourhood's search (Component.search) ----------------


def _field_visible(viewer: Viewer, field: str) -> Q:
    """Held interests (``HeldInterest``) whose profile shows ``field`` to the viewer
    (:func:`may_see` in SQL)."""
    if viewer.is_member:
        return Q()
    if viewer.is_pending:
        return ~Q(**{f"profile__visibility__{field}": Visibility.VERIFIED})
    return Q(**{f"profile__visibility__{field}": Visibility.EVERYONE})


def search_neighbours(viewer: Viewer, query: str, limit: int) -> SearchFound:
    """Verified neighbours with an interest or skill whose name holds a word of ``query``
    ("bridge", "tuin"), counted only where the viewer may see that field of their profile; the
    matching interests are the hit's line. Two or three queries, whatever the number of
    people: the interests, every fitting neighbour by name as a plain row (so their number),
    and the shown ones' matching interests and skills (not asked when one interest fits and
    the viewer is a verified member, who sees every field: then each shown neighbour shows
    it). The fitting neighbours are looked up in the neighbourhood's index of held interests
    (``HeldInterest``, ~100 rows for a common interest at S), not by probing every member's
    profile (``bench/RESULTS.md``, eleventh round: 4–8 ms → ~1 ms of PostgreSQL)."""
    wanted = [word for word in search_words(query) if len(word) > 2]
    if not wanted:
        return SearchFound(hits=[], total=0)
    names = Q()
    for word in wanted:
        names |= Q(name_nl__icontains=word) | Q(name_en__icontains=word)
    interests = {interest.pk: interest for interest in Interest.objects.filter(names)}
    if not interests:
        return SearchFound(hits=[], total=0)
    shown_fields = Q()
    for field in HeldInterest.Field.values:
        shown_fields |= Q(field=field) & _field_visible(viewer, field)
    held = HeldInterest.objects.filter(
        shown_fields, interest_id__in=list(interests), membership__status=Membership.Status.VERIFIED
    )
    people = Profile.objects.filter(pk__in=held.values("profile_id"))
    if viewer.is_authenticated:
        people = people.exclude(user=viewer.user)
    rows = list(
        people.order_by("user__first_name", "pk").values_list(
            "pk", "user_id", "show_full_name", "user__first_name", "user__last_name", "user__email"
        )
    )
    shown = rows[:limit]
    if len(interests) == 1 and viewer.is_member:
        # One interest fits the words, and a verified member may see every field of a
        # neighbour's profile: each shown neighbour holds it (that is why they fit) and shows
        # it. Nothing to ask (most searches: "bridge", "tuin").
        line = str(next(iter(interests.values())))
        lines = {row[0]: line for row in shown}
    else:
        lines = _held_lines(held, [row[0] for row in shown], interests)
    return SearchFound(
        hits=[
            SearchHit(
                title=name_shown(first, last, email, full=full),
                line=lines.get(pk, ""),
                url_name="nb:member",
                url_kwargs={"user_id": user_id},
            )
            for pk, user_id, full, first, last, email in shown
        ],
        total=len(rows),
    )


def _held_lines(held: QuerySet, profile_ids: list[int], interests: dict) -> dict[int, str]:
    """For each of ``profile_ids``, the names of ``interests`` it holds (as an interest or a
    skill) where the viewer may see them: ``held``, the fitting held interests, narrowed to
    those profiles (one query)."""
    names: dict[int, set[str]] = {}
    for profile_id, interest_id in held.filter(profile_id__in=profile_ids).values_list(
        "profile_id", "interest_id"
    ):
        names.setdefault(profile_id, set()).add(str(interests[interest_id]))
    return {pk: ", ".join(sorted(found)) for pk, found in names.items()}


def staff_org_ids(viewer: Viewer) -> set[int]:
    """Ids of the organisations the viewer works for (is staff of) that are active in this
    neighbourhood: the organisations they may act for here — offer, organise, post or answer
    on their behalf. Every component asks this one function (one query per request and
    neighbourhood, kept on the user object)."""
    if not viewer.is_authenticated or viewer.neighbourhood is None:
        return set()
    cache = getattr(viewer.user, "_staff_org_ids", None)
    if cache is None:
        cache = {}
        viewer.user._staff_org_ids = cache
    key = viewer.neighbourhood.pk
    if key not in cache:
        cache[key] = set(
            viewer.user.organisations.filter(neighbourhoods=viewer.neighbourhood).values_list(
                "pk", flat=True
            )
        )
    return cache[key]


def acting_organisations(viewer: Viewer):
    """The organisations the viewer may act for here, by name (for "on behalf of" choices)."""
    return Organisation.objects.filter(pk__in=staff_org_ids(viewer)).order_by("name")


def organisations_here(neighbourhood) -> list[Organisation]:
    return list(neighbourhood.organisations.order_by("name"))


def access_organisation(neighbourhood, slug: str) -> Organisation:
    organisation = neighbourhood.organisations.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def organisation_professionals(organisation: Organisation) -> list[Membership]:
    return list(
        _members()
        .filter(organisation=organisation, role=Role.PROFESSIONAL)
        .order_by("user__first_name")
    )
