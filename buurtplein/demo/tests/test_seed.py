"""A test of the demo that seeds it itself (so it cannot share the module-wide seeded demo of
``test_demo.py``): the same seed gives the same square."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django_scopes import scopes_disabled

from buurtplein.accounts.models import User
from buurtplein.square.models import Post

pytestmark = pytest.mark.django_db


def _seeded(seed):
    """What seeding with ``seed`` writes, rolled back afterwards."""
    with transaction.atomic():
        call_command("seed_demo", scale="tiny", seed=seed, verbosity=0)
        with scopes_disabled():
            posts = list(Post.objects.order_by("pk").values_list("title", "text", "category"))
            people = list(User.objects.order_by("pk").values_list("email", "first_name"))
        transaction.set_rollback(True)
    return posts, people


def test_the_same_seed_gives_the_same_square(db):
    first = _seeded(7)
    assert first == _seeded(7)
    assert first[0] != _seeded(8)[0]
