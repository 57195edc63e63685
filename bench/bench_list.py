"""The appeal's public list at scale: 100,000 listed signatures (Persian and Latin names, a
tenth shown by first name; beside them hidden, pending and suspect ones that must not show),
their search keys written in batches as signature confirmations write them; then the list
page through Django's test client: the first and a deep page, a common and a rare country,
names in either script, another spelling, the start of a name, a name and a country, nobody;
and the numbers page. Prints p50/p95/max in ms per kind, the queries per request, and the
cost of the country counts the page caches for a minute.

SQLite in a temporary data directory by default; with DATABASE_URL set (for example under
bin/with-postgres) it runs against that database instead.
"""

import datetime
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTED = int(os.environ.get("BENCH_LIST_SIGNATURES", "100000"))
ROUNDS = 40  # requests per kind
BATCH = 2000
SEED = 1401

GIVEN = [
    ("Mohammad", "محمد"), ("Ali", "علی"), ("Reza", "رضا"), ("Mehdi", "مهدی"), ("Sara", "سارا"),
    ("Fatemeh", "فاطمه"), ("Maryam", "مریم"), ("Narges", "نرگس"), ("Sepideh", "سپیده"),
    ("Hossein", "حسین"), ("Omid", "امید"), ("Shirin", "شیرین"), ("Leila", "لیلا"),
    ("Babak", "بابک"), ("Kaveh", "کاوه"), ("Nasrin", "نسرین"), ("Zahra", "زهرا"),
    ("Alireza", "علی‌رضا"), ("Golrokh", "گلرخ"), ("Arash", "آرش"), ("Niloufar", "نیلوفر"),
    ("Anna", ""), ("John", ""), ("Maria", ""), ("Peter", ""), ("Sophie", ""), ("Lukas", ""),
    ("Emma", ""), ("David", ""), ("Julia", ""), ("Thomas", ""), ("Laura", ""), ("Ahmet", ""),
]  # fmt: skip
FAMILY = [
    ("Gholian", "قلیان"), ("Sotoudeh", "ستوده"), ("Mohammadi", "محمدی"), ("Karimi", "کریمی"),
    ("Ahmadi", "احمدی"), ("Hosseini", "حسینی"), ("Rahimi", "رحیمی"), ("Tavakoli", "توکلی"),
    ("Ghaemi", "قائمی"), ("Kazemi", "کاظمی"), ("Jafari", "جعفری"), ("Bagheri", "باقری"),
    ("Zarghami", "ضرغامی"), ("Ebrahimi", "ابراهیمی"), ("Shahbazi", "شهبازی"), ("Asadi", "اسدی"),
    ("Müller", ""), ("Schmidt", ""), ("Smith", ""), ("Dupont", ""), ("García", ""),
    ("Rossi", ""), ("Jensen", ""), ("Novak", ""), ("Yilmaz", ""), ("Andersson", ""),
    ("O'Brien", ""), ("Kowalski", ""), ("van Dijk", ""), ("Lefèvre", ""), ("Nowak", ""),
]  # fmt: skip
# Countries and their weights: most signers in a few countries, a long tail.
COUNTRIES = [
    ("IR", 30), ("DE", 14), ("US", 12), ("GB", 8), ("CA", 7), ("FR", 5), ("SE", 4),
    ("NL", 3), ("AU", 3), ("TR", 2), ("IT", 2), ("NO", 2), ("AT", 2), ("CH", 1), ("ES", 1),
    ("DK", 1), ("BE", 1), ("FI", 1), ("JP", 0.3), ("BR", 0.3), ("IS", 0.05),
]  # fmt: skip


def setup() -> str | None:
    data_dir = None
    if not os.environ.get("DATABASE_URL"):
        data_dir = os.environ["FREETHEM_DATA_DIR"] = tempfile.mkdtemp(prefix="freethem-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freethem.settings")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=os.environ, check=True
    )
    import django

    django.setup()
    return data_dir


