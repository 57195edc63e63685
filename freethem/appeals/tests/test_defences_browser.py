"""The proof of work in a real browser, under the site's strict CSP: the ALTCHA widget fetches
a challenge from this host, solves it in a worker and the server accepts the solution once.

The page here is a minimal form made by the test (the honeypot and the widget, as the sign
form includes them), so the widget is checked apart from the rest of the signing flow."""

import json
import re
import time
from collections.abc import Callable

import pytest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import engines
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from freethem.appeals import defences, services, views
from freethem.appeals.models import Signature
from freethem.appeals.tests.factories import make_appeal
from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE = """{% load i18n %}<!doctype html><html lang="{{ LANGUAGE_CODE }}"><head><title>sign</title>
</head><body><form method="post" action="/check/">
<input name="name" id="name">
{% include "appeals/_defences.html" %}
<button type="submit">Sign</button></form></body></html>"""


def form_page(request: HttpRequest) -> HttpResponse:
    form = defences.DefenceFields()
    html = engines["django"].from_string(PAGE).render({"form": form}, request)
    return HttpResponse(html)


@csrf_exempt
def check(request: HttpRequest) -> JsonResponse:
    form = defences.DefenceFields(request.POST)
    assert form.is_valid()
    checks = defences.check(
        form=form, email_hash="0" * 64, email_domain="example.org", ip=request.META["REMOTE_ADDR"]
    )
    verdict = services.checks_record(checks)
    payload = form.cleaned_data["altcha"]
    return JsonResponse(
        {
            "suspect": verdict.suspect,
            "held": verdict.held,
            "reasons": verdict.reasons,
            "payload": payload,
        }
    )


urlpatterns = [
    path("form/", form_page),
    path("check/", check),
    path(
        "appeals/",
        include(([path("challenge.json", views.challenge, name="pow_challenge")], "appeals")),
    ),
]


@pytest.mark.urls(__name__)
def test_it_solves_the_proof_of_work_under_the_csp_and_is_not_held(
    live_server: LiveServer, new_page: Callable, traffic: Traffic
) -> None:
    page = new_page()
    page.goto(f"{live_server.url}/form/")
    started = time.monotonic()
    page.locator("#name").focus()  # the widget starts on the first focus in the form
    payload = page.locator("altcha-widget input[name=altcha]")
    expect(payload).to_have_value(re.compile(r".{100,}"), timeout=30_000)
    print(f"proof of work solved in {time.monotonic() - started:.2f} s")
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/check/")
    verdict = json.loads(page.locator("body").inner_text())

    assert verdict["reasons"] == []
    assert not verdict["held"] and not verdict["suspect"]
    assert page.locator(".defence-trap").is_hidden()
    assert traffic.problems() == {}  # no CSP violation, nothing from another host

    # The same solution sent again (a replay) is suspect.
    replay = page.request.post(f"{live_server.url}/check/", form={"altcha": verdict["payload"]})
    assert replay.json()["reasons"] == [defences.POW_REUSED]
    assert replay.json()["suspect"]


def test_it_signs_through_the_appeal_page_with_the_browser_check_done(
    live_server: LiveServer, new_page: Callable, traffic: Traffic
) -> None:
    appeal = make_appeal()
    page = new_page()
    page.goto(f"{live_server.url}/fa/appeals/{appeal.slug}/")
    page.locator("input[name=name]").fill("Ada Lovelace")
    page.locator("input[name=email]").fill("ada@example.org")
    page.locator("select[name=country]").select_option("GB")
    expect(page.locator("altcha-widget input[name=altcha]")).to_have_value(
        re.compile(r".{100,}"), timeout=30_000
    )
    page.locator("form.sign-form button[type=submit]").click()
    page.wait_for_url(f"**/appeals/{appeal.slug}/sent/")

    signature = Signature.objects.get()
    assert (signature.held, signature.suspect, signature.reasons) == (False, False, "")
    assert traffic.problems() == {}
