"""The header check of tests and `make audit` (freethem.core.testing.http): a page may add https
origins to its own frame-src (an update's video players) and form-action (a drive's payment
processor), and nothing else; any other difference from the site's policy is reported."""

import pytest

from freethem.core.testing.http import csp_widened_only

SITE = "default-src 'none'; script-src 'self'; form-action 'self'; frame-ancestors 'none'"


@pytest.mark.parametrize(
    "policy",
    [
        SITE,
        SITE + "; frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
        SITE.replace("form-action 'self'", "form-action 'self' https://buy.stripe.com"),
    ],
)
def test_it_accepts_the_sites_policy_and_what_a_page_may_add(policy: str) -> None:
    assert csp_widened_only(policy, SITE)


@pytest.mark.parametrize(
    "policy",
    [
        SITE.replace("script-src 'self'", "script-src 'self' https://cdn.example.org"),
        SITE + "; frame-src http://player.example.org",
        SITE + "; frame-src *",
        SITE + "; frame-src https://*.example.org",
        SITE + "; img-src https://tracker.example.org",
        SITE.replace("form-action 'self'", "form-action https://buy.stripe.com"),
        SITE.replace("; frame-ancestors 'none'", ""),
    ],
)
def test_it_reports_any_other_difference(policy: str) -> None:
    assert not csp_widened_only(policy, SITE)
