"""Protest records: creating them under our own ids, changing them, and moving them through
their states (draft -> in review -> published -> archived).

Rules the services hold, whoever calls them (the staff area, the report moderation, the demo):
- our ids are "FT", the country's ISO 3166 alpha-3 code and a number ("FTIRN12", "FTGBR3").
  ACLED's are the alpha-3 code and a number ("IRN1234"): the letters after "FT" can never be
  read as one of ACLED's ids, and an id already taken (an imported record's) is skipped;
- a record is published only when it cites at least one source and, inside Iran, names its
  province (the database holds the second rule too: protest_in_iran_has_province);
- fatalities are the lowest figure reported (ACLED's conservative rule): `lowest_reported`;
- a record merged into another stays archived, so that it is never counted twice.
Anyone who may change protests (researchers and organisers) moves a record's state: the tracker
holds what sources reported, not personal data. Each change is a revision (django-reversion)
with who made it and why, in the record's history.
"""

import re
from collections.abc import Iterable
from typing import Any

import reversion
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import IntegerField
from django.db.models.functions import Cast, Substr
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from freethem.protests.models import IRAN, ParticipantGroup, Protest, ProtestSource
from freethem.protests.vocab import State

User = AbstractBaseUser | AnonymousUser

OUR_PREFIX = "FT"
# ACLED's ids: an ISO 3166 alpha-3 code and a number. Ours never match this.
ACLED_ID = re.compile(r"^[A-Z]{3}[0-9]+$")
CHANGE_PERMISSION = "protests.change_protest"
ADD_PERMISSION = "protests.add_protest"
ID_ATTEMPTS = 5

# The states each move starts from.
SUBMIT_FROM = (State.DRAFT,)
PUBLISH_FROM = (State.DRAFT, State.REVIEW)
ARCHIVE_FROM = (State.DRAFT, State.REVIEW, State.PUBLISHED)
DRAFT_FROM = (State.REVIEW, State.PUBLISHED, State.ARCHIVED)

NOT_ALLOWED = _("You may not change protest records.")
NO_SOURCE = _("A published record cites at least one source: add its source first.")
NO_PROVINCE = _("A record of a protest in Iran names its province: choose the province first.")
ONLY_DRAFTS_FOR_REVIEW = _("Only a draft can be sent for review.")
PUBLISHED_ALREADY = _("This record is published already.")
ARCHIVED_ALREADY = _("This record is archived already.")
DRAFT_ALREADY = _("This record is a draft already.")
MERGED_STAYS_ARCHIVED = _(
    "This record was merged into %(event_id)s and stays archived: change that record instead."
)
SENT_FOR_REVIEW = _("Sent for review.")
PUBLISHED = _("Published.")
ARCHIVED = _("Archived.")
BACK_TO_DRAFT = _("Back to draft.")
CREATED = _("Created.")
CHANGED = _("Changed.")


def lowest_reported(*figures: int | None) -> int | None:
    """ACLED's rule for fatalities: of the figures the sources report, the lowest."""
    known = [figure for figure in figures if figure is not None]
    return min(known) if known else None


# Ids ----------------------------------------------------------------------------------------


def id_prefix(country: str) -> str:
    """ "FT" and the country's ISO alpha-3 code ("FTIRN"); a country without one (Kosovo's
    XK) by its alpha-2 code and X, which is no alpha-3 code either."""
    alpha3 = countries.alpha3(country) or f"{country}X"
    return f"{OUR_PREFIX}{alpha3.upper()}"


def is_ours(event_id: str) -> bool:
    return event_id.startswith(OUR_PREFIX) and not ACLED_ID.match(event_id)


def next_event_id(country: str) -> str:
    """The next free id of our own for a record in the country: one more than the highest
    number given so far. Two records saved at once may draw the same number: protest_create
    draws again when the database refuses the second."""
    prefix = id_prefix(country)
    ours = Protest.objects.filter(event_id__regex=rf"^{prefix}[0-9]+$")
    numbers = ours.annotate(
        number=Cast(Substr("event_id", len(prefix) + 1), IntegerField())
    ).order_by("-number")
    highest = numbers.values_list("number", flat=True).first() or 0
    return f"{prefix}{highest + 1}"


# Creating and changing ----------------------------------------------------------------------


