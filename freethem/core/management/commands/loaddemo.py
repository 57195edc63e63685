from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from freethem.core.demodata import LOADED, demo_modules
from freethem.core.roles import ORGANISER
from freethem.core.services import staff_create

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "freethem-demo"  # noqa: S105 - published in the README; refused in production


class Command(BaseCommand):
    help = "Load the demo data once: a second run changes nothing. Refused in production."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is refused in production (FREETHEM_ENV=production).")
        self._load_staff()
        # Each app may keep its own demo data in <app>/demo.py (freethem.core.demodata).
        for module in demo_modules():
            self.stdout.write(module.load())
        LOADED.clear()  # show the demo banner at once in this process

    def _load_staff(self) -> None:
        if User.objects.filter(username=DEMO_USERNAME).exists():
            self.stdout.write("Demo data already loaded.")
            return
        staff_create(
            username=DEMO_USERNAME,
            email="demo@example.org",
            password=DEMO_PASSWORD,
            role=ORGANISER,
            with_device=True,  # `make otp` prints its codes, so the demo needs no phone
        )
        self.stdout.write(f"Loaded demo data: staff user {DEMO_USERNAME!r} (organiser).")
