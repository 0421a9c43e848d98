"""Writes of buurthulp. Views, tasks and the demo call these; nothing else changes its rows.

The lifecycle of a help request is an explicit state machine: :data:`TRANSITIONS` lists every
allowed (from → to) step and *who* may take it, and :func:`request_transition` is the one
function that changes ``HelpRequest.state`` — it refuses anything not in the table with a
message the person can read. (A small table instead of django-fsm: the rules stay here, with
the other business logic, rather than on model methods.)

Who (the "parties" of a step):

``asker``      the person who asked, or the buurtverbinder/professional who posted for them
``helper``     for "open → matched": a suggested helper who accepts; afterwards: the chosen one
``steward``    who looks after requests nobody answers: the neighbourhood's buurtverbinders
               (and admins) — for professionals-only requests its professionals instead
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtplein.buurthulp import embeddings, matching
from buurtplein.buurthulp.models import (
    RESIDENT_CONSENT_MAX_DAYS,
    ConsentMethod,
    FollowUpAnswer,
    HelperProfile,
    HelpFollowUp,
    HelpMatch,
    HelpRequest,
    MatchStatus,
    RequestVisibility,
    ResidentContact,
    State,
    Topic,
    When,
)
from buurtplein.core import ratelimit
from buurtplein.core.audit import log_action
from buurtplein.core.models import Membership, Role
from buurtplein.core.tasks import enqueue_later

ESCALATE_AFTER = timedelta(hours=48)
MAX_SUGGESTIONS = 5
"""Helpers asked per request (the matching adds more after an edit, up to this many open)."""

PROFESSIONAL_FIRST = 100.0
"""Score of the professional asked for a sensitive request: listed before the neighbours."""

ASKER, HELPER, STEWARD = "asker", "helper", "steward"


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    parties: frozenset[str]
    label: object  # the button, lazily translated
    how: str  # where it happens (for the documentation table)


TRANSITIONS: list[Transition] = [
    Transition(
        State.OPEN,
        State.MATCHED,
        frozenset({HELPER}),
        gettext_lazy("I want to help"),
        "match_respond (accept)",
    ),
    Transition(
        State.MATCHED,
        State.IN_PROGRESS,
        frozenset({ASKER}),
        gettext_lazy("Choose this helper"),
        "match_choose (and request_take_on: a professional picks it up, its own check)",
    ),
    Transition(
        State.IN_PROGRESS,
        State.HELPED,
        frozenset({ASKER, HELPER}),
        gettext_lazy("Done: it worked out"),
        "request_transition",
    ),
    Transition(
        State.IN_PROGRESS,
        State.NOT_HELPED,
        frozenset({ASKER, HELPER}),
        gettext_lazy("It did not work out"),
        "request_transition",
    ),
    Transition(
        State.OPEN,
        State.NOT_HELPED,
        frozenset({STEWARD}),
        gettext_lazy("Close: no neighbour could help"),
        "request_transition",
    ),
    Transition(
        State.MATCHED,
        State.NOT_HELPED,
        frozenset({STEWARD}),
        gettext_lazy("Close: no neighbour could help"),
        "request_transition",
    ),
    Transition(
        State.OPEN,
        State.WITHDRAWN,
        frozenset({ASKER, STEWARD}),
        gettext_lazy("Withdraw the request"),
        "request_transition",
    ),
    Transition(
        State.MATCHED,
        State.WITHDRAWN,
        frozenset({ASKER, STEWARD}),
        gettext_lazy("Withdraw the request"),
        "request_transition",
    ),
    Transition(
        State.IN_PROGRESS,
        State.WITHDRAWN,
        frozenset({ASKER, STEWARD}),
        gettext_lazy("Withdraw the request"),
        "request_transition",
    ),
]
_TABLE = {(t.source, t.target): t for t in TRANSITIONS}

# Steps taken on the request page (the others happen by accepting and choosing).
PAGE_TARGETS = (State.HELPED, State.NOT_HELPED, State.WITHDRAWN)


def is_steward(viewer, help_request: HelpRequest) -> bool:
    """Buurtverbinders (and admins) look after requests; professionals-only requests are
    looked after by the neighbourhood's professionals instead (buurtverbinders never see them)."""
    if help_request.visibility == RequestVisibility.PROFESSIONALS:
        return viewer.is_professional
    return viewer.is_connector


def parties(viewer, help_request: HelpRequest, *, source: str | None = None) -> set[str]:
    """The roles ``viewer`` plays for this request (in the state ``source``)."""
    found: set[str] = set()
    if not viewer.is_member:
        return found
    user_id = viewer.user.pk
    if user_id in (help_request.asker_id, help_request.created_by_id):
        found.add(ASKER)
    state = source or help_request.state
    if state == State.OPEN:
        if HelpMatch.objects.filter(
            request=help_request, helper_id=user_id, status=MatchStatus.ACCEPTED
        ).exists():
            found.add(HELPER)
    elif help_request.helper_id == user_id:
        found.add(HELPER)
    if is_steward(viewer, help_request):
        found.add(STEWARD)
    return found


def check_transition(help_request: HelpRequest, to: str, viewer) -> Transition:
    """The step from the request's state to ``to`` if ``viewer`` may take it; else a
    ``ValidationError`` that says why, in the viewer's language."""
    if to not in State.values:
        raise ValidationError(_("That is not a step a help request can take."))
    step = _TABLE.get((help_request.state, to))
    if step is None:
        raise ValidationError(
            _("A request that is “%(state)s” cannot become “%(target)s”.")
            % {"state": State(help_request.state).label, "target": State(to).label}
        )
    if not (step.parties & parties(viewer, help_request)):
        raise ValidationError(
            _("Only %(who)s can do this for this request.")
            % {"who": _who(step.parties, help_request)}
        )
    return step


