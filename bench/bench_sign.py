"""Signing under load: freethem's real sign endpoint under gunicorn, driven by wrk.

Every check is on: CSRF, form validation, the disposable-domain list, a proof of work per
signature (verified and checked for reuse), block and allow rules, rate limits per IP, network
and domain (database counters), encryption of email and IP, the keyed hash that keeps one
signature per person, the stored signature and its queued confirmation mail, all in SQLite
(WAL) in a temporary data directory. Each request signs as a different person from a different
address (X-Forwarded-For from a trusted proxy). The proofs of work are made with the site's
own key and solved before the run, with an easy counter: the server's check costs the same for
any counter.

Beside it, in the same run and with the same gunicorn and wrk settings, a bare WSGI app that
inserts one SQLite row per request (bench/bare_insert.py); then count.json reads per second.
Prints requests per second, p50/p99 latency, errors and the exact number of rows afterwards.

Last, 300 more signatures and 300 count.json reads go through Django's WSGI handler in this
process, with no server around it, and it prints the CPU time each costs the site itself.

Needs wrk (apt-get install wrk). BENCH_SIGN_SECONDS (default 10), BENCH_SIGN_WORKERS
(gunicorn workers, default 4), BENCH_SIGN_CONNECTIONS (default 16) and BENCH_SIGN_GUNICORN_ARGS
(more gunicorn options) tune it.
"""

import io
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("BENCH_SIGN_SECONDS", "10"))
WORKERS = os.environ.get("BENCH_SIGN_WORKERS", "4")
CONNECTIONS = os.environ.get("BENCH_SIGN_CONNECTIONS", "16")
WARM_UP = 3  # seconds
# More gunicorn options, e.g. "--worker-class gthread --threads 4" (split on spaces).
GUNICORN_ARGS = os.environ.get("BENCH_SIGN_GUNICORN_ARGS", "").split()
CSRF = "b" * 32  # the same secret in the cookie and the form: what a browser sends
SLUG = "bench"

