import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.utils.text import slugify

from freethem.appeals.models import AppealState
from freethem.appeals.services import appeal_create, site_url

# What is asked for, when missing and a person is at the terminal: option, question.
QUESTIONS = {
    "title": "Title in English: ",
    "title_fa": "Title in Persian: ",
    "text_file": "File with the English text (UTF-8, paragraphs separated by a blank line): ",
    "text_fa_file": "File with the Persian text: ",
}


class Command(BaseCommand):
    help = (
        "Create an appeal in English and Persian, its texts read from files. The first appeal "
        "is featured: the one at /appeal/. Missing options are asked for at a terminal."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--title", help="The title in English.")
        parser.add_argument("--title-fa", help="The title in Persian.")
        parser.add_argument("--text-file", help="A UTF-8 file with the English text.")
        parser.add_argument("--text-fa-file", help="A UTF-8 file with the Persian text.")
        parser.add_argument(
            "--slug", help="The address: /appeals/<slug>/ (default: made from the title)."
        )
        parser.add_argument("--goal", type=int, default=1000, help="Signatures wanted.")
        parser.add_argument(
            "--open",
            action="store_true",
            help="Take signatures at once (default: a draft, opened later in the staff area).",
        )

    @no_translations  # the site's default language, for the address and the messages
    def handle(self, *args: Any, **options: Any) -> None:
        self._ask_for_missing(options)
        try:
            appeal = appeal_create(
                slug=options["slug"] or slugify(options["title"]),
                title_en=options["title"],
                title_fa=options["title_fa"],
                text_en=read_text(options["text_file"]),
                text_fa=read_text(options["text_fa_file"]),
                goal=options["goal"],
                state=AppealState.OPEN if options["open"] else AppealState.DRAFT,
            )
        except ValidationError as error:
            raise CommandError(problems(error)) from error
        state = "open: taking signatures" if options["open"] else "a draft: open it in /staff/"
        featured = ", featured at /appeal/" if appeal.featured else ""
        self.stdout.write(f"Created the appeal {appeal.title_en!r} ({state}{featured}).")
        self.stdout.write(site_url(appeal.get_absolute_url()))

    def _ask_for_missing(self, options: dict[str, Any]) -> None:
        missing = [name for name in QUESTIONS if not options[name]]
        if missing and not sys.stdin.isatty():
            names = ", ".join("--" + name.replace("_", "-") for name in missing)
            raise CommandError(f"Missing {names} (or run it at a terminal to be asked).")
        for name in missing:
            while not options[name]:
                options[name] = input(QUESTIONS[name]).strip()


def read_text(path: str) -> str:
    try:
        return Path(path).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Cannot read the text from {path}: {error}") from error


def problems(error: ValidationError) -> str:
    """The model's messages, each with the field it is about."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    return " ".join(
        f"{'' if field == '__all__' else field + ': '}{message}"
        for field, messages in error.message_dict.items()
        for message in messages
    )
