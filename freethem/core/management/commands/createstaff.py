import getpass
import sys
from argparse import ArgumentParser
from typing import Any

import segno
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from freethem.core.roles import ROLE_APPS
from freethem.core.services import staff_create


class Command(BaseCommand):
    help = "Create a staff user with a role, and print the authenticator enrolment URI."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLE_APPS))
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input instead of asking.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = self._password(options["password_stdin"])
        try:
            user, device = staff_create(
                username=options["username"],
                email=options["email"],
                password=password,
                role=options["role"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Created staff user {user.username!r} with role {options['role']!r}.")
        self.stdout.write(
            "Add this key to an authenticator app (scan the QR code or open the URI):"
        )
        self.stdout.write(device.config_url)
        qr = segno.make(device.config_url, error="m")
        qr.terminal(out=self.stdout, compact=True)

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            return sys.stdin.readline().rstrip("\n")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password