LUA = r"""
local lines, n, threads = {}, 0, 1
thread_id = 0  -- set per thread by setup(); global so thread:set reaches it
local counter = 1
function setup(thread)
  thread:set("thread_id", counter - 1)
  counter = counter + 1
end
function init(args)
  threads = tonumber(args[2])
  for line in io.lines(args[1]) do lines[#lines + 1] = line end
end
function request()
  local line = lines[(n * threads + thread_id) % #lines + 1]
  n = n + 1
  local tab = line:find("\t")
  wrk.headers["X-Forwarded-For"] = line:sub(1, tab - 1)
  return wrk.format("POST", nil, nil, line:sub(tab + 1))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing listening on port {port}")


def serve(app: str, env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603 - this interpreter's gunicorn, fixed arguments
        [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}",
         "--workers", WORKERS, "--log-level", "warning", "--backlog", "2048", *GUNICORN_ARGS],
        cwd=ROOT, env=env,
    )  # fmt: skip
    wait_for(port)
    return process


def wrk(
    url: str,
    *extra: str,
    script_args: tuple[str, ...] = (),
    threads: int = 2,
    seconds: int = SECONDS,
) -> dict:
    result = subprocess.run(  # noqa: S603 - wrk from PATH, fixed arguments
        [shutil.which("wrk") or "wrk", f"-t{threads}", f"-c{CONNECTIONS}", f"-d{seconds}s",
         "--latency", *extra, url, *(("--", *script_args) if script_args else ())],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = result.stdout

    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "none",
    }


def report(label: str, figures: dict, rows: int | None = None) -> None:
    line = (
        f"   {label:<22} {figures['rate']:8.0f}/s   p50 {figures['p50']:6.1f} ms   "
        f"p99 {figures['p99']:6.1f} ms   errors {figures['errors']} "
        f"(socket: {figures['socket_errors']})"
    )
    if rows is not None:
        line += f"   rows afterwards {rows:,} of {figures['requests']:,} requests"
    print(line)


def bodies(path: Path, count: int, first: int = 0) -> None:
    """count sign requests, each a different person at a different address."""
    import altcha

    from freethem.appeals import defences

    challenge_secret, key_secret = defences._secret("challenge"), defences._secret("derived key")
    with path.open("w") as file:
        for n in range(first, first + count):
            challenge = altcha.create_challenge(
                algorithm=defences.POW_ALGORITHM,
                cost=defences.POW_COST,
                counter=1,
                expires_at=int(time.time()) + defences.POW_TTL,
                hmac_secret=challenge_secret,
                hmac_key_secret=key_secret,
            )
            payload = altcha.Payload(challenge, altcha.solve_challenge(challenge)).to_base64()
            form = {
                "csrfmiddlewaretoken": CSRF,
                "name": f"Bench Signer {n}",
                "email": f"bench.signer{n}@example.net",
                "country": ["DE", "FR", "GB", "US"][n % 4],
                "city": "Berlin",
                "affiliation": "",
                "display": "full",
                "website": "",
                "altcha": payload,
            }
            address = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
            file.write(f"{address}\t{urlencode(form)}\n")


def main() -> None:
    if not shutil.which("wrk"):
        print("   skipped: wrk is not installed (apt-get install wrk)")
        return
    data_dir = Path(tempfile.mkdtemp(prefix="freethem-bench-sign-"))
    env = {
        **os.environ,
        "FREETHEM_DATA_DIR": str(data_dir),
        "FREETHEM_TRUSTED_PROXIES": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "freethem.settings",
        "FREETHEM_LOG_LEVEL": "WARNING",
        "BARE_DB": str(data_dir / "bare.sqlite3"),
    }
    env.pop("EMAIL_HOST", None)
    env.pop("DATABASE_URL", None)
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    import django

    django.setup()
    from django.db import connection

    from freethem.appeals.models import Appeal, AppealState, Signature

    Appeal.objects.create(
        slug=SLUG,
        title_en="Bench",
        title_fa="Bench",
        text_en="Bench.",
        text_fa="Bench.",
        state=AppealState.OPEN,
        goal=1_000_000,
    )
    requests_file = data_dir / "requests.tsv"
    started = time.perf_counter()
    bodies(requests_file, 4000 * SECONDS)
    print(f"   prepared {4000 * SECONDS:,} signers in {time.perf_counter() - started:.1f} s")
    script = data_dir / "sign.lua"
    script.write_text(LUA)
    connection.close()

    port = free_port()
    web = serve("freethem.wsgi", env, port)
    try:
        # gunicorn listens before its workers have imported the site, and each worker's first
        # request loads the URLs, templates and translations: a site under a real surge has
        # long done that, so the measured run starts after WARM_UP seconds of page views.
        wrk(f"http://127.0.0.1:{port}/appeals/{SLUG}/", seconds=WARM_UP)
        headers = ["-H", f"Cookie: csrftoken={CSRF}",
                   "-H", "Content-Type: application/x-www-form-urlencoded"]  # fmt: skip
        url = f"http://127.0.0.1:{port}/appeals/{SLUG}/sign/"
        signing = wrk(url, *headers, "-s", str(script), script_args=(str(requests_file), "2"))
        stored = Signature.objects.count()
        counted = wrk(f"http://127.0.0.1:{port}/appeals/{SLUG}/count.json")
    finally:
        web.terminate()
        web.wait()
    report("freethem sign", signing, stored)
    suspect = Signature.objects.filter(suspect=True).count()
    held = Signature.objects.filter(held=True).count()
    print(f"   (of the stored signatures: {suspect:,} suspect, {held:,} held)")

    sys.path.insert(0, str(ROOT))
    from bench import bare_insert

    bare_insert.create(env["BARE_DB"])
    port = free_port()
    bare = serve("bench.bare_insert:app", env, port)
    try:
        wrk(f"http://127.0.0.1:{port}/", seconds=WARM_UP)  # each request stores a row too
        warm_up_rows = bare_insert.count(env["BARE_DB"])
        baseline = wrk(
            f"http://127.0.0.1:{port}/", "-s", str(script), script_args=(str(requests_file), "2")
        )
    finally:
        bare.terminate()
        bare.wait()
    report("bare SQLite insert", baseline, bare_insert.count(env["BARE_DB"]) - warm_up_rows)
    print(f"   freethem signs at {signing['rate'] / baseline['rate']:.0%} of the bare insert rate")
    report("count.json", counted)

    # The same requests once more, through Django's WSGI handler in this process with no server
    # around it: the CPU one signature and one count.json read cost the site itself.
    extra = data_dir / "extra.tsv"
    bodies(extra, IN_PROCESS + 20, first=4000 * SECONDS)
    sign_ms, count_ms = in_process_cpu(extra)
    print(f"   in one process, no server: {sign_ms:.2f} ms of CPU a signature, "
          f"{count_ms:.2f} ms a cached count.json (over {IN_PROCESS} of each)")  # fmt: skip
    shutil.rmtree(data_dir, ignore_errors=True)


IN_PROCESS = 300


def in_process_cpu(path: Path) -> tuple[float, float]:
    """CPU milliseconds per sign POST and per count.json GET through Django's WSGI handler,
    after 20 of each to warm up."""
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()

    def call(method: str, path_info: str, address: str = "10.0.0.1", body: bytes = b"") -> None:
        environ = {
            "REQUEST_METHOD": method, "PATH_INFO": path_info, "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1:8000",
            "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
            "HTTP_X_FORWARDED_FOR": address, "HTTP_COOKIE": f"csrftoken={CSRF}",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr,
        }  # fmt: skip
        statuses: list[str] = []
        response = handler(environ, lambda status, headers, exc_info=None: statuses.append(status))
        b"".join(response)
        response.close()
        if statuses[0][:3] not in {"200", "302"}:
            raise SystemExit(f"{method} {path_info} answered {statuses[0]}")

    lines = [line.split("\t", 1) for line in path.read_text().splitlines()]
    sign_path, count_path = f"/appeals/{SLUG}/sign/", f"/appeals/{SLUG}/count.json"
    for address, body in lines[:20]:
        call("POST", sign_path, address, body.encode())
        call("GET", count_path)
    started = time.process_time()
    for address, body in lines[20:]:
        call("POST", sign_path, address, body.encode())
    signing = time.process_time() - started
    started = time.process_time()
    for _ in lines[20:]:
        call("GET", count_path)
    counting = time.process_time() - started
    return signing * 1000 / (len(lines) - 20), counting * 1000 / (len(lines) - 20)
