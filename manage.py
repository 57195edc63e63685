#!/usr/bin/env python
"""freethem's command-line utility for administrative tasks."""

import os
import sys

from freethem.core import envfile


def refuse_without_environment() -> None:
    """On a machine with a production env file, a manage.py run without it would quietly
    make ./var with SQLite and a key of its own: send the operator to bin/manage instead.
    bin/manage sets FREETHEM_ENV when it loads the file; a deliberate FREETHEM_ENV passes."""
    path, _ = envfile.path_from(os.environ)
    if not os.environ.get("FREETHEM_ENV") and path.exists():
        sys.exit(f"manage.py: this machine has a production environment in {path}; run bin/manage")


def main() -> None:
    refuse_without_environment()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freethem.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
