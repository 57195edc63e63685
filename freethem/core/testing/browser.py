"""Playwright fixtures for tests marked @pytest.mark.browser (registered by the root conftest).

They drive Debian's Chromium (FREETHEM_CHROMIUM overrides the path), never a browser that
Playwright downloads. Every request a page makes is recorded, and any request for another host
is aborted and listed in `traffic.outside`, so a test can assert that nothing left the machine.

One Chromium serves the whole run; it is closed right after the last test that needs it, so
the DJANGO_ALLOW_ASYNC_UNSAFE it requires (see Chromium.start) does not outlive the browser tests.

When Chromium or Playwright is missing, browser tests are skipped with one summary line, except
under CI=true, where the run stops with an error instead.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, Route

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
DEFAULT_VIEWPORT = {"width": 1280, "height": 800}
CHROMIUM_ARGS = [
    "--no-sandbox",  # Chromium's sandbox refuses to run as root, as in containers and CI.
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces beside the per-page routing: the browser cannot even resolve other hosts.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
]


def chromium_path() -> Path:
    return Path(os.environ.get("FREETHEM_CHROMIUM") or "/usr/bin/chromium")


def missing_browser() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed: pip install -r requirements-dev.txt"
    path = chromium_path()
    if not (path.is_file() and os.access(path, os.X_OK)):
        return f"Chromium not found at {path}: apt-get install chromium (or set FREETHEM_CHROMIUM)"
    return None


_missing_key = pytest.StashKey[str]()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def needs_browser(item: pytest.Item) -> bool:
    return item.get_closest_marker("browser") is not None or "browser" in item.fixturenames


@pytest.hookimpl(trylast=True)  # after -m/-k deselection, so only selected tests count
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = missing_browser()
    if reason is None or not any(needs_browser(item) for item in items):
        return
    if in_ci():
        raise pytest.UsageError(f"CI=true but browser tests cannot run. {reason}")
    config.stash[_missing_key] = reason


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Skipping here (rather than adding a skip marker per test) makes pytest -ra fold all the
    # skipped browser tests into one line, since they share this location and reason.
    reason = item.config.stash.get(_missing_key, None)
    if reason is not None and needs_browser(item):
        pytest.skip(reason)


class Chromium:
    """One Chromium for the whole run: launched by the first test that needs it, closed after
    the last one (not at the end of the session; see start())."""

    def __init__(self) -> None:
        self.browser: Browser | None = None
        self._stop: Callable[[], None] | None = None
        self._last_user: pytest.Item | None = None

    def start(self) -> Browser:
        if self.browser is not None:
            return self.browser
        from playwright.sync_api import sync_playwright

        # Playwright's sync API keeps an asyncio event loop running in the main thread from
        # start() until stop(), so Django believes it is in async code and raises
        # SynchronousOnlyOperation for any database access in the test thread (flushing the
        # test database, creating objects in a test). Nothing runs concurrently here, so allow
        # it while Playwright runs, and only then: stop() removes the variable again, so the
        # tests after the browser tests keep Django's protection, and subprocesses they start
        # (manage.py check --deploy rejects the variable) never inherit it. Tests only.
        patch = pytest.MonkeyPatch()
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        playwright = sync_playwright().start()

        def stop() -> None:
            try:
                playwright.stop()
            finally:
                patch.undo()

        try:
            self.browser = playwright.chromium.launch(
                executable_path=str(chromium_path()), headless=True, args=CHROMIUM_ARGS
            )
        except BaseException:
            stop()
            raise
        self._stop = stop
        return self.browser

    def stop(self) -> None:
        browser, stop, self.browser, self._stop = self.browser, self._stop, None, None
        try:
            if browser is not None:
                browser.close()
        finally:
            if stop is not None:
                stop()

    def stop_after(self, item: pytest.Item) -> None:
        """Stop once `item` is the last test in the run that needs the browser."""
        if self.browser is None:
            return
        if self._last_user is None:
            users = [test for test in item.session.items if needs_browser(test)]
            self._last_user = users[-1] if users else item
        if item is self._last_user:
            self.stop()


_chromium_key = pytest.StashKey[Chromium]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_chromium_key] = Chromium()


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    try:
        return (yield)  # the fixtures' teardown, including the test database's flush
    finally:
        item.config.stash[_chromium_key].stop_after(item)


def pytest_sessionfinish(session: pytest.Session) -> None:
    session.config.stash[_chromium_key].stop()  # after -x, Ctrl-C or an error


@pytest.fixture
def browser(pytestconfig: pytest.Config) -> Browser:
    """The run's Chromium (launched on first use, shared by every test)."""
    return pytestconfig.stash[_chromium_key].start()


@dataclass
class Traffic:
    """What the pages of one test did on the network and in the console."""

    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # aborted: another host
    failed_responses: list[str] = field(default_factory=list)  # status 400 or more
    console_errors: list[str] = field(default_factory=list)  # includes CSP violations
    page_errors: list[str] = field(default_factory=list)  # uncaught script exceptions

    def problems(self) -> dict[str, list[str]]:
        """Everything that should not have happened; {} when all is well."""
        found = {
            "outside requests": self.outside,
            "failed responses": self.failed_responses,
            "console errors": self.console_errors,
            "page errors": self.page_errors,
        }
        return {name: list(entries) for name, entries in found.items() if entries}

    def clear(self) -> None:
        for entries in (
            self.requests,
            self.outside,
            self.failed_responses,
            self.console_errors,
            self.page_errors,
        ):
            entries.clear()


@pytest.fixture
def traffic() -> Traffic:
    """The network and console record of every page opened in this test."""
    return Traffic()


@pytest.fixture
def viewport() -> dict[str, int]:
    """The page's viewport; override with @pytest.mark.parametrize("viewport", [{...}])."""
    return dict(DEFAULT_VIEWPORT)


@pytest.fixture
def new_page(browser: Browser, traffic: Traffic) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh context: new_page(viewport={...}, java_script_enabled=False).

    Keyword arguments go to browser.new_context(). Every page reports to `traffic`.
    """
    contexts = []

    def guard(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            traffic.outside.append(route.request.url)
            route.abort("blockedbyclient")

    def on_request(request: Request) -> None:
        traffic.requests.append(request.url)

    def on_response(response: Response) -> None:
        if response.status >= 400:
            traffic.failed_responses.append(f"{response.status} {response.url}")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            traffic.console_errors.append(f"{message.text} ({where})" if where else message.text)

    def open_page(**context_args: Any) -> Page:
        context_args.setdefault("viewport", dict(DEFAULT_VIEWPORT))
        context = browser.new_context(**context_args)
        contexts.append(context)
        context.route("**/*", guard)  # before any page exists, so the first request is guarded
        context.on("request", on_request)
        context.on("response", on_response)
        context.on("console", on_console)
        context.on("weberror", lambda error: traffic.page_errors.append(str(error.error)))
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page], viewport: dict[str, int]) -> Page:
    """A page in a new browser context, with the `viewport` fixture's size (1280x800)."""
    return new_page(viewport=viewport)
