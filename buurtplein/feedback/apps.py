from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component, NavItem, OrganisationBlock
from buurtplein.feedback.counts import COUNTED, FIGURES
from buurtplein.feedback.retention import RETENTION


def _counts(neighbourhood, start, end):
    from buurtplein.feedback.counts import counts

    return counts(neighbourhood, start, end)


def _no_context(organisation, neighbourhood, viewer):
    return {}


def _unchanging(organisation, neighbourhood):
    return "1"


def _prompt(request, moment, organisation):
    from buurtplein.feedback.views import prompt

    return prompt(request, moment, organisation)


def _export(user):
    from buurtplein.feedback.privacy import export

    return export(user)


def _erase(user):
    from buurtplein.feedback.privacy import erase

    erase(user)


class FeedbackConfig(AppConfig):
    name = "buurtplein.feedback"
    label = "feedback"
    verbose_name = _("Feedback and complaints")
    component = Component(
        label="feedback",
        name=_("Feedback and complaints"),
        icon="chat",
        url_name="feedback:complaints",
        description=_(
            "“Would you recommend us?” after the moments that matter, and a proper complaints "
            "procedure."
        ),
        home_order=96,
        figures=FIGURES,
        counts=_counts,
        counted=COUNTED,
        feedback_prompt=_prompt,
        export=_export,
        erase=_erase,
        retention=RETENTION,
        # "Niet tevreden?" at the foot of an organisation's page: the complaint form with the
        # organisation chosen (for visitors too: a complaint needs no account).
        organisation_blocks=(
            OrganisationBlock(
                template="feedback/_organisation_block.html",
                context=_no_context,
                version=_unchanging,
                order=95,
                pages=("organisation",),
            ),
        ),
        nav=(
            NavItem(
                _("Complaints"),
                "feedback:complaints",
                "chat",
                perm="feedback.complaints.view",
                order=92,
            ),
            NavItem(
                _("Recommendations"),
                "feedback:answers",
                "chart",
                perm="feedback.nav",
                order=93,
                current="feedback:answers",
            ),
        ),
    )

    def ready(self):
        from buurtplein.feedback import permissions  # noqa: F401  (registers the rules)