def _who(step_parties: frozenset[str], help_request: HelpRequest) -> str:
    names = []
    if ASKER in step_parties:
        names.append(_("the person who asked"))
    if HELPER in step_parties:
        names.append(_("the helper"))
    if STEWARD in step_parties:
        names.append(
            _("a professional of the neighbourhood")
            if help_request.visibility == RequestVisibility.PROFESSIONALS
            else _("a buurtverbinder")
        )
    return _(" or ").join(names)


def allowed_targets(help_request: HelpRequest, viewer) -> list[Transition]:
    """The page steps (helped, not helped, withdrawn) this viewer may take now."""
    mine = parties(viewer, help_request)
    return [
        t
        for t in TRANSITIONS
        if t.source == help_request.state and t.target in PAGE_TARGETS and t.parties & mine
    ]


def request_transition(*, help_request: HelpRequest, to: str, viewer) -> HelpRequest:
    """Move the request to ``to`` — the one way its state changes. Refuses steps that are not
    in :data:`TRANSITIONS` or that this viewer may not take (``ValidationError``)."""
    with transaction.atomic():
        locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
        step = check_transition(locked, to, viewer)
        _apply(locked, step, viewer)
    for name in ("state", "matched_at", "started_at", "closed_at", "helper_id", "updated_at"):
        setattr(help_request, name, getattr(locked, name))
    return locked


def _apply(help_request: HelpRequest, step: Transition, viewer) -> None:
    now = timezone.now()
    help_request.state = step.target
    help_request.updated_at = now
    if step.target == State.MATCHED:
        help_request.matched_at = now
    elif step.target == State.IN_PROGRESS:
        help_request.started_at = now
    else:
        help_request.closed_at = now
        said_yes = set(
            HelpMatch.objects.filter(request=help_request, status=MatchStatus.ACCEPTED).values_list(
                "helper_id", flat=True
            )
        )
        HelpMatch.objects.filter(
            request=help_request, status__in=[MatchStatus.SUGGESTED, MatchStatus.ACCEPTED]
        ).update(status=MatchStatus.CLOSED)
    help_request.save(
        update_fields=["state", "updated_at", "matched_at", "started_at", "closed_at"]
    )
    if step.target in (State.WITHDRAWN, State.NOT_HELPED):
        # Whoever counted on this request hears that it ended — not the one who ended it.
        involved = {help_request.asker_id, help_request.created_by_id, help_request.helper_id}
        told = sorted((involved | said_yes) - {None, viewer.user.pk})
        if told:
            _on_commit("notify_closed", help_request.pk, told)
    acting_as = step.parties & parties(viewer, help_request, source=step.source)
    if STEWARD in step.parties and acting_as == {STEWARD}:
        log_action(
            actor=viewer.user,
            action=f"buurthulp.request.{step.target}",
            target=help_request,
            data={"from": step.source},
        )
    if step.target == State.HELPED:
        _create_follow_ups(help_request)


def _create_follow_ups(help_request: HelpRequest) -> None:
    people = [(help_request.asker_id, False)]
    if help_request.helper_id:
        people.append((help_request.helper_id, True))
    for person_id, is_helper in people:
        HelpFollowUp.objects.get_or_create(
            neighbourhood_id=help_request.neighbourhood_id,
            request=help_request,
            person_id=person_id,
            defaults={"is_helper": is_helper},
        )
    _on_commit("send_follow_ups", help_request.pk)


# --- background work --------------------------------------------------------------------------


def _on_commit(task_name: str, *args) -> None:
    from buurtplein.buurthulp import tasks

    task = getattr(tasks, task_name)
    transaction.on_commit(lambda: task.enqueue(*args))


# --- helpers ----------------------------------------------------------------------------------


def _verified_membership(user, neighbourhood) -> Membership | None:
    return Membership.objects.filter(
        neighbourhood=neighbourhood, user=user, status=Membership.Status.VERIFIED
    ).first()


def helper_text(profile: HelperProfile) -> str:
    """What a helper offers, as one text for the embedding: skills and interests in Dutch and
    English, and their own words."""
    skills = sorted(profile.skills.all(), key=lambda i: i.slug)
    interests = sorted(profile.interests.all(), key=lambda i: i.slug)
    lines = []
    if skills:
        lines.append(". ".join(f"{s.name_nl} ({s.name_en})" for s in skills))
    if interests:
        lines.append(", ".join(f"{i.name_nl} ({i.name_en})" for i in interests))
    if profile.likes_to_do.strip():
        lines.append(profile.likes_to_do.strip())
    return "\n".join(lines)


def request_text(help_request: HelpRequest) -> str:
    return f"{help_request.title}\n{help_request.text}".strip()


@transaction.atomic
def helper_profile_save(
    *,
    user,
    neighbourhood,
    active: bool,
    skills,
    interests,
    likes_to_do: str,
    languages: list[str],
    availability: list[str],
    max_distance_km: float,
) -> HelperProfile:
    """Opt in as a helper, change what you offer, or pause (``active=False``)."""
    if _verified_membership(user, neighbourhood) is None:
        raise ValidationError(_("Only verified neighbours can offer help here."))
    profile, _created = HelperProfile.objects.get_or_create(neighbourhood=neighbourhood, user=user)
    profile.active = active
    profile.likes_to_do = likes_to_do.strip()
    profile.languages = list(dict.fromkeys(languages))
    profile.availability = [s for s in dict.fromkeys(availability)]
    profile.max_distance_km = float(max_distance_km)
    profile.updated_at = timezone.now()
    profile.save()
    row = {"neighbourhood_id": profile.neighbourhood_id}  # the through rows' tenancy
    profile.skills.set(skills, through_defaults=row)
    profile.interests.set(interests, through_defaults=row)
    nb_id = neighbourhood.pk
    transaction.on_commit(lambda: matching.invalidate_pool(nb_id))
    if embeddings.available():
        _on_commit("embed_helper", profile.pk)
    return profile


