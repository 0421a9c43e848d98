"""``log_action``: the one way to write an audit entry (after pretix)."""

from django.contrib.contenttypes.models import ContentType

from buurtplein.core.models import AuditEntry

PERSON_KEYS = ("user", "helper", "asker", "colleague", "owner")
"""Keys of ``data`` that hold a person's id. An erasure (``accounts.actions``) forgets the
data of every entry that names the person under one of them: a new key that holds a person
belongs here."""

FREE_TEXT_KEYS = ("note",)
"""Keys of ``data`` that hold words someone typed (a note with a hand-over or a suggestion).
An erasure drops them from the entries the person made."""


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
