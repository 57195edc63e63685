"""Signing goes on when the Redis that keeps the rate limits does not answer: the limits count
in the database meanwhile, the signer sees the usual page, and the log says it once."""

import logging
from collections.abc import Callable

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from freethem.appeals.models import Signature
from freethem.appeals.tests.factories import make_appeal
from freethem.appeals.tests.test_defences import pow_payload as pow_payload  # the fixture
from freethem.appeals.tests.test_defences import sign_as
from freethem.core.models import RateCounter
from freethem.core.testing.redis import RedisServer, free_port
from freethem.core.testing.redis import redis_server as redis_server  # the fixture

pytestmark = pytest.mark.django_db


def test_it_takes_signatures_with_redis_configured_but_down(
    client: Client,
    settings: Settings,
    pow_payload: Callable[[], str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings.FREETHEM_REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens
    appeal = make_appeal()
    with caplog.at_level(logging.WARNING):
        responses = [sign_as(client, appeal, n, pow_payload) for n in range(3)]

    assert [response.status_code for response in responses] == [302] * 3
    assert responses[0]["Location"] == f"/appeals/{appeal.slug}/sent/"
    assert "Check your email" in client.get(responses[0]["Location"]).content.decode()
    signatures = Signature.objects.order_by("pk")
    assert [signature.email for signature in signatures] == [
        f"signer{n}@example.org" for n in range(3)
    ]
    assert not any(signature.suspect for signature in signatures)  # the limits worked as usual
    assert RateCounter.objects.exists()  # counted in the database
    redis_lines = [record for record in caplog.records if "Redis" in record.getMessage()]
    assert len(redis_lines) == 1 and redis_lines[0].exc_info is None


def test_it_takes_signatures_after_redis_stops(
    client: Client,
    settings: Settings,
    pow_payload: Callable[[], str],
    redis_server: RedisServer,
) -> None:
    settings.FREETHEM_REDIS_URL = redis_server.url
    appeal = make_appeal()
    assert sign_as(client, appeal, 1, pow_payload).status_code == 302
    assert not RateCounter.objects.exists()  # counted in Redis
    redis_server.stop()

    response = sign_as(client, appeal, 2, pow_payload)
    assert response["Location"] == f"/appeals/{appeal.slug}/sent/"
    stored = [(signature.email, signature.suspect) for signature in Signature.objects.all()]
    assert sorted(stored) == [("signer1@example.org", False), ("signer2@example.org", False)]
