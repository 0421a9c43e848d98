"""The expiring lifecycle: things that are on offer for a while and then lapse, unless their
owner renews them (vraag & aanbod items, volunteering vacancies, …).

A model that expires inherits :class:`Expiring` (the fields ``expires_at`` and
``reminder_sent_at``, and how long it runs and when its owner is reminded) and its component
describes the rest in one :class:`Lifecycle`: the model's states for "open" and "expired", who
gets the reminder and with which e-mail, the tasks that run the checks and what to do when the
lists change. Everything else is here, once.

The state machine (each transition has a test in ``core/tests/test_expiry.py``)::

                 remind (once, ``remind_before`` the end; sends the e-mail)
                ┌────┐
                ▼    │
    schedule ─► open ─┴── expire (at ``expires_at``) ──► expired
                ▲   │                                       │
                └───┴──────────── renew ◄───────────────────┘
                      (``duration`` from now, reminder cleared;
                       also from the component's ``reopen_from`` states)

* **schedule**: a new row is open for ``duration``; two checks are planned (at the reminder
  moment and at the end). The component creates the row with :meth:`Lifecycle.expires_at`
  and calls :meth:`Lifecycle.schedule`.
* **remind**: an open row that ends within ``remind_before`` and has had no reminder gets one.
  The reminder is claimed with a conditional update, so two workers (or the task and the cron
  round) send it once.
* **expire**: an open row whose end has passed becomes expired and leaves the lists.
* **renew**: an open or expired row (and, where the component allows it, e.g. a filled
  vacancy, one of ``reopen_from``) is open again for ``duration`` from now, with a new
  reminder to come and new checks planned.

Other states (done, withdrawn, removed, …) are the component's; the lifecycle leaves rows in
them alone. The planned checks and the daily round (``manage.py <component>_expire``) run the
same :meth:`Lifecycle.check`; each may run late, twice, or at the same time as the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


class Expiring(models.Model):
    """The fields of something that expires. A model sets ``expiry_duration`` and
    ``remind_before`` and may override a field to give it its own label."""

    expires_at = models.DateTimeField(_("expires"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    expiry_duration: timedelta = timedelta(days=30)
    """How long it runs from creation or renewal."""
    remind_before: timedelta = timedelta(days=3)
    """How long before the end its owner gets the one reminder (with a renew link)."""
    open_state: str = "open"
    """The value of ``state`` while it runs."""

    class Meta:
        abstract = True

    @property
    def expires_soon(self) -> bool:
        """Open and within the reminder period: the owner's pages offer "renew"."""
        return self.state == self.open_state and self.expires_at <= timezone.now() + (
            self.remind_before
        )


class Transition(StrEnum):
    """What a check or a renewal did (the value a check task returns)."""

    REMIND = "reminded"
    EXPIRE = "expired"
    RENEW = "renewed"


class RenewRefused(Exception):
    """The row is in a state that cannot be renewed."""


