"""Where a request came from: the one place that reads the client's address (login log, lockout, rate limits).

Behind nginx every connection comes from nginx itself, so the connection's address says nothing about the person.
The proxy writes the address it saw into X-Forwarded-For (or X-Real-IP), but so can anyone: the header is believed
only when the connection comes from a proxy named in TRUSTED_PROXIES (by default the loopback addresses, where
nginx on the same machine connects from; README: Production). X-Forwarded-For is then read from the right, hop by
hop, through the proxies we trust, and the first address that is not one of them is the client: whatever a client
wrote to the left of it is its own claim and never read.
"""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's IP address, or None when the request carries none (test logins, management commands)."""
    if request is None:
        return None
    client = _address(request.META.get("REMOTE_ADDR"))
    if client is None or not _trusted(client):
        return str(client) if client else None
    for hop in reversed(_forwarded_hops(request)):
        address = _address(hop)
        if address is None:
            # A proxy we trust wrote something that is no address: stop at the last address we know.
            break
        client = address
        if not _trusted(address):
            break
    return str(client)


def _forwarded_hops(request: HttpRequest) -> list[str]:
    forwarded_for = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    if not hops and request.META.get("HTTP_X_REAL_IP"):
        hops = [request.META["HTTP_X_REAL_IP"].strip()]
    return hops


def _address(text: str | None) -> Address | None:
    try:
        address = ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None
    # A server listening on IPv6 sees an IPv4 client as ::ffff:a.b.c.d; it is the same client as a.b.c.d.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: Address) -> bool:
    return any(address in network for network in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


@functools.lru_cache(maxsize=4)
def _trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an IP address or network (README: Settings)."
            ) from error
    return tuple(networks)
