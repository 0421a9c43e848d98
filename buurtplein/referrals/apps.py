from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component, NavItem, ServiceAction
from buurtplein.referrals.retention import RETENTION


def _stats(neighbourhood):
    from buurtplein.referrals.privacy import stats

    return stats(neighbourhood)


def _export(user):
    from buurtplein.referrals.privacy import export

    return export(user)


def _erase(user):
    from buurtplein.referrals.privacy import erase

    erase(user)


def _inbox_count(request):
    from buurtplein.referrals.selectors import inbox_waiting_count

    return inbox_waiting_count(request)


class ReferralsConfig(AppConfig):
    name = "buurtplein.referrals"
    label = "referrals"
    verbose_name = _("Referrals")
    component = Component(
        label="referrals",
        name=_("Referrals"),
        icon="share",
        url_name="referrals:list",
        description=_(
            "Warm referrals: refer a person to a service with their consent, and see how it goes."
        ),
        home_order=36,
        stats=_stats,
        export=_export,
        erase=_erase,
        retention=RETENTION,
        # "Doorverwijzen" on a service's page of the sociale kaart, for professionals.
        service_actions=(
            ServiceAction(
                _("Refer someone"), "referrals:new", "share", "referrals.referral.create"
            ),
        ),
        nav=(
            NavItem(
                _("Referrals"),
                "referrals:list",
                "share",
                perm="referrals.list.view",
                order=46,
            ),
            NavItem(
                _("Referral inbox"),
                "referrals:inbox",
                "share",
                perm="referrals.inbox.nav",
                order=47,
                count=_inbox_count,
                current="referrals:inbox",
            ),
            NavItem(
                _("Referrals about me"),
                "referrals:mine",
                "share",
                perm="referrals.mine.nav",
                order=48,
                current="referrals:mine",
            ),
        ),
    )

    def ready(self):
        from buurtplein.referrals import permissions  # noqa: F401  (registers the rules)
        from buurtplein.referrals.signals import connect

        connect()
