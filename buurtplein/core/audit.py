"""``log_action``: the one way to write an audit entry (after pretix)."""

from django.contrib.contenttypes.models import ContentType

from buurtplein.core.models import AuditEntry


def log_action(*, actor, action: str, target=None, neighbourhood=None, data=None) -> AuditEntry:
    if neighbourhood is None and target is not None:
        neighbourhood = getattr(target, "neighbourhood", None)
    return AuditEntry.objects.create(
        neighbourhood=neighbourhood,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=str(target.pk) if target is not None else "",
        data=data or {},
    )
