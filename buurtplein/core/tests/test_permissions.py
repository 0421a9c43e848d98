"""Permission matrix for the core pages, and the check that every URL has a matrix row."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import buurtplein
from buurtplein.core.tests.matrix import (
    ADMIN,
    ANON,
    CONNECTOR,
    PROFESSIONAL,
    REGISTERED,
    RESIDENT,
    UNVERIFIED,
    Row,
    cases,
    check_row,
)

ALL_200 = {ANON: 200, UNVERIFIED: 200, RESIDENT: 200, CONNECTOR: 200, PROFESSIONAL: 200, ADMIN: 200}

# Only the neighbourhood's own admins choose its privacy contact; elsewhere they are nobody.
ADMIN_ONLY = {
    ANON: 302,
    UNVERIFIED: 403,
    RESIDENT: 403,
    CONNECTOR: 403,
    PROFESSIONAL: 403,
    ADMIN: 200,
}
NOBODY_THERE = {**ADMIN_ONLY, ADMIN: 403}

ROWS = [
    Row("home", platform=True, expect=ALL_200),
    Row("nb:home", expect=ALL_200, expect_other=ALL_200),
    # "Privacy in je buurt" is public, in every neighbourhood.
    Row("nb:privacy", expect=ALL_200, expect_other=ALL_200),
    Row("nb:privacy_contact", expect=ADMIN_ONLY, expect_other=NOBODY_THERE),
    # The neighbourhood's search is for everyone; each kind shows only what the viewer may see
    # (core/tests/test_search.py).
    Row("nb:search", expect=ALL_200, expect_other=ALL_200),
    Row("nb:search", expect=ALL_200, expect_other=ALL_200, query="q=grofvuil"),
    Row(
        "nb:privacy_contact",
        method="post",
        data=lambda w, where: {
            "privacy_contact_name": "Fatima el Amrani",
            "privacy_contact_email": "privacy@wijkteam.example",
        },
        expect={**ADMIN_ONLY, ADMIN: 302},
        expect_other=NOBODY_THERE,
    ),
]


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_core_permissions(client, matrix_world, row, role, where):
    check_row(client, matrix_world, row, role, where)


# URL names that are not ours to test (third-party pages) or need no row.
EXEMPT_PREFIXES = ("admin:", "account_", "mfa_", "set_language", "media", "usersessions")


def _url_names(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_in_a_matrix():
    # Import every app's permission tests so their rows are registered (``test_permissions``
    # and parts of it in their own files, ``test_permissions_<part>``).
    for module in pkgutil.walk_packages(buurtplein.__path__, "buurtplein."):
        package, _dot, name = module.name.rpartition(".")
        if package.endswith(".tests") and name.startswith("test_permissions"):
            importlib.import_module(module.name)
    covered = {row.url_name for row in REGISTERED}
    names = set(_url_names(get_resolver()))
    missing = sorted(n for n in names if not n.startswith(EXEMPT_PREFIXES) and n not in covered)
    assert not missing, f"URLs without a permission-matrix row: {missing}"