def person(rng: random.Random) -> tuple[str, str]:
    """A name (Persian script for about half the Persian names) and a country code."""
    (given, given_fa), (family, family_fa) = rng.choice(GIVEN), rng.choice(FAMILY)
    persian = given_fa and family_fa and rng.random() < 0.5
    name = f"{given_fa} {family_fa}" if persian else f"{given} {family}"
    codes, weights = zip(*COUNTRIES, strict=True)
    return name, rng.choices(codes, weights)[0]


def populate(rng: random.Random) -> tuple[object, list[tuple[str, str]]]:
    """The appeal and the (name, country) of every listed signature."""
    from django.db import connection, transaction
    from django.utils import timezone

    from freethem.appeals import search
    from freethem.appeals.models import Appeal, CountShard, CountSnapshot, Signature
    from freethem.appeals.services import public_name_for

    appeal = Appeal.objects.create(
        slug="bench", title_en="Bench", title_fa="بنچ", text_en="x", text_fa="x",
        goal=150_000, milestones=[50_000, 100_000], state="open",
    )  # fmt: skip
    started = time.perf_counter()
    now = timezone.now()
    listed, counts = [], {}
    total = int(LISTED / 0.87)  # 87 % listed; the rest hidden, pending or suspect
    with transaction.atomic():
        for start in range(0, total, BATCH):
            rows = []
            for number in range(start, min(start + BATCH, total)):
                name, country = person(rng)
                roll = rng.random()
                display = "hidden" if roll < 0.1 else "first" if roll < 0.2 else "full"
                state = "pending" if 0.97 < roll < 0.99 else "confirmed"
                suspect = roll >= 0.99
                rows.append(
                    Signature(
                        appeal=appeal, name=name, display=display,
                        public_name=public_name_for(name=name, display=display),
                        email=f"b{number}@example.org", email_hash=f"h{number}",
                        email_domain="example.org", country=country,
                        state=state, suspect=suspect, notable=number % 2000 == 0,
                        created_at=now - datetime.timedelta(seconds=total - number),
                    )
                )  # fmt: skip
                if state == "confirmed" and not suspect:
                    counts[country] = counts.get(country, 0) + 1
                    if display != "hidden":
                        listed.append((rows[-1].public_name, country))
            Signature.objects.bulk_create(rows)
        CountShard.objects.bulk_create(
            CountShard(appeal=appeal, country=code, shard=0, count=n) for code, n in counts.items()
        )
        hour = now.replace(minute=0, second=0, microsecond=0)
        CountSnapshot.objects.bulk_create(
            CountSnapshot(
                appeal=appeal,
                hour=hour - datetime.timedelta(hours=h),
                confirmed=int(sum(counts.values()) * (1 - h / 720) ** 2),
                countries=len(counts),
            )
            for h in range(720)
        )
    created = time.perf_counter()
    confirmed = Signature.objects.filter(appeal=appeal, state="confirmed").order_by("pk")
    last = 0
    while batch := list(
        confirmed.filter(pk__gt=last).only("appeal", "state", "public_name")[:BATCH]
    ):
        search.keys_write(batch)
        last = batch[-1].pk
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    keyed = time.perf_counter() - created
    print(
        f"   {total:,} signatures ({len(listed):,} listed) made in {created - started:.1f} s;"
        f" search keys written in {keyed:.1f} s ({keyed * 1e6 / total:.0f} µs a signature)"
    )
    return appeal, listed


def variant(name: str) -> str:
    return name.replace("gh", "g").replace("Gh", "G").replace("ou", "u").replace("ü", "u")


