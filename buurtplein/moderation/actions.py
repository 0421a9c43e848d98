"""Writes of moderation: reports, the decisions of the queue, objections, house rules.

Every decision is written to the audit log; the author is told by e-mail (and sees the
decision on the thing itself), the reporters hear the outcome in one sentence."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtplein.core import ratelimit
from buurtplein.core.audit import log_action
from buurtplein.core.components import moderated_kind
from buurtplein.core.models import Membership
from buurtplein.moderation.models import Decision, Hidden, HouseRules, Report

SUSPEND_DAYS = (1, 7, 30)
ALERT_EVERY = timedelta(hours=1)


def _author_of(target):
    kind = moderated_kind(target)
    if kind is None:
        return None
    return getattr(target, f"{kind.author}_id", None)


def _enqueue(task, *args) -> None:
    transaction.on_commit(lambda: task.enqueue(*args))


@transaction.atomic
def report_create(*, reporter, target, reason: str, note: str = "") -> Report:
    """Store a report. One report per person per item. When ``HouseRules.hide_after``
    different members reported the same thing, it is hidden until a buurtverbinder looks (what
    is hidden already keeps its reason and decision). The buurtverbinders are alerted
    (``tasks.alert_connectors``)."""
    from buurtplein.moderation import tasks
    from buurtplein.moderation.selectors import house_rules

    ratelimit.check("report", user=reporter)
    content_type = ContentType.objects.get_for_model(target)
    if Report.objects.filter(
        reporter=reporter, content_type=content_type, object_id=target.pk
    ).exists():
        raise ValidationError(
            _("You already reported this. A buurtverbinder will look at it."), code="duplicate"
        )
    report = Report.objects.create(
        neighbourhood_id=target.neighbourhood_id,
        reporter=reporter,
        author_id=_author_of(target),
        content_type=content_type,
        object_id=target.pk,
        reason=reason,
        note=note.strip(),
    )
    reporters = (
        Report.objects.filter(
            content_type=content_type, object_id=target.pk, status=Report.Status.OPEN
        )
        .values("reporter_id")
        .distinct()
        .count()
    )
    already_hidden = Hidden.objects.filter(content_type=content_type, object_id=target.pk)
    if reporters >= house_rules(target.neighbourhood).hide_after and not already_hidden.exists():
        _hide(target, reason="", automatic=True, decision=None, actor=None)
    _enqueue(tasks.alert_connectors, target.neighbourhood_id)
    return report


def _hide(target, *, reason, automatic, decision, actor) -> None:
    content_type = ContentType.objects.get_for_model(target)
    Hidden.objects.update_or_create(
        neighbourhood_id=target.neighbourhood_id,
        content_type=content_type,
        object_id=target.pk,
        defaults={"reason": reason, "automatic": automatic, "decision": decision},
    )
    kind = moderated_kind(target)
    if kind is not None and kind.on_hide is not None:
        kind.on_hide(target, True, actor)


def _show(target, *, actor) -> None:
    """Show again what moderation hid. A component's own hiding is undone only when moderation
    did hide it (a ``Hidden`` row went): a club its own page hid, or an erased message, stays."""
    deleted, _counts = Hidden.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).delete()
    kind = moderated_kind(target)
    if deleted and kind is not None and kind.on_hide is not None:
        kind.on_hide(target, False, actor)


@transaction.atomic
def decide(*, actor, target, action: str, message: str = "", days: int | None = None) -> Decision:
    """A buurtverbinder's decision about a reported thing; closes its open reports.

    ``keep``: the reports were unfounded.
    ``hide``: hidden, with ``message`` as the reason its author sees.
    ``ask_change``: stays, the author is asked to change it (``message`` says what).
    ``warn``: stays, the author is warned.
    ``keep``, ``ask_change`` and ``warn`` show the thing again if many reports hid it.
    ``suspend``: hidden, and the author cannot post in this neighbourhood for ``days``."""
    from buurtplein.moderation import tasks

    if action not in Decision.Action.values or action == Decision.Action.AUTO_HIDE:
        raise ValidationError(_("Choose what to do."), code="action")
    message = message.strip()
    if action != Decision.Action.KEEP and not message:
        raise ValidationError(
            {"message": _("Write a short message to the author: what is wrong with it?")},
            code="message",
        )
    author_id = _author_of(target)
    if author_id is not None and actor.pk == author_id:
        raise ValidationError(_("You cannot decide about your own things."), code="own")
    now = timezone.now()
    kind = moderated_kind(target)
    decision = Decision(
        neighbourhood_id=target.neighbourhood_id,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        author_id=author_id,
        action=action,
        message=message,
        summary=(kind.summary(target) if kind else str(target))[:300],
        decided_by=actor,
        created_at=now,
    )
    if action == Decision.Action.SUSPEND:
        if days not in SUSPEND_DAYS:
            raise ValidationError({"days": _("Choose how long.")}, code="days")
        if author_id is None:
            raise ValidationError(_("This has no author any more."), code="no_author")
        decision.suspended_until = now + timedelta(days=days)
    decision.save()
    if action in (Decision.Action.HIDE, Decision.Action.SUSPEND):
        _hide(target, reason=message, automatic=False, decision=decision, actor=actor)
    elif action in (Decision.Action.KEEP, Decision.Action.ASK_CHANGE, Decision.Action.WARN):
        _show(target, actor=actor)
    if decision.suspended_until is not None:
        Membership.objects.filter(
            neighbourhood_id=target.neighbourhood_id, user_id=author_id
        ).update(suspended_until=decision.suspended_until, suspension_reason=message[:500])
    Report.objects.filter(
        content_type=decision.content_type, object_id=target.pk, status=Report.Status.OPEN
    ).update(
        status=Report.Status.DISMISSED if action == Decision.Action.KEEP else Report.Status.HANDLED,
        decision=decision,
    )
    log_action(
        actor=actor,
        action=f"moderation.{action}",
        target=target,
        data={"decision": decision.pk, "message": message, "days": days},
    )
    if author_id is not None and action != Decision.Action.KEEP:
        _enqueue(tasks.notify_author, decision.pk)
    _enqueue(tasks.notify_reporters, decision.pk)
    return decision


@transaction.atomic
def appeal_make(*, author, decision: Decision, text: str) -> Decision:
    """The author objects, once, with a message; a different buurtverbinder decides."""
    from buurtplein.moderation import tasks

    text = text.strip()
    if not text:
        raise ValidationError({"appeal_text": _("Write why you disagree.")}, code="empty")
    claimed = (
        Decision.objects.filter(pk=decision.pk, author=author, appeal=Decision.Appeal.NONE)
        .exclude(action=Decision.Action.KEEP)
        .update(appeal=Decision.Appeal.OPEN, appeal_text=text, appealed_at=timezone.now())
    )
    if not claimed:
        raise ValidationError(_("You already objected to this decision."), code="twice")
    decision.refresh_from_db()
    _enqueue(tasks.alert_connectors, decision.neighbourhood_id)
    return decision


@transaction.atomic
def appeal_decide(*, actor, decision: Decision, undo: bool) -> Decision:
    """Uphold the decision or undo it: undoing shows the thing again and lifts a suspension
    that came with it. The author is told. Who may (another buurtverbinder than the one who
    decided, or an admin) is the rule ``moderation.appeal.decide``, asked by the view."""
    from buurtplein.moderation import tasks
    from buurtplein.moderation.selectors import decision_target

    claimed = Decision.objects.filter(pk=decision.pk, appeal=Decision.Appeal.OPEN).update(
        appeal=Decision.Appeal.UNDONE if undo else Decision.Appeal.UPHELD,
        appeal_decided_by=actor,
        appeal_decided_at=timezone.now(),
    )
    if not claimed:
        raise ValidationError(_("Someone already decided about this objection."), code="done")
    decision.refresh_from_db()
    if undo:
        target = decision_target(decision)
        if target is not None:
            _show(target, actor=actor)
        if decision.suspended_until is not None:
            Membership.objects.filter(
                neighbourhood_id=decision.neighbourhood_id,
                user_id=decision.author_id,
                suspended_until=decision.suspended_until,
            ).update(suspended_until=None, suspension_reason="")
    log_action(
        actor=actor,
        action="moderation.appeal." + ("undo" if undo else "uphold"),
        target=decision,
    )
    _enqueue(tasks.notify_appeal_outcome, decision.pk)
    return decision


def rules_save(*, actor, neighbourhood, text_nl: str, text_en: str, hide_after: int) -> HouseRules:
    found, _created = HouseRules.objects.update_or_create(
        neighbourhood=neighbourhood,
        defaults={
            "text_nl": text_nl.strip(),
            "text_en": text_en.strip(),
            "hide_after": hide_after,
            "updated_by": actor,
            "updated_at": timezone.now(),
        },
    )
    from buurtplein.moderation.selectors import RULES

    RULES.changed(neighbourhood.pk)
    log_action(actor=actor, action="moderation.rules.edit", target=found)
    return found


def alert_claim(*, neighbourhood_id: int, user, now) -> bool:
    """Claim this hour's e-mail to ``user`` about new reports: True when it may be sent."""
    from buurtplein.moderation.models import AlertState

    state, created = AlertState.objects.get_or_create(
        neighbourhood_id=neighbourhood_id, user=user, defaults={"mailed_at": now}
    )
    if created:
        return True
    return bool(
        AlertState.objects.filter(pk=state.pk, mailed_at__lte=now - ALERT_EVERY).update(
            mailed_at=now
        )
    )


