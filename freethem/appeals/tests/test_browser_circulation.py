"""Circulation and embeds in a real browser: a friend signs through a signer's share link (in
English and in Persian, the mail through a real SMTP server) and the sharer's page counts
them; another site (another port: another origin) frames the counter page and shows the
badge, and cannot frame any other page. Screenshots of each, at 360 and 1280 px, go to
$TMPDIR/circ-shots/."""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.core.management import call_command
from django.test import override_settings

from freethem.appeals import services
from freethem.appeals.models import Attribution, Signature
from freethem.appeals.tests.factories import (
    make_appeal,
    passes_defences,  # noqa: F401 - a fixture
)
from freethem.appeals.tests.test_admin_support import make_signature
from freethem.core.testing.axe import axe_violations, report
from freethem.core.testing.smtp import SMTPServer
from freethem.core.testing.smtp import smtp_server as smtp_server  # the fixture
from freethem.core.tests.factories import PASSWORD, current_code, staff_user

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("passes_defences"),
]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
COPIED = {"": "Copied", "/fa": "رونوشت شد"}
SHOTS = Path(tempfile.gettempdir()) / "circ-shots"
BROUGHT = {
    "": "Your link has brought 1 person so far.",
    "/fa": "پیوند شما تاکنون ۱ نفر را آورده است.",
}


def shot(page: Page, name: str, *, full_page: bool = True) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=full_page)


@pytest.fixture
def smtp(smtp_server: SMTPServer) -> Iterator[SMTPServer]:
    smtp_server.start()
    with override_settings(**smtp_server.email_settings()):
        yield smtp_server


def confirm_path(message: EmailMessage) -> str:
    plain = next(
        part.get_content() for part in message.walk() if part.get_content_type() == "text/plain"
    )
    url = next(u for u in re.findall(r"https?://\S+", plain) if "/confirm/" in u)
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.mark.slow
@pytest.mark.parametrize(("prefix", "name"), [("", "Grace Hopper"), ("/fa", "لیلا احمدی")])
def test_it_signs_through_a_share_link_and_the_sharer_sees_it(
    new_page: Callable[..., Page],
    live_server: LiveServer,
    traffic: Traffic,
    smtp: SMTPServer,
    prefix: str,
    name: str,
) -> None:
    appeal = make_appeal()
    sharer = make_signature(appeal, email="ada@example.org", name="Ada Lovelace")
    sharer_page = f"{live_server.url}{prefix}/appeals/{appeal.slug}/you/"
    sharer_page += f"{services.personal_token(sharer)}/"
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(sharer_page)
    share_url = page.locator("#share-url").input_value()
    assert re.fullmatch(rf".*{prefix}/appeals/{appeal.slug}/\?via=[a-z2-9]{{10}}", share_url)

    # A friend follows the link (on this test server's address) and signs.
    path = share_url.split("://", 1)[1].split("/", 1)[1]
    friend = new_page(viewport=PHONE, java_script_enabled=False)
    friend.goto(f"{live_server.url}/{path}")
    friend.fill("#id_name", name)
    friend.fill("#id_email", "friend@example.org")
    friend.select_option("#id_country", "IR")
    friend.locator("form.sign-form button[type=submit]").click()
    friend.wait_for_url(f"**{prefix}/appeals/{appeal.slug}/sent/")
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    friend.goto(live_server.url + confirm_path(smtp.messages[-1]))
    friend.locator("form.confirm button").click()
    friend.wait_for_url(f"**{prefix}/appeals/{appeal.slug}/you/**")

    signature = Signature.objects.get(public_name=name)
    assert Attribution.objects.get(signature=signature).share.signature == sharer
    # The friend's own page has a link of their own, with the services' plain links.
    assert friend.locator("#share-url").input_value() != share_url
    assert friend.locator(".share-links a").count() == 5
    page.reload()
    assert page.locator(".share-count").inner_text() == BROUGHT[prefix]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    language = prefix.strip("/") or "en"
    shot(page, f"personal-{language}-360")
    page.set_viewport_size(DESKTOP)
    shot(page, f"personal-{language}-1280")
    assert traffic.problems() == {}


@pytest.mark.parametrize("prefix", ["", "/fa"])
def test_it_copies_the_share_link_with_a_button_when_scripts_run(
    new_page: Callable[..., Page], live_server: LiveServer, traffic: Traffic, prefix: str
) -> None:
    appeal = make_appeal()
    sharer = make_signature(appeal, email="ada@example.org")
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(
        f"{live_server.url}{prefix}/appeals/{appeal.slug}/you/{services.personal_token(sharer)}/"
    )
    page.locator(".share-copy-button").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#share-url").input_value()
    assert page.locator(".share-copy-button").inner_text() == COPIED[prefix]
    violations = axe_violations(page)
    assert not violations, report(violations)
    assert traffic.problems() == {}


