from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component, NavItem


def _home_context(request):
    from buurtplein.square.views import feed_context

    return feed_context(request)


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
        home_template="square/_home_block.html",
        home_context=_home_context,
        home_order=10,
        home_region="main",
        nav=(
            NavItem(
                _("Search"),
                "square:search",
                "search",
                perm="square.feed.view",
                order=80,
                current="square:search",
            ),
            NavItem(
                _("Saved"),
                "square:saved",
                "bookmark",
                perm="square.post.interact",
                order=85,
                current="square:saved",
            ),
        ),
    )

    def ready(self):
        from buurtplein.square import permissions  # noqa: F401  (registers the rules)
