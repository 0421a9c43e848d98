from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from buurtplein.accounts.counts import COUNTED, FIGURES
from buurtplein.accounts.retention import PLATFORM_RETENTION, RETENTION
from buurtplein.core.components import Component, NavItem, SearchPart


def _home_context(request):
    from buurtplein.accounts.views import home_context

    return home_context(request)


def _export(user):
    from buurtplein.accounts.privacy import export

    return export(user)


def _counts(neighbourhood, start, end):
    from buurtplein.accounts.counts import counts

    return counts(neighbourhood, start, end)


def _search(viewer, query, limit):
    from buurtplein.accounts.selectors import search_neighbours

    return search_neighbours(viewer, query, limit)


class AccountsConfig(AppConfig):
    name = "buurtplein.accounts"
    label = "accounts"
    verbose_name = _("Members")
    component = Component(
        label="members",
        figures=FIGURES,
        counts=_counts,
        counted=COUNTED,
        name=_("Neighbours"),
        icon="users",
        url_name="nb:members",
        description=_("Joining, neighbours, profiles and organisations."),
        home_template="accounts/_home_block.html",
        home_context=_home_context,
        export=_export,
        nav=(
            NavItem(
                _("Neighbours"),
                "nb:members",
                "users",
                perm="members.directory.view",
                order=60,
                current="nb:members",
            ),
            NavItem(
                _("Organisations"),
                "nb:organisations",
                "info",
                perm="members.organisations.view",
                order=70,
                current="nb:organisations",
            ),
        ),
        search=(
            SearchPart(
                "members.interest",
                _("Neighbours with this interest"),
                _search,
                perm="members.directory.view",
                order=70,
            ),
        ),
        retention=RETENTION,
        platform_retention=PLATFORM_RETENTION,
    )

    def ready(self):
        from buurtplein.accounts import permissions  # noqa: F401  (registers the rules)
        from buurtplein.accounts.data_export import connect_file_cleanup

        connect_file_cleanup()
        from buurtplein.accounts.selectors import mfa_missing
        from buurtplein.core.middleware import MEMBERSHIP_ANNOTATIONS

        # RequireMFAMiddleware's answer, read with the request's membership where it is on.
        MEMBERSHIP_ANNOTATIONS["mfa_missing"] = lambda: (
            mfa_missing() if settings.BUURTPLEIN_REQUIRE_MFA_FOR_STAFF else None
        )
        # The header's name (``accounts.context_processors.accounts``): whether the profile
        # shows the full name, read with the membership instead of loading the profile.
        from buurtplein.accounts.selectors import shows_full_name

        MEMBERSHIP_ANNOTATIONS["shows_full_name"] = shows_full_name
        from buurtplein.accounts.models import Organisation, Profile
        from buurtplein.core.photos import own_files

        # A profile photo and a logo go with their row, as the photos of the kit do.
        own_files(Profile, "photo", "photo_small")
        own_files(Organisation, "logo")
        from buurtplein.accounts import held_interests

        # The search's index of neighbours by interest follows every change of a profile's
        # interests and skills, and every new membership.
        held_interests.connect()
