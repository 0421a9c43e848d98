# ruff: noqa: DJ008  (the models below only exist to be inspected)
"""Every tenant table can be distributed by neighbourhood (docs/scaling.md).

A guard over every model of the project: a neighbourhood-owned model carries the neighbourhood
(not empty) and a scoped manager, and each of its unique keys and multi-column indexes leads
with it; its many-to-many tables are tenant models too. Platform-wide models are listed, with a
reason, in ``core.distribution.REFERENCE`` and ``LOCAL``; nothing else may be left out.
"""

import pytest
from django.apps import apps as global_apps
from django.db import models
from django.test.utils import isolate_apps
from django_scopes import ScopedManager

from buurtplein.accounts.models import Interest, User
from buurtplein.core import distribution
from buurtplein.core.distribution import LOCAL, REFERENCE, key_problems, label, placement
from buurtplein.core.models import Membership, Neighbourhood


def test_every_tenant_model_has_the_neighbourhood_in_every_key():
    problems = {
        label(model): key_problems(model)
        for model in distribution.models_placed("distributed")
        if key_problems(model)
    }
    assert problems == {}


def test_every_model_is_placed():
    """A model that is neither neighbourhood-owned nor listed as platform-wide is a mistake
    (a new component's model that forgot its neighbourhood)."""
    unplaced = [label(m) for m in distribution.project_models() if placement(m) == "unplaced"]
    assert unplaced == []


def test_every_exception_names_a_model_and_a_reason():
    for name, reason in {**REFERENCE, **LOCAL}.items():
        assert global_apps.get_model(name) is not None
        assert len(reason) > 20, name


def test_foreign_keys_go_where_citus_allows_them():
    """Distributed → distributed or reference; reference → reference; local → local or
    reference. A platform-wide table cannot point into one neighbourhood's shard."""
    allowed = {
        "distributed": {"distributed", "reference"},
        "reference": {"reference"},
        "local": {"local", "reference"},
    }
    wrong = []
    for model in distribution.project_models():
        where = placement(model)
        for field in model._meta.local_fields:
            if not field.many_to_one or not field.related_model.__module__.startswith("buurtplein"):
                continue
            target = placement(field.related_model)
            if target not in allowed.get(where, ()):
                wrong.append(f"{label(model)}.{field.name} ({where}) → {target}")
    assert wrong == []


def test_the_tables_named_in_the_issue_are_distributed():
    distributed = {label(m) for m in distribution.models_placed("distributed")}
    assert {
        "square.Reaction",
        "messaging.Participant",
        "exchange.Pledge",
        "buurthulp.HelperSkill",
        "buurthulp.HelperInterest",
        "agenda.ActivityPhoto",
        "clubs.Club",
        "moderation.Report",
    } <= distributed
    assert {"accounts.User", "core.Postcode", "accounts.Interest"} <= {
        label(m) for m in distribution.models_placed("reference")
    }


# --- the guard itself finds what it should -----------------------------------------------------


@pytest.fixture
def bad_models():
    """Models in an isolated registry (no table, not among the project's models): one of each
    mistake, and one that is right."""
    with isolate_apps("buurtplein.core", "buurtplein.accounts"):

        class Base(models.Model):
            neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE)
            objects = ScopedManager(neighbourhood="neighbourhood")

            class Meta:
                abstract = True
                app_label = "core"

        class Right(Base):
            post = models.ForeignKey(Membership, on_delete=models.CASCADE)
            user = models.ForeignKey(User, on_delete=models.CASCADE)
            tags = models.ManyToManyField(Interest, through="RightTag")

            class Meta:
                app_label = "core"
                constraints = [
                    models.UniqueConstraint(fields=["neighbourhood", "post", "user"], name="r1")
                ]
                indexes = [models.Index(fields=["neighbourhood", "user"], name="r2")]

        class RightTag(Base):
            right = models.ForeignKey(Right, on_delete=models.CASCADE)
            interest = models.ForeignKey(Interest, on_delete=models.CASCADE)

            class Meta:
                app_label = "core"

        class UniqueWithout(Base):
            post = models.ForeignKey(Membership, on_delete=models.CASCADE)
            user = models.ForeignKey(User, on_delete=models.CASCADE)

            class Meta:
                app_label = "core"
                constraints = [models.UniqueConstraint(fields=["post", "user"], name="b1")]

        class UniqueAfter(Base):
            user = models.ForeignKey(User, on_delete=models.CASCADE)

            class Meta:
                app_label = "core"
                constraints = [models.UniqueConstraint(fields=["user", "neighbourhood"], name="b2")]

        class Together(Base):
            user = models.ForeignKey(User, on_delete=models.CASCADE)
            day = models.DateField()

            class Meta:
                app_label = "core"
                unique_together = [("user", "day")]

        class Token(Base):
            token = models.CharField(max_length=20, unique=True)

            class Meta:
                app_label = "core"

        class OneToOne(Base):
            membership = models.OneToOneField(Membership, on_delete=models.CASCADE)

            class Meta:
                app_label = "core"

        class Indexed(Base):
            state = models.CharField(max_length=10)
            day = models.DateField()

            class Meta:
                app_label = "core"
                indexes = [
                    models.Index(fields=["state", "day"], name="b3"),
                    models.Index(fields=["day"], name="ok_single_column"),
                ]

        class AutoThrough(Base):
            tags = models.ManyToManyField(Interest)

            class Meta:
                app_label = "core"

        class Unscoped(models.Model):
            neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE)

            class Meta:
                app_label = "core"

        class MaybeEmpty(Base):
            neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE, null=True)

            class Meta:
                app_label = "core"

        class ScopedWithoutKey(models.Model):
            area = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE)
            objects = ScopedManager(neighbourhood="area")

            class Meta:
                app_label = "core"

        class Platform(models.Model):
            code = models.CharField(max_length=10, unique=True)

            class Meta:
                app_label = "core"

        yield {m.__name__: m for m in (Right, RightTag, UniqueWithout, UniqueAfter, Together,
                                       Token, OneToOne, Indexed, AutoThrough, Unscoped,
                                       MaybeEmpty, ScopedWithoutKey, Platform)}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "finding"),
    [
        ("UniqueWithout", "unique constraint 'b1' does not lead with neighbourhood"),
        ("UniqueAfter", "unique constraint 'b2' does not lead with neighbourhood"),
        ("Together", "unique_together ('user', 'day') does not lead with neighbourhood"),
        ("Token", "unique field 'token'"),
        ("OneToOne", "one-to-one field 'membership'"),
        ("Indexed", "index 'b3' does not lead with neighbourhood"),
        ("AutoThrough", "many-to-many 'tags' has an automatic through table"),
        ("Unscoped", "has no ScopedManager"),
        ("MaybeEmpty", "neighbourhood may be empty"),
        ("ScopedWithoutKey", "has no neighbourhood foreign key"),
    ],
)
def test_the_guard_finds_each_mistake(bad_models, name, finding):
    problems = key_problems(bad_models[name])
    assert len(problems) == 1
    assert problems[0].startswith(finding)


def test_the_guard_passes_keys_that_lead_with_the_neighbourhood(bad_models):
    assert key_problems(bad_models["Right"]) == []
    assert key_problems(bad_models["RightTag"]) == []
    assert key_problems(bad_models["Platform"]) == []  # not a tenant model: placed by the list
    assert placement(bad_models["Platform"]) == "unplaced"
