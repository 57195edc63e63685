"""Raw HTTP requests to a running site, for tests and `make audit`.

A request goes out exactly as written (odd charsets, a foreign Host, broken bodies), and every
answer comes back as a Reply, whatever its status. Standard library only: the audit also runs
against a remote site, without Django.
"""

import http.client
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

# The headers every response of the site carries, with the same value as on a page.
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "X-Frame-Options",
    "Strict-Transport-Security",  # only over HTTPS in production; then on every response too
)


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Message  # names are case-insensitive
    body: bytes

    def cookie(self, name: str) -> str | None:
        """The value of a cookie the response sets, or None."""
        for header in self.headers.get_all("Set-Cookie") or []:
            key, _, rest = header.partition("=")
            if key.strip() == name:
                return rest.split(";", 1)[0]
        return None


def send(
    base_url: str,
    method: str,
    target: str,
    *,
    headers: Mapping[str, str] | None = None,
    body: bytes = b"",
    timeout: float = 30,
) -> Reply:
    """One request on a new connection; target is the path and query string, sent as is."""
    parts = urlsplit(base_url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, target, body=body or None, headers=dict(headers or {}))
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def security_headers(reply: Reply) -> dict[str, str]:
    """The security headers a response carries, by name."""
    return {name: reply.headers[name] for name in SECURITY_HEADERS if name in reply.headers}


# What one page may add to the site's Content-Security-Policy, for itself alone: the players
# of an update's videos (frame-src, loaded only when the visitor asks) and the payment
# processor a drive's give form redirects to (form-action). Only https origins; every other
# directive must be the site's own.
CSP_PAGE_WIDENINGS = ("frame-src", "form-action")


def _csp(policy: str) -> dict[str, list[str]]:
    directives = (part.split() for part in policy.split(";") if part.strip())
    return {words[0].lower(): words[1:] for words in directives}


def csp_widened_only(found: str, expected: str) -> bool:
    """Whether policy `found` is `expected` with at most https origins added to the
    directives a page may widen (CSP_PAGE_WIDENINGS)."""
    have, want = _csp(found), _csp(expected)
    for name in have.keys() | want.keys():
        added = [source for source in have.get(name, []) if source not in want.get(name, [])]
        if name not in have or any(source not in have[name] for source in want.get(name, [])):
            return False  # a directive or a source of the site's own policy is missing
        if added and not (
            name in CSP_PAGE_WIDENINGS
            and all(urlsplit(source).scheme == "https" and "*" not in source for source in added)
        ):
            return False
    return True


def header_differences(reply: Reply, page: Reply) -> list[str]:
    """How reply's security headers differ from those of page (a normal page): [] when alike,
    or when the only difference is a policy the page may widen for itself (csp_widened_only)."""
    expected, found = security_headers(page), security_headers(reply)
    return [
        f"{name} missing"
        if name not in found
        else f"{name}: {found[name]!r} instead of {expected.get(name, '(none)')!r}"
        for name in SECURITY_HEADERS
        if found.get(name) != expected.get(name)
        and not (
            name == "Content-Security-Policy"
            and name in found
            and name in expected
            and csp_widened_only(found[name], expected[name])
        )
    ]
