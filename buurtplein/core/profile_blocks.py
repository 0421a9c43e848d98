"""The blocks components add to a person's profile page (``Component.profile_blocks``).

The profile page (accounts, ``nb:member``) asks this module for the blocks of the components
switched on in the neighbourhood and renders each block's template; it imports no component.
A block's context is read only when the template first uses it. The mechanism is the one of an
organisation's pages (``core.blocks``).
"""

from __future__ import annotations

from buurtplein.core.blocks import BoundBlock, bound_blocks


class PersonBlock(BoundBlock):
    """One declared ``ProfileBlock``, bound to the person, the neighbourhood and the viewer."""

    @property
    def person(self):
        return self.subject


def profile_blocks(person, neighbourhood, viewer) -> list[PersonBlock]:
    """The blocks for ``person``'s profile page, in their order."""
    return bound_blocks(PersonBlock, "profile_blocks", person, neighbourhood, viewer)