@dataclass(frozen=True)
class Lifecycle:
    model: type[Expiring]
    check_task: str
    """Dotted path of the component's task that runs :meth:`check` for one id (planned at the
    reminder moment and at the end)."""
    reminder_task: str
    """Dotted path of the component's task that sends the reminder (it calls
    :meth:`send_reminder`)."""
    reminder_template: str
    """The e-mail, e.g. ``"exchange/email/reminder"`` (``_subject.txt``/``_body.txt``)."""
    recipient: str
    """The attribute naming who is reminded (``"owner"``, ``"contact"``); may be empty."""
    context_name: str
    """The name of the row in the e-mail's context (``"item"``, ``"vacancy"``)."""
    expired_state: str = "expired"
    reopen_from: tuple[str, ...] = ()
    """States besides open and expired from which :meth:`renew` may reopen (``reopen=True``)."""
    reset_on_renew: dict = field(default_factory=dict)
    """Fields set on renewal besides the lifecycle's own (e.g. ``{"filled_at": None}``)."""
    changed: Callable[[Expiring], None] | None = None
    """Called after a row opens or expires (e.g. to drop the cached home block)."""
    reminder_related: tuple[str, ...] = ()
    """What the reminder task loads with the row (``select_related``)."""

    # --- what is due -----------------------------------------------------------------------

    @property
    def open_state(self) -> str:
        return self.model.open_state

    def expires_at(self, start: datetime) -> datetime:
        return start + self.model.expiry_duration

    def due(self, neighbourhood, now: datetime):
        """Open rows of the neighbourhood that end within the reminder period or have ended."""
        return self.model.objects.filter(
            neighbourhood=neighbourhood,
            state=self.open_state,
            expires_at__lte=now + self.model.remind_before,
        )

    def ended_before(self, neighbourhood, before: datetime):
        """Rows of the neighbourhood in any state but open whose end date lies before
        ``before`` (arranged, filled, expired, withdrawn, removed): what retention removes
        (``core.retention``) once its period after the end date is over."""
        return self.model.objects.filter(
            neighbourhood=neighbourhood, expires_at__lt=before
        ).exclude(state=self.open_state)

    def due_counts(self, neighbourhood, now: datetime) -> dict[str, int]:
        """What :meth:`round` would do now, without doing it (``--dry-run``)."""
        due = self.due(neighbourhood, now)
        return {
            "expired": due.filter(expires_at__lte=now).count(),
            "reminded": due.filter(expires_at__gt=now, reminder_sent_at__isnull=True).count(),
        }

    # --- transitions -----------------------------------------------------------------------

    def schedule(self, row: Expiring) -> None:
        """Plan the two checks of a row that (again) runs until ``row.expires_at``: at the
        reminder moment and at the end (after the transaction commits)."""
        from buurtplein.core.tasks import enqueue_later

        task = import_string(self.check_task)
        pk, expires_at = row.pk, row.expires_at
        remind_at = expires_at - self.model.remind_before

        def plan():
            enqueue_later(task, remind_at, pk)
            enqueue_later(task, expires_at, pk)

        transaction.on_commit(plan)

    def check(self, row: Expiring, *, now: datetime | None = None) -> str:
        """Expire the row when its end has passed, or claim and plan the one reminder when it
        ends within the reminder period. Returns the transition made (``"expired"``,
        ``"reminded"``) or ``""``. Safe to call any number of times, at any moment."""
        now = now or timezone.now()
        if row.state != self.open_state:
            return ""
        if row.expires_at <= now:
            updated = self.model.objects.filter(pk=row.pk, state=self.open_state).update(
                state=self.expired_state
            )
            if not updated:
                return ""
            row.state = self.expired_state
            self._changed(row)
            return Transition.EXPIRE.value
        if row.reminder_sent_at is None and row.expires_at <= now + self.model.remind_before:
            updated = self.model.objects.filter(pk=row.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if updated:  # once, even when two workers look at the same time
                row.reminder_sent_at = now
                task = import_string(self.reminder_task)
                pk = row.pk
                transaction.on_commit(lambda: task.enqueue(pk))
                return Transition.REMIND.value
        return ""

    def renew(self, row: Expiring, *, now: datetime | None = None, reopen: bool = False):
        """Open again for ``duration`` from now, with a reminder to come: an open (almost
        ending) or expired row, and with ``reopen`` also one in ``reopen_from``. Raises
        :class:`RenewRefused` from any other state."""
        allowed = {self.open_state, self.expired_state}
        if reopen:
            allowed |= set(self.reopen_from)
        if row.state not in allowed:
            raise RenewRefused(row.state)
        now = now or timezone.now()
        row.state = self.open_state
        row.expires_at = self.expires_at(now)
        row.reminder_sent_at = None
        for name, value in self.reset_on_renew.items():
            setattr(row, name, value)
        row.save(update_fields=["state", "expires_at", "reminder_sent_at", *self.reset_on_renew])
        self.schedule(row)
        self._changed(row)
        return row

    def round(self, *, neighbourhood, now: datetime | None = None) -> dict[str, int]:
        """The daily round for one neighbourhood (the cron safety net calls it for all):
        :meth:`check` every row that is due."""
        now = now or timezone.now()
        counts = {Transition.EXPIRE.value: 0, Transition.REMIND.value: 0}
        for row in self.due(neighbourhood, now).select_related("neighbourhood"):
            with transaction.atomic():
                what = self.check(row, now=now)
            if what:
                counts[what] += 1
        return counts

    # --- the tasks' bodies -----------------------------------------------------------------

    def check_by_id(self, pk: int) -> str:
        """Body of the component's check task: reload, enter the scope, :meth:`check`."""
        from django_scopes import scope

        from buurtplein.core.tasks import load

        row = load(self.model, pk)
        if row is None:
            return ""
        with scope(neighbourhood=row.neighbourhood):
            return self.check(row)

    def send_reminder(self, pk: int) -> bool:
        """Body of the component's reminder task: the "ends soon" e-mail with a one-click renew
        link, to the recipient, if the row is still open and its reminder claimed."""
        from django_scopes import scope

        from buurtplein.core.tasks import load, send_to

        row = load(self.model, pk, *self.reminder_related)
        if row is None or row.state != self.open_state or row.reminder_sent_at is None:
            return False
        person = getattr(row, self.recipient, None) if self.recipient else None
        if person is None:
            return False
        with scope(neighbourhood=row.neighbourhood):
            send_to(person, self.reminder_template, {self.context_name: row})
        return True

    def _changed(self, row: Expiring) -> None:
        if self.changed is not None:
            self.changed(row)
