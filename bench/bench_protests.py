"""The protest tracker's public pages at 100,000 protests: the figures page (per month, the
tile map, per group, headline figures), the list filtered as visitors filter it (a month, a
month and a province, a group, abroad, a deep page), the map and a record's page, through
Django's test client in English and Persian. Prints p50/p95 in ms per kind and the queries
per request. The figures and the map's places are cached for a minute (protests.figures), so
they are measured both ways: "not cached" empties the cache before each request.

Records: three years of protests, nine in ten inside Iran (weighted towards the large
provinces), one in ten a solidarity protest abroad; nine in ten published, the rest drafts,
records in review, archived or merged; one or two participant groups and one to three
sources each. SQLite in a temporary data directory by default; with DATABASE_URL set (for
example under bin/with-postgres) it runs against that database instead.
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
PROTESTS = int(os.environ.get("BENCH_PROTESTS", "100000"))
ROUNDS = 40  # requests per kind
BATCH = 2000
SEED = 1405
FIRST_DAY = datetime.date(2023, 12, 1)
DAYS = 3 * 365

PROVINCE_WEIGHTS = {
    "IR-23": 20, "IR-06": 10, "IR-10": 8, "IR-09": 8, "IR-07": 6, "IR-03": 5, "IR-30": 5,
    "IR-05": 4, "IR-12": 4, "IR-11": 4, "IR-01": 3, "IR-02": 3, "IR-08": 3, "IR-04": 3,
}  # fmt: skip
ABROAD = [("DE", "Berlin", 52.52, 13.40), ("GB", "London", 51.51, -0.13),
          ("CA", "Toronto", 43.65, -79.38), ("US", "Los Angeles", 34.05, -118.24),
          ("FR", "Paris", 48.86, 2.35), ("SE", "Stockholm", 59.33, 18.07)]  # fmt: skip


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


def _state(rng: random.Random) -> str:
    roll = rng.random()
    return (
        "published" if roll < 0.9 else "draft" if roll < 0.95 else "review" if roll < 0.98
        else "archived"
    )  # fmt: skip


def _where(rng: random.Random, number: int) -> dict[str, object]:
    from freethem.protests.vocab import Province

    if rng.random() < 0.1:
        country, town, lat, lon = rng.choice(ABROAD)
        return {"country": country, "province": "", "location": town,
                "latitude": round(lat + rng.uniform(-0.03, 0.03), 5),
                "longitude": round(lon + rng.uniform(-0.03, 0.03), 5)}  # fmt: skip
    codes = [code for code, _label in Province.choices]
    weights = [PROVINCE_WEIGHTS.get(code, 1) for code in codes]
    province = rng.choices(codes, weights)[0]
    town = number % 7  # a few towns per province
    return {
        "country": "IR", "province": province, "location": f"Town {province} {town}",
        "latitude": round(27 + int(province[3:]) * 0.4 + town * 0.1, 5),
        "longitude": round(47 + int(province[3:]) * 0.4 + town * 0.1, 5),
    }  # fmt: skip


def populate(rng: random.Random) -> None:
    from django.db import connection, transaction

    from freethem.protests.models import ParticipantGroup, Protest, ProtestSource

    groups = list(ParticipantGroup.objects.values_list("pk", flat=True))
    through = Protest.groups.through
    started = time.perf_counter()
    with transaction.atomic():
        for start in range(0, PROTESTS, BATCH):
            rows = [
                Protest(
                    event_id=f"FTIRN{number + 1}",
                    state=_state(rng),
                    date=FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS)),
                    actor1="Protesters (Iran)",
                    size_low=rng.choice([None, 50, 100, 300]),
                    notes="Workers gathered to demand unpaid wages.",
                    **_where(rng, number),
                )
                for number in range(start, min(start + BATCH, PROTESTS))
            ]
            made = Protest.objects.bulk_create(rows)
            if connection.vendor == "sqlite" and made[0].pk is None:
                made = list(Protest.objects.filter(event_id__in=[r.event_id for r in rows]))
            through.objects.bulk_create(
                through(protest_id=p.pk, participantgroup_id=g)
                for p in made
                for g in rng.sample(groups, rng.choice((1, 1, 2)))
            )
            ProtestSource.objects.bulk_create(
                ProtestSource(protest_id=p.pk, name=name)
                for p in made
                for name in rng.sample(["HRANA", "IranWire", "Radio Farda"], rng.randint(1, 3))
            )
        # One in a hundred archived records was merged into the record before it.
        archived = list(Protest.objects.filter(state="archived").values_list("pk", flat=True))
        for pk in archived[::4]:
            Protest.objects.filter(pk=pk).update(merged_into_id=pk - 1 if pk > 1 else None)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    print(f"   {PROTESTS:,} protests made in {time.perf_counter() - started:.1f} s")


def kinds(rng: random.Random) -> dict[str, list[str]]:
    """Paths per kind, ROUNDS of each, half of them in Persian."""
    from freethem.protests.filters import public_protests

    sample = list(public_protests().values_list("event_id", flat=True)[:500])

    def month() -> str:
        day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        return f"{day.year}-{day.month:02d}"

    makers = {
        "stats": lambda: "/protests/stats/",
        "stats, figures not cached": lambda: "/protests/stats/",
        "list": lambda: "/protests/",
        "list, a month": lambda: f"/protests/?month={month()}",
        "list, a month and a province": lambda: f"/protests/?month={month()}&province=IR-23",
        "list, a group": lambda: "/protests/?group=" + rng.choice(["workers", "teachers"]),
        "list, a group, not cached": lambda: (
            "/protests/?group=" + rng.choice(["workers", "teachers"])
        ),
        "list, a month and a group": lambda: f"/protests/?month={month()}&group=retirees",
        "list, abroad": lambda: "/protests/?scope=abroad",
        "list, a deep page": lambda: f"/protests/?page={rng.randint(500, 2500)}",
        "map": lambda: "/protests/map/",
        "map, places not cached": lambda: "/protests/map/",
        "a record": lambda: f"/protests/{rng.choice(sample)}/",
    }
    return {
        kind: [("/fa" if i % 2 else "") + make() for i in range(ROUNDS)]
        for kind, make in makers.items()
    }


def measure(paths: dict[str, list[str]]) -> None:
    """Each kind's timings; kinds "not cached" empty the cache before each request, as the
    first visitor after the figures' (or a list selection's total's) minute finds it."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for kind, requests in paths.items():
        client.get(requests[0])  # warm templates and in-process caches
        timings = []
        for path in requests:
            if "not cached" in kind:
                cache.clear()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
        q = statistics.quantiles(timings, n=100)
        print(
            f"   {kind:<30} p50 {q[49]:7.2f} ms   p95 {q[94]:7.2f} ms   max {max(timings):7.2f} ms"
            f"   {len(queries.captured_queries)} queries"
        )


def main() -> None:
    data_dir = setup()
    try:
        from django.db import connection

        rng = random.Random(SEED)  # noqa: S311 - made-up records, repeatable
        populate(rng)
        print(f"   database: {connection.vendor}; {ROUNDS} requests per kind, en and fa")
        measure(kinds(rng))
    finally:
        if data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
