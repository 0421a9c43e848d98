from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component, NavItem, OrganisationBlock
from buurtplein.logbook.counts import COUNTED, FIGURES
from buurtplein.logbook.retention import RETENTION


def _counts(neighbourhood, start, end):
    from buurtplein.logbook.counts import counts

    return counts(neighbourhood, start, end)


def _stats(neighbourhood):
    from buurtplein.logbook.privacy import stats

    return stats(neighbourhood)


def _export(user):
    from buurtplein.logbook.privacy import export

    return export(user)


def _erase(user):
    from buurtplein.logbook.actions import erase_person

    erase_person(user)


def _organisation_block(organisation, neighbourhood, viewer):
    return {}  # the template shows its staff a link; it reads nothing


class LogbookConfig(AppConfig):
    name = "buurtplein.logbook"
    label = "logbook"
    verbose_name = _("Registration")
    component = Component(
        label="logbook",
        name=_("Registration"),
        icon="check",
        url_name="logbook:register",
        description=_(
            "The professionals' own registration: contact moments, group activities and time "
            "per life domain, in a few taps on a phone."
        ),
        home_order=96,
        stats=_stats,
        export=_export,
        erase=_erase,
        retention=RETENTION,
        figures=FIGURES,
        counts=_counts,
        counted=COUNTED,
        nav=(
            NavItem(
                _("Registration"),
                "logbook:register",
                "check",
                perm="logbook.entry.create",
                order=49,
            ),
        ),
        organisation_blocks=(
            OrganisationBlock(
                template="logbook/_organisation_block.html",
                context=_organisation_block,
                order=90,
                pages=("organisation",),
            ),
        ),
    )

    def ready(self):
        from buurtplein.logbook import permissions  # noqa: F401  (registers the rules)
