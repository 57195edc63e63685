"""The newspaper ad PDF at scale: 10,000 and 100,000 generated names (Latin and Persian, with
their countries) laid out on tabloid pages by freethem.appeals.printing.render, as the worker
does after collecting the names (the database query is not timed). Each size runs in a
process of its own, so that its peak memory (the process's maximum resident set) is its own.
Prints wall time, the CPU time of that process (its own cost, whatever else the machine is
doing), pages, font size and peak memory. Goal: 10,000 names in under 30 s.

BENCH_AD_NAMES (comma-separated counts) and BENCH_AD_PRESET change what is run.
"""

import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTS = [int(n) for n in os.environ.get("BENCH_AD_NAMES", "10000,100000").split(",")]
PRESET = os.environ.get("BENCH_AD_PRESET", "tabloid")
SEED = 1401

LATIN_GIVEN = "Ada Grace Maryam John Ali Sara Hossein Anna Reza Claire Mohammad Léa Jürgen Chloé"
LATIN_FAMILY = "Smith Mohammadi Karimi Dubois Nguyen Rostami Okafor García Müller Johansson"
PERSIAN_GIVEN = "نرگس علی مریم حسین سارا رضا شیرین نسرین محمدرضا علی‌رضا فاطمه نازنین"
PERSIAN_FAMILY = "محمدی کریمی رستمی حسینی ستوده عبادی احمدی رضایی موسوی جعفری"
COUNTRIES = [
    "Iran", "Germany", "France", "United Kingdom", "United States of America", "Canada",
    "Sweden", "Netherlands", "Australia", "Norway", "Italy", "Türkiye",
]  # fmt: skip


def names(count: int) -> list[tuple[str, str]]:
    rng = random.Random(SEED)  # noqa: S311 - made-up names, repeatable
    found = []
    for _ in range(count):
        if rng.random() < 0.4:
            given, family = PERSIAN_GIVEN.split(), PERSIAN_FAMILY.split()
        else:
            given, family = LATIN_GIVEN.split(), LATIN_FAMILY.split()
        name = f"{rng.choice(given)} {rng.choice(family)}"
        found.append((name, rng.choice(COUNTRIES)))
    return found


def one(count: int) -> None:
    """Lay out count names and print one line of figures (run in a process of its own)."""
    import resource
    import time

    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freethem.settings")
    django.setup()
    from django.template.loader import render_to_string
    from django.utils import translation

    from freethem.appeals.printing.presets import PRESETS
    from freethem.appeals.printing.render import Entry, render

    entries = [Entry(name, country) for name, country in names(count)]
    entries.sort(key=lambda entry: entry.name.casefold())
    with translation.override("en"):
        front = render_to_string(
            "appeals/print/ad_front.html",
            {
                "title": "Free Narges Mohammadi and every prisoner of conscience",
                "paragraphs": ["We, the undersigned, call for their immediate release. " * 6] * 3,
                "count": count,
                "countries": len(COUNTRIES),
                "listed": count,
                "notables": [],
            },
        )
    out = Path(os.environ["FREETHEM_DATA_DIR"]) / f"ad-{count}.pdf"
    started, cpu = time.perf_counter(), time.process_time()
    result = render(size=PRESETS[PRESET], front=front, entries=entries, language="en", out=out)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"   {count:>7,} names on {PRESET}: {wall:6.1f} s wall, {cpu:6.1f} s CPU, "
        f"{result.pages} pages at {result.points} pt in {result.columns} columns, "
        f"{out.stat().st_size / 1e6:.1f} MB PDF, peak memory {peak:.0f} MB"
    )


def main() -> None:
    for count in COUNTS:
        with tempfile.TemporaryDirectory(prefix="freethem-bench-ad-") as data_dir:
            env = {**os.environ, "FREETHEM_DATA_DIR": data_dir, "PYTHONPATH": str(ROOT)}
            subprocess.run(  # noqa: S603 - this very script, with a count
                [sys.executable, __file__, str(count)], check=True, env=env, cwd=ROOT
            )


if __name__ == "__main__":
    if len(sys.argv) > 1:
        one(int(sys.argv[1]))
    else:
        main()
