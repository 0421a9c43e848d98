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
from buurtplein.volunteering.retention import RETENTION


def _home_context(request):
    from buurtplein.volunteering.views import home_context

    return home_context(request)


def _stats(neighbourhood):
    from buurtplein.volunteering.privacy import stats

    return stats(neighbourhood)


def _export(user):
    from buurtplein.volunteering.privacy import export

    return export(user)


def _search(viewer, query, limit):
    from buurtplein.volunteering.selectors import search_part

    return search_part(viewer, query, limit)


def _erase(user):
    from buurtplein.volunteering.privacy import erase

    erase(user)


def _organisation_block(organisation, neighbourhood, viewer):
    from buurtplein.volunteering.selectors import organisation_block

    return organisation_block(organisation, neighbourhood, viewer)


def _organisation_version(organisation, neighbourhood):
    from buurtplein.volunteering.selectors import organisation_version

    return organisation_version(organisation, neighbourhood)


def _moderated_url(obj):
    return ("volunteering:vacancy", {"pk": obj.pk})


def _reindex_organisation(organisation):
    from buurtplein.volunteering.actions import reindex_organisation

    reindex_organisation(organisation)


class VolunteeringConfig(AppConfig):
    name = "buurtplein.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")
    component = Component(
        label="volunteering",
        name=_("Volunteering"),
        icon="hand",
        url_name="volunteering:list",
        description=_("Volunteer vacancies of organisations and clubs; respond, get matched."),
        home_template="volunteering/_home_block.html",
        home_context=_home_context,
        home_order=30,
        stats=_stats,
        export=_export,
        erase=_erase,
        search=(
            SearchPart(
                "volunteering.vacancy",
                _("Volunteer vacancies"),
                _search,
                perm="volunteering.list.view",
                more_url="volunteering:list",
                order=60,
                model="volunteering.Vacancy",
                reindex_organisation=_reindex_organisation,
            ),
        ),
        nav=(
            NavItem(
                _("Volunteering"),
                "volunteering:list",
                "hand",
                perm="volunteering.list.view",
                order=50,
            ),
        ),
        organisation_blocks=(
            OrganisationBlock(
                template="volunteering/_organisation_block.html",
                context=_organisation_block,
                version=_organisation_version,
                order=40,
                tool=OrganisationTool(_("Ask for volunteers"), "volunteering:create", "hand"),
            ),
        ),
        retention=RETENTION,
        moderated=(
            Moderated("volunteering.Vacancy", _("vacancy"), author="posted_by", url=_moderated_url),
        ),
    )

    def ready(self):
        from buurtplein.messaging.selectors import register_about_link
        from buurtplein.volunteering import permissions  # noqa: F401  (registers the rules)

        # A conversation opened by a response links back to its vacancy (for both sides).
        register_about_link(
            "volunteering.vacancy",
            access="buurtplein.volunteering.selectors.access_vacancy",
            url_name="volunteering:vacancy",
        )
