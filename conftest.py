"""Root conftest: test-only settings, the Playwright fixtures for @pytest.mark.browser, and
the live server as gunicorn serves it (`site_url`)."""

from collections.abc import Iterator

import pytest

pytest_plugins = ["freethem.core.testing.browser", "freethem.core.testing.site"]


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # The site's storage (WhiteNoise's CompressedManifestStaticFilesStorage) needs the manifest
    # that collectstatic writes, and {% static %} fails without it. Tests use the plain storage,
    # so pages link the unhashed names and the live server serves them straight from the
    # finders (app static/ folders and the Vazirmatn fonts in node_modules).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test ends in the default language: the test client leaves the language of the
    last page it asked for active, and commands run later would answer in it."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache and empty memos: cached counts, rules or appeals
    must not leak from one test's rows (rolled back without signals) into the next test."""
    from django.core.cache import cache

    from freethem.core.memo import clear_all

    cache.clear()
    clear_all()
