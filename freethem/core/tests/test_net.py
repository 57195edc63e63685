import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.test import RequestFactory, override_settings

from freethem.core.net import client_ip


def request(remote: str, forwarded: str = "") -> WSGIRequest:
    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers)


def test_it_ignores_forwarded_for_without_a_trusted_proxy() -> None:
    assert client_ip(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@override_settings(FREETHEM_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("127.0.0.1", "198.51.100.7", "198.51.100.7"),
        # A client that sends its own header cannot choose its address: the proxy appends.
        ("127.0.0.1", "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        ("127.0.0.1", "198.51.100.7, 10.1.2.3", "198.51.100.7"),
        ("203.0.113.9", "198.51.100.7", "203.0.113.9"),  # not from a trusted proxy
        ("127.0.0.1", "", "127.0.0.1"),
    ],
)
def test_it_reads_forwarded_for_only_from_trusted_proxies(
    remote: str, forwarded: str, expected: str
) -> None:
    assert client_ip(request(remote, forwarded)) == expected
