"""The action centre: where each kind of action is done and how many people have done it,
decided here and nowhere else; and "I did this" for the actions that count it themselves.

Each published Action becomes a Step: its row, the address its button leads to and its count.
A kind whose page is not (yet) on the site (its URL name does not resolve) is left out, so the
centre never shows a dead button. The counts come from one query (a subquery per kind, on the
rows listed) plus the appeal's own cached count, and are kept in the cache a few seconds.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext

from freethem.actions.models import (
    Action,
    Drive,
    Follow,
    Gift,
    Representative,
    UrgentAction,
    Volunteer,
)
from freethem.actions.vocab import ActionKind, FollowState, GiftState, Skill
from freethem.appeals.home import appeal_to_sign_now
from freethem.appeals.models import Appeal
from freethem.appeals.services import count_data
from freethem.core import ratelimit
from freethem.core.templatetags.freethem import grouped
from freethem.events.models import Rsvp
from freethem.protests.models import ProtestReport

# Kinds that have no count of their own: a visitor's "I did this" counts them (done_count).
SELF_COUNTED = frozenset({ActionKind.SHARE, ActionKind.HOST, ActionKind.LINK})
# How long the counts are kept in the cache (they move with every action taken).
COUNT_SECONDS = 10
COUNTS_KEY = "actions:centre:counts"
# "I did this" from one network (a /24 or /48) per hour, whichever action: more are ignored.
DONE_PER_NETWORK = 30
HOUR = 60 * 60
# The session's list of the actions this browser said it did.
SESSION_DONE = "actions_done"


def count_words(kind: str, count: int) -> str:
    """What a kind's count counts, in words, without the number (%(count)s)."""
    if kind == ActionKind.SIGN:
        return ngettext("%(count)s person has signed", "%(count)s people have signed", count)
    if kind == ActionKind.LETTER:
        return ngettext("%(count)s letter written", "%(count)s letters written", count)
    if kind == ActionKind.EVENT:
        return ngettext(
            "%(count)s person is coming to an event", "%(count)s people are coming to events", count
        )
    if kind == ActionKind.REPRESENTATIVES:
        return ngettext(
            "%(count)s message sent to representatives",
            "%(count)s messages sent to representatives",
            count,
        )
    if kind == ActionKind.SUPPORT:
        return ngettext("%(count)s gift so far", "%(count)s gifts so far", count)
    if kind == ActionKind.VOLUNTEER:
        return ngettext("%(count)s volunteer so far", "%(count)s volunteers so far", count)
    if kind == ActionKind.REPORT:
        return ngettext("%(count)s protest reported", "%(count)s protests reported", count)
    if kind == ActionKind.FOLLOW:
        return ngettext(
            "%(count)s person follows a prisoner", "%(count)s people follow prisoners", count
        )
    return ngettext("%(count)s person has done this", "%(count)s people have done this", count)


@dataclass(frozen=True)
class Step:
    """An action as the centre shows it: where its button leads and how many have done it
    (None when the count is not known)."""

    action: Action
    url: str
    count: int | None

    @property
    def self_counted(self) -> bool:
        return self.action.kind in SELF_COUNTED

    @property
    def count_text(self) -> str:
        """The count in words ("1,234 people have signed"), "" when it is not known."""
        if self.count is None:
            return ""
        if not self.count:
            return gettext("Be the first to do this.")
        words = count_words(self.action.kind, self.count)
        return words % {"count": grouped(self.count)}

    @property
    def title(self) -> str:
        return self.action.in_language("title")

    @property
    def text(self) -> str:
        return self.action.in_language("text")

    @property
    def button(self) -> str:
        return self.action.in_language("button")


def _reverse(name: str, query: str = "") -> str:
    """The address of the page `name`, or "" while that page is not on this site."""
    try:
        url = reverse(name)
    except NoReverseMatch:
        return ""
    return f"{url}?{query}" if query else url


def _appeal_url(appeal: Appeal | None, anchor: str) -> str:
    if appeal is None:
        return _reverse("appeals:index")
    return f"{appeal.get_absolute_url()}#{anchor}"


def _support_url() -> str:
    drive = Drive.objects.open().only("slug").first()
    if drive is not None:
        try:
            return drive.get_absolute_url()
        except NoReverseMatch:
            pass
    return _reverse("support:index")


def _link_url(action: Action) -> str:
    """An organiser's link: a path on this site or an https:// address, nothing else."""
    url = action.url.strip()
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    if url.startswith("https://") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={url.split("/")[2]}, require_https=True
    ):
        return url
    return ""


def is_safe_link(url: str) -> bool:
    return bool(_link_url(Action(url=url)))


