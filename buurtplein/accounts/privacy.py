"""What the platform holds about a person's account (data export, AVG/GDPR articles 15 and 20):
the account, profile, e-mail addresses, two-step log-in (which kinds, never the secrets),
memberships with their role and verification, organisations, invite codes they made and what
they did as a buurtverbinder, professional or admin (the audit log). This is ``account.json``
of the export; the members component's ``export``."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django_scopes import scopes_disabled

from buurtplein.accounts.models import InviteCode, Profile, VerificationLog
from buurtplein.core.models import AuditEntry, Membership
from buurtplein.core.photos import EXPORT_FILES, export_name


def _when(value):
    return value.isoformat() if value else None


def _profile(user) -> tuple[dict, list[str]]:
    profile = Profile.objects.filter(user=user).prefetch_related("interests", "skills").first()
    if profile is None:
        return {}, []
    files = [f.name for f in (profile.photo, profile.photo_small) if f and f.name]
    return {
        "show_full_last_name": profile.show_full_name,
        "photo": export_name(profile.photo) if profile.photo else None,
        "photo_small": export_name(profile.photo_small) if profile.photo_small else None,
        "about_me": profile.intro,
        "interests": [i.name_nl for i in profile.interests.all()],
        "interests_en": [i.name_en for i in profile.interests.all()],
        "i_can_help_with": [s.name_nl for s in profile.skills.all()],
        "i_can_help_with_en": [s.name_en for s in profile.skills.all()],
        "own_tags": profile.tags,
        "languages": profile.languages,
        "street": profile.street,
        "who_sees_what": profile.visibility,
        "updated_at": _when(profile.updated_at),
    }, files


def export(user) -> dict:
    with scopes_disabled():
        profile, files = _profile(user)
        memberships = list(
            Membership.objects.filter(user=user)
            .select_related("neighbourhood", "organisation")
            .order_by("joined_at", "pk")
        )
        verifications: dict[int, list] = {}
        for log in VerificationLog.objects.filter(membership__user=user).order_by("created_at"):
            verifications.setdefault(log.membership_id, []).append(
                {"how": log.method, "when": _when(log.created_at)}
            )
        invites = [
            {
                "neighbourhood": invite.neighbourhood.name,
                "code": invite.code,
                "note": invite.note,
                "max_uses": invite.max_uses,
                "used": invite.use_count,
                "active": invite.is_active,
                "valid_until": _when(invite.expires_at),
                "made_at": _when(invite.created_at),
            }
            for invite in InviteCode.objects.filter(created_by=user)
            .select_related("neighbourhood")
            .order_by("created_at")
        ]
        actions = [
            {
                "neighbourhood": entry.neighbourhood.name if entry.neighbourhood_id else None,
                "action": entry.action,
                "what": entry.content_type.model if entry.content_type_id else None,
                "when": _when(entry.created_at),
            }
            for entry in AuditEntry.objects.filter(actor=user)
            .select_related("neighbourhood", "content_type")
            .order_by("created_at", "pk")
        ]
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "joined_at": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "platform_staff": user.is_staff,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "two_step_login": [
            {
                "kind": a.type,
                "set_up_at": _when(getattr(a, "created_at", None)),
                "last_used_at": _when(getattr(a, "last_used_at", None)),
            }
            for a in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "profile": profile,
        "memberships": [
            {
                "neighbourhood": m.neighbourhood.name,
                "role": m.role,
                "status": m.status,
                "postcode": m.postcode,
                "organisation": m.organisation.name if m.organisation_id else None,
                "joined_at": _when(m.joined_at),
                "verified_at": _when(m.verified_at),
                "verification": verifications.get(m.pk, []),
            }
            for m in memberships
        ],
        "organisations_you_work_for": list(
            user.organisations.order_by("name").values_list("name", flat=True)
        ),
        "invite_codes_you_made": invites,
        "your_actions_as_buurtverbinder_professional_or_admin": actions,
        EXPORT_FILES: files,
    }