def protest_create(
    *,
    by: User | None,
    groups: Iterable[ParticipantGroup] = (),
    prisoners: Iterable[Any] = (),
    sources: Iterable[dict[str, Any]] = (),
    **fields: Any,
) -> Protest:
    """A new record (a draft unless `state` says otherwise, and then only if it may be) under
    the next id of our own; sources are ProtestSource fields ({"name": ..., "url": ...})."""
    if by is not None and not by.has_perm(ADD_PERMISSION):
        raise PermissionDenied(NOT_ALLOWED)
    state = fields.pop("state", State.DRAFT)
    groups, prisoners, sources = list(groups), list(prisoners), list(sources)  # for each attempt
    for attempt in range(ID_ATTEMPTS):
        try:
            with transaction.atomic(), reversion.create_revision():
                protest = Protest(event_id=next_event_id(fields.get("country", IRAN)), **fields)
                protest.full_clean()
                protest.save()
                protest.groups.set(groups)
                protest.prisoners.set(prisoners)
                for source in sources:
                    protest_source_add(protest=protest, **source)
                if state != State.DRAFT:
                    check_may_be(protest, state)
                    protest.state = state
                    protest.save(update_fields=["state", "updated_at"])
                _revision(protest, by, CREATED)
                return protest
        except IntegrityError:
            if attempt == ID_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def protest_source_add(*, protest: Protest, **fields: Any) -> ProtestSource:
    source = ProtestSource(protest=protest, **fields)
    source.full_clean()
    source.save()
    return source


def protest_update(*, protest: Protest, by: User | None, **fields: Any) -> Protest:
    """Change the record's fields (not its state: the moves below do that, nor its id). A
    published record stays publishable: the change is refused if it would not be."""
    if by is not None and not by.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied(NOT_ALLOWED)
    for name in ("state", "event_id", "merged_into"):
        if name in fields:
            raise ValueError(f"protest_update does not change {name}")
    try:
        with transaction.atomic(), reversion.create_revision():
            for name, value in fields.items():
                setattr(protest, name, value)
            if protest.state == State.PUBLISHED:
                check_may_be(protest, State.PUBLISHED)
            protest.full_clean()
            protest.save()
            _revision(protest, by, CHANGED)
    except ValidationError:
        protest.refresh_from_db()  # the caller's copy as stored, not as refused
        raise
    return protest


# States --------------------------------------------------------------------------------------


def publication_problems(protest: Protest) -> list[str]:
    """Why the record may not be published yet, in this page's language (none: it may)."""
    problems = []
    if protest.pk is None or not protest.sources.exists():
        problems.append(gettext(NO_SOURCE))
    if protest.country == IRAN and not protest.province:
        problems.append(gettext(NO_PROVINCE))
    return problems


def check_may_be(protest: Protest, state: str) -> None:
    # Only a draft may lack its province (the database holds this too).
    if state != State.DRAFT and protest.country == IRAN and not protest.province:
        raise ValidationError(NO_PROVINCE, code="province")
    if state == State.PUBLISHED and not protest.sources.exists():
        raise ValidationError(NO_SOURCE, code="source")


def protest_submit(*, protest: Protest, by: User | None) -> Protest:
    """Draft -> in review."""
    return _move(protest, by, State.REVIEW, SUBMIT_FROM, ONLY_DRAFTS_FOR_REVIEW, SENT_FOR_REVIEW)


def protest_publish(*, protest: Protest, by: User | None) -> Protest:
    """Draft or in review -> published, if it cites a source and (in Iran) names a province."""
    return _move(protest, by, State.PUBLISHED, PUBLISH_FROM, PUBLISHED_ALREADY, PUBLISHED)


def protest_archive(*, protest: Protest, by: User | None) -> Protest:
    """Off the public pages and the counts, kept with its id."""
    return _move(protest, by, State.ARCHIVED, ARCHIVE_FROM, ARCHIVED_ALREADY, ARCHIVED)


def protest_to_draft(*, protest: Protest, by: User | None) -> Protest:
    """Back to draft (unpublished), unless it was merged into another record."""
    return _move(protest, by, State.DRAFT, DRAFT_FROM, DRAFT_ALREADY, BACK_TO_DRAFT)


def _move(
    protest: Protest,
    by: User | None,
    to: str,
    allowed_from: tuple[str, ...],
    refusal: str | Promise,
    comment: str | Promise,
) -> Protest:
    if by is not None and not by.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied(NOT_ALLOWED)
    with transaction.atomic(), reversion.create_revision():
        # Read the state under a lock: two staff members acting at once see each other's move.
        current = Protest.objects.select_for_update().get(pk=protest.pk)
        if current.merged_into_id is not None:
            target = Protest.objects.get(pk=current.merged_into_id)
            raise ValidationError(
                MERGED_STAYS_ARCHIVED, code="merged", params={"event_id": target.event_id}
            )
        if current.state not in allowed_from:
            raise ValidationError(refusal, code="state")
        check_may_be(protest, to)
        protest.state = to
        protest.full_clean()
        protest.save(update_fields=["state", "updated_at"])
        _revision(protest, by, comment)
    return protest


def _revision(protest: Protest, by: User | None, comment: str | Promise) -> None:
    if by is not None and by.is_authenticated:
        reversion.set_user(by)
    reversion.set_comment(gettext(comment))
    if reversion.is_registered(Protest):
        reversion.add_to_revision(protest)
