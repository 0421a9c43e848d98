from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import (
    Component,
    Moderated,
    NavItem,
    OrganisationBlock,
    OrganisationTool,
    SearchPart,
)
from buurtplein.square.counts import COUNTED, FIGURES


def _home_context(request):
    from buurtplein.square.views import home_context

    return home_context(request)


def _organisation_block(organisation, neighbourhood, viewer):
    from buurtplein.square.selectors import organisation_block

    return organisation_block(organisation, neighbourhood, viewer)


def _organisation_version(organisation, neighbourhood):
    from buurtplein.square.selectors import organisation_version

    return organisation_version(organisation, neighbourhood)


def _export(user):
    from buurtplein.square.privacy import export

    return export(user)


def _search(viewer, query, limit):
    from buurtplein.square.selectors import search_part

    return search_part(viewer, query, limit)


def _counts(neighbourhood, start, end):
    from buurtplein.square.counts import counts

    return counts(neighbourhood, start, end)


def _erase(user):
    from buurtplein.square.actions import erase_person

    erase_person(user)


class SquareConfig(AppConfig):
    name = "buurtplein.square"
    label = "square"
    verbose_name = _("The square")
    component = Component(
        label="square",
        name=_("The square"),
        icon="square",
        url_name="square:feed",
        description=_("News, questions, tips, lost and found, notices."),
        figures=FIGURES,
        counts=_counts,
        counted=COUNTED,
        home_template="square/_home_block.html",
        home_context=_home_context,
        home_order=10,
        home_region="main",
        export=_export,
        erase=_erase,
        search=(
            SearchPart(
                "square.post",
                _("Posts"),
                _search,
                perm="square.feed.view",
                more_url="square:search",
                more_query=True,
                order=20,
            ),
        ),
        nav=(
            NavItem(
                _("Saved"),
                "square:saved",
                "bookmark",
                perm="square.post.interact",
                order=85,
                current="square:saved",
            ),
        ),
        organisation_blocks=(
            OrganisationBlock(
                template="square/_organisation_block.html",
                context=_organisation_block,
                version=_organisation_version,
                order=20,
                tool=OrganisationTool(
                    _("Post on the square for the club"), "square:create", "square"
                ),
            ),
        ),
        moderated=(
            Moderated(
                "square.Post",
                _("post"),
                summary=lambda p: f"{p.title}: {p.text}" if p.title else p.text,
                url=lambda p: ("square:post", {"pk": p.pk}),
            ),
            Moderated(
                "square.Comment",
                _("comment"),
                summary=lambda c: c.text,
                url=lambda c: ("square:post", {"pk": c.post_id}),
            ),
        ),
    )

    def ready(self):
        from buurtplein.square import permissions  # noqa: F401  (registers the rules)
