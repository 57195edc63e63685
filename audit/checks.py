"""The audit's checks of whole responses: requests in charsets the site does not read, and the
security headers of every page, static file, download and error."""

import codecs
import encodings
import pkgutil
from collections import Counter
from dataclasses import dataclass, field

from audit.crawl import Site
from freethem.core.testing.http import SECURITY_HEADERS, Reply, header_differences, send

# Every page carries these (Strict-Transport-Security only over HTTPS, so it is not required).
REQUIRED_HEADERS = tuple(name for name in SECURITY_HEADERS if name != "Strict-Transport-Security")
# Text encodings other than UTF-8, and a name no codec has: the site reads UTF-8 only.
OTHER_TEXT_CHARSETS = ("utf-16", "utf-32", "cp500", "latin-1", "utf-7", "x-no-such-charset")
FAKE_CSRF_COOKIE = "csrftoken=aUd1tAuD1taUd1tAuD1taUd1tAuD1taU"  # well-formed, matches nothing
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"  # without the boundary it needs
SHOWN_PER_CHECK = 5  # failures printed per check; the rest are counted


@dataclass(frozen=True)
class Request:
    method: str
    target: str  # path and query string, sent as is
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""

    def send(self, base: str) -> Reply:
        return send(base, self.method, self.target, headers=dict(self.headers), body=self.body)

    def __str__(self) -> str:
        parts = [f"{self.method} {self.target[:300]}"]
        parts += [f"{name}: {value[:120]}" for name, value in self.headers]
        if self.body:
            parts.append(f"body of {len(self.body)} bytes: {self.body[:300]!r}")
        return " | ".join(parts)


@dataclass(frozen=True)
class Failure:
    check: str
    request: str
    problem: str


@dataclass
class Report:
    requests: Counter = field(default_factory=Counter)  # requests sent, per check
    statuses: dict[str, Counter] = field(default_factory=dict)  # answers, per check
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def fail(self, check: str, request: Request | str, problem: str) -> None:
        self.failures.append(Failure(check, str(request), problem))

    def count(self, check: str, reply: Reply) -> None:
        self.requests[check] += 1
        self.statuses.setdefault(check, Counter())[reply.status] += 1

    def judge(
        self, check: str, request: Request, reply: Reply, home: Reply, expect: set[int] | None
    ) -> None:
        """Count the request; a failure if the reply is a 5xx, has another status than
        expected, or security headers other than the home page's."""
        self.count(check, reply)
        problem = problem_with(reply, home, expect)
        if problem:
            self.fail(check, request, problem)

    def summary(self) -> str:
        lines = [*self.notes, ""]
        failed = Counter(failure.check for failure in self.failures)
        for check, count in self.requests.items():
            verdict = f"{failed[check]} FAILED" if failed[check] else "ok"
            statuses = sorted(self.statuses[check].items())
            answers = ", ".join(f"{count}×{status}" for status, count in statuses)
            lines.append(f"  {check}: {count} requests ({answers}), {verdict}")
        for check in failed.keys() - self.requests.keys():
            lines.append(f"  {check}: FAILED")
        for check, count in failed.items():
            shown = [failure for failure in self.failures if failure.check == check]
            lines.append(f"\nFAILED {check} ({count}):")
            for failure in shown[:SHOWN_PER_CHECK]:
                lines.append(f"  - {failure.problem}\n    request: {failure.request}")
            if count > SHOWN_PER_CHECK:
                lines.append(f"  ... and {count - SHOWN_PER_CHECK} more")
        total = sum(self.requests.values())
        lines.append(f"\n{total} requests, {len(self.failures)} failures")
        return "\n".join(lines)


def problem_with(reply: Reply, home: Reply, expect: set[int] | None) -> str:
    """What is wrong with a reply ("" when nothing): a 5xx, an unexpected status, headers."""
    problems = []
    if reply.status >= 500 or (expect and reply.status not in expect):
        wanted = f" (expected {' or '.join(map(str, sorted(expect)))})" if expect else ""
        problems.append(f"status {reply.status}{wanted}")
    problems += header_differences(reply, home)
    return "; ".join(problems)


