"""The platform's parts that forget a person along with their account.

``accounts.actions.account_erase`` is the one path to erase an account. It calls every
component's ``erase`` (the ``Component`` registry), then the parts registered here, then
forgets what ``accounts`` itself holds. A platform app above ``accounts`` that holds something
about people and is no component (``moderation``: reports) registers its own ``erase(user)``
in its ``AppConfig.ready``, as a component registers its ``about`` link with messaging:
``accounts`` imports none of them.
"""

from collections.abc import Callable

_PARTS: list[Callable] = []


def register_erase(erase: Callable) -> None:
    """Call ``erase(user)`` for every account that is erased (after the components)."""
    if erase not in _PARTS:
        _PARTS.append(erase)


def platform_parts() -> list[Callable]:
    return list(_PARTS)
