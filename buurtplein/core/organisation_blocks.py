"""The blocks components add to an organisation's pages (``Component.organisation_blocks``).

The organisation page (accounts) and a club's page (clubs) ask this module for the blocks of
the components switched on in the neighbourhood and render each block's template; neither page
imports another component. A block's context is read only when the template first uses it, so
a page that takes its visitors' blocks from the HTML cache (``blocks_version``) reads none.
The mechanism is shared with a person's profile (``core.blocks``); what is particular to an
organisation's pages is here: which page a block is on, its cache generation, the board's links
and whether the contact details show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from buurtplein.core.blocks import BoundBlock, bound_blocks
from buurtplein.core.components import enabled_components
from buurtplein.core.urls import nb_reverse


class PageBlock(BoundBlock):
    """One declared ``OrganisationBlock``, bound to the organisation, the neighbourhood and the
    viewer."""

    @property
    def organisation(self):
        return self.subject


@dataclass(frozen=True)
class Tool:
    label: Any
    url: str
    icon: str


def page_blocks(page: str, organisation, neighbourhood, viewer) -> list[PageBlock]:
    """The blocks for ``page`` (``"organisation"`` or ``"club"``), in their order."""
    return bound_blocks(
        PageBlock,
        "organisation_blocks",
        organisation,
        neighbourhood,
        viewer,
        keep=lambda block: page in block.pages,
    )


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
