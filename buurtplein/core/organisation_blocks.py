"""The blocks components add to an organisation's pages (``Component.organisation_blocks``).

The organisation page (accounts) and a club's page (clubs) ask this module for the blocks of
the components switched on in the neighbourhood and render each block's template; neither page
imports another component. A block's context is read only when the template first uses it, so
a page that takes its visitors' blocks from the HTML cache (``blocks_version``) reads none.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from buurtplein.core.components import OrganisationBlock, enabled_components
from buurtplein.core.urls import nb_reverse


@dataclass
class PageBlock:
    """One declared block, bound to the organisation, the neighbourhood and the viewer."""

    label: str
    """The component's label."""
    declared: OrganisationBlock
    organisation: Any
    neighbourhood: Any
    viewer: Any

    @property
    def template(self) -> str:
        return self.declared.template

    @cached_property
    def context(self) -> dict:
        return self.declared.context(self.organisation, self.neighbourhood, self.viewer)


@dataclass(frozen=True)
class Tool:
    label: Any
    url: str
    icon: str


def _declared(neighbourhood, page: str):
    found = [
        (block.order, component.label, block)
        for component in enabled_components(neighbourhood)
        for block in component.organisation_blocks
        if page in block.pages
    ]
    return [(label, block) for _order, label, block in sorted(found, key=lambda f: f[:2])]


def page_blocks(page: str, organisation, neighbourhood, viewer) -> list[PageBlock]:
    """The blocks for ``page`` (``"organisation"`` or ``"club"``), in their order."""
    return [
        PageBlock(label, block, organisation, neighbourhood, viewer)
        for label, block in _declared(neighbourhood, page)
    ]


def blocks_version(blocks: list[PageBlock]) -> str | None:
    """The cache key part for a visitor's blocks: every block's generation (no query), or
    None when a block has none (then the blocks are not cached)."""
    tokens = []
    for block in blocks:
        if block.declared.version is None:
            return None
        token = block.declared.version(block.organisation, block.neighbourhood)
        tokens.append(f"{block.label}={token}")
    return ":".join(tokens) or "-"


def page_tools(blocks: list[PageBlock], request) -> list[Tool]:
    """The links of the switched-on components for whoever runs the page."""
    tools = []
    for block in blocks:
        tool = block.declared.tool
        if tool is not None:
            url = nb_reverse(tool.url_name, block.neighbourhood, request=request)
            tools.append(
                Tool(tool.label, url + tool.query.format(pk=block.organisation.pk), tool.icon)
            )
    return tools


def contact_visible(organisation, neighbourhood, viewer) -> bool:
    """Whether the viewer sees the organisation's contact details on its page: yes, unless a
    switched-on component that runs a page for it says its owners chose otherwise."""
    return all(
        component.organisation_contact_visible(organisation, viewer)
        for component in enabled_components(neighbourhood)
        if component.organisation_contact_visible is not None
    )
