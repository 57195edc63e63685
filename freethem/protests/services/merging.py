"""ACLED's rule, one record per place per day: finding the records that report the same
protest twice, and merging them into one.

What the merged record says (merge_preview, shown to staff before they merge):
- its sources, participant groups and linked prisoners: those of every record, united (a source
  cited twice, same name and address, once);
- fatalities: the lowest figure reported (ACLED's conservative rule). Deaths, arrests and
  injuries likewise: the records report one protest, so their figures are estimates of the same
  count, not parts of a sum; the lowest figure given is kept, and none when no record gives one;
- crowd size: the range that covers every report (the lowest low estimate, the highest
  estimate given); the sources' own words joined;
- claims, tags, associated actors and ACLED's source text: united, each once, in order;
- notes: the kept record's, then each other record's under its id;
- everything else (type, actor, coordinates, wave, ...): the kept record's, filled in from the
  others where it has none; the most precise date precision;
- its state: published if any of the records was.
The absorbed records are archived with `merged_into` set, so their ids still lead to the record
that holds them. The merge is one transaction and one revision in each record's history, after a
revision of how they all stood before: protests_unmerge reverts to that one (as long as the kept
record has not changed since), which undoes the merge. The audit log names who merged what, and
who undid it.
"""

import functools
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from freethem.core.audit import audit_record
from freethem.core.text import tokens
from freethem.protests.models import ParticipantGroup, Protest, ProtestSource
from freethem.protests.services.records import (
    CHANGE_PERMISSION,
    NOT_ALLOWED,
    User,
    check_may_be,
    lowest_reported,
)
from freethem.protests.vocab import State

NOTHING_TO_MERGE = _("Choose at least two records to merge.")
NOT_SAME_DAY = _("Only records of the same day are merged: %(ids)s are of another day.")
NOT_SAME_PLACE = _(
    "Only records of the same place are merged: %(ids)s are in another country or province."
)
NOT_MERGED = _("This record was not merged into another.")
CANNOT_UNDO = _(
    "%(event_id)s has changed since the merge: undoing it here would lose those changes. "
    "Compare its versions in its history and change it by hand."
)
NO_HISTORY = _("The history does not hold this merge: change the records by hand.")
UNMERGED = _("Merge of %(ids)s into %(event_id)s undone.")
MERGED_ALREADY = _("%(ids)s were merged already or are archived: they cannot be merged again.")
BEFORE_MERGE = _("Before the merge into %(event_id)s.")
MERGED = _("Merged %(ids)s into this record.")

TEXT_LISTS = ("claims", "tags", "assoc_actor_1", "assoc_actor_2", "source")
LIST_SEPARATORS = {"claims": "\n"}  # the others are ACLED's "; "-separated lists
LOWEST = ("fatalities", "deaths", "arrests", "injuries")
FILLED_IN = (
    "actor2", "admin1", "admin2", "admin3", "source_scale", "wave_id", "inter1", "inter2",
    "interaction", "civilian_targeting",
)  # fmt: skip
MAX_GROUPS = 200


# Finding them --------------------------------------------------------------------------------


def duplicate_key(
    day: date, country: object, province: str, location: str, actor: str
) -> tuple[Any, ...]:
    """What two reports of one protest share: the day, the country, the province, and the
    town's name and the actor's folded (case, accents, Persian letter forms, spacing)."""
    return (day, str(country), province, _folded(location), _folded(actor))


@functools.lru_cache(maxsize=20_000)
def _folded(text: str) -> str:
    # Towns and actors repeat across thousands of records: fold each name once.
    return " ".join(tokens(text))


def protest_duplicates(
    *, since: date | None = None, limit: int = MAX_GROUPS
) -> list[list[Protest]]:
    """Groups of records that look like one protest reported more than once: same day, same
    place, same actor, none archived or merged. The newest days first, at most `limit` groups."""
    candidates = Protest.objects.exclude(state=State.ARCHIVED).filter(merged_into=None)
    if since is not None:
        candidates = candidates.filter(date__gte=since)
    fields = ("pk", "date", "country", "province", "location", "actor1")
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for pk, *place in candidates.values_list(*fields).iterator():
        groups[duplicate_key(*place)].append(pk)
    keys = sorted((key for key, pks in groups.items() if len(pks) > 1), reverse=True)[:limit]
    wanted = [pk for key in keys for pk in groups[key]]
    found = Protest.objects.filter(pk__in=wanted).prefetch_related("sources").in_bulk()
    return [[found[pk] for pk in sorted(groups[key])] for key in keys]


# What the merged record will say -------------------------------------------------------------


