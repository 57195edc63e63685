"""Urgent actions: "I took this action", counted without a login.

A browser counts once per action (its session remembers the actions it took) and a network
(/24 or /48) a bounded number of times a day, so a script that drops its cookies cannot move
the count far. Nothing about the visitor is stored: the session holds only action ids, the
rate counters keyed hashes of the network.
"""

from dataclasses import dataclass

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import F

from freethem.actions.models import UrgentAction
from freethem.appeals.defences import network_hash
from freethem.core import ratelimit

SESSION_KEY = "urgent_actions_taken"
# A session remembers this many actions (the latest); more would only grow the cookie's row.
REMEMBERED = 200
DAY = 24 * 60 * 60
# Counted takes of one action from one network a day: a household, an office, a campus, a
# mobile operator's shared addresses.
TAKES_PER_NETWORK = 100
# PDFs (letters and cards) one network may have made in an hour: each costs CPU.
PDFS_PER_NETWORK = 40
HOUR = 60 * 60


@dataclass(frozen=True)
class Taken:
    counted: bool  # this request moved the count
    count: int  # the action's count after it


class UrgentActionClosed(Exception):
    """The action expired or was withdrawn: it takes no more."""


def taken_by(session: SessionBase) -> list[int]:
    ids = session.get(SESSION_KEY, [])
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


def has_taken(session: SessionBase, urgent_action: UrgentAction) -> bool:
    return urgent_action.pk in taken_by(session)


def urgent_action_take(*, urgent_action: UrgentAction, session: SessionBase, ip: str = "") -> Taken:
    """Count one supporter who took the action: once per browser session, and at most
    TAKES_PER_NETWORK a day per network (past that the view thanks the browser all the same).
    Raises UrgentActionClosed when the action is not open."""
    if not urgent_action.is_active:
        raise UrgentActionClosed
    taken = taken_by(session)
    counted = False
    if urgent_action.pk not in taken:
        network = network_hash(ip) or "none"
        key = f"urgent-take:{urgent_action.pk}:{network}"
        if ratelimit.hit(key, window=DAY) <= TAKES_PER_NETWORK:
            UrgentAction.objects.filter(pk=urgent_action.pk).update(
                taken_count=F("taken_count") + 1
            )
            counted = True
            # Only a counted take writes the session: a flood past the limit (without
            # cookies) creates no session rows either.
            session[SESSION_KEY] = [*taken, urgent_action.pk][-REMEMBERED:]
    urgent_action.refresh_from_db(fields=["taken_count"])
    return Taken(counted=counted, count=urgent_action.taken_count)


def pdf_allowed(*, ip: str) -> bool:
    """Take one PDF from the network's hourly share; False when it is used up."""
    network = network_hash(ip) or "none"
    return ratelimit.hit(f"urgent-pdf:{network}", window=HOUR) <= PDFS_PER_NETWORK
