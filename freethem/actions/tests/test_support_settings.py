"""The payment processor's settings: its page's address checked at start-up, and the address
and the webhook's secret set together or not at all."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from freethem.core.tests.test_settings import PROBE, run
from freethem.settings import payment_page


def test_it_takes_a_processor_page_and_refuses_what_cannot_be_one() -> None:
    link = "https://buy.stripe.com/test_14k8yE?locale=auto"
    assert payment_page(link, production=True) == link
    assert payment_page("http://127.0.0.1:9000/pay", production=False)
    for bad, production in (
        ("buy.stripe.com/x", False),
        ("https://user@buy.stripe.com/x", False),
        ("https://buy.stripe.com/x#pay", False),
        ("http://buy.stripe.com/x", True),
        ("javascript:alert(1)", False),
    ):
        with pytest.raises(ImproperlyConfigured, match="FREETHEM_PAYMENT_URL"):
            payment_page(bad, production=production)


def test_it_refuses_to_start_with_the_page_but_not_the_secret(tmp_path: Path) -> None:
    result = run(PROBE, tmp_path, FREETHEM_PAYMENT_URL="https://buy.stripe.com/test_x")
    assert result.returncode != 0
    assert "FREETHEM_PAYMENT_URL and FREETHEM_PAYMENT_WEBHOOK_SECRET go together" in result.stderr
