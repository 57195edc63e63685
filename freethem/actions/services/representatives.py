"""Contact your representatives: whom a supporter in one country writes to, with the message
filled in for each of them, and the count of those who said they did.

The message is staff-written; the supporter's name is a visitor's text. Filling never reads
a placeholder's format spec or attributes (a regular expression, not str.format): only the
known `{name}`s are replaced, anything else is left as written, and every text is bounded.
"""

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from django.db.models import F, QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop
from django_countries import countries

from freethem.actions.models import Representative, RepresentativeMessage
from freethem.actions.vocab import LETTER_LANGUAGES
from freethem.appeals.defences import network_hash
from freethem.core import ratelimit
from freethem.core.crypto import keyed_hash

PLACEHOLDER = re.compile(r"\{([a-z_]{1,20})\}")
PLACEHOLDERS = ("representative", "salutation", "supporter", "country", "date")
SUPPORTER_MAX = 100
# {supporter} when the reader gave no name: a gap they see and fill in.
NO_NAME = gettext_noop("[your name]")
# A mail link longer than this is cut by some browsers and mail programs (about 2,000
# characters survive everywhere): the body is shortened to fit and the page says so.
MAILTO_MAX = 1900
# "I contacted them": counted once per browser, and at most this many an hour per network.
HOUR = 60 * 60
CONTACTED_PER_NETWORK = 60
CONTACTED_PER_IP = 20
# The browser's own record of whom it said it contacted: a signed cookie of ids ("3.7.12"),
# not a session, so no visitor leaves a row on the server.
COOKIE = "representatives_contacted"
COOKIE_SALT = "freethem.actions.representatives"
COOKIE_MAX = 100
COOKIE_AGE = 180 * 24 * 60 * 60


def countries_with_representatives() -> list[tuple[str, str]]:
    """(code, name in the reader's language) of each country with a representative, by name."""
    codes = Representative.objects.order_by().values_list("country", flat=True).distinct()
    return sorted(((code, countries.name(code)) for code in codes), key=lambda pair: pair[1])


def representatives_for(country: str) -> QuerySet[Representative]:
    return Representative.objects.filter(country=country).order_by("position", "pk")


def message_for(*, country: str, language: str) -> RepresentativeMessage | None:
    """The message in the language, the country's own or else the default one (no country);
    without one in that language, the same in English. The language comes first: the reader
    has to read what they send."""
    wanted = [(country, language), ("", language), (country, "en"), ("", "en")]
    found = {
        (message.country.code or "", message.language): message
        for message in RepresentativeMessage.objects.filter(
            country__in=[country, ""], language__in=[language, "en"]
        )
    }
    return next((found[key] for key in wanted if key in found), None)


def message_languages(country: str) -> list[tuple[str, str]]:
    """(code, name) of the languages the country's message is written in, its own or the
    default one, in the order of LETTER_LANGUAGES."""
    written = set(
        RepresentativeMessage.objects.filter(country__in=[country, ""]).values_list(
            "language", flat=True
        )
    )
    return [(code, str(name)) for code, name in LETTER_LANGUAGES if code in written]


def message_fill(text: str, values: dict[str, str]) -> str:
    """The text with each known {placeholder} replaced; unknown ones are left as written."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def mailto_link(*, email: str, subject: str, body: str) -> tuple[str, bool]:
    """A mailto: link with the subject and body percent-encoded, and whether the body had to be
    shortened to keep the link under MAILTO_MAX characters."""
    start = f"mailto:{quote(email, safe='@')}?subject={quote(subject[:300], safe='')}&body="
    room = MAILTO_MAX - len(start)
    encoded = quote(body, safe="")
    if len(encoded) <= room:
        return start + encoded, False
    # The longest beginning that fits (a Persian letter takes 6 characters encoded).
    low, high = 0, len(body)
    while low < high:
        middle = (low + high + 1) // 2
        if len(quote(body[:middle].rstrip() + "\n…", safe="")) <= room:
            low = middle
        else:
            high = middle - 1
    return start + quote(body[:low].rstrip() + "\n…", safe=""), True


@dataclass
class Letter:
    representative: Representative
    subject: str
    body: str
    mailto: str
    shortened: bool
    language: str  # the message's


def _common_values(*, country: str, supporter: str, language: str, today: date) -> dict:
    """The placeholders the same for every representative, in the message's language (a
    Persian page may show an English message: its date and country are English too)."""
    supporter = " ".join(supporter.split())[:SUPPORTER_MAX]
    with translation.override(language):
        return {
            "supporter": supporter or gettext(NO_NAME),
            "country": str(countries.name(country)),
            "date": date_format(today, "j F Y"),
        }


def letters_for(
    *, country: str, language: str, supporter: str = "", today: date | None = None
) -> list[Letter]:
    """For each of the country's representatives, the message filled in for them."""
    message = message_for(country=country, language=language)
    common = _common_values(
        country=country,
        supporter=supporter,
        language=message.language if message else language,
        today=today or timezone.localdate(),
    )
    letters = []
    for representative in representatives_for(country):
        values = {
            **common,
            "representative": representative.name,
            "salutation": representative.salutation or representative.name,
        }
        subject = message_fill(message.subject, values)[:300] if message else ""
        body = message_fill(message.body, values)[:10_000] if message else ""
        link, shortened = (
            mailto_link(email=representative.email, subject=subject, body=body)
            if representative.email
            else ("", False)
        )
        written_in = message.language if message else ""
        letters.append(Letter(representative, subject, body, link, shortened, written_in))
    return letters


def contacted_from(cookie: str) -> set[int]:
    """The representatives this browser said it contacted, from its (verified) cookie."""
    parts = cookie[:1000].split(".") if cookie else []
    return {int(part) for part in parts[:COOKIE_MAX] if part.isdigit() and len(part) < 10}


def contacted_cookie(done: set[int]) -> str:
    return ".".join(str(pk) for pk in sorted(done)[-COOKIE_MAX:])


def representative_contacted(*, representative: Representative, done: set[int], ip: str) -> bool:
    """Count one "I contacted them", unless this browser said so before (done: its cookie),
    within the flood limits of the address and its network. True when it was counted."""
    if representative.pk in done or len(done) >= COOKIE_MAX:
        return False
    if ip:
        counts = [
            (f"reps-contacted:ip:{keyed_hash(ip, purpose='ip')}", CONTACTED_PER_IP),
            (f"reps-contacted:net:{network_hash(ip)}", CONTACTED_PER_NETWORK),
        ]
        if any(ratelimit.hit(key, window=HOUR) > limit for key, limit in counts):
            return False
    Representative.objects.filter(pk=representative.pk).update(
        contacted_count=F("contacted_count") + 1
    )
    return True