def erase_person(user) -> None:
    """Account deletion: reports the person made go, reports about them (their account,
    profile or a membership) go, and so do reports about content that is gone now (erased with
    its author: nothing is left to judge). Decisions about the person go with their account
    (``on_delete``); hidden marks of things that are gone go too. Moderation's
    ``Component.erase``, run after every other component's."""
    from django.db.models import Q
    from django_scopes import scopes_disabled

    from buurtplein.accounts.models import Profile

    def about(model, pks):
        return Q(content_type=ContentType.objects.get_for_model(model), object_id__in=list(pks))

    with scopes_disabled():
        Report.objects.filter(reporter=user).delete()
        Report.objects.filter(
            about(get_user_model(), [user.pk])
            | about(Profile, Profile.objects.filter(user=user).values_list("pk", flat=True))
            | about(Membership, Membership.objects.filter(user=user).values_list("pk", flat=True))
        ).delete()
        Decision.objects.filter(author=user).delete()
        for model_class in (Report, Decision, Hidden):
            for content_type_id in set(
                model_class.objects.values_list("content_type_id", flat=True)
            ):
                model = ContentType.objects.get_for_id(content_type_id).model_class()
                if model is None:
                    continue
                model_class.objects.filter(content_type_id=content_type_id).exclude(
                    object_id__in=model._base_manager.values("pk")
                ).delete()
