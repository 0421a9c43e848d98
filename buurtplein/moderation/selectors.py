"""Reads of moderation: the queue, the hidden-content filter every component applies, the
house rules. Every list runs a fixed number of queries, whatever its length."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from buurtplein.core.cache import Generation
from buurtplein.core.components import Moderated, moderated_kind, moderated_kinds
from buurtplein.core.permissions import Viewer, can
from buurtplein.core.urls import nb_reverse
from buurtplein.moderation import rules
from buurtplein.moderation.models import (
    DEFAULT_THRESHOLD,
    Decision,
    Hidden,
    HouseRules,
    Report,
)

QUEUE_SIZE = 50


# --- hidden content: the filter every component applies -------------------------------------


def without_hidden(queryset: QuerySet, viewer: Viewer, *, via: str = "") -> QuerySet:
    """``queryset`` without the things moderation hid, except for their author (who sees the
    reason on them) and the buurtverbinders. One subquery, no extra query. ``via``: the
    relation to the reported thing when the rows belong to it (an activity's dates:
    ``via="activity"``)."""
    if viewer.is_connector:
        return queryset
    model = queryset.model._meta.get_field(via).related_model if via else queryset.model
    kind = moderated_kind(model)
    hidden = Hidden.objects.filter(content_type=ContentType.objects.get_for_model(model)).values(
        "object_id"
    )
    prefix = f"{via}__" if via else ""
    condition = Q(**{f"{prefix}pk__in": hidden})
    if viewer.is_authenticated and kind is not None:
        condition &= ~Q(**{f"{prefix}{kind.author}_id": viewer.user.pk})
    return queryset.exclude(condition)


def hidden_note(obj) -> Hidden | None:
    """Why ``obj`` is hidden (for its author and the buurtverbinders), or None."""
    if obj is None or obj.pk is None:
        return None
    return Hidden.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).first()


# --- the queue --------------------------------------------------------------------------------


@dataclass
class QueueEntry:
    """One reported thing with its open reports."""

    kind: Moderated
    content_type_id: int
    object_id: int
    target: object | None
    reports: list[Report] = field(default_factory=list)
    author_reported: int = 0
    hidden: Hidden | None = None
    neighbourhood: object = None

    @property
    def label(self):
        return self.kind.label

    @property
    def summary(self) -> str:
        return self.kind.summary(self.target) if self.target is not None else ""

    @property
    def url(self) -> str:
        return thing_url(self.neighbourhood, self.kind, self.target)

    @property
    def author(self):
        return self.reports[0].author if self.reports else None

    @property
    def reporters(self) -> int:
        return len({report.reporter_id for report in self.reports})

    @property
    def key(self) -> str:
        return f"{self.content_type_id}-{self.object_id}"


def thing_url(neighbourhood, kind: Moderated | None, target) -> str:
    """Where a reported thing is, or "" when it is gone."""
    if target is None or kind is None or kind.url is None:
        return ""
    name, kwargs = kind.url(target)
    return nb_reverse(name, neighbourhood, kwargs=kwargs)


def decision_target(decision: Decision):
    """The thing a decision is about (also when hidden), or None when it is gone."""
    model = decision.content_type.model_class()
    if model is None:
        return None
    return model._base_manager.filter(pk=decision.object_id).first()


def _kind_for(content_type_id: int) -> Moderated | None:
    content_type = ContentType.objects.get_for_id(content_type_id)
    return moderated_kinds().get(f"{content_type.app_label}.{content_type.model}")


def _targets(content_type_id: int, ids, kind: Moderated) -> dict:
    model = apps.get_model(kind.model)
    rows = model._base_manager.filter(pk__in=ids)
    if kind.select_related:
        rows = rows.select_related(*kind.select_related)
    return {row.pk: row for row in rows}


def queue(viewer: Viewer, *, content_type_id=None, object_id=None) -> list[QueueEntry]:
    """Open reports, one entry per reported thing, the most reported and oldest first. Queries:
    the reports, one per kind of thing in the queue (at most the number of kinds), the counts
    per author and the hidden marks."""
    reports = Report.objects.filter(status=Report.Status.OPEN).select_related(
        "reporter", "reporter__profile", "author", "author__profile"
    )
    if content_type_id is not None:
        reports = reports.filter(content_type_id=content_type_id, object_id=object_id)
    entries: dict[tuple[int, int], QueueEntry] = {}
    for report in reports.order_by("created_at", "pk")[: QUEUE_SIZE * 10]:
        key = (report.content_type_id, report.object_id)
        if key not in entries:
            kind = _kind_for(report.content_type_id)
            if kind is None:
                continue
            entries[key] = QueueEntry(
                kind,
                report.content_type_id,
                report.object_id,
                None,
                neighbourhood=viewer.neighbourhood,
            )
        entries[key].reports.append(report)
    by_type: dict[int, list[int]] = {}
    for content_type_id_, object_id_ in entries:
        by_type.setdefault(content_type_id_, []).append(object_id_)
    for type_id, ids in by_type.items():
        kind = _kind_for(type_id)
        found = _targets(type_id, ids, kind)
        for object_id_ in ids:
            entries[(type_id, object_id_)].target = found.get(object_id_)
    authors = {entry.author.pk for entry in entries.values() if entry.author is not None}
    counts = (
        dict(
            Report.objects.filter(author_id__in=authors)
            .values("author_id")
            .annotate(n=Count("pk"))
            .values_list("author_id", "n")
        )
        if authors
        else {}
    )
    hidden = {}
    if entries:
        condition = Q()
        for type_id, ids in by_type.items():
            condition |= Q(content_type_id=type_id, object_id__in=ids)
        hidden = {(h.content_type_id, h.object_id): h for h in Hidden.objects.filter(condition)}
    for key, entry in entries.items():
        entry.author_reported = counts.get(entry.author.pk, 0) if entry.author else 0
        entry.hidden = hidden.get(key)
    ordered = sorted(entries.values(), key=lambda e: (-e.reporters, e.reports[0].created_at))
    return ordered[:QUEUE_SIZE]


def access_entry(viewer: Viewer, content_type_id: int, object_id: int) -> QueueEntry:
    """One reported thing with open reports (404 when there is none)."""
    if not can(viewer, "moderation.queue.view"):
        raise Http404
    found = queue(viewer, content_type_id=content_type_id, object_id=object_id)
    if not found:
        raise Http404
    return found[0]


def open_count(neighbourhood) -> int:
    """How many things wait in the queue, plus the objections waiting: one query (a UNION, which
    also makes the reported things distinct), as it runs on every page a buurtverbinder opens."""
    from django.db.models import IntegerField, Value

    def tag(number):
        return Value(number, output_field=IntegerField())

    things = (
        Report.objects.filter(neighbourhood=neighbourhood, status=Report.Status.OPEN)
        .order_by()
        .annotate(kind=tag(0))
        .values_list("kind", "content_type_id", "object_id")
    )
    waiting = (
        appeals_waiting(neighbourhood)
        .order_by()
        .annotate(kind=tag(1), zero=tag(0))
        .values_list("kind", "zero", "pk")
    )
    return things.union(waiting).count()


def appeals_waiting(neighbourhood) -> QuerySet[Decision]:
    return Decision.objects.filter(neighbourhood=neighbourhood, appeal=Decision.Appeal.OPEN)


def appeals(viewer: Viewer) -> list[Decision]:
    return list(
        appeals_waiting(viewer.neighbourhood)
        .select_related("author", "author__profile", "decided_by", "decided_by__profile")
        .order_by("appealed_at", "pk")[:QUEUE_SIZE]
    )


def recent_decisions(viewer: Viewer, size: int = 20) -> list[Decision]:
    return list(
        Decision.objects.select_related(
            "author", "author__profile", "decided_by", "decided_by__profile"
        ).order_by("-created_at", "-pk")[:size]
    )


def access_decision(viewer: Viewer, pk: int) -> Decision:
    decision = (
        Decision.objects.filter(pk=pk)
        .select_related("author", "decided_by", "appeal_decided_by", "content_type")
        .first()
    )
    if decision is None or not can(viewer, "moderation.decision.view", decision):
        raise Http404
    return decision


# --- house rules ------------------------------------------------------------------------------


def house_rules(neighbourhood) -> HouseRules:
    """The neighbourhood's rules, or an unsaved row with the defaults."""
    found = HouseRules.objects.filter(neighbourhood=neighbourhood).first()
    if found is None:
        found = HouseRules(
            neighbourhood=neighbourhood,
            text_nl=rules.DEFAULT_NL,
            text_en=rules.DEFAULT_EN,
            hide_after=DEFAULT_THRESHOLD,
        )
    return found


RULES = Generation("moderation:rules")
"""Per neighbourhood: changes when its house rules are saved (the home's welcome block reads
them from the cache)."""


def rules_text(neighbourhood) -> str:
    """The house rules in the page's language (English falls back to Dutch)."""
    english = (get_language() or "nl").startswith("en")

    def read():
        found = house_rules(neighbourhood)
        return found.text_en if english and found.text_en else found.text_nl

    key = f"moderation:rules-text:{neighbourhood.pk}:{'en' if english else 'nl'}"
    return RULES.cached(neighbourhood.pk, key, read, 24 * 3600)


WELCOME_DAYS = 14


def welcome_rules(request) -> dict:
    """The house rules on the home for a member who joined in the last two weeks (so new
    neighbours see them when they join). From the cache; one query when it is cold."""
    from datetime import timedelta

    from django.utils import timezone

    membership = getattr(request, "membership", None)
    if membership is None or membership.joined_at < timezone.now() - timedelta(days=WELCOME_DAYS):
        return {"rules_text": ""}
    return {"rules_text": rules_text(request.neighbourhood)}
