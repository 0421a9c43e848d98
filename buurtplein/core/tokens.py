"""Secret tokens in links (an asker's way back into an online help chat, a report's share
link): made with ``secrets``, and stored only as their SHA-256, so a copy of the database
opens nothing. One way for every component."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> str:
    """The secret in a link (about 190 bits)."""
    return secrets.token_urlsafe(24)


def token_digest(token: str) -> str:
    """What is stored of a token: its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()
