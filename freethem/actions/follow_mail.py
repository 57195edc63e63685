"""The mails to those who follow a prisoner, in the follower's language, as plain text: the
confirmation of their address, and each update of the prisoner.

Nothing the visitor typed goes into them. The site's texts (names, titles) are put between
FSI and PDI, so they keep their direction inside a sentence of the other language. Every mail
carries the follower's stop link; the updates carry the list headers (RFC 2369, RFC 8058) and
the link to manage subscriptions too."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext, gettext_noop

from freethem.actions import subscriptions
from freethem.actions.models import Follow, Update
from freethem.actions.services.follows import MAIL_CONFIRM, MAIL_FOLLOWING, followers_scope
from freethem.core.templatetags.freethem import jalali

SUBJECTS = {
    MAIL_CONFIRM: gettext_noop("Please confirm: follow %(name)s"),
    MAIL_FOLLOWING: gettext_noop("You follow %(name)s already"),
}
UPDATE_SUBJECT = gettext_noop("%(name)s: %(title)s")

# Unicode's first-strong isolate and its end, around the site's texts in plain text.
FSI, PDI = "\u2068", "\u2069"


def isolate(value: object) -> str:
    return f"{FSI}{value}{PDI}" if value else ""


def site_url(path: str) -> str:
    return settings.FREETHEM_SITE_URL.rstrip("/") + path


def _links(follow: Follow) -> dict[str, str]:
    return {
        "confirm_url": site_url(reverse("updates:follow_confirm", args=[follow.link_key])),
        "stop_url": site_url(reverse("updates:follow_stop", args=[follow.link_key])),
        "prisoner_url": site_url(follow.prisoner.get_absolute_url()),
    }


def _message(follow: Follow, subject: str, body: str, headers: dict[str, str]) -> EmailMessage:
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[follow.email],
        headers={"Auto-Submitted": "auto-generated", **headers},
    )


def follow_message(follow: Follow, kind: str) -> EmailMessage:
    """The confirmation mail (MAIL_CONFIRM) or the "you follow already" note (MAIL_FOLLOWING)."""
    if kind not in SUBJECTS:
        raise ValueError(f"no mail of kind {kind!r}")
    with translation.override(follow.language):
        name = isolate(follow.prisoner.name)
        context = {"kind": kind, "name": name, **_links(follow)}
        return _message(
            follow,
            gettext(SUBJECTS[kind]) % {"name": name},
            render_to_string(f"actions/updates/mail/{kind}.txt", context),
            {},
        )


def update_message(follow: Follow, update: Update) -> EmailMessage:
    """One update, to one follower of one of its prisoners."""
    language = follow.language
    with translation.override(language):
        name = isolate(follow.prisoner.name)
        title = isolate(update.in_language("title", language))
        day = update.published_at.date() if update.published_at else None
        if day is not None and language.startswith("fa"):
            day_text = jalali(day)
        else:
            day_text = formats.date_format(day, "j F Y") if day else ""
        context = {
            "name": name,
            "title": title,
            "kind": update.get_kind_display(),
            "day": day_text,
            "author": isolate(update.author),
            "summary": update.in_language("summary", language),
            "update_url": site_url(update.get_absolute_url()),
            "manage_url": subscriptions.manage_url(email=follow.email, language=language),
            **_links(follow),
        }
        headers = subscriptions.list_headers(
            email=follow.email, scope=followers_scope(follow.prisoner_id), language=language
        )
        return _message(
            follow,
            gettext(UPDATE_SUBJECT) % {"name": name, "title": title},
            render_to_string("actions/updates/mail/update.txt", context),
            headers,
        )
