from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.agenda.retention import RETENTION
from buurtplein.core.components import (
    Component,
    Moderated,
    NavItem,
    OrganisationBlock,
    OrganisationTool,
    SearchPart,
)


def _home_context(request):
    from buurtplein.agenda.views import home_context

    return home_context(request)


def _stats(neighbourhood):
    from buurtplein.agenda.privacy import stats

    return stats(neighbourhood)


def _export(user):
    from buurtplein.agenda.privacy import export

    return export(user)


def _search(viewer, query, limit):
    from buurtplein.agenda.selectors import search_part

    return search_part(viewer, query, limit)


def _erase(user):
    from buurtplein.agenda.privacy import erase

    erase(user)


def _organisation_block(organisation, neighbourhood, viewer):
    from buurtplein.agenda.selectors import organisation_block

    return organisation_block(organisation, neighbourhood, viewer)


def _organisation_version(organisation, neighbourhood):
    from buurtplein.agenda.selectors import organisation_version

    return organisation_version(organisation, neighbourhood)


def _moderated_url(obj):
    return ("agenda:activity", {"pk": obj.pk})


def _reindex_organisation(organisation):
    from buurtplein.agenda.actions import reindex_organisation

    reindex_organisation(organisation)


class AgendaConfig(AppConfig):
    name = "buurtplein.agenda"
    label = "agenda"
    verbose_name = _("Activities")
    component = Component(
        label="agenda",
        name=_("Activities"),
        icon="calendar",
        url_name="agenda:week",
        description=_("Activities and meetings: once or every week, sign up, calendar feeds."),
        home_template="agenda/_home_block.html",
        home_context=_home_context,
        home_order=12,
        home_region="top",
        stats=_stats,
        export=_export,
        erase=_erase,
        search=(
            SearchPart(
                "agenda.activity",
                _("Activities"),
                _search,
                perm="agenda.calendar.view",
                more_url="agenda:week",
                order=40,
                model="agenda.Activity",
                reindex_organisation=_reindex_organisation,
            ),
        ),
        nav=(
            NavItem(
                _("Activities"),
                "agenda:week",
                "calendar",
                perm="agenda.calendar.view",
                primary=True,
                order=10,
            ),
        ),
        organisation_blocks=(
            OrganisationBlock(
                template="agenda/_organisation_block.html",
                context=_organisation_block,
                version=_organisation_version,
                order=10,
                tool=OrganisationTool(_("Plan an activity"), "agenda:create", "calendar"),
            ),
        ),
        retention=RETENTION,
        moderated=(
            Moderated("agenda.Activity", _("activity"), author="organiser", url=_moderated_url),
        ),
    )

    def ready(self):
        from buurtplein.agenda import permissions  # noqa: F401  (registers the rules)
