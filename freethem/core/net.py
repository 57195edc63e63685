"""The client's address, taken from a trusted reverse proxy only."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _trusted(proxies: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address: str, networks: tuple[IPNetwork, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the nearest address in X-Forwarded-For that no trusted proxy added.

    X-Forwarded-For is read right to left and only while the hop that sent it is one of
    FREETHEM_TRUSTED_PROXIES, so a client cannot choose its own address by sending the header.
    """
    networks = _trusted(tuple(settings.FREETHEM_TRUSTED_PROXIES))
    address = request.META.get("REMOTE_ADDR", "")
    if not networks or not _is_trusted(address, networks):
        return address
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        address = hop
        if not _is_trusted(hop, networks):
            break
    return address
