from argparse import ArgumentParser
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db import transaction

from freethem.core.services import invitation_issue, invitation_url, second_factor_reset


class Command(BaseCommand):
    help = (
        "Print a new one-time invitation link with which an existing staff user sets up an "
        "authenticator app: for a superuser, or when no organiser can issue one in the staff "
        "area (the only organiser lost their phone)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="First delete the user's authenticators (a lost or stolen phone).",
        )

    @no_translations  # the link in the site's default language
    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"There is no user {options['username']!r}.")
        try:
            with transaction.atomic():
                if options["reset"]:
                    second_factor_reset(user=user, by=None)
                invitation, token = invitation_issue(user=user, by=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        expires = invitation.expires_at.isoformat(sep=" ", timespec="minutes")
        self.stdout.write(
            f"Give {user.username!r} this invitation link. It is shown only now and works once, "
            f"until {expires}:"
        )
        self.stdout.write(invitation_url(token))
