"""Demo data of the actions app, one module per subject, each with `load() -> str` (loads its
rows once) and `loaded() -> bool`; marked is_demo. Loaded after the prisoners, appeals and
events demos (INSTALLED_APPS order), which they refer to."""

from importlib import import_module

PARTS = ("centre", "urgent", "representatives", "support", "volunteers", "updates")


def _parts() -> list:
    return [import_module(f"freethem.actions.demo.{part}") for part in PARTS]


def load() -> str:
    return "\n".join(line for part in _parts() if (line := part.load()))


def loaded() -> bool:
    return any(part.loaded() for part in _parts())
