"""Which tables would be distributed by neighbourhood, and whether their keys allow it.

Buurtplein is built so that a deployment that outgrows one database server can distribute its
tables by neighbourhood on Citus (docs/scaling.md). That works only when every key of a tenant
table includes the neighbourhood: Citus enforces a unique constraint or primary key only when
it contains the distribution column. :func:`key_problems` says what is wrong with one model;
``core/tests/test_distribution_keys.py`` runs it over every model of the project.

* A **tenant model** has ``neighbourhood = ForeignKey("core.Neighbourhood")`` on the row and a
  ``ScopedManager`` (django-scopes). Its table is distributed by ``neighbourhood_id``.
* The models in :data:`REFERENCE` are platform-wide: Citus copies them to every node
  (reference tables), so any tenant table can join them.
* The models in :data:`LOCAL` stay on the coordinator only (Citus local tables).
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

TENANT_FIELD = "neighbourhood"
"""The distribution key: the foreign key to ``core.Neighbourhood`` on every tenant row."""

REFERENCE: dict[str, str] = {
    "core.Neighbourhood": "the tenants themselves; every distributed row points to one",
    "core.NeighbourhoodDomain": "looked up by host name before any neighbourhood is known",
    "core.Region": "a region spans several neighbourhoods (online help, regional figures)",
    "core.Region_neighbourhoods": "which neighbourhoods a region holds (its own table)",
    "core.Postcode": "looked up by postcode to find a neighbourhood (joining, distances)",
    "accounts.User": "a person is one account in every neighbourhood",
    "accounts.Profile": "one profile per person, shown in every neighbourhood they join",
    "accounts.Interest": "the curated list of interests and skills, the same everywhere",
    "accounts.Organisation": "an organisation is active in one or more neighbourhoods",
    "accounts.Organisation_neighbourhoods": "where an organisation is active (its own table)",
    "accounts.DataExport": (
        "a person's data export spans every neighbourhood they are in; fetched only by its owner"
    ),
    "onlinehulp.Desk": "online help of a region: one desk serves several neighbourhoods",
    "onlinehulp.DeskOrganisation": "the organisations staffing a regional desk",
    "onlinehulp.DeskOrganisation_coordinators": "their coordinators at that desk",
    "onlinehulp.ConsultationHour": "a regional desk's weekly hours",
    "onlinehulp.Shift": "a worker's turn at a regional desk",
    "onlinehulp.Snippet": "an organisation's canned answers, used in every neighbourhood",
    "onlinehulp.ConsolePresence": "a worker's open console at a regional desk (who is on now)",
    "messaging.Block": (
        "person to person and platform-wide: someone blocked in one neighbourhood cannot "
        "write from another"
    ),
}
"""Platform-wide models, not owned by one neighbourhood (Citus reference tables), and why."""

LOCAL: dict[str, str] = {
    "core.AuditEntry": (
        "the neighbourhood is empty for platform-wide actions (an admin's), and Citus cannot "
        "store an empty distribution column; an append-only log read by admins"
    ),
    "core.TaskStep": (
        "the task worker's ledger of what a task run did (e-mails sent, claims held), next to "
        "the task queue (django-tasks-db's table, also on the coordinator); no neighbourhood"
    ),
}
"""Models that keep their table on the coordinator (Citus local tables), and why."""


def label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.object_name}"


def is_scoped(model) -> bool:
    """The default manager is a django-scopes ``ScopedManager``."""
    return hasattr(type(model._default_manager), "with_scopes_disabled")


def tenant_field(model) -> models.ForeignKey | None:
    try:
        field = model._meta.get_field(TENANT_FIELD)
    except Exception:  # FieldDoesNotExist
        return None
    if field.many_to_one and label(field.related_model) == "core.Neighbourhood":
        return field
    return None


def is_tenant(model) -> bool:
    """Owned by one neighbourhood: the key on the row, or at least a scoped manager."""
    return tenant_field(model) is not None or is_scoped(model)


def _leads(columns) -> bool:
    return bool(columns) and columns[0].lstrip("-") == TENANT_FIELD


def key_problems(model) -> list[str]:
    """What stops a tenant model's table from being distributed by neighbourhood (empty when
    nothing does; a model that is not a tenant model has none here)."""
    if not is_tenant(model):
        return []
    meta = model._meta
    problems = []
    field = tenant_field(model)
    if field is None:
        problems.append(f"has no {TENANT_FIELD} foreign key to core.Neighbourhood")
    elif field.null:
        problems.append(f"{TENANT_FIELD} may be empty")
    if not is_scoped(model):
        problems.append("has no ScopedManager as its default manager")
    for each in meta.local_fields:
        if each.primary_key or each.name == TENANT_FIELD:
            continue
        if each.one_to_one:
            problems.append(
                f"one-to-one field {each.name!r}: use a ForeignKey and a UniqueConstraint "
                f'leading with "{TENANT_FIELD}"'
            )
        elif each.unique:
            problems.append(
                f'unique field {each.name!r}: use a UniqueConstraint leading with "{TENANT_FIELD}"'
            )
    for together in meta.unique_together:
        if not _leads(list(together)):
            problems.append(f"unique_together {tuple(together)} does not lead with {TENANT_FIELD}")
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and not _leads(list(constraint.fields)):
            problems.append(
                f"unique constraint {constraint.name!r} does not lead with {TENANT_FIELD}"
            )
    for index in meta.indexes:
        columns = list(index.fields) or [str(e) for e in index.expressions]
        if len(columns) > 1 and not _leads(columns):
            problems.append(f"index {index.name!r} does not lead with {TENANT_FIELD}")
    for m2m in meta.local_many_to_many:
        through = m2m.remote_field.through
        if through._meta.auto_created:
            problems.append(
                f"many-to-many {m2m.name!r} has an automatic through table without "
                f"{TENANT_FIELD}: give it a through model that is a tenant model"
            )
    return problems


def project_models() -> list[type[models.Model]]:
    """Every concrete model of Buurtplein's own apps (the through models included)."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("buurtplein.") and not model._meta.proxy
    ]


def placement(model) -> str:
    """Where the model's table goes on Citus: ``"distributed"`` (by ``neighbourhood_id``),
    ``"reference"`` (on every node) or ``"local"`` (on the coordinator). An automatic
    many-to-many table between two platform-wide models goes with them (reference)."""
    name = label(model)
    if name in LOCAL:
        return "local"
    if name in REFERENCE:
        return "reference"
    if model._meta.auto_created:
        ends = [f.related_model for f in model._meta.local_fields if f.many_to_one]
        if not any(placement(end) == "distributed" for end in ends):
            return "reference"
    return "distributed" if is_tenant(model) else "unplaced"


def models_placed(where: str) -> list[type[models.Model]]:
    return [model for model in project_models() if placement(model) == where]