def step_url(action: Action, appeal: Callable[[], Appeal | None]) -> str:
    """Where the button of this action leads now ("" when that page does not exist)."""
    kind = action.kind
    if kind == ActionKind.SIGN:
        return _appeal_url(appeal(), "sign")
    if kind == ActionKind.SHARE:
        return _appeal_url(appeal(), "count-title")
    if kind == ActionKind.LETTER:
        return _reverse("urgent:list")
    if kind == ActionKind.EVENT:
        return _reverse("events:list")
    if kind == ActionKind.HOST:
        return _reverse("volunteer:signup", f"skill={Skill.EVENTS}")
    if kind == ActionKind.REPRESENTATIVES:
        return _reverse("representatives:index")
    if kind == ActionKind.SUPPORT:
        return _support_url()
    if kind == ActionKind.VOLUNTEER:
        return _reverse("volunteer:signup")
    if kind == ActionKind.REPORT:
        return _reverse("protests:report")
    if kind == ActionKind.FOLLOW:
        return _reverse("prisoners:list")
    return _link_url(action)


def _scalar(queryset: QuerySet, aggregate: Sum | Count) -> Coalesce:
    """One number from another table, as a subquery of the actions' query."""
    one = queryset.order_by().annotate(one=Value(1)).values("one")
    return Coalesce(
        Subquery(one.annotate(n=aggregate).values("n")[:1], output_field=IntegerField()),
        0,
    )


def _counted_by_kind() -> dict[str, Coalesce | F]:
    """The count of each kind that the database keeps (SIGN is the appeal's own count)."""
    return {
        ActionKind.LETTER: _scalar(UrgentAction.objects.public(), Sum("taken_count")),
        ActionKind.EVENT: _scalar(Rsvp.objects.going(), Count("pk")),
        ActionKind.REPRESENTATIVES: _scalar(Representative.objects.all(), Sum("contacted_count")),
        ActionKind.SUPPORT: _scalar(Gift.objects.filter(state=GiftState.CONFIRMED), Count("pk")),
        ActionKind.VOLUNTEER: _scalar(Volunteer.objects.all(), Count("pk")),
        ActionKind.REPORT: _scalar(ProtestReport.objects.all(), Count("pk")),
        ActionKind.FOLLOW: _scalar(Follow.objects.filter(state=FollowState.CONFIRMED), Count("pk")),
        **{kind: F("done_count") for kind in SELF_COUNTED},
    }


def _counts(actions: list[Action], appeal: Callable[[], Appeal | None]) -> dict[int, int | None]:
    """{action pk: count}: the database's counts in one query, kept in the cache a few seconds;
    the appeal's count from the appeal's own cache (dropped as soon as a signature counts)."""
    cached: dict[int, int | None] = cache.get(COUNTS_KEY) or {}
    missing = [action.pk for action in actions if action.pk not in cached]
    if missing:
        whens = [When(kind=kind, then=count) for kind, count in _counted_by_kind().items()]
        rows = (
            Action.objects.filter(pk__in=missing)
            .annotate(count=Case(*whens, default=Value(None), output_field=IntegerField()))
            .values_list("pk", "count")
        )
        cached = {**cached, **dict(rows)}
        cache.set(COUNTS_KEY, cached, COUNT_SECONDS)
    counts = {action.pk: cached.get(action.pk) for action in actions}
    for action in actions:
        if action.kind == ActionKind.SIGN:
            found = appeal()
            counts[action.pk] = count_data(found)["confirmed"] if found is not None else None
    return counts


def centre_steps(
    *, limit: int | None = None, appeal_to_sign: Callable[[], Appeal | None] = appeal_to_sign_now
) -> list[Step]:
    """The published actions in the staff's order, each with its button's address and count;
    those whose page is not on the site are left out. `limit`: the first few only.
    `appeal_to_sign` finds the appeal to sign (a page that has found it already passes it)."""
    found: list[Appeal | None] = []

    def appeal() -> Appeal | None:  # looked up once, and only when an action needs it
        if not found:
            found.append(appeal_to_sign())
        return found[0]

    steps: list[tuple[Action, str]] = []
    for action in Action.objects.public():
        url = step_url(action, appeal)
        if url:
            steps.append((action, url))
        if limit is not None and len(steps) >= limit:
            break
    counts = _counts([action for action, _url in steps], appeal)
    return [Step(action, url, counts.get(action.pk)) for action, url in steps]


def centre_counts(actions: list[Action]) -> dict[int, int | None]:
    """{action pk: count} of these actions, shown or not (the staff's list)."""
    return _counts(actions, appeal_to_sign_now)


def centre_forget() -> None:
    """Drop the cached counts (after an action changed), now and when the transaction ends."""
    cache.delete(COUNTS_KEY)
    transaction.on_commit(lambda: cache.delete(COUNTS_KEY))


def action_done(*, action: Action, done: list[str], network: str) -> bool:
    """Count one "I did this" for a self-counted action: at most once per browser (`done`, the
    session's list of slugs, which this adds to) and DONE_PER_NETWORK an hour per network.
    True when counted."""
    if action.kind not in SELF_COUNTED or not action.published or action.slug in done:
        return False
    if ratelimit.hit(f"act-done-network:{network or 'none'}", window=HOUR) > DONE_PER_NETWORK:
        return False
    Action.objects.filter(pk=action.pk).update(done_count=F("done_count") + 1)
    done.append(action.slug)
    centre_forget()
    return True
