"""axe-core in a Playwright page, for the accessibility tests: run the WCAG 2.1 A and AA rules
and get the violations back in words.

axe-core is a development dependency from npm (package.json, installed by `make setup-dev`
with `npm ci`), read here from node_modules. The site never serves it: STATICFILES_DIRS names
only the folders of the packages it does serve. Locally a missing axe skips the tests that
need it, with one line saying how to install it; under CI=true it is a failure.

The site's Content-Security-Policy allows scripts from the site alone and no inline script, so
a <script> holding axe's text (page.add_script_tag) would be refused. axe is evaluated through
the DevTools protocol instead (Runtime.evaluate, which Playwright's page.evaluate uses), which
CSP does not govern. So the page is checked exactly as served, CSP included, and the browser
context needs no bypass_csp (which would also hide the CSP violations other tests look for).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.conf import settings

from freethem.core.testing.browser import in_ci

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# The success criteria of WCAG 2.0 and 2.1, levels A and AA.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((rule) => ({
    rule: rule.id,
    impact: rule.impact || "",
    help: rule.help,
    targets: rule.nodes.map((node) => node.target.join(" ")),
  }));
}"""


@dataclass(frozen=True)
class Violation:
    """One axe rule broken on one page, with the elements that break it."""

    page: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        elements = "".join(f"\n    {target}" for target in self.targets)
        return f"{self.page}: {self.rule} ({self.impact}): {self.help}{elements}"


@cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def axe_source(path: Path = AXE) -> str:
    """axe.min.js; skips the test when it is missing (fails under CI=true)."""
    if path.is_file():
        return _read(path)
    message = f"axe-core not found at {path}: run make setup-dev (npm ci installs it)"
    if in_ci():
        pytest.fail(f"{message}; CI=true, so this is a failure")
    pytest.skip(message)


def axe_violations(page: Page, label: str = "") -> list[Violation]:
    """The WCAG 2.1 A and AA violations axe finds in the page as it stands; `label` names the
    page in the report (its URL when not given)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    found = page.evaluate(RUN, WCAG_21_AA)
    where = label or page.url
    return [
        Violation(where, item["rule"], item["impact"], item["help"], tuple(item["targets"]))
        for item in found
    ]


def report(violations: list[Violation]) -> str:
    """The violations, one paragraph each, for an assertion message."""
    return f"{len(violations)} accessibility violation(s):\n" + "\n".join(map(str, violations))
