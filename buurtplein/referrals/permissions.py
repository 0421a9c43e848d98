"""Rules of referrals, registered with the one permission chain.

* Professionals and buurtverbinders (and admins) refer people and see the referrals they made:
  the state, never the receiving side's note.
* The staff of the receiving organisation (active in this neighbourhood) see its referral
  inbox, the details the person agreed to share, and answer: accept, decline, contact, end.
  They manage the organisation's referral links and who coordinates the inbox.
* A member who was referred sees their own referrals and withdraws their consent with one
  click; for a resident without an account the referrer does it, and for a referral through a
  link (no referrer with an account) the receiving organisation's staff.
* Nobody else sees a referral: not another organisation, not another neighbourhood.
"""

from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.core.permissions import rule
from buurtplein.referrals.models import OPEN_STATES, State
from buurtplein.referrals.selectors import glance


def refers(viewer) -> bool:
    return viewer.is_professional or viewer.is_connector


def receives(viewer, referral) -> bool:
    return viewer.is_member and referral.organisation_id in staff_org_ids(viewer)


def is_referrer(viewer, referral) -> bool:
    return referral.referrer_id is not None and viewer.is_self(referral.referrer)


def is_person(viewer, referral) -> bool:
    return referral.person_id is not None and viewer.is_self(referral.person)


@rule("referrals.list.view")
def _view_list(viewer, obj):
    return refers(viewer)


@rule("referrals.referral.create")
def _create(viewer, obj):
    return refers(viewer)


@rule("referrals.mine.view")
def _view_mine(viewer, obj):
    return viewer.is_member


@rule("referrals.inbox.view")
def _view_inbox(viewer, obj):
    return viewer.is_member and bool(staff_org_ids(viewer))


@rule("referrals.inbox.nav")
def _inbox_in_navigation(viewer, obj):
    """The inbox in the navigation: only for the staff of an organisation that receives
    referrals here (it owns a service, has a referral link or was sent a referral; a club
    without any of these sees no inbox). Read from the cached glance: no query on a page."""
    return viewer.is_member and bool(glance(viewer).receiving)


@rule("referrals.mine.nav")
def _mine_in_navigation(viewer, obj):
    """ "Doorverwijzingen over mij" in the navigation: for a member about whom a referral was
    made here (the cached glance; no query on a page)."""
    return viewer.is_member and glance(viewer).about_me


@rule("referrals.referral.view")
def _view(viewer, obj):
    return obj is not None and (
        receives(viewer, obj) or is_referrer(viewer, obj) or is_person(viewer, obj)
    )


@rule("referrals.referral.details")
def _details(viewer, obj):
    """The shared details (name, contact, question): the receiving side while consent holds,
    and the member it is about. Never the referrer's view of the help."""
    return obj is not None and (receives(viewer, obj) or is_person(viewer, obj))


@rule("referrals.referral.note")
def _note(viewer, obj):
    """The receiving side's own note: only the receiving organisation's staff."""
    return obj is not None and receives(viewer, obj)


@rule("referrals.referral.withdraw")
def _withdraw(viewer, obj):
    """The member it is about, or the referrer who recorded the consent. A referral through a
    link has neither (the GP and the resident have no account): when the resident phones the
    receiving organisation to withdraw, its staff do it for them."""
    return (
        obj is not None
        and obj.consent_active
        and (
            is_person(viewer, obj)
            or (is_referrer(viewer, obj) and refers(viewer))
            or (obj.referrer_id is None and obj.person_id is None and receives(viewer, obj))
        )
    )


@rule("referrals.referral.answer")
def _answer(viewer, obj):
    return obj is not None and obj.state == State.SENT and receives(viewer, obj)


@rule("referrals.referral.progress")
def _progress(viewer, obj):
    return (
        obj is not None
        and obj.state in OPEN_STATES
        and obj.state != State.SENT
        and receives(viewer, obj)
    )


@rule("referrals.links.manage")
def _manage_links(viewer, obj):
    """With an organisation (or a link): staff of that one; without, staff of any here."""
    if not viewer.is_member:
        return False
    mine = staff_org_ids(viewer)
    if obj is None:
        return bool(mine)
    organisation_id = getattr(obj, "organisation_id", None) or obj.pk
    return organisation_id in mine


@rule("referrals.link.use")
def _use_link(viewer, obj):
    """The public form of a referral link: anyone with the link (an outside referrer)."""
    return True