@dataclass
class Merged:
    """The merged record's values, before anything is saved."""

    into: Protest
    others: list[Protest]
    values: dict[str, Any] = field(default_factory=dict)
    sources: list[ProtestSource] = field(default_factory=list)  # the ones to add
    groups: list[ParticipantGroup] = field(default_factory=list)
    prisoners: list[Any] = field(default_factory=list)
    state: str = State.DRAFT

    @property
    def ids(self) -> str:
        return ", ".join(other.event_id for other in self.others)


def _united(texts: Iterable[str], separator: str) -> str:
    seen: dict[str, str] = {}
    for text in texts:
        for item in text.split(separator.strip() or separator):
            item = item.strip()
            key = " ".join(tokens(item)) or item
            if item and key not in seen:
                seen[key] = item
    return separator.join(seen.values())


def _size(records: Sequence[Protest]) -> dict[str, Any]:
    lows = [r.size_low for r in records if r.size_low is not None]
    highs = [r.size_high for r in records if r.size_high is not None]
    low = min(lows) if lows else None
    high = max(highs + lows) if highs else None
    words = _united((r.size_text for r in records), "; ")
    limit = Protest._meta.get_field("size_text").max_length
    text = words if len(words) <= limit else words[: limit - 1] + "…"
    return {"size_low": low, "size_high": high, "size_text": text}


def _notes(into: Protest, others: Sequence[Protest], name: str) -> str:
    parts = [getattr(into, name).strip()]
    for other in others:
        text = getattr(other, name).strip()
        if text and text not in parts:
            parts.append(f"[{other.event_id}] {text}")
    return "\n\n".join(part for part in parts if part)


def merge_preview(*, into: Protest, others: Sequence[Protest]) -> Merged:
    """What the merged record will say; refuses records that are not one place on one day."""
    others = [other for other in others if other.pk != into.pk]
    _check(into, others)
    records = [into, *others]
    merged = Merged(into=into, others=others)
    values = merged.values
    for name in LOWEST:
        values[name] = lowest_reported(*(getattr(r, name) for r in records))
    values["fatalities"] = values["fatalities"] or 0
    values.update(_size(records))
    for name in TEXT_LISTS:
        values[name] = _united((getattr(r, name) for r in records), LIST_SEPARATORS.get(name, "; "))
    values["notes"] = _notes(into, others, "notes")
    values["notes_fa"] = _notes(into, others, "notes_fa")
    for name in FILLED_IN:
        if getattr(into, name) in (None, ""):
            given = (getattr(r, name) for r in others if getattr(r, name) not in (None, ""))
            values[name] = next(given, getattr(into, name))
    if into.latitude is None:
        placed = next((r for r in others if r.latitude is not None), None)
        if placed is not None:
            values.update(
                latitude=placed.latitude,
                longitude=placed.longitude,
                geo_precision=placed.geo_precision,
            )
    values["time_precision"] = min(r.time_precision for r in records)
    merged.sources = _new_sources(into, others)
    merged.groups = _union(r.groups.all() for r in records)
    merged.prisoners = _union(r.prisoners.all() for r in records)
    published = any(r.state == State.PUBLISHED for r in records)
    merged.state = State.PUBLISHED if published else into.state
    return merged


def _union(querysets: Iterable[Iterable[Any]]) -> list[Any]:
    found: dict[int, Any] = {}
    for rows in querysets:
        for row in rows:
            found.setdefault(row.pk, row)
    return list(found.values())


def _new_sources(into: Protest, others: Sequence[Protest]) -> list[ProtestSource]:
    seen = {(s.name.strip().casefold(), s.url) for s in into.sources.all()}
    new = []
    for other in others:
        for source in other.sources.all():
            key = (source.name.strip().casefold(), source.url)
            if key not in seen:
                seen.add(key)
                new.append(
                    ProtestSource(
                        name=source.name,
                        url=source.url,
                        published_on=source.published_on,
                        scale=source.scale,
                    )
                )
    return new


def _check(into: Protest, others: Sequence[Protest]) -> None:
    if not others:
        raise ValidationError(NOTHING_TO_MERGE, code="nothing")
    done = [r.event_id for r in [into, *others] if r.merged_into_id or r.state == State.ARCHIVED]
    if done:
        raise ValidationError(MERGED_ALREADY, code="merged", params={"ids": ", ".join(done)})
    other_day = [r.event_id for r in others if r.date != into.date]
    if other_day:
        raise ValidationError(NOT_SAME_DAY, code="day", params={"ids": ", ".join(other_day)})
    where = (str(into.country), into.province)
    elsewhere = [r.event_id for r in others if (str(r.country), r.province) != where]
    if elsewhere:
        raise ValidationError(NOT_SAME_PLACE, code="place", params={"ids": ", ".join(elsewhere)})


# Merging -------------------------------------------------------------------------------------


