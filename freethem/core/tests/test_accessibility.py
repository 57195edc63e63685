"""Every public page passes axe-core's WCAG 2.1 A and AA rules, in both languages, on a phone
(360 px) and a desktop (1280 px).

The pages are public_paths() and, found by following their links, one page of every kind that
takes an argument (a prisoner's profile, an appeal, its advertisement, ...), so pages added
later are checked without anyone listing them. Each form that posts is also sent empty once
per language, and the page with its errors checked. The site holds the demo data, so lists,
profiles and the appeal show real content.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from freethem.appeals import demo as appeal_demo
from freethem.core.testing.axe import Violation, axe_source, axe_violations, report
from freethem.core.testing.pages import is_download, public_paths
from freethem.urls import STAFF_PREFIX

if TYPE_CHECKING:
    from playwright.sync_api import Page


WIDTHS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
FONTS_READY = "document.fonts.ready.then(() => true)"
LINKS = "(links) => links.map((link) => link.getAttribute('href'))"
# Send the first form on the page that posts, empty, past any script that handles submit.
SEND_EMPTY = """() => {
  const form = document.querySelector("form[method=post]");
  form.querySelectorAll("input:not([type=hidden]), textarea").forEach((field) => {
    if (field.type === "checkbox" || field.type === "radio") field.checked = false;
    else field.value = "";
  });
  form.submit();
}"""


def kind(path: str) -> tuple[str, str] | None:
    """(language prefix, view name) of a page of this site that takes an argument, else None."""
    path = urlsplit(path).path
    if not path.startswith("/") or path.startswith(f"/{STAFF_PREFIX}") or is_download(path):
        return None
    language = "fa" if path.startswith("/fa/") else "en"
    try:
        with translation.override(language):  # resolve() knows the active language's prefix
            match = resolve(path)
    except Resolver404:
        return None
    if not (match.args or match.kwargs):
        return None
    return (language, match.view_name)


class Visit:
    """One browser page walking the site, checking each page it opens."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base = page, base
        self.violations: list[Violation] = []
        self.seen = 0
        self.sent: set[tuple[str, str]] = set()  # (language, action) of the forms sent empty

    def check(self, label: str) -> None:
        self.page.evaluate(FONTS_READY)  # contrast is measured on the text as drawn
        self.violations += axe_violations(self.page, label)
        self.seen += 1

    def open(self, path: str) -> list[str]:
        """Check the page at path (and its form sent empty) and return the links it has."""
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, path
        self.check(path)
        links = self.page.eval_on_selector_all("a[href]", LINKS)
        form = self.page.locator("form[method=post]").first
        if form.count():
            sent = ("fa" if path.startswith("/fa/") else "en", form.get_attribute("action") or path)
            if sent not in self.sent:
                self.sent.add(sent)
                with self.page.expect_navigation():
                    self.page.evaluate(SEND_EMPTY)
                self.check(f"{path} sent empty to {sent[1]}")
        return links


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_public_page_passes_axe(
    new_page: Callable[..., Page], site_url: str, width: str
) -> None:
    axe_source()  # skip (or fail under CI) before any work when axe-core is missing
    call_command("loaddemo", stdout=io.StringIO())
    visit = Visit(new_page(viewport=WIDTHS[width]), site_url)
    started = time.monotonic()

    # The demo appeal's own page, which the featured appeal's address (/appeal/) shows too.
    kinds = {(code, "appeals:detail"): path for code, path in appeal_pages()}
    for path in public_paths():
        for link in visit.open(path):
            if (found := kind(link)) and found not in kinds:
                kinds[found] = urlsplit(link).path
    assert {view for _language, view in kinds} >= {"prisoners:detail", "appeals:detail"}
    for path in kinds.values():
        visit.open(path)
    assert visit.sent, "no public form was sent empty"

    elapsed = time.monotonic() - started
    print(f"\naxe: {visit.seen} page views at {width} width in {elapsed:.1f}s (run with -s)")
    assert not visit.violations, report(visit.violations)


def appeal_pages() -> list[tuple[str, str]]:
    found = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.append((code, reverse("appeals:detail", args=[appeal_demo.SLUG])))
    return found


@pytest.mark.browser
def test_axe_reports_each_violation_with_its_rule_impact_and_elements(
    new_page: Callable[..., Page],
) -> None:
    axe_source()
    page = new_page()
    page.set_content('<html><body><main><img id="photo" src="data:,"></main></body></html>')
    found = {violation.rule: violation for violation in axe_violations(page, "a broken page")}
    assert {"html-has-lang", "image-alt"} <= found.keys()
    assert str(found["image-alt"]).startswith("a broken page: image-alt (critical): ")
    assert str(found["image-alt"]).endswith("\n    #photo")
    assert report(list(found.values())).startswith(f"{len(found)} accessibility violation(s):")


def test_a_missing_axe_skips_locally_and_fails_under_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "node_modules" / "axe-core" / "axe.min.js"
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"axe-core not found at .*make setup-dev"):
        axe_source(missing)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true, so this is a failure"):
        axe_source(missing)


def test_the_site_never_serves_axe() -> None:
    """Static files come only from the folders STATICFILES_DIRS names, none of them axe's."""
    assert finders.find("axe-core/axe.min.js") is None
    served = [path for finder in finders.get_finders() for path, _storage in finder.list([])]
    assert not [path for path in served if "axe" in path.lower()]
