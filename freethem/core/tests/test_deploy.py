"""The shipped deployment (deploy/: systemd units, gunicorn settings, nginx server block, env
file template, bin/manage) in production mode on loopback, behind nginx with a self-signed
certificate, on a database of its own, mailing through a real SMTP server: what an operator
following README's "Production deployment" gets. systemd is not running here (nor in CI's
container): freethem.core.testing.deployment runs each unit's command as systemd would.

The tests share one deployment and run in file order: a signature made in the first is among
those the backup must bring back.
"""

import base64
import http.client
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import altcha
import psycopg
import pytest
from cryptography.fernet import Fernet
from django_otp.oath import TOTP

from freethem.core.crypto import KEY_NOT_CONFIGURED
from freethem.core.testing import postgres
from freethem.core.testing.deployment import DEPLOY, ROOT, Deployment, Visitor, read_unit
from freethem.core.testing.requirements import require_tool
from freethem.core.testing.smtp import SMTPServer

# The deployment runs in make test's PostgreSQL pass (bin/with-postgres), not the SQLite one.
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
deployed = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="deploys on PostgreSQL: runs in the bin/with-postgres pass"
)

SLUG = "free-them-all"
DATABASE = "freethem_deploy"
ORGANISER = "organiser1"
ORGANISER_PASSWORD = "a long organiser password 42"
SIGNER = {"country": "GB", "city": "London", "affiliation": "", "display": "full"}


@pytest.fixture(scope="module")
def smtp() -> Iterator[SMTPServer]:
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def site(smtp: SMTPServer) -> Iterator[Deployment]:
    """Installed as README says: env file, migrate, first organiser and appeal, the web site,
    the worker and nginx."""
    postgres.require()
    require_tool("nginx", "nginx")
    deployment = Deployment(
        database_url=postgres.create_database(DATABASE),
        database_name=DATABASE,
        smtp_port=smtp.port,
    )
    try:
        deployment.write_env_file()
        deployment.manage("migrate", "--noinput", "-v0")
        deployment.manage("check", "--deploy", "--database", "default", "--fail-level", "WARNING")
        invitation = deployment.manage(
            "createstaff", ORGANISER, "--role", "organiser", "--password-stdin",
            input=ORGANISER_PASSWORD + "\n",
        )  # fmt: skip
        deployment.invitation = re.search(r"https?://\S+", invitation)[0]
        create_appeal(deployment)
        deployment.start("web0", "worker")
        deployment.start_nginx()
        yield deployment
    finally:
        deployment.close()
        postgres.drop_database(DATABASE)


def create_appeal(deployment: Deployment) -> None:
    """The first appeal, as README's first-run steps make it."""
    (deployment.dir / "appeal.en.txt").write_text("Free them all.\n")
    (deployment.dir / "appeal.fa.txt").write_text("همه را آزاد کنید.\n")
    output = deployment.manage(
        "createappeal", "--title", "Free them all", "--title-fa", "همه را آزاد کنید",
        "--text-file", str(deployment.dir / "appeal.en.txt"),
        "--text-fa-file", str(deployment.dir / "appeal.fa.txt"), "--slug", SLUG, "--open",
    )  # fmt: skip
    assert f"{deployment.site_url}/appeals/{SLUG}/" in output


# What a signer's browser does --------------------------------------------------------------


def solved_proof(visitor: Visitor) -> str:
    """The sign form's ALTCHA widget: fetch a challenge from the site and solve it."""
    challenge = altcha.Challenge.from_dict(visitor.get("/appeals/challenge.json").json())
    return altcha.Payload(challenge, altcha.solve_challenge(challenge)).to_base64()


def open_appeal(visitor: Visitor) -> None:
    """The appeal's page, with the sign form (its CSRF token, and the cookie)."""
    visitor.token = visitor.form_token(visitor.get(f"/appeals/{SLUG}/"))


def sign(visitor: Visitor, name: str, email: str, proof: str, address: str = "") -> int:
    """Post the sign form; the status (302 to the "check your mail" page when taken)."""
    if not visitor.token:
        open_appeal(visitor)
    fields = {
        **SIGNER,
        "name": name,
        "email": email,
        "website": "",
        "altcha": proof,
        "csrfmiddlewaretoken": visitor.token,
    }
    # A client's own address, as a browser behind it would have it: nginx adds the hop.
    headers = {"X-Forwarded-For": address} if address else {}
    reply = visitor.post(f"/appeals/{SLUG}/sign/", fields, headers=headers)
    if reply.status == 302:
        assert reply.headers["Location"] == f"/appeals/{SLUG}/sent/"
    return reply.status