def helper_embed(profile: HelperProfile) -> bool:
    """Store the embedding of what the helper offers, unless the text did not change. Called by
    the background task only. Returns whether it (re)computed."""
    if not embeddings.available():
        return False
    text = helper_text(profile)
    digest = embeddings.text_hash(text)
    if not text:
        HelperProfile.objects.filter(pk=profile.pk).update(embedding=None, embedding_hash="")
        return False
    if profile.embedding_hash == digest and profile.embedding:
        return False
    vector = embeddings.embed_passages([text])[0]
    HelperProfile.objects.filter(pk=profile.pk).update(embedding=vector, embedding_hash=digest)
    profile.embedding, profile.embedding_hash = vector, digest
    matching.invalidate_pool(profile.neighbourhood_id)
    return True


def request_embed(help_request: HelpRequest) -> bool:
    """Store the query embedding of the request's words (background task only)."""
    if not embeddings.available():
        return False
    text = request_text(help_request)
    digest = embeddings.text_hash(text)
    if help_request.embedding_hash == digest and help_request.embedding:
        return False
    vector = embeddings.embed_query(text)
    HelpRequest.objects.filter(pk=help_request.pk).update(embedding=vector, embedding_hash=digest)
    help_request.embedding, help_request.embedding_hash = vector, digest
    return True


# --- asking -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resident:
    """A resident without an account, and their consent (see ``HelpRequest.resident_*``)."""

    name: str
    contact: str
    consent_method: str
    consent_until: date
    phone: str = ""

    def fields(self) -> dict:
        return {
            "resident_name": self.name.strip(),
            "resident_contact": self.contact,
            "resident_phone": self.phone.strip() if self.contact == ResidentContact.PHONE else "",
            "resident_consent_until": self.consent_until,
        }


RESIDENT_CONSENT_METHODS = (ConsentMethod.IN_PERSON, ConsentMethod.PHONE)


def resident_consent_latest(today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=RESIDENT_CONSENT_MAX_DAYS)


def _check_resident(asker, neighbourhood, resident: Resident) -> None:
    """Only buurtverbinders and professionals ask for a resident without an account, with a
    name, a way to reach them and a consent that lasts at most a year."""
    role = _verified_membership(asker, neighbourhood)
    if not getattr(asker, "is_superuser", False) and (
        role is None or role.role not in (Role.CONNECTOR, Role.PROFESSIONAL, Role.ADMIN)
    ):
        raise ValidationError(
            _("Only buurtverbinders and professionals can ask for help for someone else.")
        )
    errors = {}
    if not resident.name.strip():
        errors["resident_name"] = _("Write their first name or initials.")
    if resident.contact not in ResidentContact.values:
        errors["resident_contact"] = _("Choose how helpers reach them.")
    elif resident.contact == ResidentContact.PHONE and not resident.phone.strip():
        errors["resident_phone"] = _("Write their phone number, or choose “via me”.")
    if resident.consent_method not in RESIDENT_CONSENT_METHODS:
        errors["consent_method"] = _("Say how they agreed: in person or on the phone.")
    today = timezone.localdate()
    if not today < resident.consent_until <= resident_consent_latest(today):
        errors["resident_consent_until"] = _("Choose a date after today and within a year.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def request_create(
    *,
    neighbourhood,
    asker,
    title: str,
    text: str = "",
    topic: str = Topic.OTHER,
    when: str = When.WEEK,
    dayparts: list[str] | None = None,
    visibility: str = RequestVisibility.NEIGHBOURS,
    created_by=None,
    consent_method: str = "",
    resident: Resident | None = None,
) -> HelpRequest:
    """Ask for help — for yourself, or (buurtverbinders and professionals) for a neighbour who
    agreed to it, or for a ``resident`` without an account who agreed to it (then ``asker`` is
    the professional: the contact person of the request). Matching and the 48-hour check run in
    the background."""
    ratelimit.check("listing", user=created_by or asker)
    if resident is not None:
        _check_resident(asker, neighbourhood, resident)
    membership = _verified_membership(asker, neighbourhood)
    if membership is None:
        raise ValidationError(_("Only verified neighbours can ask for help here."))
    on_behalf = created_by is not None and created_by.pk != asker.pk
    if on_behalf:
        helper_role = _verified_membership(created_by, neighbourhood)
        is_admin = getattr(created_by, "is_superuser", False)
        if not is_admin and (
            helper_role is None
            or helper_role.role not in (Role.CONNECTOR, Role.PROFESSIONAL, Role.ADMIN)
        ):
            raise ValidationError(
                _("Only buurtverbinders and professionals can ask for help for someone else.")
            )
        if not consent_method:
            raise ValidationError(
                {"consent_method": _("Say how the neighbour agreed that you ask for them.")}
            )
    now = timezone.now()
    help_request = HelpRequest.objects.create(
        neighbourhood=neighbourhood,
        asker=asker,
        created_by=created_by if on_behalf else None,
        consent_method=resident.consent_method
        if resident
        else (consent_method if on_behalf else ""),
        consent_recorded_at=now if on_behalf or resident else None,
        **(resident.fields() if resident else {}),
        title=title.strip(),
        text=text.strip(),
        topic=topic,
        when=when,
        dayparts=list(dict.fromkeys(dayparts or [])),
        visibility=visibility,
        postcode=membership.postcode,
        created_at=now,
        updated_at=now,
    )
    if on_behalf:
        log_action(
            actor=created_by,
            action="buurthulp.request.on_behalf",
            target=help_request,
            data={"asker": asker.pk, "consent_method": consent_method},
        )
    if resident:
        # What was agreed, never who: no name or phone number in the audit log.
        log_action(
            actor=asker,
            action="buurthulp.request.for_resident",
            target=help_request,
            data={
                "consent_method": resident.consent_method,
                "consent_until": resident.consent_until.isoformat(),
                "contact": resident.contact,
            },
        )
    _on_commit("find_helpers", help_request.pk)
    pk, due = help_request.pk, now + ESCALATE_AFTER

    def schedule():
        from buurtplein.buurthulp.tasks import escalate_if_unanswered

        enqueue_later(escalate_if_unanswered, due, pk)

    transaction.on_commit(schedule)
    return help_request


