"""The mails to signers, in the signer's language, as plain text with an HTML alternative."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from freethem.appeals.models import Signature
from freethem.appeals.services import (
    MAIL_ALREADY,
    MAIL_CONFIRM,
    confirm_token,
    personal_token,
    site_url,
)


def _subject(kind: str, signature: Signature) -> str:
    if kind == MAIL_ALREADY:
        return gettext("You have already signed: %(title)s") % {"title": signature.appeal.title}
    return gettext("Please confirm your signature: %(title)s") % {"title": signature.appeal.title}


def signature_message(signature: Signature, kind: str) -> EmailMultiAlternatives:
    """The mail of this kind (services.MAIL_CONFIRM or MAIL_ALREADY) for the signer.

    Nothing the signer typed goes into it (it greets without a name): a "name" such as "re-verify
    at https://..." would otherwise arrive in a mail from the campaign. Its only links are the
    site's own."""
    with translation.override(signature.language):
        slug = signature.appeal.slug
        context = {
            "appeal": signature.appeal,
            "kind": kind,
            "is_confirm": kind == MAIL_CONFIRM,
            "confirm_url": site_url(
                reverse("appeals:confirm", args=[slug, confirm_token(signature)])
            ),
            "personal_url": site_url(
                reverse("appeals:personal", args=[slug, personal_token(signature)])
            ),
            "appeal_url": site_url(signature.appeal.get_absolute_url()),
            "language": signature.language,
            # Signed again after confirming, without the browser check: not counted yet, so
            # the mail does not say it is (as the signer's page, views._awaits_check).
            "awaits_check": signature.awaits_check,
        }
        message = EmailMultiAlternatives(
            subject=_subject(kind, signature),
            body=render_to_string("appeals/email/signature.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[signature.email],
            headers={"Auto-Submitted": "auto-generated"},
        )
        message.attach_alternative(
            render_to_string("appeals/email/signature.html", context), "text/html"
        )
    return message