def requests(rng: random.Random, listed: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Query strings of the list page, ROUNDS of each kind."""
    full = [(name, country) for name, country in listed if " " in name]
    persian = [name for name, _ in full if "\u0600" <= name[0] <= "\u06ff"]
    latin = [name for name, _ in full if name.isascii()]

    def q(text: str) -> str:
        from urllib.parse import quote

        return f"q={quote(text)}"

    def name_country() -> str:
        name, country = rng.choice(full)
        return f"{q(name.split()[-1])}&country={country}"

    makers = {
        "first page": lambda: "",
        "deep page": lambda: f"page={rng.randint(300, 800)}",
        "common country": lambda: "country=DE",
        "rare country": lambda: "country=IS",
        "Latin name": lambda: q(rng.choice(latin)),
        "Persian name": lambda: q(rng.choice(persian)),
        "other spelling": lambda: q(variant(rng.choice(latin))),
        "start of a name": lambda: q(rng.choice(full)[0].split()[-1][:4]),
        "name and country": name_country,
        "nobody": lambda: q(f"Zarathustra {rng.choice(GIVEN)[0]}"),
    }
    return {kind: [make() for _ in range(ROUNDS)] for kind, make in makers.items()}


def measure(appeal: object, listed: list[tuple[str, str]], rng: random.Random) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from freethem.appeals import listing

    client = Client()
    path = "/appeals/bench/signatures/"
    for _ in range(5):
        client.get(path)  # warm
    started = time.perf_counter()
    cache.clear()
    listing.listed_countries(appeal)
    missed = (time.perf_counter() - started) * 1000
    print(f"   country counts (a cache miss, once a minute): {missed:.1f} ms")
    queries: set[int] = set()
    # On SQLite the database works in this process, so its CPU time is a request's whole cost
    # whatever else the machine is doing; on PostgreSQL it is the client's share only.
    print("   wall time, then CPU time of this process, per request:")
    asked = requests(rng, listed)
    asked["numbers page"] = [""] * ROUNDS
    for kind, strings in asked.items():
        timings, cpu = [], []
        for query in strings:
            url = "/appeals/bench/numbers/" if kind == "numbers page" else f"{path}?{query}"
            with CaptureQueriesContext(connection) as captured:
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{query}: {response.status_code}")
            if kind != "numbers page":
                queries.add(len(captured))
        print(f"     {kind:<17} {figures(timings)}  | CPU {figures(cpu, short=True)}")
    print(f"   queries per list request: {min(queries)} to {max(queries)}")
    for query in ("", "country=IS", "page=500", "q=Golian"):
        statements(client, f"{path}?{query}")


def statements(client: object, url: str) -> None:
    """The time of each SQL statement of one request, run again and read to the end (SQLite
    does a statement's work as its rows are fetched), to see where a page's time goes."""
    from django.db import connection

    seen: list[tuple[str, object]] = []

    def capture(execute: object, sql: str, params: object, many: bool, context: object) -> object:
        seen.append((sql, params))
        return execute(sql, params, many, context)  # type: ignore[operator]

    with connection.execute_wrapper(capture):
        client.get(url)  # type: ignore[attr-defined]
    print(f"   statements of {url}:")
    for sql, params in seen:
        with connection.cursor() as cursor:
            started = time.perf_counter()
            cursor.execute(sql, params)
            rows = len(cursor.fetchall())
            ms = (time.perf_counter() - started) * 1000
        print(f"     {ms:7.2f} ms  {rows:4} rows  {sql[:50]}")


def figures(timings: list[float], *, short: bool = False) -> str:
    q = statistics.quantiles(timings, n=100)
    if short:
        return f"p50 {q[49]:6.1f} ms  p95 {q[94]:6.1f} ms"
    return f"p50 {q[49]:6.1f} ms  p95 {q[94]:6.1f} ms  max {max(timings):6.1f} ms"


def main() -> None:
    data_dir = setup()
    rng = random.Random(SEED)  # noqa: S311 (made-up data, not secrets)
    appeal, listed = populate(rng)
    measure(appeal, listed, rng)
    if data_dir:
        from django.db import connection

        connection.close()
        shutil.rmtree(data_dir)
