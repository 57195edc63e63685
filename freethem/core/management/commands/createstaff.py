import getpass
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db import transaction

from freethem.core.roles import ROLE_LABELS
from freethem.core.services import invitation_issue, invitation_url, staff_create


class Command(BaseCommand):
    help = (
        "Create a staff user with a role, and print the one-time invitation link with which "
        "they set up an authenticator app."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLE_LABELS))
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input instead of asking.",
        )

    @no_translations  # the link in the site's default language, whatever ran before
    def handle(self, *args: Any, **options: Any) -> None:
        password = self._password(options["password_stdin"])
        try:
            with transaction.atomic():
                user = staff_create(
                    username=options["username"],
                    email=options["email"],
                    password=password,
                    role=options["role"],
                )
                invitation, token = invitation_issue(user=user, by=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        expires = invitation.expires_at.isoformat(sep=" ", timespec="minutes")
        self.stdout.write(f"Created staff user {user.username!r} with role {options['role']!r}.")
        self.stdout.write(
            f"Give them this invitation link. It is shown only now and works once, until {expires}:"
        )
        self.stdout.write(invitation_url(token))
        self.stdout.write(
            "They open it, sign in with their password and set up an authenticator app."
        )

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            return sys.stdin.readline().rstrip("\n")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password
