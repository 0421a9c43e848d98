"""The main navigation of a neighbourhood, built from what the switched-on components declare
(``Component.nav``) and what the viewer may open (the same permission as the page itself).

The square of the neighbourhood (its home) always comes first, and its search is always there
(``SEARCH``). Entries marked ``primary`` stay in sight; the rest fold into "More" (a
``<details>`` disclosure, so it works without JavaScript), which keeps the navigation to two
short rows on a phone however many components a neighbourhood switches on.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import NavItem, enabled_components
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse

HOME = NavItem(_("Square"), "nb:home", "home", primary=True, order=0, current="nb:home")
SEARCH = NavItem(
    _("Search"), "nb:search", "search", perm="core.search.view", order=80, current="nb:search"
)
"""The neighbourhood's search (``core.search``): there whichever components are switched on."""


@dataclass(frozen=True)
class Entry:
    item: NavItem
    url: str
    current: bool
    count: int = 0


@dataclass(frozen=True)
class Navigation:
    primary: list[Entry]
    more: list[Entry]

    @property
    def more_current(self) -> bool:
        return any(entry.current for entry in self.more)


def _is_current(item: NavItem, match) -> bool:
    if match is None:
        return False
    if item.current:
        names = (item.current,) if isinstance(item.current, str) else item.current
        return any(
            match.view_name.startswith(name[:-1]) if name.endswith("*") else match.view_name == name
            for name in names
        )
    return match.namespace == item.url_name.split(":", 1)[0]


def main_navigation(request) -> Navigation:
    neighbourhood = request.neighbourhood
    viewer = viewer_for(request)
    items = [HOME, SEARCH]
    for component in enabled_components(neighbourhood):
        items += [item for item in component.nav if not item.perm or can(viewer, item.perm)]
    items.sort(key=lambda item: item.order)
    match = getattr(request, "resolver_match", None)
    entries = [
        Entry(
            item,
            nb_reverse(item.url_name, neighbourhood, request=request),
            _is_current(item, match),
            item.count(request) if item.count else 0,
        )
        for item in items
    ]
    return Navigation(
        primary=[entry for entry in entries if entry.item.primary],
        more=[entry for entry in entries if not entry.item.primary],
    )