def protests_merge(*, into: Protest, others: Sequence[Protest], by: User | None) -> Protest:
    """Merge the other records into `into` (see the module's docstring); one transaction."""
    if by is not None and not by.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied(NOT_ALLOWED)
    with transaction.atomic():
        # Lock them all, and read them afresh: another merge may have taken one of them.
        pks = [into.pk, *(other.pk for other in others)]
        locked = Protest.objects.select_for_update().filter(pk__in=pks).in_bulk()
        into = locked[into.pk]
        others = [locked[other.pk] for other in others if other.pk != into.pk]
        merged = merge_preview(into=into, others=others)
        _snapshot(merged, by)
        with reversion.create_revision():
            _apply(merged)
            _remember(merged, by)
    audit_record(
        user=by,
        action=gettext_noop("merge protests"),
        subject=f"protest {into.event_id}",
        detail=f"absorbed {merged.ids}",
    )
    return into


def _snapshot(merged: Merged, by: User | None) -> None:
    """A revision of every record as it stands before the merge: reverting it undoes the merge."""
    with reversion.create_revision():
        if by is not None and by.is_authenticated:
            reversion.set_user(by)
        reversion.set_comment(gettext(BEFORE_MERGE) % {"event_id": merged.into.event_id})
        for record in [merged.into, *merged.others]:
            reversion.add_to_revision(record)


def _apply(merged: Merged) -> None:
    into = merged.into
    for name, value in merged.values.items():
        setattr(into, name, value)
    into.full_clean()
    into.save()
    for source in merged.sources:
        source.protest = into
        source.full_clean()
        source.save()
    into.groups.add(*merged.groups)
    into.prisoners.add(*merged.prisoners)
    if merged.state != into.state:
        check_may_be(into, merged.state)
        into.state = merged.state
        into.save(update_fields=["state", "updated_at"])
    for other in merged.others:
        # Records merged into this one earlier now lead straight to the kept record.
        Protest.objects.filter(merged_into=other).update(merged_into=into)
        other.state = State.ARCHIVED
        other.merged_into = into
        other.save(update_fields=["state", "merged_into", "updated_at"])


def _remember(merged: Merged, by: User | None) -> None:
    if by is not None and by.is_authenticated:
        reversion.set_user(by)
    reversion.set_comment(gettext(MERGED) % {"ids": merged.ids})
    for record in [merged.into, *merged.others]:
        reversion.add_to_revision(record)


# Undoing a merge -----------------------------------------------------------------------------


def protests_unmerge(*, absorbed: Protest, by: User | None) -> Protest:
    """Undo the merge that absorbed this record: every record of that merge goes back to how
    it stood before it (fields, sources, participants, prisoners, state). Returns the record
    that had kept them."""
    if by is not None and not by.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied(NOT_ALLOWED)
    with transaction.atomic():
        absorbed = Protest.objects.select_for_update().get(pk=absorbed.pk)
        if absorbed.merged_into_id is None:
            raise ValidationError(NOT_MERGED, code="not_merged")
        kept = Protest.objects.select_for_update().get(pk=absorbed.merged_into_id)
        merge, before = _merge_versions(absorbed, kept)
        newer = Version.objects.get_for_object(kept).filter(revision__pk__gt=merge.revision_id)
        if newer.exists():
            raise ValidationError(CANNOT_UNDO, code="changed", params={"event_id": kept.event_id})
        records = _records_in(before)
        with reversion.create_revision():
            before.revision.revert(delete=True)
            ids = ", ".join(r.event_id for r in records if r.pk != kept.pk)
            if by is not None and by.is_authenticated:
                reversion.set_user(by)
            reversion.set_comment(gettext(UNMERGED) % {"ids": ids, "event_id": kept.event_id})
            for record in records:
                record.refresh_from_db()
                reversion.add_to_revision(record)
    audit_record(
        user=by,
        action=gettext_noop("undo a merge of protests"),
        subject=f"protest {kept.event_id}",
        detail=f"restored {ids}",
    )
    kept.refresh_from_db()
    return kept


def _merge_versions(absorbed: Protest, kept: Protest) -> tuple[Version, Version]:
    """The absorbed record's version saved by the merge, and the one saved just before it."""
    versions = list(Version.objects.get_for_object(absorbed)[:20])  # newest first
    for newer, older in itertools.pairwise(versions):
        if (
            newer.field_dict.get("merged_into_id") == kept.pk
            and older.field_dict.get("merged_into_id") is None
        ):
            return newer, older
    raise ValidationError(NO_HISTORY, code="no_history")


def _records_in(before: Version) -> list[Protest]:
    pks = [
        int(version.object_id)
        for version in before.revision.version_set.all()
        if version.content_type.model_class() is Protest
    ]
    return list(Protest.objects.filter(pk__in=pks).order_by("pk"))
