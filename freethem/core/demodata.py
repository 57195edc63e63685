"""Demo data: each app may keep its own in `<app>/demo.py`, found by name so that core imports
no app. Such a module has `load() -> str`, which loads the app's demo rows once (a second call
changes nothing), and may have `loaded() -> bool`, which says whether the site holds them.

`manage.py loaddemo` calls every load(); the demo banner (core/_demo_banner.html) is shown on
every page while any loaded() is true, so nobody takes the demo for a campaign's own records.
"""

import importlib
import importlib.util
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError

from freethem.core.memo import Memo


def demo_modules() -> list[ModuleType]:
    """The `<app>.demo` modules of the installed freethem apps, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.name.startswith("freethem.") and importlib.util.find_spec(name):
            found.append(importlib.import_module(name))
    return found


def _loaded() -> bool:
    try:
        return any(module.loaded() for module in demo_modules() if hasattr(module, "loaded"))
    except DatabaseError:
        # A page that reports a database failure (500) must still render.
        return False


# Read by every page; demo rows come and go rarely (loaddemo clears it in its own process).
LOADED = Memo(_loaded, seconds=30)


def demo_loaded() -> bool:
    """Whether the site holds demo data. Never in production, which refuses to load it."""
    return not settings.PRODUCTION and LOADED.get()
