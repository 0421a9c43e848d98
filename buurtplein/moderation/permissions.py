"""Rules of moderation, registered with the one permission chain. Buurtverbinders and the
neighbourhood's admins work the queue; an author may object once to a decision about them."""

from buurtplein.core.permissions import rule


@rule("moderation.queue.view")
def _view_queue(viewer, obj):
    return viewer.is_connector


@rule("moderation.report.decide")
def _decide(viewer, obj):
    """Decide about a reported thing; nobody decides about their own."""
    return viewer.is_connector and (obj is None or not viewer.is_self(obj.author))


@rule("moderation.decision.view")
def _view_decision(viewer, obj):
    """The author reads the decision about them; buurtverbinders read every decision."""
    return viewer.is_member and (obj is None or viewer.is_connector or viewer.is_self(obj.author))


@rule("moderation.appeal.make")
def _appeal(viewer, obj):
    """The author objects once (also while suspended)."""
    return viewer.is_member and (obj is None or (viewer.is_self(obj.author) and obj.may_appeal))


@rule("moderation.appeal.decide")
def _decide_appeal(viewer, obj):
    """A different buurtverbinder than the one who decided, or an admin."""
    if not viewer.is_connector:
        return False
    if obj is None:
        return True
    if viewer.is_self(obj.author):
        return False
    return viewer.is_admin or not viewer.is_self(obj.decided_by)


@rule("moderation.rules.view")
def _view_rules(viewer, obj):
    return True


@rule("moderation.rules.edit")
def _edit_rules(viewer, obj):
    return viewer.is_connector
