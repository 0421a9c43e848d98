"""The square's figures for the reports (``Component.figures``/``counts``; reporting keeps them
per month in its count tables): what was posted, by whom on behalf of an organisation, and
how neighbours reacted. Posts and comments that were deleted still happened that month; a
post is counted in the month it was written."""

from __future__ import annotations

from django.db.models import Count as CountOf
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Count, Counted, Figure

FIGURES = (
    Figure("square.posts", _("Posts"), "square", per_organisation=True),
    Figure("square.comments", _("Comments"), "square"),
    Figure("square.reactions", _("Reactions"), "square"),
)

COUNTED = (
    Counted("square.Post"),
    Counted("square.Comment"),
    Counted("square.Reaction"),
)


def counts(neighbourhood, start, end):
    from buurtplein.square.models import Comment, Post, Reaction

    month = Q(neighbourhood=neighbourhood, created_at__gte=start, created_at__lt=end)
    yield Count("square.posts", Post.objects.filter(month).count())
    for organisation_id, n in (
        Post.objects.filter(month, organisation__isnull=False)
        .values_list("organisation")
        .annotate(n=CountOf("id"))
        .order_by()
    ):
        yield Count("square.posts", n, organisation_id=organisation_id)
    yield Count("square.comments", Comment.objects.filter(month).count())
    yield Count("square.reactions", Reaction.objects.filter(month).count())
