"""Keyset paging: one page type and one cursor format for every list of the platform.

A list is ordered on two columns, a sort key and a unique tie-breaker (``-created_at, -id``,
``sort_name, pk``). A page is read with one query of ``size + 1`` rows; the cursor names the
last row shown, and the next page starts after it. No ``OFFSET``: page 1,000 costs what page
1 costs, and rows added meanwhile are neither skipped nor shown twice.

The cursor is opaque to the client: the two values as a small JSON array, base64url-encoded
(``?after=WyIyMDI2LTEyLTA2VDE0OjE2OjIwKzAwOjAwIiwgNDJd``). It is not secret (it only says
where the previous page ended, and every query is still filtered by what the viewer may see),
so it is not signed; it is checked instead. A cursor that does not decode, or whose values are
not of the columns' types, is ignored: the client gets the first page, never an error.

Usage in a selector::

    from buurtplein.core.paging import Page, page

    def item_list(viewer, *, after=None, size=20) -> Page:
        items = Item.objects.filter(...)
        return page(items, after, size=size, order=("-created_at", "-id"))

and in a template the "more" link is ``?after={{ page.next_cursor }}``.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Q, QuerySet


@dataclass
class Page:
    """One page of a list: its rows and the cursor of the next page (None on the last)."""

    items: list
    next_cursor: str | None


def encode_cursor(*values: Any) -> str:
    """The cursor that points at a row with these sort values (datetimes, dates, ints, str)."""
    plain = [v.isoformat() if isinstance(v, date | datetime) else v for v in values]
    raw = json.dumps(plain, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, *types: type) -> tuple | None:
    """The values a cursor points at, converted to ``types`` (``datetime``, ``date``, ``int``,
    ``str``); None for no cursor or one that is garbled or of other types (a client's bad
    cursor gives the first page, never an error)."""
    if not cursor or len(cursor) > 1000:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw.decode())
        if not isinstance(values, list) or len(values) != len(types):
            return None
        return tuple(_convert(value, kind) for value, kind in zip(values, types, strict=True))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        return None


def _convert(value, kind: type):
    if kind is datetime:
        if not isinstance(value, str):
            raise TypeError(value)
        stamp = datetime.fromisoformat(value)
        if stamp.tzinfo is None:
            raise ValueError(value)
        return stamp
    if kind is date:
        if not isinstance(value, str):
            raise TypeError(value)
        return date.fromisoformat(value)
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(value)
        return value
    if kind is str:
        if not isinstance(value, str):
            raise TypeError(value)
        return value
    raise TypeError(kind)


def after_position(queryset: QuerySet, order: tuple[str, str], position: tuple) -> QuerySet:
    """The rows after ``position`` in ``order`` (two columns, both descending or both
    ascending; the second one unique)."""
    (first, second), (value, tie) = [name.lstrip("-") for name in order], position
    if order[0].startswith("-"):
        # A range plus an exclusion, so PostgreSQL starts the index scan at the cursor.
        return queryset.filter(**{f"{first}__lte": value}).exclude(
            **{first: value, f"{second}__gte": tie}
        )
    return queryset.filter(Q(**{f"{first}__gt": value}) | Q(**{first: value, f"{second}__gt": tie}))


def _value(row, name: str):
    for part in name.lstrip("-").split("__"):
        row = row.pk if part in ("pk", "id") and hasattr(row, "pk") else getattr(row, part)
    return row


def page(
    queryset: QuerySet,
    cursor: str | None,
    *,
    size: int,
    order: tuple[str, str] = ("-created_at", "-id"),
    types: tuple[type, type] = (datetime, int),
    key: Callable[[Any], tuple] | None = None,
) -> Page:
    """One page of ``queryset`` in ``order``, starting after ``cursor``: one query. ``types``
    are those of the two columns (for checking a client's cursor); ``key`` gives a row's two
    values when they are not its attributes of the same names. A column across a relation
    (``user__first_name``) is read from the last row: ``select_related`` it."""
    position = decode_cursor(cursor, *types)
    if position is not None:
        queryset = after_position(queryset, order, position)
    rows = list(queryset.order_by(*order)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = None
    if more and rows:
        values = key(rows[-1]) if key else tuple(_value(rows[-1], name) for name in order)
        next_cursor = encode_cursor(*values)
    return Page(rows, next_cursor)
