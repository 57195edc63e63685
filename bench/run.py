"""Run every benchmark under bench/ (files named bench_*.py) and print their figures.

Each benchmark is a script with a `main() -> None` that prints its own figures. Benchmarks
measure; they never fail a build on a number. Run with `make bench`.
"""

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sys.path.insert(0, str(HERE.parent))
    scripts = sorted(HERE.glob("bench_*.py"))
    selected = [s for s in scripts if not sys.argv[1:] or s.stem in sys.argv[1:]]
    for script in selected:
        spec = importlib.util.spec_from_file_location(script.stem, script)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"== {script.stem}")
        started = time.perf_counter()
        module.main()
        print(f"   ({time.perf_counter() - started:.1f} s)")
    if not selected:
        print("no benchmarks matched")
    return 0


if __name__ == "__main__":
    sys.exit(main())
