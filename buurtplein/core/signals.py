"""Cache invalidation only: signals hold no business logic."""

from django.core.cache import cache

from buurtplein.core.middleware import _cache_key, forget_neighbourhood
from buurtplein.core.models import Neighbourhood, NeighbourhoodDomain


def forget_cached_neighbourhood(sender, instance, **kwargs):
    if isinstance(instance, Neighbourhood):
        forget_neighbourhood(instance)
        # A renamed slug leaves the old key behind; it expires within minutes and points to
        # the same active neighbourhood, which is harmless.
    elif isinstance(instance, NeighbourhoodDomain):
        cache.delete(_cache_key("host", instance.domain))
        if Neighbourhood.objects.filter(pk=instance.neighbourhood_id).exists():
            forget_neighbourhood(instance.neighbourhood)
