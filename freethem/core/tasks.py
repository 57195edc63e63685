"""Background tasks of core (django-tasks, run by the worker): the mail that tells a staff
member sign-in to their account was paused after many failed attempts.

A mail that the SMTP server does not take is queued again a few times with a growing delay,
under the same key: it is sent at most once (freethem.core.mail.send_once), even when its task
runs twice. The task's arguments hold the user's id, never their address.
"""

import logging
import smtplib
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from freethem.core.mail import MailOutcomeUnknown, message_key, send_once

logger = logging.getLogger(__name__)

# The warning is useful for hours, not days: give up after this many tries.
MAX_ATTEMPTS = 6


@task()
def send_signin_paused_mail(*, user_id: int, attempt: int = 1, key: str = "") -> str:
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return "gone"
    key = key or message_key()
    try:
        if not send_once(signin_paused_message(user), key=key):
            return "sent before"
    except MailOutcomeUnknown:
        return "unknown"
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= MAX_ATTEMPTS:
            logger.warning("Mail about paused sign-in to user %s failed; giving up.", user_id)
            return "given up"
        run_after = timezone.now() + min(timedelta(minutes=2**attempt), timedelta(hours=1))
        send_signin_paused_mail.using(run_after=run_after).enqueue(
            user_id=user_id, attempt=attempt + 1, key=key
        )
        logger.warning(
            "Mail about paused sign-in to user %s failed (%s, attempt %d); trying again after %s.",
            user_id,
            type(error).__name__,
            attempt,
            run_after.isoformat(),
        )
        return f"retry {attempt + 1}"
    return "sent"


def signin_paused_message(user: User) -> EmailMessage:
    """The mail in every language of the site (staff have no language of their own here):
    which account, what happened, what to do. No link in it: a warning with a link is what
    phishing looks like."""
    context = {"username": user.get_username(), "site": urlsplit(settings.FREETHEM_SITE_URL).netloc}
    subjects, bodies = [], []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            subjects.append(gettext("Sign-in to your staff account was paused"))
            bodies.append(render_to_string("core/email/signin_paused.txt", context))
    return EmailMessage(
        subject=" / ".join(subjects),
        body="\n\n* * *\n\n".join(body.strip() for body in bodies) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