def mail_to(smtp: SMTPServer, email: str, count: int = 1, timeout: float = 30) -> str:
    """The plain text of the count-th mail to this address, once the worker has sent it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        mails = [m for m in smtp.messages if m["To"] == email]
        if len(mails) >= count:
            return mails[count - 1].get_body(preferencelist=("plain",)).get_content()
        time.sleep(0.2)
    raise AssertionError(f"no mail to {email} within {timeout} s")


def confirmed_count(visitor: Visitor) -> int:
    reply = visitor.get(f"/appeals/{SLUG}/count.json")
    assert reply.status == 200, reply.text
    return reply.json()["confirmed"]


def wait_for(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"{what}: not within {timeout} s")


# What an organiser does --------------------------------------------------------------------


def totp_code(secret: str, ahead: int = 0) -> str:
    """The authenticator app's code; ahead=1 the next one (a code is accepted only once)."""
    totp = TOTP(base64.b32decode(secret), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time() + 30 * ahead
    return f"{totp.token():06d}"


def enrol(site: Deployment) -> str:
    """The organiser opens the invitation, signs in, sets up the authenticator: its key."""
    visitor = site.visitor()
    path = site.invitation.removeprefix(site.site_url)
    assert path != site.invitation, f"the invitation does not start with {site.site_url}"
    login = visitor.get(visitor.get(path).headers["Location"])
    fields = {"username": ORGANISER, "password": ORGANISER_PASSWORD, "next": path}
    reply = visitor.post(
        "/staff/login/", {**fields, "csrfmiddlewaretoken": visitor.form_token(login)}
    )
    assert reply.headers["Location"] == path, reply.text
    reply = visitor.get(visitor.get(path).headers["Location"])
    secret = re.search(r'<code class="secret" dir="ltr">([A-Z2-7]+)</code>', reply.text)[1]
    done = visitor.post(
        "/staff/enrol/",
        {
            "code": totp_code(secret),
            "next": "/staff/",
            "csrfmiddlewaretoken": visitor.form_token(reply),
        },
    )
    assert (done.status, done.headers["Location"]) == (302, "/staff/"), done.text
    return secret


def staff_finds(site: Deployment, secret: str, email: str) -> bool:
    """Sign in with password and code, and search the signatures for a full address."""
    visitor = site.visitor()
    login = visitor.get("/staff/login/")
    reply = visitor.post(
        "/staff/login/",
        {
            "username": ORGANISER,
            "password": ORGANISER_PASSWORD,
            "code": totp_code(secret, 1),
            "next": "/staff/",
            "csrfmiddlewaretoken": visitor.form_token(login),
        },
    )
    assert (reply.status, reply.headers["Location"]) == (302, "/staff/"), reply.text
    page = visitor.get(f"/staff/appeals/signature/?q={email}")
    assert page.status == 200
    return "1 result" in page.text


# The database as the operator's psql sees it -----------------------------------------------


def stored_emails(site: Deployment) -> list[str]:
    """Every signature's email, decrypted with the deployment's data key."""
    fernet = Fernet(site.settings["FREETHEM_DATA_KEYS"].encode())
    with psycopg.connect(site.settings["DATABASE_URL"]) as connection:
        rows = connection.execute("SELECT email FROM appeals_signature").fetchall()
    return sorted(fernet.decrypt(email.encode()).decode() for (email,) in rows)


# The tests ---------------------------------------------------------------------------------


def test_it_ships_units_that_run_the_site_as_its_own_user_from_the_checkout() -> None:
    for name in ("freethem-web.service", "freethem-worker.service"):
        unit = read_unit(DEPLOY / name)
        assert unit["User"] == "freethem" and unit["Restart"] == "always"
        assert unit["EnvironmentFile"] == "/etc/freethem/freethem.env"
        assert unit["StateDirectory"] == "freethem" and unit["ProtectSystem"] == "strict"
    assert (
        "--config deploy/gunicorn.conf.py"
        in read_unit(DEPLOY / "freethem-web.service")["ExecStart"]
    )


def test_it_ships_units_and_a_timer_that_systemd_accepts(tmp_path: Path) -> None:
    require_tool("systemd-analyze", "systemd")
    units = sorted(DEPLOY.glob("freethem-*.*"))
    assert {unit.suffix for unit in units} == {".service", ".timer"}
    for unit in units:  # with the checkout here, so that the commands exist
        text = unit.read_text().replace("/srv/freethem", str(ROOT))
        (tmp_path / unit.name).write_text(text)
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / unit.name) for unit in units)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_it_lists_every_configured_variable_in_the_env_file_template() -> None:
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = [row.split("|")[1] for row in table.splitlines() if row.startswith("| `")]
    # FREETHEM_ENV_FILE says where this file is: it belongs in the shell, not in the file.
    variables = {name for cell in names for name in re.findall(r"`(\w+)`", cell)}
    variables -= {"FREETHEM_ENV_FILE"}
    template = (DEPLOY / "freethem.env.example").read_text()
    listed = set(re.findall(r"(?m)^#?([A-Z][A-Z0-9_]*)=", template))
    assert sorted(variables - listed) == []