@transaction.atomic
def request_update(
    *,
    help_request: HelpRequest,
    viewer,
    title: str,
    text: str,
    topic: str,
    when: str,
    dayparts: list[str],
    visibility: str,
) -> HelpRequest:
    """Change the request while nobody has said yes yet. Matching runs again (new words can
    fit other helpers); neighbours asked before keep their suggestion unless the request is now
    for professionals only."""
    if help_request.state != State.OPEN or ASKER not in parties(viewer, help_request):
        raise ValidationError(_("You can change a request only while nobody has said yes yet."))
    help_request.title = title.strip()
    help_request.text = text.strip()
    help_request.topic = topic
    help_request.when = when
    help_request.dayparts = list(dict.fromkeys(dayparts))
    was = help_request.visibility
    help_request.visibility = visibility
    help_request.updated_at = timezone.now()
    help_request.save()
    if visibility == RequestVisibility.PROFESSIONALS and was != visibility:
        professionals = Membership.objects.filter(role=Role.PROFESSIONAL).values("user_id")
        HelpMatch.objects.filter(request=help_request, status=MatchStatus.SUGGESTED).exclude(
            helper_id__in=professionals
        ).update(status=MatchStatus.CLOSED)
    _on_commit("find_helpers", help_request.pk)
    return help_request


def request_features(
    help_request: HelpRequest, *, things=None, now=None
) -> matching.RequestFeatures:
    """What matching needs to know of a request (3 queries: asker's languages, place,
    helpers already asked)."""
    from buurtplein.accounts.models import Profile
    from buurtplein.core.geo import point_for_postcode

    things = things if things is not None else matching.vocabulary()
    request_stems, wanted = matching.analyse(
        title=help_request.title, text=help_request.text, topic=help_request.topic, things=things
    )
    languages = (
        Profile.objects.filter(user_id=help_request.asker_id)
        .values_list("languages", flat=True)
        .first()
    )
    excluded = {help_request.asker_id}
    if help_request.created_by_id:
        excluded.add(help_request.created_by_id)
    excluded |= set(
        HelpMatch.objects.filter(request=help_request).values_list("helper_id", flat=True)
    )
    return matching.RequestFeatures(
        stems=request_stems,
        wanted=wanted,
        point=point_for_postcode(help_request.postcode) if help_request.postcode else None,
        languages=set(languages or []),
        slots=matching.wanted_slots(
            help_request.when, help_request.dayparts or [], help_request.created_at
        ),
        embedding=bytes(help_request.embedding) if help_request.embedding else None,
        exclude_user_ids=excluded,
    )


def recent_load(neighbourhood, now=None) -> dict[int, int]:
    """Suggestions per helper in the last 14 days (one grouped query)."""
    from django.db.models import Count

    since = matching.recent_since(now or timezone.now())
    return dict(
        HelpMatch.objects.filter(neighbourhood=neighbourhood, created_at__gte=since)
        .exclude(status=MatchStatus.DECLINED)
        .values("helper_id")
        .annotate(n=Count("id"))
        .values_list("helper_id", "n")
    )


def rank_helpers(help_request: HelpRequest, *, limit: int = MAX_SUGGESTIONS, now=None):
    """The best helpers for a request right now (no writes)."""
    things = matching.vocabulary()
    features = request_features(help_request, things=things, now=now)
    pool = matching.load_pool(help_request.neighbourhood)
    return matching.rank(
        features,
        pool,
        load=recent_load(help_request.neighbourhood, now),
        things=things,
        semantic=embeddings.available(),
        limit=limit,
    )


def find_helpers(help_request: HelpRequest, *, notify: bool = True) -> list[HelpMatch]:
    """Embed the request (if the model is here), rank helpers and ask the best ones: the body of
    the background task after asking and after an edit. Idempotent: asks nobody twice and
    never more than :data:`MAX_SUGGESTIONS` at a time."""
    if help_request.state not in (State.OPEN, State.MATCHED):
        return []
    request_embed(help_request)
    with transaction.atomic():
        locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
        if locked.state not in (State.OPEN, State.MATCHED):
            return []
        waiting = HelpMatch.objects.filter(
            request=locked, status__in=[MatchStatus.SUGGESTED, MatchStatus.ACCEPTED]
        ).count()
        room = MAX_SUGGESTIONS - waiting
        created: list[HelpMatch] = []
        if room > 0:
            if locked.visibility == RequestVisibility.PROFESSIONALS:
                created = _route_to_professionals(locked, limit=room)
            else:
                if _is_sensitive(locked) and not _professional_asked(locked):
                    # Debts, care, safety: one professional of the neighbourhood is asked too
                    # (the asker was pointed to them and chose to ask neighbours as well).
                    created = _route_to_professionals(locked, limit=1, score=PROFESSIONAL_FIRST)
                    room -= len(created)
                suggestions = rank_helpers(locked, limit=room) if room > 0 else []
                created += HelpMatch.objects.bulk_create(
                    [
                        HelpMatch(
                            neighbourhood_id=locked.neighbourhood_id,
                            request=locked,
                            helper_id=s.candidate.user_id,
                            score=s.score,
                            reason=s.reason,
                        )
                        for s in suggestions
                    ]
                )
        if not locked.matched_once:
            HelpRequest.objects.filter(pk=locked.pk).update(matched_once=True)
        if not created and waiting == 0:
            # Nobody fits (or everyone asked said no): the stewards hear it now, not only
            # after 48 hours, and the asker's page says so.
            _escalate(locked, now=timezone.now(), nobody_fits=True, notify=notify)
        if notify and created:
            ids = [m.pk for m in created]
            _on_commit("notify_helpers", ids)
    return created


