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
    """Whether any part's demo rows are here, in one query (every page's banner asks)."""
    from freethem.actions.models import (
        Drive,
        NewsPick,
        Representative,
        Update,
        UrgentAction,
        Volunteer,
    )

    first, *others = (
        model.objects.filter(is_demo=True).values("pk")
        for model in (NewsPick, UrgentAction, Representative, Drive, Volunteer, Update)
    )
    return first.union(*others, all=True).exists()