@pytest.mark.slow
@deployed
def test_it_signs_through_nginx_confirms_through_the_mailed_link_and_counts(
    site: Deployment, smtp: SMTPServer
) -> None:
    assert_https_redirect(site)
    visitor = site.visitor()
    before = confirmed_count(visitor)

    assert sign(visitor, "Ada Lovelace", "ada@example.org", solved_proof(visitor)) == 302
    text = mail_to(smtp, "ada@example.org")
    link = re.search(r"https?://\S+/confirm/\S+", text)[0]
    assert link.startswith(f"{site.site_url}/appeals/{SLUG}/confirm/")
    path = link.removeprefix(site.site_url)
    page = visitor.get(path)
    assert "Yes, confirm my signature" in page.text
    confirmed = visitor.post(path, {"csrfmiddlewaretoken": visitor.form_token(page)})
    assert confirmed.status == 302 and "/you/" in confirmed.headers["Location"]
    site.personal_links = {"ada@example.org": confirmed.headers["Location"]}

    wait_for(lambda: confirmed_count(visitor) == before + 1, 15, "count.json moves")
    assert visitor.get(f"/appeals/{SLUG}/count.json").headers["X-Cache-Status"] in {"HIT", "MISS"}
    # The embeds other sites show come from nginx's cache after the first request.
    for embed in ("badge.svg", "counter/"):
        statuses = [visitor.get(f"/appeals/{SLUG}/{embed}").headers["X-Cache-Status"] for _ in "ab"]
        assert statuses == ["MISS", "HIT"], embed


def assert_https_redirect(site: Deployment) -> None:
    """Plain http answers with the https address (the default port: a real site's 443)."""
    connection = http.client.HTTPConnection("127.0.0.1", site.http_port, timeout=10)
    connection.request("GET", f"/appeals/{SLUG}/?x=1", headers={"Host": "localhost"})
    response = connection.getresponse()
    assert response.status == 301
    assert response.headers["Location"] == f"https://localhost/appeals/{SLUG}/?x=1"
    connection.close()


@pytest.mark.slow
@deployed
def test_it_keeps_the_worker_working_through_a_postgresql_restart_and_reports_it_stopped(
    site: Deployment, smtp: SMTPServer
) -> None:
    visitor = site.visitor()
    assert visitor.get("/healthz").json()["status"] == "ok"
    postgres.restart()  # every connection of every process is cut
    # The site's processes had connections in their pools: no request may fail now.
    answers = [visitor.get("/healthz").status for _ in range(6)]
    answers += [sign(visitor, "Grace Hopper", "grace@example.org", solved_proof(visitor))]
    assert answers == [200] * 6 + [302], site.logs()
    assert "/confirm/" in mail_to(smtp, "grace@example.org")

    worker = site.services["worker"]
    worker.signal_all(signal.SIGSTOP)
    try:
        wait_for(lambda: visitor.get("/healthz").status == 503, 15, "/healthz says 503")
        health = visitor.get("/healthz").json()
        assert (health["status"], health["worker"]) == ("degraded", "stale")
    finally:
        worker.signal_all(signal.SIGCONT)
    wait_for(lambda: visitor.get("/healthz").status == 200, 15, "/healthz is 200 again")


@pytest.mark.slow
@deployed
def test_it_reloads_the_site_without_dropping_a_request(site: Deployment) -> None:
    """make upgrade's `systemctl reload freethem-web`: the unit's ExecReload, under load."""
    web = site.services["web0"]
    old_workers = workers_of(web.process.pid)
    answers: list[int | str] = []
    done = threading.Event()

    def browse() -> None:
        visitor = site.visitor()
        while not done.is_set():
            try:
                answers.append(visitor.get(f"/appeals/{SLUG}/").status)
            except OSError as error:
                answers.append(repr(error))

    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(4):
            pool.submit(browse)
        # Pages served before the reload, while old workers finish and new ones start, and
        # after: counted in answers, not seconds, so a busy machine only makes it slower.
        wait_for(lambda: len(answers) >= 8, 30, "answers before the reload")
        reload = read_unit(DEPLOY / "freethem-web.service")["ExecReload"]
        command = reload.replace("$MAINPID", str(web.process.pid)).split()
        subprocess.run(command, check=True)
        wait_for(lambda: not set(workers_of(web.process.pid)) & set(old_workers), 30, "new workers")
        after = len(answers)
        wait_for(lambda: len(answers) >= after + 8, 30, "answers from the new workers")
        done.set()
    assert [answer for answer in answers if answer != 200] == [], site.logs()


