"""Where webhooks may not go (CONTRACT §11): addresses inside the network the server runs
in, which a webhook URL could otherwise use to reach internal services (SSRF).

IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) are judged as the IPv4 address they carry.
WEBHOOK_ALLOW_PRIVATE=true lifts the rule (tests, or a receiver on the same LAN).
"""

from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network

REFUSED_NETWORKS = [
    (ip_network("0.0.0.0/8"), "a 'this network' address (0.0.0.0/8)"),
    (ip_network("10.0.0.0/8"), "a private address (10.0.0.0/8)"),
    (ip_network("100.64.0.0/10"), "a shared address (100.64.0.0/10)"),
    (ip_network("127.0.0.0/8"), "a loopback address"),
    (ip_network("169.254.0.0/16"), "a link-local address (169.254.0.0/16)"),
    (ip_network("172.16.0.0/12"), "a private address (172.16.0.0/12)"),
    (ip_network("192.168.0.0/16"), "a private address (192.168.0.0/16)"),
    (ip_network("::/128"), "the unspecified address (::)"),
    (ip_network("::1/128"), "a loopback address"),
    (ip_network("fc00::/7"), "a unique local address (fc00::/7)"),
    (ip_network("fe80::/10"), "a link-local address (fe80::/10)"),
]


def refusal(address: str) -> str | None:
    """Why a connection to `address` (an IP address) is refused, or None if it may go."""
    ip: IPv4Address | IPv6Address = ip_address(address.partition("%")[0])  # no zone id
    if isinstance(ip, IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for network, reason in REFUSED_NETWORKS:
        if ip.version == network.version and ip in network:
            return reason
    return None
