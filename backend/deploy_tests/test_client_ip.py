import pytest

from core.client_ip import client_ip_from


@pytest.mark.parametrize(
    ("forwarded_for", "trusted", "expected"),
    [
        # No proxy trusted: the header is the client's to forge, so it is ignored.
        ("203.0.113.7", 0, "10.0.0.2"),
        # One proxy (nginx) appends the address it saw: the last entry.
        ("203.0.113.7", 1, "203.0.113.7"),
        ("198.51.100.1, 203.0.113.7", 1, "203.0.113.7"),
        # Two proxies (a load balancer, then nginx): second from the right.
        ("198.51.100.1, 203.0.113.7, 192.0.2.10", 2, "203.0.113.7"),
        # Fewer entries than proxies: every entry came from a trusted proxy.
        ("203.0.113.7", 3, "203.0.113.7"),
        # IPv6 is normalised; whitespace and empty entries are tolerated.
        (" 2001:DB8::1 ,", 1, "2001:db8::1"),
        # Garbage where the proxy's entry should be: fall back to the peer.
        ("198.51.100.1, not-an-ip", 1, "10.0.0.2"),
        ("", 1, "10.0.0.2"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(forwarded_for, trusted, expected):
    assert (
        client_ip_from(
            remote_addr="10.0.0.2", forwarded_for=forwarded_for, trusted_proxy_count=trusted
        )
        == expected
    )


def test_client_ip_never_reads_past_the_trusted_entries():
    # given a client that prepends a forged address before nginx appends the real one
    forged = "1.2.3.4, 203.0.113.7"

    # then only the entry nginx wrote counts
    assert client_ip_from(remote_addr="10.0.0.2", forwarded_for=forged, trusted_proxy_count=1) == (
        "203.0.113.7"
    )
