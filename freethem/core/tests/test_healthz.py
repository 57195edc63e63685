import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from freethem.core.models import WORKER_HEARTBEAT, Heartbeat
from freethem.core.services import heartbeat_beat
from freethem.core.testing.redis import RedisServer, free_port
from freethem.core.testing.redis import redis_server as redis_server  # the fixture

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db


def test_it_reports_ok_with_a_live_worker(client: Client) -> None:
    heartbeat_beat(name=WORKER_HEARTBEAT)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "worker": "ok", "redis": "off"}
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_when_the_worker_stopped_beating(client: Client, settings: Settings) -> None:
    settings.FREETHEM_WORKER_STALE_AFTER = 60
    seen_at = timezone.now() - timedelta(seconds=61)
    Heartbeat.objects.create(name=WORKER_HEARTBEAT, seen_at=seen_at)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "worker": "stale",
        "redis": "off",
    }


def test_it_answers_503_when_the_worker_never_started(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "degraded"
    assert response.json()["worker"] == "never-seen"


def test_it_answers_503_when_redis_is_configured_but_down(
    client: Client, settings: Settings
) -> None:
    heartbeat_beat(name=WORKER_HEARTBEAT)
    settings.FREETHEM_REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "worker": "ok",
        "redis": "unreachable",
    }


def test_it_reports_a_redis_that_answers(
    client: Client, settings: Settings, redis_server: RedisServer
) -> None:
    heartbeat_beat(name=WORKER_HEARTBEAT)
    settings.FREETHEM_REDIS_URL = redis_server.url
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["redis"] == "ok"


def test_it_answers_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    # A fresh process whose database server does not exist: nothing listens on port 9.
    env = {k: v for k, v in os.environ.items() if not k.startswith("FREETHEM_")}
    env.update(
        DJANGO_SETTINGS_MODULE="freethem.settings",
        FREETHEM_DATA_DIR=str(tmp_path),
        DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing",
        PGCONNECT_TIMEOUT="3",
    )
    code = (
        "import django; django.setup(); from django.test import Client;"
        "r = Client().get('/healthz'); print(r.status_code); print(r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    status, body = result.stdout.splitlines()[:2]
    assert status == "503", result.stderr
    assert json.loads(body) == {
        "status": "error",
        "database": "unreachable",
        "worker": "unknown",
        "redis": "off",
    }


def test_it_reports_a_worker_that_is_alive_but_behind(client: Client) -> None:
    from django_tasks_db.models import DBTaskResult

    heartbeat_beat(name=WORKER_HEARTBEAT)
    task = DBTaskResult.objects.create(
        task_path="freethem.core.tasks.send_signin_paused_mail",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
    )
    assert client.get("/healthz").json()["worker"] == "ok"  # due just now: not behind
    DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now() - timedelta(hours=1))
    response = client.get("/healthz")
    assert response.json()["worker"] == "behind"
    # Alive and sending, through a surge: the monitor is told, but it is no outage.
    assert response.status_code == 200 and response.json()["status"] == "ok"
    assert "ready" not in response.content.decode()  # says nothing of how much waits
