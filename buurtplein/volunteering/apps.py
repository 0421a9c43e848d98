from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component


class VolunteeringConfig(AppConfig):
    name = "buurtplein.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")
    component = Component(
        label="volunteering",
        name=_("Volunteering"),
        icon="heart",
        description=_("Volunteer vacancies of organisations and clubs; respond, get matched."),
        home_order=30,
    )

    def ready(self):
        from buurtplein.volunteering import permissions  # noqa: F401  (registers the rules)
