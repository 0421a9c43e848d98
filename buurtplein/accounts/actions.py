"""Writes about people: set-up, joining and verification, invites, roles, profiles."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtplein.accounts.models import InviteCode, Profile, VerificationLog
from buurtplein.core import ratelimit
from buurtplein.core.audit import log_action
from buurtplein.core.images import process_image
from buurtplein.core.models import Membership, Neighbourhood, Role, parse_postcode
from buurtplein.core.selectors import postcode_in_neighbourhood


def user_setup(*, user) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def _usable_invite(neighbourhood: Neighbourhood, code: str) -> InviteCode:
    invite = (
        InviteCode.objects.select_for_update()
        .filter(neighbourhood=neighbourhood, code=code.strip().upper().replace(" ", ""))
        .first()
    )
    if invite is None or not invite.is_active:
        raise ValidationError({"code": _("This invite code is not right. Check the letters.")})
    if invite.expires_at is not None and invite.expires_at <= timezone.now():
        raise ValidationError(
            {"code": _("This invite code is no longer valid. Ask a buurtverbinder for a new one.")}
        )
    if invite.use_count >= invite.max_uses:
        raise ValidationError(
            {"code": _("This invite code has been used up. Ask a buurtverbinder for a new one.")}
        )
    return invite


@transaction.atomic
def membership_join(
    *, user, neighbourhood: Neighbourhood, postcode: str, code: str = "", ip: str = ""
) -> Membership:
    """Join with a postcode in the area and either an invite code (verified at once) or, without
    a code, a request that a buurtverbinder approves. Tries with a code are rate-limited per
    account and per IP address (``ip``, the ``"invite"`` limit), so codes cannot be guessed."""
    if code.strip():
        ratelimit.check("invite", user=user, ip=ip)
    if not postcode_in_neighbourhood(neighbourhood, postcode):
        raise ValidationError(
            {"postcode": _("This postcode is not in %(name)s.") % {"name": neighbourhood.name}}
        )
    invite = _usable_invite(neighbourhood, code) if code.strip() else None
    pc4, pc6 = parse_postcode(postcode)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                neighbourhood=neighbourhood,
                user=user,
                postcode=pc6 or pc4,
                status=Membership.Status.VERIFIED if invite else Membership.Status.PENDING,
                verified_at=timezone.now() if invite else None,
            )
    except IntegrityError:
        raise ValidationError(_("You are already a member of this neighbourhood.")) from None
    if invite is not None:
        InviteCode.objects.filter(pk=invite.pk).update(use_count=F("use_count") + 1)
        VerificationLog.objects.create(
            neighbourhood=neighbourhood,
            membership=membership,
            method=VerificationLog.Method.INVITE,
            invite=invite,
        )
    user_setup(user=user)
    return membership


@transaction.atomic
def membership_approve(*, actor, membership: Membership) -> Membership:
    membership.status = Membership.Status.VERIFIED
    membership.verified_at = timezone.now()
    membership.save(update_fields=["status", "verified_at"])
    VerificationLog.objects.create(
        neighbourhood_id=membership.neighbourhood_id,
        membership=membership,
        method=VerificationLog.Method.APPROVAL,
        actor=actor,
    )
    log_action(actor=actor, action="members.approve", target=membership)
    _notify_decision(membership)
    return membership


@transaction.atomic
def membership_reject(*, actor, membership: Membership) -> Membership:
    membership.status = Membership.Status.REJECTED
    membership.save(update_fields=["status"])
    log_action(actor=actor, action="members.reject", target=membership)
    _notify_decision(membership)
    return membership


def _notify_decision(membership: Membership) -> None:
    from buurtplein.accounts.tasks import send_membership_decision

    transaction.on_commit(lambda: send_membership_decision.enqueue(membership.pk))


@transaction.atomic
def membership_set_role(*, actor, membership: Membership, role: str, organisation=None):
    old = membership.role
    membership.role = role
    membership.organisation = organisation if role == Role.PROFESSIONAL else None
    membership.save(update_fields=["role", "organisation"])
    log_action(
        actor=actor,
        action="members.role",
        target=membership,
        data={"from": old, "to": role},
    )
    return membership


def invite_create(
    *, actor, neighbourhood: Neighbourhood, note: str = "", max_uses: int = 5, expires_at=None
) -> InviteCode:
    invite = InviteCode.objects.create(
        neighbourhood=neighbourhood,
        created_by=actor,
        note=note.strip(),
        max_uses=max_uses,
        expires_at=expires_at,
    )
    log_action(actor=actor, action="members.invite.create", target=invite)
    return invite


def invite_deactivate(*, actor, invite: InviteCode) -> InviteCode:
    invite.is_active = False
    invite.save(update_fields=["is_active"])
    log_action(actor=actor, action="members.invite.deactivate", target=invite)
    return invite


PROFILE_PHOTO_SIZES = {"photo": 600, "photo_small": 120}


@transaction.atomic
def profile_update(
    *,
    user,
    first_name: str,
    last_name: str,
    show_full_name: bool,
    intro: str,
    interests,
    skills,
    tags: list[str],
    languages: list[str],
    street: str,
    visibility: dict[str, str],
    photo=None,
    remove_photo: bool = False,
) -> Profile:
    profile = user_setup(user=user)
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.save(update_fields=["first_name", "last_name"])
    profile.show_full_name = show_full_name
    profile.intro = intro.strip()
    profile.tags = tags
    profile.languages = languages
    profile.street = street.strip()
    profile.visibility = visibility
    if remove_photo:
        profile.photo.delete(save=False)
        profile.photo_small.delete(save=False)
    if photo is not None:
        variants = process_image(photo, PROFILE_PHOTO_SIZES)
        profile.photo = variants["photo"].file
        profile.photo_small = variants["photo_small"].file
    profile.save()
    profile.interests.set(interests)
    profile.skills.set(skills)
    return profile


# --- forgetting a person (AVG/GDPR article 17) -------------------------------------------------


def _rows_pointing_at(user) -> list[tuple[int, list]]:
    """``(content type id, [pk, …])`` of every row of every model with a foreign key to the
    person (their post, their membership, an item arranged with them …) that the admin's log
    has entries about, read before anything is erased: those entries name them or copy their
    text (``object_repr``)."""
    from django.apps import apps
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q
    from django_scopes import scopes_disabled

    user_model = get_user_model()
    logged = set(LogEntry.objects.values_list("content_type_id", flat=True).distinct())
    found = []
    with scopes_disabled():
        for model in apps.get_models():
            content_type = ContentType.objects.get_for_model(model)
            if model is LogEntry or content_type.pk not in logged:
                continue
            keys = [
                f.name
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is user_model
            ]
            if not keys:
                continue
            match = Q()
            for key in keys:
                match |= Q(**{key: user})
            pks = [str(pk) for pk in model._base_manager.filter(match).values_list("pk", flat=True)]
            if pks:
                found.append((content_type.pk, pks))
    return found


def _forget_in_admin_log(user, rows) -> None:
    """Django's admin log keeps a copy of what was changed (``object_repr``, the change
    message). Its entries made by the person go with the account (a cascade); entries about
    the person, their rows, or naming them go here."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    about = Q(
        content_type=ContentType.objects.get_for_model(get_user_model()), object_id=str(user.pk)
    )
    for content_type_id, pks in rows:
        about |= Q(content_type_id=content_type_id, object_id__in=pks)
    # The e-mail address and the name as a whole ("Fatima de Vries", "Fatima d."): a first or
    # last name alone would also match other people's entries.
    names = {user.email, f"{user.first_name} {user.last_name}".strip(), user.display_name}
    for name in (n for n in names if n and (" " in n or "@" in n)):
        about |= Q(object_repr__icontains=name) | Q(change_message__icontains=name)
    LogEntry.objects.filter(Q(user=user) | about).delete()


