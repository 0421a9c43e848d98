from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import (
    Component,
    Moderated,
    NavItem,
    OrganisationBlock,
    SearchPart,
)


def _home_context(request):
    from buurtplein.clubs.views import home_context

    return home_context(request)


def _stats(neighbourhood):
    from buurtplein.clubs.privacy import stats

    return stats(neighbourhood)


def _export(user):
    from buurtplein.clubs.privacy import export

    return export(user)


def _search(viewer, query, limit):
    from buurtplein.clubs.selectors import search_part

    return search_part(viewer, query, limit)


def _erase(user):
    from buurtplein.clubs.privacy import erase

    erase(user)


def _organisation_block(organisation, neighbourhood, viewer):
    from buurtplein.clubs.selectors import organisation_block

    return organisation_block(organisation, neighbourhood, viewer)


def _organisation_contact_visible(organisation, viewer):
    from buurtplein.clubs.selectors import organisation_contact_visible

    return organisation_contact_visible(organisation, viewer)


def _moderated_hide(club, hidden, actor):
    from buurtplein.clubs.actions import moderation_hide

    moderation_hide(club=club, hidden=hidden, actor=actor)


def _reindex_organisation(organisation):
    from buurtplein.clubs.actions import reindex_organisation

    reindex_organisation(organisation)


class ClubsConfig(AppConfig):
    name = "buurtplein.clubs"
    label = "clubs"
    verbose_name = _("Clubs and initiatives")
    component = Component(
        label="clubs",
        name=_("Clubs and initiatives"),
        icon="club",
        url_name="clubs:list",
        description=_(
            "Clubs, associations and residents' initiatives: their page, members, news and "
            "activities."
        ),
        home_template="clubs/_home_block.html",
        home_context=_home_context,
        home_order=40,
        stats=_stats,
        export=_export,
        erase=_erase,
        search=(
            SearchPart(
                "clubs.club",
                _("Clubs and initiatives"),
                _search,
                perm="clubs.list.view",
                more_url="clubs:list",
                more_query=True,
                order=30,
                model="clubs.Club",
                reindex_organisation=_reindex_organisation,
            ),
        ),
        nav=(
            NavItem(
                _("Clubs"), "clubs:list", "club", perm="clubs.list.view", primary=True, order=40
            ),
        ),
        organisation_blocks=(
            OrganisationBlock(
                template="clubs/_organisation_block.html",
                context=_organisation_block,
                order=0,
                pages=("organisation",),
            ),
        ),
        organisation_contact_visible=_organisation_contact_visible,
        moderated=(
            Moderated(
                "clubs.Club",
                _("club"),
                author="created_by",
                select_related=("organisation",),
                url=lambda club: ("clubs:club", {"slug": club.slug}),
                on_hide=_moderated_hide,
            ),
        ),
    )

    def ready(self):
        from buurtplein.clubs import permissions  # noqa: F401  (registers the rules)
