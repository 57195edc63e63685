"""`make audit`'s checks (audit/) against the test server with the demo data, with a few
examples per form, so that they keep working as the site changes."""

import pytest
from django.core.management import call_command

from audit.run import audit
from freethem.core.models import WORKER_HEARTBEAT
from freethem.core.services import heartbeat_beat

pytestmark = pytest.mark.django_db(transaction=True)

CHECKS = {
    "headers of pages",
    "headers of static files",
    "headers of downloads",
    "headers of errors",
    "charset of a query",
    "charset of a form post",
    "fuzz of the sign form",
    "fuzz of the new-link form",
    "fuzz of the staff sign-in",
    "fuzz of the case database's filters",
}


def test_it_passes_every_check_of_the_audit(site_url: str) -> None:
    call_command("loaddemo", verbosity=0)
    heartbeat_beat(name=WORKER_HEARTBEAT)  # the test server has no worker: /healthz would be 503
    report = audit(site_url, examples=3, local=True)
    assert report.failures == [], report.summary()
    assert {check for check, count in report.requests.items() if count} >= CHECKS
    assert report.statuses["fuzz of the sign form"].keys() - {403}  # some reached the form