def non_text_codecs() -> list[str]:
    """Every codec in Python's registry that is no text encoding (base64_codec, rot_13, ...),
    and "undefined", which refuses everything."""
    found = ["undefined"]
    for module in pkgutil.iter_modules(encodings.__path__):
        try:
            codecs.lookup(module.name)
            b"q=x".decode(module.name)
        except LookupError as error:
            if "not a text encoding" in str(error):
                found.append(module.name)
        except (UnicodeError, ValueError, TypeError):
            pass
    return sorted(found)


def check_home(site: Site, report: Report) -> None:
    missing = [name for name in REQUIRED_HEADERS if name not in site.home.headers]
    report.count("security headers of the home page", site.home)
    if site.home.status != 200 or missing:
        problem = f"status {site.home.status}, missing {', '.join(missing) or 'nothing'}"
        report.fail("security headers of the home page", Request("GET", "/"), problem)


def check_charsets(site: Site, report: Report) -> None:
    """(a) On every page: a query string under each non-text codec and other text charsets,
    and a form post with a CSRF cookie in other charsets: each a 400 with the headers."""
    query_charsets = [*non_text_codecs(), *OTHER_TEXT_CHARSETS]
    post_charsets = [*OTHER_TEXT_CHARSETS, "rot_13", "base64_codec"]
    for path in site.pages:
        for charset in query_charsets:
            headers = (("Content-Type", f"text/plain; charset={charset}"),)
            request = Request("GET", f"{path}?q=Sotoodeh&page=2", headers)
            report.judge("charset of a query", request, request.send(site.base), site.home, {400})
        for charset in post_charsets:
            headers = (("Content-Type", f"{FORM}; charset={charset}"), ("Cookie", FAKE_CSRF_COOKIE))
            body = b"name=%C3%A9&q=\xe9t\xe9\xff\xfe&csrfmiddlewaretoken=x"
            request = Request("POST", path, headers, body)
            report.judge(
                "charset of a form post", request, request.send(site.base), site.home, {400}
            )


def check_headers(site: Site, report: Report, *, local: bool) -> None:
    """(b) The headers of every page (both languages), static file, download and /healthz,
    and of error responses."""
    check_home(site, report)
    for check, paths in [
        ("headers of pages", site.pages),
        ("headers of static files", site.static),
        ("headers of downloads", site.downloads),
        ("headers of /healthz", ["/healthz"]),
    ]:
        for path in paths:
            request = Request("GET", path)
            report.judge(check, request, request.send(site.base), site.home, {200})
    for request, status in error_requests(local=local):
        report.judge("headers of errors", request, request.send(site.base), site.home, {status})


def error_requests(*, local: bool) -> list[tuple[Request, int]]:
    """Requests the site refuses, with the status it should refuse them with."""
    cookie = ("Cookie", FAKE_CSRF_COOKIE)
    too_many_fields = "&".join(f"f{number}=1" for number in range(1001)).encode()
    requests = [
        (Request("GET", "/audit/no-such-page/"), 404),
        (Request("GET", "/fa/audit/no-such-page/"), 404),
        (Request("GET", "/static/audit/no-such-file.css"), 404),
        (Request("OPTIONS", "/"), 405),
        (Request("OPTIONS", "/fa/prisoners/"), 405),
        (Request("POST", "/staff/login/", (("Content-Type", FORM),), b"username=a"), 403),
        (Request("POST", "/staff/login/", (("Content-Type", MULTIPART), cookie), b"x"), 400),
        (Request("POST", "/staff/login/", (("Content-Type", FORM), cookie), too_many_fields), 400),
    ]
    if local:
        # Behind a reverse proxy, the proxy may answer a foreign Host itself.
        requests.append((Request("GET", "/", (("Host", "audit.invalid"),)), 400))
    return requests