def _forget_sessions(user) -> None:
    """Every log-in session of the person (on any device). Session data is signed, not
    searchable, so the rows are read one by one (expired ones too: they still hold the id)."""
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session

    gone = [
        session.pk
        for session in Session.objects.iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk)
    ]
    Session.objects.filter(pk__in=gone).delete()


def _forget_audit(user) -> None:
    """The audit log keeps what buurtverbinders, professionals and admins did, without the
    person: they are no longer its actor, and entries about their account, profile or
    memberships no longer point at them, entries that name them in their data lose it, and
    the notes they typed leave the entries they made (``core.audit.PERSON_KEYS``,
    ``FREE_TEXT_KEYS``)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q
    from django_scopes import scopes_disabled

    from buurtplein.core.audit import FREE_TEXT_KEYS, PERSON_KEYS
    from buurtplein.core.models import AuditEntry

    with scopes_disabled():
        typed = Q()
        for key in FREE_TEXT_KEYS:
            typed |= Q(data__has_key=key)
        for entry in AuditEntry.objects.filter(Q(actor=user) & typed).only("data"):
            entry.data = {k: v for k, v in entry.data.items() if k not in FREE_TEXT_KEYS}
            entry.save(update_fields=["data"])
        AuditEntry.objects.filter(actor=user).update(actor=None)
        about = Q(
            content_type=ContentType.objects.get_for_model(get_user_model()), object_id=str(user.pk)
        )
        for model, pks in (
            (Profile, Profile.objects.filter(user=user).values_list("pk", flat=True)),
            (Membership, Membership.objects.filter(user=user).values_list("pk", flat=True)),
        ):
            about |= Q(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[str(pk) for pk in pks],
            )
        AuditEntry.objects.filter(about).update(content_type=None, object_id="", data={})
        # Entries about someone else's thing that name the person in their data (the helper a
        # buurtverbinder suggested, with a note; the colleague a request was handed to; the
        # club member whose role changed; the new owner of an information page).
        named = Q()
        for key in PERSON_KEYS:
            named |= Q(**{f"data__{key}": user.pk})
        AuditEntry.objects.filter(named).update(data={})


def _erase_hooks():
    """Every component's ``erase``; messaging's after the others, so that it can see which
    conversations lost what they were about, and moderation's last, so that it can drop the
    reports about content that is gone by then."""
    from buurtplein.core.components import all_components

    hooks = [c for c in all_components() if c.erase is not None]
    return sorted(hooks, key=lambda c: {"messaging": 1, "moderation": 2}.get(c.label, 0))


@transaction.atomic
def account_erase(*, user, actor=None) -> None:
    """Forget a person (account deletion, AVG/GDPR article 17): the one path for the person
    themselves (``/me/delete/``) and for the admin. Every component's ``erase`` runs, then the
    platform's own parts go — profile (and its photo files), memberships and their verification
    log, invite codes they made, their place on organisations' staff, reports by and about
    them, their sessions, e-mail addresses and two-step log-in, the admin's log about them —
    and last the account itself. What is kept without the person is listed in
    docs/privacy.md ("Account verwijderen"). ``actor`` is whoever asked for it (the admin), or
    None for the person themselves; the audit entry it leaves names no one."""
    from django_scopes import scopes_disabled

    from buurtplein.accounts.models import Organisation

    user = get_user_model().objects.get(pk=user.pk)  # the row itself (not request.user's proxy)
    rows = _rows_pointing_at(user)
    for component in _erase_hooks():
        component.erase(user)
    _forget_audit(user)
    _forget_in_admin_log(user, rows)
    _forget_sessions(user)
    with scopes_disabled():
        InviteCode.objects.filter(created_by=user).delete()
        Organisation.objects.filter(email__iexact=user.email).update(email="")
        user.organisations.clear()
        Membership.objects.filter(user=user).delete()  # with the verification log (cascade)
        Profile.objects.filter(user=user).delete()  # with the photo files (core.photos)
        get_user_model().objects.filter(pk=user.pk).delete()  # e-mail addresses, two-step log-in
    if actor is not None and actor.pk != user.pk:
        log_action(actor=actor, action="members.account.erase")
