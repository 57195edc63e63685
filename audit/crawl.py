"""What a running site shows the public, found from the site itself: its pages in both
languages (following same-host links from / and /fa/), the static files and downloads they
link, and their forms with their fields."""

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from freethem.core.testing.http import Reply, send

START = ("/", "/fa/")
# Staff pages are not public; their sign-in form is, and it is fuzzed like the others.
EXTRA_PAGES = ("/staff/login/", "/fa/staff/login/")
MAX_PAGES = 400  # a real case database has thousands of profiles: a sample is enough
DOWNLOADS = (".csv", ".json")


@dataclass
class Form:
    page: str  # the path it was found on
    action: str  # the path it is sent to
    method: str  # "get" or "post"
    # Field names with the values the page offers (options, checkboxes, hidden values); an
    # empty list for free text.
    fields: dict[str, list[str]] = field(default_factory=dict)
    # The CSRF cookie the page came with: its form's token is valid with that cookie only.
    csrf_cookie: str | None = None

    @property
    def csrf_token(self) -> str | None:
        return (self.fields.get("csrfmiddlewaretoken") or [None])[0]


@dataclass
class Site:
    base: str
    home: Reply  # GET /: the headers every other response must match
    pages: list[str] = field(default_factory=list)
    static: list[str] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    # Links that gave no HTML page while crawling, with their status (redirects are followed).
    broken: list[tuple[str, int]] = field(default_factory=list)

    def form(self, action_ends: str, page: str | None = None) -> Form | None:
        """The first form whose action ends so (found on page, if given)."""
        for form in self.forms:
            if form.action.endswith(action_ends) and page in (None, form.page):
                return form
        return None


class _PageParser(HTMLParser):
    """Links, static resources and forms of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.resources: list[str] = []
        self.forms: list[tuple[str, str, dict[str, list[str]]]] = []
        self._form: dict[str, list[str]] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag != "a":  # stylesheets, scripts, images, the ALTCHA widget's worker
            self.resources += [a[name] for name in ("href", "src", "data-worker") if a.get(name)]
        if tag == "form":
            self._form = {}
            self.forms.append((a.get("action", ""), a.get("method", "get").lower(), self._form))
        elif self._form is not None and tag == "option" and self._select is not None:
            self._form[self._select].append(a.get("value", ""))
        elif self._form is not None and a.get("name"):
            values = self._form.setdefault(a["name"], [])
            if tag == "select":
                self._select = a["name"]
            elif tag == "input" and a.get("type") in {"checkbox", "radio", "hidden", "submit"}:
                values.append(a.get("value", "on"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _same_site(base: str, page_url: str, href: str) -> str | None:
    """The path (without query or fragment) href points to on this site, or None."""
    target = urlsplit(urljoin(page_url, href))
    home = urlsplit(base)
    if target.scheme not in {"http", "https"} or target.netloc != home.netloc:
        return None
    return target.path or "/"


def _is_page(path: str) -> bool:
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return not path.startswith(("/static/", "/media/")) and "." not in last


def discover(base: str, *, max_pages: int = MAX_PAGES) -> Site:
    """Crawl the site from / and /fa/ (same host, no staff pages but the sign-in)."""
    base = base.rstrip("/")
    site = Site(base=base, home=send(base, "GET", "/"))
    queue, seen = deque([*START, *EXTRA_PAGES]), set()
    while queue and len(site.pages) < max_pages:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        reply = send(base, "GET", path)
        location = _same_site(base, base + path, reply.headers.get("Location", ""))
        if reply.status in {301, 302, 303, 307, 308} and location:
            queue.append(location)
            continue
        if reply.status != 200 or "html" not in reply.headers.get("Content-Type", ""):
            site.broken.append((path, reply.status))
            continue
        site.pages.append(path)
        parser = _parse(reply)
        for href in parser.links:
            target = _same_site(base, base + path, href)
            if target is None or target.startswith(("/staff/", "/fa/staff/")):
                continue
            if _is_page(target):
                queue.append(target)
            elif target.endswith(DOWNLOADS) and target not in site.downloads:
                site.downloads.append(target)
        for href in parser.resources:
            target = _same_site(base, base + path, href)
            if target and target.startswith("/static/") and target not in site.static:
                site.static.append(target)
        site.forms += _forms(base, path, reply, parser)
    return site


def forms_on(base: str, path: str) -> list[Form]:
    """The forms of one page (for pages no link leads to, such as "check your email")."""
    reply = send(base, "GET", path)
    return _forms(base, path, reply, _parse(reply)) if reply.status == 200 else []


def _parse(reply: Reply) -> _PageParser:
    parser = _PageParser()
    parser.feed(reply.body.decode("utf-8", "replace"))
    return parser


def _forms(base: str, path: str, reply: Reply, parser: _PageParser) -> list[Form]:
    cookie = reply.cookie("csrftoken")
    return [
        Form(path, _same_site(base, base + path, action or path) or path, method, fields, cookie)
        for action, method, fields in parser.forms
    ]
