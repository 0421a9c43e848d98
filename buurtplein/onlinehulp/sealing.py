"""The asker's secret link, kept so that only the server can read it back.

Only a token's SHA-256 finds a conversation (``models.token_digest``); to give an asker their
link again (they typed their short code, or an answer arrived and they left an e-mail address)
the token is also stored encrypted with a key derived from ``SECRET_KEY`` (Fernet from
``cryptography``: AES with an HMAC, so a changed row is refused, not misread). A copy of the
database alone does not open anyone's conversation. Keys in ``SECRET_KEY_FALLBACKS`` still
open what was sealed before a key rotation.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac

SALT = "buurtplein.onlinehulp.sealing"


def _key(secret) -> Fernet:
    digest = salted_hmac(SALT, "link", secret=secret, algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _fernet() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_key(secret) for secret in secrets])


def seal(token: str) -> str:
    return _fernet().encrypt(token.encode()).decode()


def unseal(sealed: str) -> str:
    """The token, or "" when there is none or it cannot be read (another key, a changed row)."""
    if not sealed:
        return ""
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken:
        return ""
