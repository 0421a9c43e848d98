"""Factories for vraag & aanbod; importable by other apps' tests."""

from datetime import timedelta

import factory
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.core.text import render_markdown
from buurtplein.exchange.models import (
    Category,
    Deal,
    Direction,
    Item,
    Kind,
    OfferType,
    OrgPledge,
    State,
    Visibility,
)


class ScopeFreeFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class ItemFactory(ScopeFreeFactory):
    class Meta:
        model = Item

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from buurtplein.exchange.actions import index_for_search

        item = super()._create(model_class, *args, **kwargs)
        index_for_search(item)  # as item_create does
        return item

    neighbourhood = factory.SubFactory("buurtplein.core.tests.factories.NeighbourhoodFactory")
    owner = factory.SubFactory("buurtplein.accounts.tests.factories.UserFactory")
    direction = Direction.OFFER
    kind = Kind.THINGS
    category = Category.TOOLS
    deal = Deal.LEND
    title = factory.Sequence(lambda n: f"Boormachine {n}")
    description = "Een goede klopboor, met boren erbij."
    description_html = factory.LazyAttribute(lambda o: render_markdown(o.description))
    visibility = Visibility.MEMBERS
    state = State.OPEN
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.created_at + timedelta(days=30))


class OrgPledgeFactory(ScopeFreeFactory):
    class Meta:
        model = OrgPledge

    neighbourhood = factory.SubFactory("buurtplein.core.tests.factories.NeighbourhoodFactory")
    giver = factory.SubFactory(
        "buurtplein.accounts.tests.factories.OrganisationFactory", kind="business"
    )
    receiver = factory.SubFactory("buurtplein.accounts.tests.factories.OrganisationFactory")
    offer_type = OfferType.PEOPLE
    title = factory.Sequence(lambda n: f"Twee vrijwilligers voor de buurtschoonmaak {n}")
    description = "Een zaterdagochtend met twee collega's."
    description_html = factory.LazyAttribute(lambda o: render_markdown(o.description))
    hours = 8
