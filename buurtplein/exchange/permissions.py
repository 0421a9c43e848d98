"""Rules of exchange, registered with the one permission chain."""

from buurtplein.core.permissions import rule  # noqa: F401
