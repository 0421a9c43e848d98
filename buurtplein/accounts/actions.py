"""Writes about people: set-up, joining and verification, invites, roles, profiles."""

from __future__ import annotations

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
