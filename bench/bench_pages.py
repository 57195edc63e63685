"""Server time to render the public pages, English and Persian, through the full middleware
stack (Django's test client, SQLite in a temporary data directory with the demo data loaded):
every page without arguments, a prisoner's profile and a search. Prints p50/p95 in ms."""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 300


def main() -> None:
    data_dir = tempfile.mkdtemp(prefix="freethem-bench-")
    os.environ["FREETHEM_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freethem.settings")
    for command in (["migrate", "-v0"], ["loaddemo"]):
        subprocess.run(  # noqa: S603 - this interpreter and fixed arguments
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=os.environ,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    import django

    django.setup()
    from django.test import Client

    from freethem.core.testing.pages import public_paths

    client = Client()
    extra = [
        f"{prefix}/prisoners/{page}"
        for prefix in ("", "/fa")
        for page in ("nasrin-sotoudeh/", "?q=Sotoodeh", "?status=serving&category=lawyer")
    ]
    for path in public_paths() + extra:
        client.get(path)  # warm caches and template loading
        timings = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
        q = statistics.quantiles(timings, n=100)
        print(f"   {path:<46} p50 {q[49]:6.2f} ms   p95 {q[94]:6.2f} ms   ({ROUNDS} requests)")
