"""`make audit`: the hardening checks that need a running site.

Against AUDIT_URL when it is set (e.g. a staging copy: https://staging.campaign.example.org),
otherwise against a throwaway site started here (audit/site.py). AUDIT_EXAMPLES sets the
examples per fuzzed form (default 100). Prints a summary; exits 1 on any failure.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from audit.checks import Report, check_charsets, check_headers
from audit.crawl import discover
from audit.fuzz import fuzz_forms
from audit.site import throwaway_site

DEFAULT_EXAMPLES = 100


def audit(base: str, *, examples: int = DEFAULT_EXAMPLES, local: bool = False) -> Report:
    """Run every check against the site at base; local when the audit started it itself."""
    report = Report()
    site = discover(base)
    report.notes.append(
        f"{base}: {len(site.pages)} pages, {len(site.static)} static files, "
        f"{len(site.downloads)} downloads, {len(site.forms)} forms"
    )
    for path, status in site.broken:
        if status >= 500:
            report.fail("crawl", f"GET {path}", f"status {status}")
        else:
            report.notes.append(f"  a link gives {status}: {path}")
    check_headers(site, report, local=local)
    check_charsets(site, report)
    fuzz_forms(site, report, examples=examples)
    return report


def check_log(report: Report, log: str) -> None:
    """The throwaway site's log: short lines only, never a traceback."""
    lines = [line for line in log.splitlines() if line.strip()]
    tracebacks = sum("Traceback (most recent call last)" in line for line in lines)
    report.notes.append(
        f"the site's log: {len(lines)} lines, {len(log.encode())} bytes "
        f"for {sum(report.requests.values())} requests"
    )
    if tracebacks:
        first = log[log.index("Traceback") :][:1500]
        report.fail(
            "the site's log", "(see above)", f"{tracebacks} tracebacks; the first:\n{first}"
        )


def main() -> int:
    url = os.environ.get("AUDIT_URL", "").strip().rstrip("/")
    examples = int(os.environ.get("AUDIT_EXAMPLES") or DEFAULT_EXAMPLES)
    started = time.monotonic()
    if url:
        report = audit(url, examples=examples)
    else:
        print("Starting a throwaway site (temporary data directory, demo data) ...", flush=True)
        with throwaway_site() as site:
            report = audit(site.url, examples=examples, local=True)
        check_log(report, site.log)
    print(report.summary())
    print(f"({time.monotonic() - started:.0f} s, {examples} examples per form)")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
