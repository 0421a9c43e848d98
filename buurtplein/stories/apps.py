from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import (
    Component,
    NavItem,
    OrganisationBlock,
    OrganisationTool,
    ReportBlock,
)


def _home_context(request):
    from buurtplein.stories.views import home_context

    return home_context(request)


def _stats(neighbourhood):
    from buurtplein.stories.privacy import stats

    return stats(neighbourhood)


def _export(user):
    from buurtplein.stories.privacy import export

    return export(user)


def _erase(user):
    from buurtplein.stories.privacy import erase

    erase(user)


def _organisation_block(organisation, neighbourhood, viewer):
    from buurtplein.stories.selectors import organisation_block

    return organisation_block(organisation, neighbourhood, viewer)


def _report_block(scope, start, end):
    from buurtplein.stories.selectors import report_stories

    return {"stories": report_stories(scope.neighbourhood_ids, scope.organisation_id, start, end)}


def _to_review(request):
    from buurtplein.core.permissions import viewer_for
    from buurtplein.stories.selectors import to_review_count

    return to_review_count(viewer_for(request))


class StoriesConfig(AppConfig):
    name = "buurtplein.stories"
    label = "stories"
    verbose_name = _("Stories")
    component = Component(
        label="stories",
        name=_("Stories"),
        icon="book",
        url_name="stories:list",
        description=_(
            "Stories with photos and quotes of what happened in the neighbourhood, with the "
            "consent of everyone in them; and recommendations of organisations by ambassadors."
        ),
        home_template="stories/_home_block.html",
        home_context=_home_context,
        home_order=92,
        stats=_stats,
        export=_export,
        erase=_erase,
        nav=(
            NavItem(
                _("Stories"),
                "stories:list",
                "book",
                perm="stories.list.nav",
                order=70,
                count=_to_review,
            ),
        ),
        organisation_blocks=(
            # No cache version: what it shows depends on consents that run out by the day.
            OrganisationBlock(
                template="stories/_organisation_block.html",
                context=_organisation_block,
                order=80,
                pages=("organisation",),
                tool=OrganisationTool(_("Tell a story"), "stories:new", "book"),
            ),
        ),
        report_blocks=(ReportBlock(template="stories/_report_block.html", context=_report_block),),
    )

    def ready(self):
        from buurtplein.stories import permissions  # noqa: F401  (registers the rules)