class PartnerSite:
    """Another site (another origin: another port on the loopback) whose one page frames
    the given addresses and shows the badge."""

    def __init__(self, html: str) -> None:
        body = html.encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # localhost as our site, on another port: another origin (the browser resolves no
        # other name, see freethem.core.testing.browser).
        self.url = f"http://localhost:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize(("prefix", "count"), [("", "2"), ("/fa", "۲")])
def test_another_site_frames_the_counter_and_no_other_page(
    new_page: Callable[..., Page],
    live_server: LiveServer,
    traffic: Traffic,
    prefix: str,
    count: str,
) -> None:
    appeal = make_appeal(goal=10)
    for n in range(2):
        make_signature(appeal, email=f"s{n}@example.org")
    ours = f"{live_server.url}{prefix}/appeals/{appeal.slug}"
    snippets = f"""<!doctype html><title>Partner</title>
<iframe id="counter" src="{ours}/counter/" width="320" height="180"></iframe>
<iframe id="appeal" src="{ours}/" width="320" height="180"></iframe>
<iframe id="ad" src="{ours}/ad/" width="320" height="180"></iframe>
<img id="badge" src="{ours}/badge.svg" alt="">"""
    partner = PartnerSite(snippets)
    try:
        page = new_page()
        page.goto(partner.url)
        assert live_server.url.split(":")[-1] != partner.url.split(":")[-1].strip("/")
        counter = page.frame_locator("#counter")
        assert counter.locator(".counter-count strong").inner_text() == count
        link = counter.locator(".counter-link a")
        assert link.get_attribute("target") == "_blank"
        assert link.get_attribute("rel") == "noopener"
        page.wait_for_function("document.getElementById('badge').complete")
        assert page.evaluate("document.getElementById('badge').naturalWidth") > 50
        # The other pages are refused: the frames hold the browser's error page, not ours.
        for frame_id in ("appeal", "ad"):
            frame = page.locator(f"#{frame_id}").element_handle().content_frame()
            assert frame is not None
            assert appeal.title_en not in frame.content()
            assert not frame.url.startswith(live_server.url)
        refused = [error for error in traffic.console_errors if "frame" in error.lower()]
        assert len(refused) == 2, traffic.console_errors
    finally:
        partner.close()


@pytest.mark.parametrize("prefix", ["", "/fa"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_it_shows_the_counter_and_the_badge_at_each_width(
    page: Page, live_server: LiveServer, traffic: Traffic, prefix: str, viewport: dict
) -> None:
    appeal = make_appeal(goal=5000)
    for n in range(3):
        make_signature(appeal, email=f"s{n}@example.org")
    language = prefix.strip("/") or "en"
    page.goto(f"{live_server.url}{prefix}/appeals/{appeal.slug}/counter/")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    violations = axe_violations(page)
    assert not violations, report(violations)
    shot(page, f"counter-{language}-{viewport['width']}")
    page.goto(f"{live_server.url}{prefix}/appeals/{appeal.slug}/badge.svg")
    shot(page, f"badge-{language}-{viewport['width']}", full_page=False)  # an SVG document
    assert traffic.problems() == {}


@pytest.mark.slow
def test_it_runs_the_staff_circulation_pages_under_the_csp_in_both_languages(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    appeal = make_appeal()
    ad = services.source_code_create(appeal=appeal, label="Newspaper ad", code="paper-ad")
    sharer = make_signature(appeal, email="ada@example.org", name="Ada Lovelace")
    share = services.share_code_for(signature=sharer)
    for n, via in enumerate([services.Via(source_id=ad.pk), services.Via(share_id=share.pk)]):
        friend = make_signature(appeal, email=f"friend{n}@example.org", name=f"Friend {n}")
        services.attribution_record(signature=friend, via=via)
    user = staff_user(username="organiser1", role="organiser")
    page.goto(live_server.url + "/staff/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_code").fill(current_code(user))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/staff/")
    for prefix, language in [("", "en"), ("/fa", "fa")]:
        for path in ["sourcecode/", "sourcecode/add/", f"sourcecode/{ad.pk}/change/"]:
            response = page.goto(f"{live_server.url}{prefix}/staff/appeals/{path}")
            assert response is not None and response.status == 200, path
        page.goto(f"{live_server.url}{prefix}/staff/appeals/sourcecode/report/{appeal.pk}/")
        page.wait_for_function("document.querySelector('#embeds img').complete")
        assert page.evaluate("document.querySelector('#embeds img').naturalWidth") > 50
        assert page.locator("#top-sharers td").first.inner_text() == "Ada Lovelace"
        shot(page, f"staff-report-{language}-1280")
    assert traffic.problems() == {}
