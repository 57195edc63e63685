"""The shipped deployment (deploy/) run on loopback, for freethem/core/tests/test_deploy.py.

systemd is not running in the test (nor in CI's container), so the units are read the way
systemd reads them and their commands run as it would run them: ExecStart with the checkout's
path for /srv/freethem, in WorkingDirectory, with the environment of EnvironmentFile= and
little else, the process (and its children) in a group of its own. nginx runs the shipped
server block with the ports, paths and certificate of the test, under a minimal nginx.conf of
its own (`nginx -c ... -p ...`), as root or not. The env file is the shipped template with the
test's values put in, and bin/manage reads it as on a server.
"""

import contextlib
import datetime
import http.client
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
CHECKOUT = "/srv/freethem"  # where the units expect the checkout
# systemd's environment for a service, before EnvironmentFile= (systemd.exec(5)).
SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
HOST = "localhost"


def expect(condition: object, message: str) -> None:
    """An assertion that holds in this helper module too (ruff's S101 is for tests only)."""
    if not condition:
        raise AssertionError(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def read_unit(path: Path) -> dict[str, str]:
    """The [Service] settings of a unit file (the last one wins, as systemd's for these)."""
    settings, section = {}, ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line
        elif section == "[Service]":
            key, _, value = line.partition("=")
            settings[key.strip()] = value.strip()
    return settings


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines as systemd's EnvironmentFile= reads them (comments, blank lines, quotes)."""
    values = {}
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def render_env(template: str, values: dict[str, str]) -> str:
    """The template with each KEY=... line (commented out or not) of values set to its value.
    Every key must have a line in the template: the test sets nothing an operator cannot."""
    lines, seen = [], set()
    for line in template.splitlines():
        match = re.match(r"^#?([A-Z][A-Z0-9_]*)=", line)
        if match and match[1] in values:
            lines.append(f"{match[1]}={values[match[1]]}")
            seen.add(match[1])
        else:
            lines.append(line)
    missing = sorted(set(values) - seen)
    expect(not missing, f"deploy/freethem.env.example has no line for {missing}")
    return "\n".join(lines) + "\n"


def substitute(text: str, replacements: list[tuple[str, str]]) -> str:
    """Each replacement must find its text: a changed shipped file must fail loudly here."""
    for old, new in replacements:
        expect(old in text, f"{old!r} is not in the shipped file any more")
        text = text.replace(old, new)
    return text


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "fullchain.pem", directory / "privkey.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class Service:
    """One unit's ExecStart, run as systemd would run it."""

    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - the shipped unit's command
                self.command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own group, like a unit's cgroup
            )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal_all(self, signum: int) -> None:
        """Signal the main process and all its children (KillMode=mixed's SIGKILL, a crash)."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signum)

    def signal_main(self, signum: int) -> None:
        if self.running:
            self.process.send_signal(signum)

    def stop(self, timeout: float = 40) -> None:
        """systemctl stop: SIGTERM to the main process, SIGKILL for what is left after timeout."""
        if self.process is None:
            return
        self.signal_main(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=timeout)
        self.signal_all(signal.SIGKILL)
        self.process.wait()
        self.process = None

    def wait_exit(self, timeout: float) -> int | None:
        """The exit code once the process ends by itself within timeout, else None."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")


@dataclass
class Visitor:
    """A browser's requests to the site through nginx over https: cookies, no redirects."""

    base: str
    context: ssl.SSLContext
    cookies: dict[str, str] = field(default_factory=dict)
    token: str = ""  # the CSRF token of the last form it filled in

    def request(
        self, method: str, target: str, fields: dict | None = None, headers: dict | None = None
    ) -> Reply:
        parts = urlsplit(self.base)
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port, context=self.context, timeout=60
        )
        sent = {"Origin": self.base, "Referer": self.base + "/", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, target, body=body, headers=sent)
            response = connection.getresponse()
            reply = Reply(response.status, response.headers, response.read())
        finally:
            connection.close()
        for header in reply.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return reply

    def get(self, target: str, **kwargs: object) -> Reply:
        return self.request("GET", target, **kwargs)

    def post(self, target: str, fields: dict, **kwargs: object) -> Reply:
        return self.request("POST", target, fields=fields, **kwargs)

    def form_token(self, page: Reply) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        expect(match, f"no form on the page ({page.status})")
        return match[1]


