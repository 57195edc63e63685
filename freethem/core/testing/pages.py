"""Every public page of the site, derived from the URL configuration.

Tests that check "every page" call public_paths(), so a page added by a later app is checked
without anyone remembering to list it.
"""

from collections.abc import Iterator, Sequence

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

from freethem.urls import HOOKS_PREFIX, STAFF_PREFIX


def _takes_arguments(entry: URLPattern | URLResolver) -> bool:
    # path() converters and re_path() groups both show up as regex groups.
    return entry.pattern.regex.groups > 0


def _names(entries: Sequence[URLPattern | URLResolver], namespace: str) -> Iterator[str]:
    """Names (with namespaces) of the argument-free patterns in entries, in order."""
    for entry in entries:
        if _takes_arguments(entry) or str(entry.pattern).startswith(STAFF_PREFIX):
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _names(entry.url_patterns, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}"


def public_names() -> list[str]:
    """URL names of the pages inside i18n_patterns() that take no arguments, less the staff
    area's."""
    names: list[str] = []
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and isinstance(entry.pattern, LocalePrefixPattern):
            names.extend(name for name in _names(entry.url_patterns, "") if name not in names)
    return names


def public_urls() -> list[str]:
    """Paths of every public URL without arguments in every language, downloads included."""
    paths: list[str] = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.extend(path for name in public_names() if (path := reverse(name)) not in paths)
    return paths


def is_download(path: str) -> bool:
    """A file such as /prisoners/export.csv rather than a page: its last segment has a dot."""
    return "." in path.rstrip("/").rsplit("/", 1)[-1]


def public_paths() -> list[str]:
    """Paths of every public HTML page in every language: ["/", "/privacy/", ..., "/fa/", ...]."""
    return [path for path in public_urls() if not is_download(path)]


def site_files() -> list[str]:
    """Paths of the files at the site's root, in no language (/robots.txt, /sitemap.xml,
    /favicon.ico, ...): the URLs without arguments outside i18n_patterns(), less the health
    check (a monitor's, not the public's) and the webhooks (a processor's)."""
    outside = [
        entry
        for entry in get_resolver().url_patterns
        if not (isinstance(entry, URLResolver) and isinstance(entry.pattern, LocalePrefixPattern))
        and not str(entry.pattern).startswith(HOOKS_PREFIX)
    ]
    return [reverse(name) for name in _names(outside, "") if name != "healthz"]


def public_downloads() -> list[str]:
    """Paths of every public download (exports) in every language, and the site's root files."""
    return [path for path in public_urls() if is_download(path)] + site_files()
