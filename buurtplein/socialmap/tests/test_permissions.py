"""Permission matrix of the sociale kaart: every URL × role × own/other neighbourhood."""

import pytest

from buurtplein.core.tests.matrix import Row, cases, check_row, statuses

EVERYONE = statuses(200, 200, 200)

ROWS = [
    Row("socialmap:list", expect=EVERYONE),
]


@pytest.fixture
def world(matrix_world):
    return matrix_world


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_socialmap_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
