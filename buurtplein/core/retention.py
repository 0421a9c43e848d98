"""Retention: how long each kind of data is kept, written once, and what removes it.

Every kind of data that is not kept "as long as your account exists" has one
:class:`RetentionRule`. A component declares its rules on its ``Component``
(``Component.retention``, run per neighbourhood where the component is switched on, inside the
neighbourhood's scope); the platform's own rules are :data:`NEIGHBOURHOOD_RULES` (per
neighbourhood, always on) and :data:`PLATFORM_RULES` plus every component's
``Component.platform_retention`` (once for the whole platform: sessions, task results, the admin
log). Nothing else decides how long something is kept:

* ``manage.py enforce_retention`` (a round, ``core.rounds``) applies every rule; ``--dry-run``
  counts what is due;
* the page "Privacy in je buurt" (``core.views.privacy``) and the table in ``docs/privacy.md``
  are written from the same rules, so the page never says something the code does not do.

A rule's ``due(neighbourhood, now)`` returns the queryset of what is past its period (for a
platform rule ``neighbourhood`` is None); ``apply(queryset)`` removes it and returns how many
rows it removed — by default the queryset's ``delete()``, so photo rows go through the photo kit
(``core.photos``: the files go when the transaction commits) and cascades follow the models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from buurtplein.core.models import Neighbourhood


@dataclass(frozen=True)
class RetentionRule:
    """How long one kind of data is kept, why, and what removes it afterwards."""

    key: str
    """Short English words for the round's report (``"closed help requests"``); unique."""
    label: Any
    """What is kept, for people (lazy gettext): "Closed help requests"."""
    period: relativedelta
    """How long after ``after`` it is kept."""
    after: Any
    """From when the period counts, as a sentence with ``%(period)s`` (lazy gettext):
    "%(period)s after the request was closed"."""
    why: Any
    """Why it is kept that long (lazy gettext), plain language."""
    due: Callable[..., QuerySet]
    """``due(neighbourhood, now) -> QuerySet``: what is past its period."""
    apply: Callable[[QuerySet], int] | None = None
    """``apply(queryset) -> int``: remove it; by default ``delete()`` (the rows of the
    queryset's own model are counted, not the cascade)."""

    def cutoff(self, now: datetime) -> datetime:
        """Things older than this moment (by ``after``) are past their period."""
        return now - self.period

    def count(self, neighbourhood: Neighbourhood | None, now: datetime) -> int:
        return self.due(neighbourhood, now).count()

    def enforce(self, neighbourhood: Neighbourhood | None, now: datetime) -> int:
        queryset = self.due(neighbourhood, now)
        if self.apply is not None:
            return self.apply(queryset)
        _total, per_model = queryset.delete()
        return per_model.get(queryset.model._meta.label, 0)

    @property
    def period_text(self) -> str:
        return describe_period(self.period)

    @property
    def kept_text(self) -> str:
        """ "6 months after the request was closed", in the active language."""
        return str(self.after) % {"period": self.period_text}


def describe_period(period: relativedelta) -> str:
    """``relativedelta(months=6)`` → "6 months" ("6 maanden"), in the active language."""
    parts = []
    if period.years:
        parts.append(ngettext("%(n)d year", "%(n)d years", period.years) % {"n": period.years})
    if period.months:
        parts.append(ngettext("%(n)d month", "%(n)d months", period.months) % {"n": period.months})
    if period.days:
        parts.append(ngettext("%(n)d day", "%(n)d days", period.days) % {"n": period.days})
    return " ".join(parts)


def mark_rows(**values) -> Callable[[QuerySet], int]:
    """An ``apply`` that keeps the rows but clears some fields (``actor=None``)."""

    def apply(queryset) -> int:
        return queryset.update(**values)

    return apply


# --- The platform's own rules ---------------------------------------------------------------

AUDIT_PERIOD = relativedelta(years=2)


def _audit_due(neighbourhood, now):
    from buurtplein.core.models import AuditEntry

    return AuditEntry.objects.filter(neighbourhood=neighbourhood, created_at__lt=now - AUDIT_PERIOD)


def _rejected_memberships_due(neighbourhood, now):
    from buurtplein.core.models import Membership

    return Membership.objects.filter(
        neighbourhood=neighbourhood,
        status=Membership.Status.REJECTED,
        joined_at__lt=now - relativedelta(months=6),
    )


NEIGHBOURHOOD_RULES: tuple[RetentionRule, ...] = (
    RetentionRule(
        key="audit entries",
        label=_("What buurtverbinders, professionals and admins did (the audit log)"),
        period=AUDIT_PERIOD,
        after=_("%(period)s after it happened"),
        why=_(
            "So that we can check afterwards who approved someone, removed a message or "
            "changed a role, for example when someone complains."
        ),
        due=_audit_due,
    ),
    RetentionRule(
        key="rejected requests to join",
        label=_("Requests to join that were not approved"),
        period=relativedelta(months=6),
        after=_("%(period)s after the request"),
        why=_(
            "So that a buurtverbinder does not get the same request again and again. After "
            "that you can ask again."
        ),
        due=_rejected_memberships_due,
    ),
)
"""Rules of the platform that hold in every neighbourhood (no component to switch off)."""


