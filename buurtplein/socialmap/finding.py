"""Finding services by need: what a resident types ("ik kan de huur niet betalen", "eenzaam")
against what services say they do.

This module is the one place that knows how services are searched:

* :func:`index_service` fills ``search_text`` (and, on PostgreSQL, ``search_vector``) of one
  service from its words; every action that changes what a service says calls it before saving.
* :func:`rank` orders a queryset of services by how well they fit a query.

First version: words of the query matched in ``search_text``. The Dutch full-text search, the
synonym table and the semantic signal replace it (issue 13, part "finding by need").
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from buurtplein.socialmap.models import LifeDomain, Service


def index_service(service: Service) -> None:
    """Set the words a service is found by (does not save)."""
    domains = " ".join(str(LifeDomain(d).label) for d in service.life_domains if d in LifeDomain)
    service.search_text = " ".join(
        part for part in (service.name, service.summary, service.description, domains) if part
    ).lower()


def rank(services: QuerySet[Service], query: str) -> list[Service]:
    """The services of ``services`` that fit ``query``, best first."""
    words = [word for word in query.lower().split() if len(word) > 2]
    if not words:
        return list(services)
    condition = Q()
    for word in words:
        condition |= Q(search_text__icontains=word)
    return list(services.filter(condition))
