"""The client's IP address behind a known number of reverse proxies.

Each proxy appends the address it received the request from to `X-Forwarded-For`, so
with N trusted proxies in front of us the client is the Nth entry from the right.
Entries further left were written by the client itself and are never believed.
"""

import ipaddress

from django.conf import settings


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip_from(*, remote_addr: str, forwarded_for: str, trusted_proxy_count: int) -> str:
    """The client's address from the socket peer and the X-Forwarded-For header.

    With `trusted_proxy_count` 0 the header is ignored. With fewer entries than trusted
    proxies, the leftmost entry is the client (every entry was written by a trusted
    proxy). A malformed entry at the trusted position falls back to the peer address.
    """
    peer = _valid_ip(remote_addr) or "unknown"
    if trusted_proxy_count <= 0 or not forwarded_for:
        return peer
    entries = [entry for entry in forwarded_for.split(",") if entry.strip()]
    if not entries:
        return peer
    position = min(trusted_proxy_count, len(entries))
    return _valid_ip(entries[-position]) or peer


def client_ip(request) -> str:
    """The client's address for rate limits and logs, per `TRUSTED_PROXY_COUNT`."""
    meta = request.META
    return client_ip_from(
        remote_addr=meta.get("REMOTE_ADDR", ""),
        forwarded_for=meta.get("HTTP_X_FORWARDED_FOR", ""),
        trusted_proxy_count=settings.TRUSTED_PROXY_COUNT,
    )


def client_network(address: str) -> str:
    """The key a per-client limit counts by: an IPv4 address, or an IPv6 address's /64.

    One IPv6 host usually holds a whole /64 and could rotate through it to dodge a limit.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
