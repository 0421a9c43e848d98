"""The permission matrix harness (after pretix ``tests/api/test_permissions.py``).

Each app's ``tests/test_permissions.py`` lists its URLs in a table::

    ROWS = [
        Row("square:post", kwargs=lambda w: {"pk": w.own_post.pk},
            expect={ANON: 302, UNVERIFIED: 404, RESIDENT: 200, ...}),
    ]

and calls ``check_row(client, world, row, role, where)`` for every role × own/other
neighbourhood. ``world`` (fixture ``matrix_world``) holds two neighbourhoods with one person of
each role in the first, and objects in both. Roles always look at the *own* neighbourhood (where
they have their role) and at the *other* one (where they have none); ``expect_other`` gives the
statuses there (defaults: same as anonymous for public pages, else 404 or 302 for log-in).

``test_every_url_is_in_a_matrix`` (core) fails when a URL name of a neighbourhood or platform
page has no row anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

ANON = "anonymous"
UNVERIFIED = "unverified"
RESIDENT = "resident"
CONNECTOR = "buurtverbinder"
PROFESSIONAL = "professional"
ADMIN = "admin"
ROLES = [ANON, UNVERIFIED, RESIDENT, CONNECTOR, PROFESSIONAL, ADMIN]
OWN = "own"
OTHER = "other"

# Every Row created anywhere, for the coverage test.
REGISTERED: list[Row] = []


@dataclass
class Row:
    url_name: str
    expect: dict[str, int]
    """Status per role in the role's own neighbourhood."""
    expect_other: dict[str, int] | None = None
    """Status per role when looking at the other neighbourhood's object or page."""
    kwargs: Callable[[object, str], dict] | None = None
    """``kwargs(world, where) -> dict`` of URL arguments for "own" or "other"."""
    method: str = "get"
    data: Callable[[object, str], dict] | None = None
    platform: bool = False
    """A platform page (no neighbourhood in the URL)."""
    query: str = ""
    ids: list[str] = field(default_factory=list)

    def __post_init__(self):
        missing = set(ROLES) - set(self.expect)
        if missing:
            raise ValueError(f"{self.url_name}: no expected status for {sorted(missing)}")
        REGISTERED.append(self)


def cases(rows: list[Row]):
    """pytest parameters: every row × role × own/other."""
    import pytest

    params = []
    for row in rows:
        for role in ROLES:
            for where in (OWN,) if row.platform else (OWN, OTHER):
                params.append(pytest.param(row, role, where, id=f"{row.url_name}-{role}-{where}"))
    return params


def check_row(client, world, row: Row, role: str, where: str) -> None:
    from buurtplein.core.urls import nb_reverse

    user = world.users[role]
    if user is not None:
        client.force_login(user)
    neighbourhood = world.own if where == OWN else world.other
    kwargs = row.kwargs(world, where) if row.kwargs else {}
    if row.platform:
        from django.urls import reverse

        url = reverse(row.url_name, kwargs=kwargs)
    else:
        url = nb_reverse(row.url_name, neighbourhood, kwargs=kwargs)
    if row.query:
        url += "?" + row.query
    data = row.data(world, where) if row.data else {}
    response = getattr(client, row.method)(url, data)
    expected = (row.expect if where == OWN else (row.expect_other or row.expect))[role]
    assert response.status_code == expected, (
        f"{row.method.upper()} {url} as {role} ({where}): "
        f"expected {expected}, got {response.status_code}"
    )


def statuses(anon, unverified, resident, connector=None, professional=None, admin=None):
    """A row's expectations, role by role; later roles default to the one before them
    (professional and buurtverbinder to resident, admin to buurtverbinder)."""
    connector = resident if connector is None else connector
    return {
        ANON: anon,
        UNVERIFIED: unverified,
        RESIDENT: resident,
        CONNECTOR: connector,
        PROFESSIONAL: resident if professional is None else professional,
        ADMIN: connector if admin is None else admin,
    }
