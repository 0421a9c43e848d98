"""The blocks components add to a person's profile page (``Component.profile_blocks``).

The profile page (accounts, ``nb:member``) asks this module for the blocks of the components
switched on in the neighbourhood and renders each block's template; it imports no component.
A block's context is read only when the template first uses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from buurtplein.core.components import ProfileBlock, enabled_components


@dataclass
class PersonBlock:
    """One declared block, bound to the person, the neighbourhood and the viewer."""

    label: str
    """The component's label."""
    declared: ProfileBlock
    person: Any
    neighbourhood: Any
    viewer: Any

    @property
    def template(self) -> str:
        return self.declared.template

    @cached_property
    def context(self) -> dict:
        return self.declared.context(self.person, self.neighbourhood, self.viewer)


def profile_blocks(person, neighbourhood, viewer) -> list[PersonBlock]:
    """The blocks for ``person``'s profile page, in their order."""
    found = [
        (block.order, component.label, block)
        for component in enabled_components(neighbourhood)
        for block in component.profile_blocks
    ]
    return [
        PersonBlock(label, block, person, neighbourhood, viewer)
        for _order, label, block in sorted(found, key=lambda f: f[:2])
    ]