def _sessions_due(neighbourhood, now):
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=now)


def _clear_sessions(queryset) -> int:
    """Django's own ``clearsessions`` removes them (whatever the session engine)."""
    from django.core.management import call_command

    count = queryset.count()
    call_command("clearsessions")
    return count


TASK_RESULTS_DAYS = 14
FAILED_TASK_RESULTS_DAYS = 30


def _database_task_backend() -> bool:
    """Whether task results are stored (``prune_db_task_results`` refuses any other backend)."""
    from django.tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def _task_results_due(neighbourhood, now):
    from django.db.models import Q
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not _database_task_backend():  # e.g. the immediate backend in tests: nothing is stored
        return DBTaskResult.objects.none()
    return (
        DBTaskResult.objects.finished()
        .filter(backend_name="default")
        .filter(
            Q(
                status=TaskResultStatus.SUCCESSFUL,
                finished_at__lte=now - relativedelta(days=TASK_RESULTS_DAYS),
            )
            | Q(
                status=TaskResultStatus.FAILED,
                finished_at__lte=now - relativedelta(days=FAILED_TASK_RESULTS_DAYS),
            )
        )
    )


def _prune_task_results(queryset) -> int:
    """django-tasks-db's own ``prune_db_task_results`` removes them."""
    from django.core.management import call_command

    count = queryset.count()
    if count:
        call_command(
            "prune_db_task_results",
            queue_name="*",
            min_age_days=TASK_RESULTS_DAYS,
            failed_min_age_days=FAILED_TASK_RESULTS_DAYS,
            verbosity=0,
        )
    return count


ADMIN_LOG_PERIOD = relativedelta(years=1)


def _admin_log_due(neighbourhood, now):
    from django.contrib.admin.models import LogEntry

    return LogEntry.objects.filter(action_time__lt=now - ADMIN_LOG_PERIOD)


TASK_STEPS_DAYS = 30


def _task_steps_due(neighbourhood, now):
    from buurtplein.core.models import TaskStep

    return TaskStep.objects.filter(done_at__lt=now - relativedelta(days=TASK_STEPS_DAYS))


def _platform_audit_due(neighbourhood, now):
    from buurtplein.core.models import AuditEntry

    return AuditEntry.objects.filter(neighbourhood__isnull=True, created_at__lt=now - AUDIT_PERIOD)


PLATFORM_RULES: tuple[RetentionRule, ...] = (
    RetentionRule(
        key="expired log-ins",
        label=_("Log-ins (sessions)"),
        period=relativedelta(),
        after=_("until you log out or the log-in expires"),
        why=_("So that you stay logged in. A log-in that has expired is removed."),
        due=_sessions_due,
        apply=_clear_sessions,
    ),
    RetentionRule(
        key="task results",
        label=_("Records of e-mails and other work done in the background"),
        period=relativedelta(days=TASK_RESULTS_DAYS),
        after=_(
            "%(period)s after the work was done (30 days when it failed, so an admin can try "
            "it again)"
        ),
        why=_("So that we can see that an e-mail really went out, and fix it when it did not."),
        due=_task_results_due,
        apply=_prune_task_results,
    ),
    RetentionRule(
        key="task steps",
        label=_("Which e-mails a piece of background work already sent (no address, no text)"),
        period=relativedelta(days=TASK_STEPS_DAYS),
        after=_("%(period)s after the e-mail went out"),
        why=_("So that an e-mail is not sent twice when the work is tried again."),
        due=_task_steps_due,
    ),
    RetentionRule(
        key="admin log entries",
        label=_("What platform admins changed in the management pages"),
        period=ADMIN_LOG_PERIOD,
        after=_("%(period)s after the change"),
        why=_("So that we can check afterwards who changed what, and put a mistake right."),
        due=_admin_log_due,
    ),
    RetentionRule(
        key="platform audit entries",
        label=_("What platform admins did outside a neighbourhood (the audit log)"),
        period=AUDIT_PERIOD,
        after=_("%(period)s after it happened"),
        why=_("So that we can check afterwards who did what, for example when someone complains."),
        due=_platform_audit_due,
    ),
)
"""Rules for data that belongs to no neighbourhood; applied once per round."""


def neighbourhood_rules(neighbourhood: Neighbourhood) -> list[RetentionRule]:
    """The rules that hold in ``neighbourhood``: the platform's own and those of every
    component switched on there."""
    from buurtplein.core.components import enabled_components

    rules = list(NEIGHBOURHOOD_RULES)
    for component in enabled_components(neighbourhood):
        rules.extend(component.retention)
    return rules


def platform_rules() -> list[RetentionRule]:
    """The rules applied once for the whole platform: the platform's own and every component's
    ``platform_retention`` (e.g. expired data exports)."""
    from buurtplein.core.components import all_components

    rules = list(PLATFORM_RULES)
    for component in all_components():
        rules.extend(component.platform_retention)
    return rules


def all_rules() -> list[RetentionRule]:
    """Every rule there is (``docs/privacy.md``'s table; the keys must be unique)."""
    from buurtplein.core.components import all_components

    rules = [*PLATFORM_RULES, *NEIGHBOURHOOD_RULES]
    for component in all_components():
        rules.extend(component.platform_retention)
        rules.extend(component.retention)
    return rules
