"""Factories for the information pages; importable by other apps' tests."""

import factory
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.core.text import render_document
from buurtplein.infopages.actions import _index_for_search, check_due
from buurtplein.infopages.models import InfoPage, InfoPageVersion, Visibility


class InfoPageFactory(factory.django.DjangoModelFactory):
    """A page with its first version (as ``actions.page_create`` makes it)."""

    class Meta:
        model = InfoPage
        skip_postgeneration_save = True

    neighbourhood = factory.SubFactory("buurtplein.core.tests.factories.NeighbourhoodFactory")
    title = factory.Sequence(lambda n: f"Informatie {n}")
    slug = factory.Sequence(lambda n: f"informatie-{n}")
    body = "Het **oud papier** wordt elke tweede dinsdag van de maand opgehaald."
    body_html = factory.LazyAttribute(lambda o: render_document(o.body))
    visibility = Visibility.PUBLIC
    version = 1
    checked_at = factory.LazyFunction(timezone.now)
    check_due_at = factory.LazyAttribute(lambda o: check_due(o.checked_at))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def first_version(self, create, extracted, **kwargs):
        if create:
            with scopes_disabled():
                InfoPageVersion.objects.create(
                    neighbourhood_id=self.neighbourhood_id,
                    page=self,
                    number=1,
                    title=self.title,
                    body=self.body,
                    body_html=self.body_html,
                    facts=self.facts,
                    author=self.owner,
                    created_at=self.created_at,
                )
                _index_for_search(self)  # as page_create does
