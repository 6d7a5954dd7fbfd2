"""Keys of the requester portal (CONTRACT §10).

A ticket's key is base64url(HMAC-SHA256(SECRET_KEY, "portal:<id>:<salt>")), unpadded. It
is never stored: tickets keep the salt and the key's SHA-256, which finds the ticket when
a key comes back. A new salt ends the old link; a new SECRET_KEY ends every link.
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils.encoding import force_bytes

SALT_BYTES = 16
# What a key looks like: 43 characters of base64url. Anything else cannot be a key.
KEY_LENGTH = 43


def new_salt() -> str:
    return secrets.token_hex(SALT_BYTES)


def portal_key(ticket_id: int, salt: str) -> str:
    message = f"portal:{ticket_id}:{salt}".encode()
    digest = hmac.new(force_bytes(settings.SECRET_KEY), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def portal_path(key: str) -> str:
    return f"/portal/{key}"


def portal_url(ticket_id: int, salt: str) -> str:
    """The link a requester follows: absolute with PUBLIC_BASE_URL, else a path."""
    return f"{settings.PUBLIC_BASE_URL}{portal_path(portal_key(ticket_id, salt))}"


def looks_like_a_key(value: str) -> bool:
    return len(value) == KEY_LENGTH and all(c.isalnum() or c in "-_" for c in value)


def sql_key_hash(id_sql: str, salt_sql: str) -> tuple[str, dict[str, bytes]]:
    """The SQL of key_hash(portal_key(id, salt)), with its parameters, for backfills.

    PostgreSQL has SHA-256 but no HMAC without an extension, so HMAC is spelled out:
    sha256((K xor opad) || sha256((K xor ipad) || message)), the pads computed here.
    """
    key = force_bytes(settings.SECRET_KEY)
    if len(key) > hashlib.sha256().block_size:
        key = hashlib.sha256(key).digest()
    key = key.ljust(hashlib.sha256().block_size, b"\0")
    inner = bytes(byte ^ 0x36 for byte in key)
    outer = bytes(byte ^ 0x5C for byte in key)
    message = f"convert_to('portal:' || ({id_sql})::text || ':' || ({salt_sql}), 'UTF8')"
    mac = f"sha256(%(portal_outer_pad)s || sha256(%(portal_inner_pad)s || {message}))"
    key_text = f"translate(rtrim(encode({mac}, 'base64'), '='), '+/', '-_')"
    return (
        f"encode(sha256(convert_to({key_text}, 'UTF8')), 'hex')",
        {"portal_inner_pad": inner, "portal_outer_pad": outer},
    )
