"""What appeals adds to the home page (declared in apps.py): the line "Sign the appeal" links
to the appeal open for signing, with its live count."""

from django.urls import reverse
from django.utils.translation import gettext, ngettext

from freethem.appeals.models import Appeal, AppealState
from freethem.appeals.services import count_data
from freethem.core.registry import Live
from freethem.core.templatetags.freethem import grouped


def appeal_to_sign_now() -> Appeal | None:
    """The appeal a visitor should sign: the featured one if it is open, else the only open
    appeal; None when none is open, or several are and none is featured."""
    open_now = [
        appeal
        for appeal in Appeal.objects.public().filter(state=AppealState.OPEN)
        if appeal.is_open  # the open and close dates too
    ]
    featured = [appeal for appeal in open_now if appeal.featured]
    if featured:
        return featured[0]
    return open_now[0] if len(open_now) == 1 else None


def appeal_to_sign() -> Live:
    """The link to that appeal and how many have signed it; else the index of appeals."""
    appeal = appeal_to_sign_now()
    if appeal is None:
        return Live(reverse("appeals:index"))
    confirmed = count_data(appeal)["confirmed"]
    if not confirmed:
        return Live(appeal.get_absolute_url(), gettext("Be among the first to sign."))
    count = grouped(confirmed)  # 5,000 in English, ۵٬۰۰۰ in Persian
    note = ngettext(
        "%(count)s person has signed so far.", "%(count)s people have signed so far.", confirmed
    ) % {"count": count}
    return Live(appeal.get_absolute_url(), note)