def _is_sensitive(help_request: HelpRequest) -> bool:
    return bool(matching.sensitive_kinds(help_request.topic, request_text(help_request)))


def _professional_asked(help_request: HelpRequest) -> bool:
    professionals = Membership.objects.filter(role=Role.PROFESSIONAL).values("user_id")
    return HelpMatch.objects.filter(request=help_request, helper_id__in=professionals).exists()


def _route_to_professionals(
    help_request: HelpRequest, *, limit: int, score: float = 0.0
) -> list[HelpMatch]:
    """Professionals-only requests go to the neighbourhood's professionals, not to neighbours:
    the ones asked least in the last 14 days first (the same spreading as for neighbours)."""
    from django.db.models import Count, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    already = HelpMatch.objects.filter(request=help_request).values("helper_id")
    recent = (
        HelpMatch.objects.filter(
            helper_id=OuterRef("user_id"),
            created_at__gte=matching.recent_since(timezone.now()),
        )
        .order_by()
        .values("helper_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    professionals = list(
        Membership.objects.filter(role=Role.PROFESSIONAL, status=Membership.Status.VERIFIED)
        .exclude(user_id__in=already)
        .exclude(user_id__in=[help_request.asker_id, help_request.created_by_id or 0])
        .annotate(recent=Coalesce(Subquery(recent[:1]), 0))
        .select_related("organisation")
        .order_by("recent", "joined_at", "pk")[:limit]
    )
    return HelpMatch.objects.bulk_create(
        [
            HelpMatch(
                neighbourhood_id=help_request.neighbourhood_id,
                request=help_request,
                helper_id=m.user_id,
                score=score,
                reason=[
                    {
                        "kind": "professional",
                        "organisation": m.organisation.name if m.organisation else "",
                    }
                ],
            )
            for m in professionals
        ]
    )


# --- helpers answer, the asker chooses ----------------------------------------------------------


def match_respond(*, match: HelpMatch, viewer, accept: bool, note: str = "") -> HelpMatch:
    """A suggested helper says yes or no. The first yes moves the request to "matched"."""
    with transaction.atomic():
        locked = HelpMatch.objects.select_for_update().select_related("request").get(pk=match.pk)
        if not viewer.is_self(locked.helper):
            raise ValidationError(_("This question was for someone else."))
        if locked.status != MatchStatus.SUGGESTED:
            raise ValidationError(_("You already answered this request."))
        help_request = locked.request
        if help_request.state not in (State.OPEN, State.MATCHED):
            raise ValidationError(_("This request no longer needs an answer."))
        locked.status = MatchStatus.ACCEPTED if accept else MatchStatus.DECLINED
        locked.note = note.strip()[:300]
        locked.responded_at = timezone.now()
        locked.save(update_fields=["status", "note", "responded_at"])
        if accept:
            if help_request.state == State.OPEN:
                request_transition(help_request=help_request, to=State.MATCHED, viewer=viewer)
            _on_commit("notify_accepted", locked.pk)
        elif help_request.visibility != RequestVisibility.PROFESSIONALS:
            _on_commit("find_helpers", help_request.pk)  # ask someone else in their place
    match.status, match.note, match.responded_at = locked.status, locked.note, locked.responded_at
    return locked


def match_choose(*, match: HelpMatch, viewer, text: str = "") -> HelpMatch:
    """The asker chooses a helper who said yes: the request is in progress and their private
    conversation opens with a first message."""
    from buurtplein.messaging.actions import conversation_start

    with transaction.atomic():
        locked = (
            HelpMatch.objects.select_for_update()
            .select_related("request", "request__asker", "helper")
            .get(pk=match.pk)
        )
        help_request = locked.request
        if locked.status != MatchStatus.ACCEPTED:
            raise ValidationError(_("You can only choose someone who said yes."))
        check_transition(help_request, State.IN_PROGRESS, viewer)
        help_request.helper = locked.helper
        help_request.save(update_fields=["helper"])
        request_transition(help_request=help_request, to=State.IN_PROGRESS, viewer=viewer)
        locked.status = MatchStatus.CHOSEN
        locked.save(update_fields=["status"])
        HelpMatch.objects.filter(
            request=help_request, status__in=[MatchStatus.SUGGESTED, MatchStatus.ACCEPTED]
        ).exclude(pk=locked.pk).update(status=MatchStatus.NOT_CHOSEN)
        first = text.strip() or _first_message(help_request, locked.helper)
        conversation = conversation_start(
            neighbourhood=help_request.neighbourhood,
            starter=help_request.asker,
            other=locked.helper,
            about=help_request,
            subject=help_request.title,
            text=first,
        )
        help_request.conversation_id = conversation.pk
        help_request.save(update_fields=["conversation_id"])
        if viewer.user.pk != help_request.asker_id:
            log_action(
                actor=viewer.user,
                action="buurthulp.request.choose_on_behalf",
                target=help_request,
                data={"helper": locked.helper_id},
            )
        _on_commit("notify_chosen", locked.pk)
    match.status = locked.status
    return locked


def _first_message(help_request: HelpRequest, helper) -> str:
    from django.utils import translation

    with translation.override(help_request.asker.language or "nl"):
        return _(
            "Hello %(name)s, thank you for wanting to help with “%(title)s”. When would suit you?"
        ) % {"name": helper.first_name or helper.display_name, "title": help_request.title}


@transaction.atomic
def match_suggest(*, help_request: HelpRequest, viewer, helper, note: str = "") -> HelpMatch:
    """A buurtverbinder (a professional, for professionals-only requests) asks a neighbour
    they know to help with a request that nobody answered."""
    if not is_steward(viewer, help_request):
        raise ValidationError(_("Only a buurtverbinder can ask a neighbour for this request."))
    if help_request.state not in (State.OPEN, State.MATCHED):
        raise ValidationError(_("This request no longer needs a helper."))
    if helper.pk in (help_request.asker_id, help_request.created_by_id):
        raise ValidationError({"helper": _("Choose someone other than the person who asked.")})
    if _verified_membership(helper, help_request.neighbourhood) is None:
        raise ValidationError({"helper": _("This person is not a verified neighbour here.")})
    match, created = HelpMatch.objects.get_or_create(
        request=help_request,
        helper=helper,
        defaults={
            "neighbourhood_id": help_request.neighbourhood_id,
            "reason": [{"kind": "connector"}],
            "suggested_by": viewer.user,
            "note": "",
        },
    )
    if not created:
        raise ValidationError({"helper": _("This neighbour was already asked.")})
    log_action(
        actor=viewer.user,
        action="buurthulp.match.suggest",
        target=help_request,
        data={"helper": helper.pk, "note": note.strip()[:300]},
    )
    _on_commit("notify_helpers", [match.pk])
    return match


# --- professionals: pick it up, or hand it to a colleague ---------------------------------------


def _professional_membership(user, neighbourhood) -> Membership | None:
    return (
        Membership.objects.filter(
            user=user,
            neighbourhood=neighbourhood,
            role=Role.PROFESSIONAL,
            status=Membership.Status.VERIFIED,
        )
        .select_related("organisation")
        .first()
    )


def may_act_as_professional(viewer, help_request: HelpRequest) -> bool:
    """A professional of the neighbourhood who was asked for this request (a sensitive one), or
    who looks after it (professionals-only), while it still needs someone."""
    if not viewer.is_member or not viewer.is_professional:
        return False
    if help_request.state not in (State.OPEN, State.MATCHED):
        return False
    if viewer.user.pk in (help_request.asker_id, help_request.created_by_id):
        return False  # their own request, or one they asked for someone: not theirs to take
    if help_request.visibility == RequestVisibility.PROFESSIONALS:
        return True
    return HelpMatch.objects.filter(
        request=help_request,
        helper_id=viewer.user.pk,
        status__in=[MatchStatus.SUGGESTED, MatchStatus.ACCEPTED],
    ).exists()


def _professional_reason(membership: Membership | None) -> list[dict]:
    organisation = membership.organisation if membership else None
    return [{"kind": "professional", "organisation": organisation.name if organisation else ""}]


def request_take_on(*, help_request: HelpRequest, viewer) -> HelpMatch:
    """A professional says "Ik pak dit op": they become the helper at once (the asker asked
    for a professional, or was pointed to them), the private conversation opens with a first
    message from them, the asker is told, and anyone else asked is no longer needed."""
    from buurtplein.messaging.actions import conversation_start

    with transaction.atomic():
        locked = (
            HelpRequest.objects.select_for_update().select_related("asker").get(pk=help_request.pk)
        )
        if not may_act_as_professional(viewer, locked):
            raise ValidationError(_("Only a professional who was asked can pick this up."))
        membership = _professional_membership(viewer.user, locked.neighbourhood)
        match, _created = HelpMatch.objects.get_or_create(
            request=locked,
            helper=viewer.user,
            defaults={
                "neighbourhood_id": locked.neighbourhood_id,
                "reason": _professional_reason(membership),
            },
        )
        match.status = MatchStatus.ACCEPTED
        match.responded_at = timezone.now()
        match.save(update_fields=["status", "responded_at"])
        if locked.state == State.OPEN:
            request_transition(help_request=locked, to=State.MATCHED, viewer=viewer)
        locked.helper = viewer.user
        locked.save(update_fields=["helper"])
        # The step of the table that the asker takes by choosing; a professional takes it by
        # picking the request up (checked above: may_act_as_professional).
        _apply(locked, _TABLE[(State.MATCHED, State.IN_PROGRESS)], viewer)
        match.status = MatchStatus.CHOSEN
        match.save(update_fields=["status"])
        HelpMatch.objects.filter(
            request=locked, status__in=[MatchStatus.SUGGESTED, MatchStatus.ACCEPTED]
        ).exclude(pk=match.pk).update(status=MatchStatus.NOT_CHOSEN)
        conversation = conversation_start(
            neighbourhood=locked.neighbourhood,
            starter=viewer.user,
            other=locked.asker,
            about=locked,
            subject=locked.title,
            text=_taken_on_message(locked, viewer.user, membership),
        )
        locked.conversation_id = conversation.pk
        locked.save(update_fields=["conversation_id"])
        log_action(actor=viewer.user, action="buurthulp.request.take_on", target=locked)
        _on_commit("notify_taken_on", match.pk)
    for name in ("state", "helper_id", "conversation_id"):
        setattr(help_request, name, getattr(locked, name))
    return match


def _taken_on_message(help_request: HelpRequest, professional, membership) -> str:
    from django.utils import translation

    organisation = membership.organisation.name if membership and membership.organisation else ""
    with translation.override(help_request.asker.language or "nl"):
        if organisation:
            return _(
                "Hello %(name)s, I am %(me)s of %(organisation)s. I am picking up your request "
                "“%(title)s”. When can we talk?"
            ) % {
                "name": help_request.asker.first_name,
                "me": professional.first_name,
                "organisation": organisation,
                "title": help_request.title,
            }
        return _(
            "Hello %(name)s, I am %(me)s. I am picking up your request “%(title)s”. When can "
            "we talk?"
        ) % {
            "name": help_request.asker.first_name,
            "me": professional.first_name,
            "title": help_request.title,
        }


def colleagues(viewer, help_request: HelpRequest):
    """The other professionals of the neighbourhood a request can be handed to."""
    return (
        Membership.objects.filter(role=Role.PROFESSIONAL, status=Membership.Status.VERIFIED)
        .exclude(
            user_id__in=[viewer.user.pk, help_request.asker_id, help_request.created_by_id or 0]
        )
        .select_related("user", "organisation")
        .order_by("user__first_name", "pk")
    )


@transaction.atomic
def request_hand_over(*, help_request: HelpRequest, viewer, colleague, note: str = "") -> HelpMatch:
    """A professional hands a request to a colleague (another professional of the
    neighbourhood), with a note for them: the colleague is asked (and e-mailed, with the
    note), the professional steps back, and it is written to the audit log."""
    if not may_act_as_professional(viewer, help_request):
        raise ValidationError(_("Only a professional who was asked can hand this over."))
    membership = _professional_membership(colleague, help_request.neighbourhood)
    if membership is None or colleague.pk in (
        viewer.user.pk,
        help_request.asker_id,
        help_request.created_by_id,
    ):
        raise ValidationError({"colleague": _("Choose another professional of the neighbourhood.")})
    note = note.strip()[:300]
    match, created = HelpMatch.objects.get_or_create(
        request=help_request,
        helper=colleague,
        defaults={
            "neighbourhood_id": help_request.neighbourhood_id,
            "reason": _professional_reason(membership),
            "suggested_by": viewer.user,
            "note": note,
        },
    )
    if not created:
        # Asked already (a professionals-only request asks several): now with the note.
        if match.status == MatchStatus.CHOSEN:
            raise ValidationError({"colleague": _("This colleague already helps.")})
        if match.status != MatchStatus.ACCEPTED:
            match.status = MatchStatus.SUGGESTED
            match.responded_at = None
        match.suggested_by = viewer.user
        match.note = note
        match.save(update_fields=["status", "suggested_by", "note", "responded_at"])
    # The professional who handed it over steps back.
    HelpMatch.objects.filter(
        request=help_request,
        helper_id=viewer.user.pk,
        status__in=[MatchStatus.SUGGESTED, MatchStatus.ACCEPTED],
    ).update(status=MatchStatus.DECLINED, responded_at=timezone.now())
    log_action(
        actor=viewer.user,
        action="buurthulp.request.hand_over",
        target=help_request,
        data={"colleague": colleague.pk, "note": note},
    )
    _on_commit("notify_handed_over", match.pk)
    return match


@transaction.atomic
def request_pick_up(*, help_request: HelpRequest, viewer) -> HelpRequest:
    """A buurtverbinder (or professional) says "I'll take this one" for an escalated request,
    so colleagues see it is being looked after."""
    if not is_steward(viewer, help_request):
        raise ValidationError(_("Only a buurtverbinder can take this on."))
    if help_request.picked_up_by_id:
        raise ValidationError(_("Someone already took this on."))
    help_request.picked_up_by = viewer.user
    help_request.picked_up_at = timezone.now()
    help_request.save(update_fields=["picked_up_by", "picked_up_at"])
    log_action(actor=viewer.user, action="buurthulp.request.pick_up", target=help_request)
    return help_request


# --- escalation -------------------------------------------------------------------------------


def escalate_if_unanswered(help_request: HelpRequest, *, now: datetime | None = None) -> bool:
    """Body of the delayed task, 48 hours after asking: if the request is still open (nobody
    said yes) and was not escalated yet, mark it and tell the stewards by e-mail. Safe to run
    any number of times and at any moment; it checks everything again."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
        if (
            locked.state != State.OPEN
            or locked.escalated_at is not None
            or locked.created_at > now - ESCALATE_AFTER
        ):
            return False
        _escalate(locked, now=now)
    help_request.escalated_at = now
    return True


def _escalate(
    locked: HelpRequest, *, now: datetime, nobody_fits: bool = False, notify: bool = True
) -> bool:
    """Mark a (locked) open request as needing a steward and e-mail them (unless ``notify`` is
    off, as for the demo), once."""
    if locked.state != State.OPEN or locked.escalated_at is not None:
        return False
    locked.escalated_at = now
    locked.save(update_fields=["escalated_at"])
    if notify:
        _on_commit("notify_escalation", locked.pk, nobody_fits)
    return True


def escalation_due(neighbourhood, *, now: datetime):
    """The open requests of the neighbourhood that waited 48 hours and were not escalated."""
    return HelpRequest.objects.filter(
        neighbourhood=neighbourhood,
        state=State.OPEN,
        escalated_at__isnull=True,
        created_at__lte=now - ESCALATE_AFTER,
    )


def escalate_due(neighbourhood, *, now: datetime | None = None) -> int:
    """Escalate every open request of the neighbourhood that waited 48 hours (a safety net for
    the delayed tasks; ``manage.py buurthulp_escalate`` runs it for all neighbourhoods)."""
    now = now or timezone.now()
    due = escalation_due(neighbourhood, now=now)
    return sum(escalate_if_unanswered(r, now=now) for r in due)


# --- closing the loop -------------------------------------------------------------------------


def follow_up_answer(*, follow_up: HelpFollowUp, viewer, answer: str) -> HelpFollowUp:
    """ "Did it work out?" — yes, partly or no. The answer can be changed."""
    if not viewer.is_self(follow_up.person):
        raise ValidationError(_("This question was for someone else."))
    if answer not in FollowUpAnswer.values:
        raise ValidationError(_("Choose yes, partly or no."))
    follow_up.answer = answer
    follow_up.answered_at = timezone.now()
    follow_up.save(update_fields=["answer", "answered_at"])
    return follow_up


@transaction.atomic
def request_thank(*, help_request: HelpRequest, viewer, text: str) -> HelpMatch:
    """The asker thanks the helper; the note shows on the request and goes to the helper."""
    ratelimit.check("reply", user=viewer.user)
    if ASKER not in parties(viewer, help_request):
        raise ValidationError(_("Only the person who asked can say thank you here."))
    if help_request.state not in (State.HELPED, State.NOT_HELPED) or not help_request.helper_id:
        raise ValidationError(_("You can say thank you once the request is closed."))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a few words of thanks.")})
    match = HelpMatch.objects.select_for_update().get(
        request=help_request, helper_id=help_request.helper_id
    )
    first = not match.thanked_at
    match.thanks_text = text[:500]
    match.thanked_at = timezone.now()
    match.save(update_fields=["thanks_text", "thanked_at"])
    if first:
        _on_commit("notify_thanks", match.pk)
    return match


# --- a resident without an account: their consent ends --------------------------------------


def may_withdraw_resident_consent(viewer, help_request: HelpRequest) -> bool:
    """The professional who asked, a colleague of the same organisation, or — when a
    buurtverbinder asked — any buurtverbinder of the neighbourhood."""
    if not viewer.is_member or not help_request.resident_name:
        return False
    if viewer.user.pk == help_request.asker_id:
        return True
    asked_as = _verified_membership(help_request.asker_id, help_request.neighbourhood_id)
    if asked_as is None:
        return False
    if asked_as.role in (Role.CONNECTOR, Role.ADMIN):
        return viewer.is_connector
    return (
        viewer.is_professional
        and asked_as.organisation_id is not None
        and viewer.membership is not None
        and viewer.membership.organisation_id == asked_as.organisation_id
    )


def _end_resident_consent(help_request: HelpRequest, *, now: datetime, actor) -> None:
    """Clear the resident's details and close the request (locked row): helpers no longer see
    a name or number, and nobody keeps helping someone who said no."""
    help_request.resident_name = ""
    help_request.resident_phone = ""
    help_request.resident_consent_ended_at = now
    help_request.updated_at = now
    help_request.save(
        update_fields=[
            "resident_name",
            "resident_phone",
            "resident_consent_ended_at",
            "updated_at",
        ]
    )
    if help_request.is_active:
        step = _TABLE[(help_request.state, State.WITHDRAWN)]
        _apply(help_request, step, actor)


def resident_consent_withdraw(*, help_request: HelpRequest, viewer) -> HelpRequest:
    """The resident no longer agrees: at once, their details go and the request closes."""
    if not may_withdraw_resident_consent(viewer, help_request):
        raise ValidationError(
            _("Only the professional who asked, or a colleague, can withdraw the consent.")
        )
    with transaction.atomic():
        locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
        if not locked.resident_name:
            return locked  # already withdrawn or ended: nothing left to clear
        _end_resident_consent(locked, now=timezone.now(), actor=viewer)
        log_action(
            actor=viewer.user,
            action="buurthulp.request.resident_consent_withdrawn",
            target=locked,
            data={},
        )
    return locked


def resident_consent_due(neighbourhood, *, now: datetime):
    """Requests whose resident's consent has passed its date but whose details are still
    there."""
    return HelpRequest.objects.filter(
        neighbourhood=neighbourhood,
        resident_consent_until__lt=timezone.localdate(now),
    ).exclude(resident_name="")


def resident_consent_end_due(neighbourhood, *, now: datetime | None = None) -> int:
    """Clear every resident whose consent passed its date (the buurthulp round; idempotent)."""
    now = now or timezone.now()
    # The round closes the request as nobody: everyone involved hears of it.
    system = SimpleNamespace(user=SimpleNamespace(pk=None), is_member=False)
    ended = 0
    for pk in resident_consent_due(neighbourhood, now=now).values_list("pk", flat=True):
        with transaction.atomic():
            locked = HelpRequest.objects.select_for_update().get(pk=pk)
            if locked.resident_name and locked.resident_consent_until < timezone.localdate(now):
                _end_resident_consent(locked, now=now, actor=system)
                ended += 1
    return ended


# --- privacy ----------------------------------------------------------------------------------


def erase_person(user) -> None:
    """Forget what buurthulp holds about a person (account deletion): their helper profiles,
    their requests, the suggestions made to them and their follow-up answers. A request they
    were helping with, or had said yes to, goes back to open when nobody else said yes: the
    asker still needs a helper."""
    from django_scopes import scopes_disabled

    with scopes_disabled(), transaction.atomic():
        helping_in = set(
            HelperProfile.objects.filter(user=user).values_list("neighbourhood_id", flat=True)
        )
        HelperProfile.objects.filter(user=user).delete()
        for neighbourhood_id in helping_in:  # the cached pool holds what they offered
            matching.invalidate_pool(neighbourhood_id)
        HelpFollowUp.objects.filter(person=user).delete()
        HelpRequest.objects.filter(asker=user).delete()
        helped = set(HelpRequest.objects.filter(helper=user).values_list("pk", flat=True))
        helped |= set(HelpMatch.objects.filter(helper=user).values_list("request_id", flat=True))
        HelpRequest.objects.filter(helper=user).update(helper=None)
        HelpMatch.objects.filter(helper=user).delete()
        HelpRequest.objects.filter(
            pk__in=helped, state__in=(State.MATCHED, State.IN_PROGRESS), helper__isnull=True
        ).exclude(matches__status=MatchStatus.ACCEPTED).update(state=State.OPEN)
        HelpRequest.objects.filter(created_by=user).update(created_by=None)
        HelpRequest.objects.filter(picked_up_by=user).update(picked_up_by=None)
        HelpMatch.objects.filter(suggested_by=user).update(suggested_by=None)
