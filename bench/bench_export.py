"""The organisers' CSV export of signatures at scale: 1,000,000 generated signatures (and
100,000, to show the memory stays flat), exported through the staff area's own function
(freethem.appeals.admin.exports.signatures_csv: the organisers' columns, with the full name,
email and IP decrypted row by row) and read to the end as a browser would download it.

Each export runs in a fresh Python process, so its peak memory is its own: the process's
resident-set high-water mark (resource.getrusage ru_maxrss, the kernel's VmHWM) after the
export, beside the resident set before it (Django loaded, connected, the user made). Prints
rows, megabytes written, seconds, and both memory figures.

The signatures are inserted with executemany in batches of BATCH rows, their encrypted fields
taken from a pool of encrypted values made first (each row is still decrypted on export).
SQLite in a temporary data directory by default; with DATABASE_URL set (for example under
bin/with-postgres) it runs against that database instead. BENCH_EXPORT_SIZES (default
"100000,1000000") sets the sizes.
"""

import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [int(n) for n in os.environ.get("BENCH_EXPORT_SIZES", "100000,1000000").split(",")]
BATCH = 10_000
SAMPLE = 1000  # rows between two readings of the anonymous memory
POOL = 2000  # distinct encrypted names, emails and addresses
SEED = 1404
COUNTRIES = ["IR", "DE", "GB", "US", "FR", "CA", "SE", "NL", "TR", "AU"]


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freethem.settings")
    import django

    django.setup()


def generate(sizes: list[int]) -> None:
    """One appeal per size, with that many confirmed signatures."""
    django_setup()
    from django.db import connection, transaction
    from django.utils import timezone

    from freethem.appeals.models import Appeal, AppealState
    from freethem.core.crypto import encrypt

    rng = random.Random(SEED)  # noqa: S311 (made-up data, not secrets)
    names = [encrypt(f"Signer {i} Example") for i in range(POOL)]
    emails = [encrypt(f"signer{i}@example.org") for i in range(POOL)]
    ips = [encrypt(f"198.51.{i % 256}.{i // 256}") for i in range(POOL)]
    now = timezone.now()
    sql = (
        "INSERT INTO appeals_signature (appeal_id, name, public_name, email, email_hash, "
        "email_domain, country, city, affiliation, display, wants_updates, language, notable, "
        "state, suspect, held, reasons, ip, network_hash, created_at, confirmed_at) VALUES "
        "(%s, %s, %s, %s, %s, %s, %s, '', '', 'full', %s, 'en', %s, 'confirmed', %s, %s, '', "
        "%s, %s, %s, %s)"
    )
    for size in sizes:
        appeal = Appeal.objects.create(
            slug=f"bench-{size}", title_en="Bench", title_fa="Bench", text_en=".", text_fa=".",
            state=AppealState.OPEN,
        )  # fmt: skip
        for start in range(0, size, BATCH):
            rows = []
            for i in range(start, min(size, start + BATCH)):
                k = rng.randrange(POOL)
                rows.append((
                    appeal.pk, names[k], f"Signer {k} Example", emails[k], f"{size}-{i}",
                    "example.org", COUNTRIES[i % len(COUNTRIES)], i % 3 == 0, i % 1000 == 0,
                    i % 50 == 0, i % 70 == 0, ips[k], f"n{k % 256}", now, now,
                ))  # fmt: skip
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, rows)


def memory_mb() -> dict[str, float]:
    """The process's resident set now (VmRSS), its high-water mark (VmHWM), and its parts:
    anonymous memory (RssAnon: the heap, Python's objects) and mapped files (RssFile: here
    SQLite's memory map of the database, PRAGMA mmap_size, pages the kernel shares and may
    drop)."""
    found = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _colon, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                found[key] = int(rest.split()[0]) / 1024
    return found


def export(slug: str) -> None:
    """Export one appeal's signatures as an organiser; print the figures as JSON."""
    django_setup()
    from django.contrib.auth.models import User
    from django.test import RequestFactory

    from freethem.appeals.admin.exports import signatures_csv
    from freethem.appeals.models import Signature

    user, _made = User.objects.get_or_create(username="bench", is_superuser=True, is_staff=True)
    signatures = Signature.objects.filter(appeal__slug=slug)
    Signature.objects.filter(pk=0).exists()  # connected
    request = RequestFactory().get("/staff/")
    request.user = user
    before = memory_mb()
    peak_anon = before["RssAnon"]
    started = time.perf_counter()
    response = signatures_csv(request, signatures, slug)
    written = rows = 0
    for line in response.streaming_content:
        written += len(line)
        rows += 1
        if rows % SAMPLE == 0:
            peak_anon = max(peak_anon, memory_mb()["RssAnon"])
    seconds = time.perf_counter() - started
    after = memory_mb()
    figures = {
        "rows": rows - 1,
        "mb": written / 2**20,
        "seconds": seconds,
        "before": before["VmRSS"],
        "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # kB on Linux
        "anon_before": before["RssAnon"],
        "anon_peak": max(peak_anon, after["RssAnon"]),
        "file_after": after["RssFile"],
    }
    print(json.dumps(figures))


def child(*args: str) -> str:
    done = subprocess.run(  # noqa: S603 - this interpreter, this script, fixed arguments
        [sys.executable, __file__, *args],
        cwd=ROOT,
        env=os.environ,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def main() -> None:
    data_dir = None
    if not os.environ.get("DATABASE_URL"):
        data_dir = os.environ["FREETHEM_DATA_DIR"] = tempfile.mkdtemp(prefix="freethem-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freethem.settings")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True)
    started = time.perf_counter()
    child("generate", ",".join(map(str, SIZES)))
    print(f"   generated {sum(SIZES):,} signatures in {time.perf_counter() - started:.1f} s")
    for size in SIZES:
        figures = json.loads(child("export", f"bench-{size}"))
        print(
            f"   export of {figures['rows']:>9,} signatures: {figures['mb']:7.1f} MB of CSV in "
            f"{figures['seconds']:6.1f} s ({figures['rows'] / figures['seconds']:,.0f} rows/s); "
            f"memory {figures['before']:.0f} MB before, peak {figures['peak']:.0f} MB "
            f"(the heap: {figures['anon_before']:.0f} MB before, peak {figures['anon_peak']:.0f}"
            f" MB; mapped files after: {figures['file_after']:.0f} MB)"
        )
    if data_dir:
        shutil.rmtree(data_dir)


if __name__ == "__main__":
    if sys.argv[1:2] == ["generate"]:
        generate([int(n) for n in sys.argv[2].split(",")])
    elif sys.argv[1:2] == ["export"]:
        export(sys.argv[2])