class Deployment:
    """The shipped files, deployed under one temporary directory."""

    def __init__(self, *, database_url: str, database_name: str, smtp_port: int) -> None:
        # nginx's workers (nobody or www-data when started as root) must reach their files.
        self.dir = Path(tempfile.mkdtemp(prefix="freethem-deploy-", dir="/tmp"))
        self.dir.chmod(0o755)
        self.database_name = database_name
        self.https_port, self.http_port = free_port(), free_port()
        self.web_ports = [free_port(), free_port()]
        self.site_url = f"https://{HOST}:{self.https_port}"
        self.env_file = self.dir / "etc" / "freethem.env"
        self.data_dir = self.dir / "lib" / "freethem"
        self.backup_dir = self.dir / "backups"
        self.services: dict[str, Service] = {}
        self.nginx: subprocess.Popen | None = None
        self.nginx_dir = self.dir / "nginx"
        # The nodes in nginx's upstream: an operator adds a node's line when the node exists.
        self.nginx_nodes = 1
        self.settings = self._settings(database_url, smtp_port)

    def _settings(self, database_url: str, smtp_port: int) -> dict[str, str]:
        from cryptography.fernet import Fernet

        return {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FREETHEM_DATA_KEYS": Fernet.generate_key().decode(),
            "FREETHEM_SITE_URL": self.site_url,
            "ALLOWED_HOSTS": HOST,
            "CSRF_TRUSTED_ORIGINS": self.site_url,
            "DATABASE_URL": database_url,
            "FREETHEM_DATA_DIR": str(self.data_dir),
            "FREETHEM_BACKUP_DIR": str(self.backup_dir),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": "0",
            "DEFAULT_FROM_EMAIL": "Free Them <noreply@campaign.example.org>",
            "WEB_CONCURRENCY": "2",
            # The worker beats every second in this test (see worker_command), so a stopped
            # worker is stale after a few seconds rather than a minute.
            "FREETHEM_WORKER_STALE_AFTER": "4",
            "FREETHEM_LOG_LEVEL": "WARNING",
        }

    # The environment and the units ------------------------------------------------------

    def write_env_file(self, **changes: str | None) -> None:
        """The template with the test's settings; a change of None leaves that line out."""
        values = {**self.settings, **{k: v for k, v in changes.items() if v is not None}}
        text = render_env((DEPLOY / "freethem.env.example").read_text(), values)
        for name, value in changes.items():
            if value is None:
                text = re.sub(rf"(?m)^{name}=.*\n", "", text)
        self.env_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.env_file.touch(mode=0o600)
        self.env_file.chmod(0o600)
        self.env_file.write_text(text)

    def unit_env(self, unit: dict[str, str]) -> dict[str, str]:
        expect(unit["EnvironmentFile"] == "/etc/freethem/freethem.env", "EnvironmentFile moved")
        return {
            "PATH": SYSTEMD_PATH,
            "LANG": "C.UTF-8",
            "HOME": str(self.dir),
            **read_env_file(self.env_file),
        }

    def unit_command(self, unit: dict[str, str]) -> list[str]:
        expect(unit["WorkingDirectory"] == CHECKOUT, "WorkingDirectory moved")
        return [part.replace(CHECKOUT, str(ROOT)) for part in shlex.split(unit["ExecStart"])]

    def web(self, node: int = 0) -> Service:
        """freethem-web.service, node 0 or 1 (another machine, in production)."""
        unit = read_unit(DEPLOY / "freethem-web.service")
        env = self.unit_env(unit)
        # Where the second node listens; gunicorn takes GUNICORN_CMD_ARGS over its config file.
        env["GUNICORN_CMD_ARGS"] = f"--bind 127.0.0.1:{self.web_ports[node]}"
        name = f"web{node}"
        return Service(name, self.unit_command(unit), env, self.dir / f"{name}.log")

    def worker(self) -> Service:
        unit = read_unit(DEPLOY / "freethem-worker.service")
        # A beat a second instead of every 10 (the test's only change to a command).
        command = [*self.unit_command(unit), "--heartbeat", "1"]
        return Service("worker", command, self.unit_env(unit), self.dir / "worker.log")

    def start(self, *names: str) -> None:
        for name in names:
            service = self.web(int(name[3:])) if name.startswith("web") else self.worker()
            self.services[name] = service
            service.start()
        nodes = [int(name[3:]) for name in names if name.startswith("web")]
        for node in nodes:
            self.wait_for_port(self.web_ports[node], self.services[f"web{node}"])
        if self.nginx is not None and nodes:
            if max(nodes) + 1 > self.nginx_nodes:
                # A new node: its line in the upstream, then `systemctl reload nginx`.
                self.nginx_nodes = max(nodes) + 1
                self.reload_nginx()
            self.wait_for_nginx()

    def wait_for_nginx(self, timeout: float = 20) -> None:
        """Until nginx passes requests on again: with two servers in the upstream, one that
        failed (stopped) is skipped for fail_timeout (10 s), and with both failed nginx
        answers 502 meanwhile. (With one server, as shipped, nginx never skips it.)"""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.visitor().get("/healthz").status not in {502, 504}:
                return
            time.sleep(0.5)
        raise AssertionError(f"nginx still answers 502\n{self.logs()}")

    def stop(self, *names: str) -> None:
        for name in names or list(self.services):
            service = self.services.pop(name, None)
            if service is not None:
                service.stop()

    def wait_for_port(self, port: int, service: Service, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            expect(service.running, f"{service.name} stopped:\n{service.output()[-3000:]}")
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.1)
        raise AssertionError(f"{service.name} is not listening on {port}")

    def manage(self, *args: str, input: str | None = None, env_file: bool = True) -> str:
        """bin/manage as the operator runs it; its output, or an AssertionError with it."""
        env = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", "HOME": str(self.dir)}
        env["FREETHEM_ENV_FILE"] = str(self.env_file)
        result = subprocess.run(  # noqa: S603 - the shipped bin/manage
            [str(ROOT / "bin" / "manage"), *args],
            cwd=ROOT,
            env=env,
            input=input,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        expect(result.returncode == 0, f"bin/manage {args[0]}: {result.stdout}{result.stderr}")
        return result.stdout

    # nginx ----------------------------------------------------------------------------

    def nginx_config(self) -> str:
        cert, key = self.certificate
        site = substitute(
            (DEPLOY / "nginx" / "freethem.conf").read_text(),
            [
                ("/etc/letsencrypt/live/campaign.example.org/fullchain.pem", str(cert)),
                ("/etc/letsencrypt/live/campaign.example.org/privkey.pem", str(key)),
                ("server_name campaign.example.org;", f"server_name {HOST};"),
                ("listen 80;", f"listen 127.0.0.1:{self.http_port};"),
                ("listen [::]:80;", ""),  # loopback IPv4 only
                ("listen 443 ssl http2;", f"listen 127.0.0.1:{self.https_port} ssl http2;"),
                ("listen [::]:443 ssl http2;", ""),
                ("/var/lib/nginx/freethem-cache", str(self.nginx_dir / "cache")),
                ("server 127.0.0.1:8000 ", f"server 127.0.0.1:{self.web_ports[0]} "),
            ],
        )
        if self.nginx_nodes > 1:
            site = site.replace(
                "# server 10.0.0.12:8000 ", f"server 127.0.0.1:{self.web_ports[1]} "
            )
        (self.nginx_dir / "freethem.conf").write_text(site)
        temp_paths = "\n".join(
            f"    {kind}_temp_path {self.nginx_dir / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        return (
            f"pid {self.nginx_dir / 'nginx.pid'};\n"
            f"error_log {self.nginx_dir / 'error.log'} warn;\n"
            "daemon off;\nworker_processes 1;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            "    access_log off;\n"
            f"{temp_paths}\n"
            f"    include {self.nginx_dir / 'freethem.conf'};\n"
            "}\n"
        )

    def start_nginx(self) -> None:
        self.nginx_dir.mkdir(exist_ok=True)
        self.nginx_dir.chmod(0o755)  # the settings' umask (077) is this process's too
        self.certificate = self_signed_certificate(self.nginx_dir)
        conf = self.nginx_dir / "nginx.conf"
        conf.write_text(self.nginx_config())
        command = ["nginx", "-c", str(conf), "-p", str(self.nginx_dir), "-e", "stderr"]
        check = subprocess.run(  # noqa: S603 - nginx from PATH, our own configuration
            [*command, "-t", "-q"], capture_output=True, text=True, check=False
        )
        expect(check.returncode == 0, f"nginx -t: {check.stderr}")
        log = (self.dir / "nginx.log").open("ab")
        self.nginx = subprocess.Popen(  # noqa: S603
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.https_port)) == 0:
                    return
            time.sleep(0.1)
        raise AssertionError("nginx does not listen")

    def reload_nginx(self) -> None:
        """nginx -s reload with the configuration written again; returns once every worker
        that nginx ran before has left, so each request after it sees the new upstream (and
        no node is still marked failed from before)."""
        (self.nginx_dir / "nginx.conf").write_text(self.nginx_config())
        children = Path(f"/proc/{self.nginx.pid}/task/{self.nginx.pid}/children")
        old = set(children.read_text().split())
        self.nginx.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            now = set(children.read_text().split())
            if now and not now & old:
                return
            time.sleep(0.1)
        raise AssertionError(f"nginx did not reload\n{self.logs()}")

    def visitor(self) -> Visitor:
        context = ssl.create_default_context(cafile=str(self.certificate[0]))
        return Visitor(self.site_url, context)

    def nginx_log(self) -> str:
        return (self.nginx_dir / "error.log").read_text(errors="replace")

    def logs(self) -> str:
        """Every service's log, for a failing assertion's message."""
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-4000:]}"
            for path in [*sorted(self.dir.glob("*.log")), self.nginx_dir / "error.log"]
            if path.exists()
        )

    def close(self) -> None:
        self.stop()
        if self.nginx is not None:
            self.nginx.send_signal(signal.SIGQUIT)
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.nginx.pid, signal.SIGKILL)
                self.nginx.wait()
        if not os.environ.get("KEEPX"):
            shutil.rmtree(self.dir, ignore_errors=True)
