"""The letter writer: a model letter filled with the prisoner's details and the supporter's
name, and the `mailto:` link that opens it in the supporter's mail program.

Nothing here is stored: the supporter's name lives only in the request that fills the letter.

Placeholders are replaced by a regular expression, not by str.format_map: a model letter is
staff text, and format_map would still read "{prisoner.__class__}" (attribute access),
"{prisoner[0]}" (indexing), "{supporter:>99999999}" (a format spec that allocates as much
memory as it asks) and raise on a lone brace. Here only a bare {name} from PLACEHOLDERS is
replaced; anything else in braces stays as it was written.
"""

import datetime
import re
from dataclasses import dataclass
from urllib.parse import quote

from django.utils import formats, translation
from django_countries import countries

from freethem.actions.models import ModelLetter, Official, UrgentAction
from freethem.actions.vocab import OfficialRole
from freethem.core.templatetags.freethem import jalali
from freethem.prisoners.models import Person

PLACEHOLDERS = ("prisoner", "prison", "official", "salutation", "supporter", "date")
_PLACEHOLDER = re.compile(r"\{([a-z_]{1,20})\}")

# A filled letter never grows past this (a model letter is at most 8,000 characters; a body of
# nothing but placeholders could otherwise multiply it).
MAX_LETTER = 12_000
MAX_SUBJECT = 300

# Longer mailto: links are cut by some mail programs and browsers (the old limit of 2,083
# characters is gone from current ones; Persian text takes six characters per letter once
# percent-encoded). Past this the link opens a mail with the addresses and subject, and the
# page asks to paste the letter.
MAILTO_MAX = 8_000

# The salutation when the official has none, per letter language (English for the others).
DEFAULT_SALUTATIONS = {
    "en": "Dear Sir or Madam",
    "fa": "با سلام و احترام",
    "de": "Sehr geehrte Damen und Herren",
    "fr": "Madame, Monsieur",
    "es": "Estimado/a señor/a",
    "it": "Egregio Signore, Gentile Signora",
    "nl": "Geachte heer, mevrouw",
    "sv": "Bästa",
    "ar": "تحية طيبة وبعد",
}
# {prison} when the record names no prison.
UNKNOWN_PRISON = {"en": "detention", "fa": "بازداشت"}


@dataclass(frozen=True)
class Supporter:
    """What the supporter typed, for one request only."""

    name: str
    town: str = ""
    country: str = ""  # ISO code


@dataclass(frozen=True)
class Letter:
    language: str
    subject: str
    body: str
    official: Official
    copies: tuple[Official, ...]
    supporter: Supporter

    @property
    def direction(self) -> str:
        return "rtl" if self.language in ("fa", "ar") else "ltr"


def fill(text: str, values: dict[str, str], *, limit: int) -> str:
    """text with each {placeholder} of values replaced; unknown ones left as written."""
    filled = _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)
    return filled[:limit]


def prisoner_name(person: Person, language: str) -> str:
    """The person's name as a letter in that language writes it."""
    if language == "fa":
        return person.name_fa or person.name_latin
    return person.name_latin or person.name_fa


def prison_name(person: Person, language: str) -> str:
    prison = person.current_prison
    if prison is None:
        return UNKNOWN_PRISON.get(language, UNKNOWN_PRISON["en"])
    if language == "fa":
        return prison.name_fa or prison.name_en
    return prison.name_en or prison.name_fa


def letter_date(day: datetime.date, language: str) -> str:
    """The day as a letter in that language dates it: Solar Hijri in Persian."""
    if language == "fa":
        return jalali(day)
    with translation.override(language if language != "ar" else "en"):
        return formats.date_format(day, "j F Y")


def supporter_block(supporter: Supporter, language: str) -> str:
    """The signature: the name, and on a second line the town and country if given."""
    with translation.override(language):
        country = countries.name(supporter.country) if supporter.country else ""
    place = (", " if language != "fa" else "، ").join(p for p in (supporter.town, country) if p)
    return f"{supporter.name}\n{place}" if place else supporter.name


def salutation(official: Official, language: str) -> str:
    """The official's salutation when the letter is in the language it is written for (their
    preferred one); else the letter language's usual one."""
    if official.salutation and official.language == language:
        return official.salutation
    return DEFAULT_SALUTATIONS.get(language, DEFAULT_SALUTATIONS["en"])


def copies_of(urgent_action: UrgentAction) -> tuple[Official, ...]:
    return tuple(
        official for official in urgent_action.officials.all() if official.role == OfficialRole.COPY
    )


def letter_fill(
    *,
    model: ModelLetter,
    official: Official,
    supporter: Supporter,
    today: datetime.date,
) -> Letter:
    """The model letter with its placeholders filled for this official and supporter."""
    language = model.language
    person = model.urgent_action.prisoner
    values = {
        "prisoner": prisoner_name(person, language),
        "prison": prison_name(person, language),
        "official": official.name,
        "salutation": salutation(official, language),
        "supporter": supporter_block(supporter, language),
        "date": letter_date(today, language),
    }
    subject_values = {**values, "supporter": supporter.name}
    return Letter(
        language=language,
        subject=" ".join(fill(model.subject, subject_values, limit=MAX_SUBJECT).split()),
        body=fill(model.body, values, limit=MAX_LETTER),
        official=official,
        copies=copies_of(model.urgent_action),
        supporter=supporter,
    )


def _address(email: str) -> str:
    # An address as RFC 6068 wants it in a mailto: URL: everything but the @ percent-encoded.
    return quote(email, safe="@")


def mailto_link(letter: Letter) -> tuple[str, bool]:
    """The mailto: URL for the letter, to the official with copies to the embassies; and
    whether the body is in it (False when the link would be too long: the supporter pastes)."""
    if not letter.official.email:
        return "", False
    to = _address(letter.official.email)
    cc = ",".join(_address(copy.email) for copy in letter.copies if copy.email)
    fields = [f"cc={cc}"] if cc else []
    fields.append(f"subject={quote(letter.subject, safe='')}")
    head = f"mailto:{to}?" + "&".join(fields)
    # RFC 6068: line breaks in a body are CRLF, percent-encoded.
    body = quote(letter.body.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")
    with_body = f"{head}&body={body}"
    if len(with_body) <= MAILTO_MAX:
        return with_body, True
    return head, False