def workers_of(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


@pytest.mark.slow
@deployed
def test_it_loses_no_signature_when_one_of_two_nodes_dies_mid_surge(
    site: Deployment, smtp: SMTPServer
) -> None:
    site.start("web1")
    signers = [
        (f"Surge Signer {n}", f"surge{n}@example.net", f"10.0.{n // 250}.{n % 250 + 1}")
        for n in range(60)
    ]
    # Each signer has the page open (its form and cookie) and the proof of work solved ...
    visitors = [site.visitor() for _ in signers]
    with ThreadPoolExecutor(max_workers=4) as pool:
        proofs = list(pool.map(solved_proof, visitors))
        list(pool.map(open_appeal, visitors))
    before = stored_emails(site)
    answers: list[int | str] = []
    some_answered = threading.Event()
    start = threading.Barrier(len(signers))

    def one(n: int) -> None:
        name, email, address = signers[n]
        start.wait()  # ... and all press "Sign" at once: 4 gunicorn workers, 60 requests
        try:
            answers.append(sign(visitors[n], name, email, proofs[n], address))
        except OSError as error:
            answers.append(repr(error))
        if len(answers) >= 10:
            some_answered.set()

    with ThreadPoolExecutor(max_workers=len(signers)) as pool:
        futures = [pool.submit(one, n) for n in range(len(signers))]
        some_answered.wait(timeout=60)
        site.services["web0"].signal_all(signal.SIGKILL)  # the machine dies
        for future in futures:
            future.result()
    problems = [answer for answer in answers if answer != 302]
    assert problems == [], site.logs()
    # The kill caught signatures on their way: nginx sent them again, to the other node.
    retried = [
        line
        for line in site.nginx_log().splitlines()
        if f"POST /appeals/{SLUG}/sign/" in line
        and "from upstream" in line
        and f"127.0.0.1:{site.web_ports[0]}" in line
    ]
    assert retried, "no signing was under way on the killed node"
    after = stored_emails(site)
    assert sorted(set(after) - set(before)) == sorted(email for _, email, _ in signers)
    assert len(after) == len(set(after))  # nobody twice
    site.stop("web0")
    site.start("web0")  # Restart=always


@pytest.mark.slow
@deployed
def test_it_restores_every_signature_the_staff_login_and_personal_links_from_a_backup(
    site: Deployment, smtp: SMTPServer, tmp_path: Path
) -> None:
    secret = enrol(site)
    emails = stored_emails(site)
    archive = site.manage("backup").strip().splitlines()[-1]
    assert Path(archive).stat().st_mode & 0o777 == 0o600

    site.stop()
    postgres.drop_database(DATABASE)
    shutil.rmtree(site.data_dir)
    site.env_file.unlink()  # a new machine: no env file either
    postgres.create_database(DATABASE)
    site.manage("restore", archive)
    assert site.env_file.stat().st_mode & 0o777 == 0o600
    site.start("web0", "worker")

    assert stored_emails(site) == emails
    visitor = site.visitor()
    personal = visitor.get(site.personal_links["ada@example.org"] + "data.json")
    assert personal.status == 200 and personal.json()["email"] == "ada@example.org"
    assert staff_finds(site, secret, "ada@example.org")


@pytest.mark.slow
@deployed
def test_it_refuses_to_start_on_the_restored_database_without_its_data_key(
    site: Deployment,
) -> None:
    site.stop("web0")
    try:
        for key in (None, Fernet.generate_key().decode()):
            site.write_env_file(FREETHEM_DATA_KEYS=key)
            web = site.web(0)
            web.start()
            code = web.wait_exit(timeout=60)
            if code is None:
                web.stop()
            assert code not in (None, 0), "the site started without its data key"
            # Production's refusal without keys, or the stored-data check with a wrong one.
            message = "needs FREETHEM_DATA_KEYS to be set" if key is None else KEY_NOT_CONFIGURED
            assert message in web.output()
            web.log.unlink()
    finally:
        site.write_env_file()
    site.start("web0")
    assert site.visitor().get("/healthz").status == 200
