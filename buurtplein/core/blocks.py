"""Blocks components add to another part's page, without that page importing them: the one
mechanism behind ``Component.organisation_blocks`` (``core.organisation_blocks``: an
organisation's page and a club's page) and ``Component.profile_blocks``
(``core.profile_blocks``: a person's profile).

A component declares its blocks on its ``Component`` (a template, ``context(subject,
neighbourhood, viewer)``, an ``order``); a page asks :func:`bound_blocks` for those of the
components switched on in the neighbourhood, in their order (then by component label), and
renders each block's template with ``block`` = its context. A block's context is read only when
the template first uses it, so a page that takes its blocks from the HTML cache reads none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from buurtplein.core.components import enabled_components


@dataclass
class BoundBlock:
    """One declared block, bound to what the page is about (``subject``: the organisation, the
    person), the neighbourhood and the viewer."""

    label: str
    """The component's label."""
    declared: Any
    """What the component declared (``OrganisationBlock``, ``ProfileBlock``)."""
    subject: Any
    neighbourhood: Any
    viewer: Any

    @property
    def template(self) -> str:
        return self.declared.template

    @cached_property
    def context(self) -> dict:
        return self.declared.context(self.subject, self.neighbourhood, self.viewer)


def declared_blocks(
    neighbourhood, attribute: str, keep: Callable[[Any], bool] | None = None
) -> list[tuple[str, Any]]:
    """``(label, block)`` for every block in ``Component.<attribute>`` of the components switched
    on in the neighbourhood (those ``keep`` accepts), by ``order``, then component label."""
    found = [
        (block.order, component.label, block)
        for component in enabled_components(neighbourhood)
        for block in getattr(component, attribute)
        if keep is None or keep(block)
    ]
    return [(label, block) for _order, label, block in sorted(found, key=lambda f: f[:2])]


def bound_blocks(
    kind: type[BoundBlock],
    attribute: str,
    subject,
    neighbourhood,
    viewer,
    keep: Callable[[Any], bool] | None = None,
) -> list:
    """The blocks of :func:`declared_blocks`, each bound (as ``kind``) to the page's subject,
    neighbourhood and viewer."""
    return [
        kind(label, block, subject, neighbourhood, viewer)
        for label, block in declared_blocks(neighbourhood, attribute, keep)
    ]
