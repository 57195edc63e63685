"""Search of an appeal's public list by name, knowing Persian as the case database does.

Visitors type a name as they hear it: "Golian" or "Qolian" for قلیان, with or without a
zero-width non-joiner, with an Arabic ي or ك, in any case, with or without accents. Each word
of a signature's name as shown is reduced to its script-neutral name key (freethem.core.text)
and stored, one SignatureSearchKey row per key, when the signature is confirmed and whenever
the name it shows changes; in a name of three words or more, runs of up to three adjacent
words are also keyed joined into one ("Abd ol Hamid" is "Abdolhamid").

A query word matches a signature when one of the word's keys (its own, and it joined with its
neighbours) is one of the signature's keys; when no listed signature has every word so, when
one of its keys starts with the word's key, so that "Moham" finds Mohammad while "Ali" finds
Ali and not Alireza. Each word is one `pk IN (...)` read by equality or range on the (appeal,
key, signature) index: no signature is read in Python, whatever the size of the list.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from django.db import connections, transaction
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from freethem.appeals.models import (
    Signature,
    SignatureQuerySet,
    SignatureSearchKey,
    SignatureState,
)
from freethem.core import text

MAX_QUERY_LENGTH = 200  # characters of a query read; the rest is ignored
MAX_QUERY_WORDS = 6
MAX_JOINED = 3  # adjacent words read as one
MIN_JOINED_NAME = 3  # a name of two words is a given and a family name, never typed as one
MIN_PREFIX = 2  # a one-letter key is matched whole: as a prefix it would match most names
KEY_LENGTH = SignatureSearchKey._meta.get_field("key").max_length


def runs(length: int) -> Iterator[tuple[int, int]]:
    """(start, end) of every run of 1 to MAX_JOINED adjacent items of a sequence."""
    for start in range(length):
        for end in range(start + 1, min(start + MAX_JOINED, length) + 1):
            yield start, end


def name_search_keys(name: str) -> set[str]:
    """The keys stored for a name as shown."""
    words = text.tokens(name)
    if len(words) < MIN_JOINED_NAME:
        joined = words
    else:
        joined = ["".join(words[start:end]) for start, end in runs(len(words))]
    return {key[:KEY_LENGTH] for word in joined for key in text.name_key_variants(word)}


def keys_write(signatures: Sequence[Signature]) -> None:
    """Store the search keys of these signatures' names as shown, replacing any they had:
    none for a signature that is not confirmed or shows no name. (Whether a confirmed one is
    listed, not suspect or held, is asked of the signature when searching.)"""
    with transaction.atomic():
        SignatureSearchKey.objects.filter(signature__in=[s.pk for s in signatures]).delete()
        SignatureSearchKey.objects.bulk_create(
            SignatureSearchKey(appeal_id=signature.appeal_id, signature_id=signature.pk, key=key)
            for signature in signatures
            if signature.state == SignatureState.CONFIRMED
            for key in sorted(name_search_keys(signature.public_name))
        )


# Searching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """One word of a query: its own keys and those of it joined with its neighbours."""

    keys: tuple[str, ...]


def query_words(q: str) -> list[Word]:
    """The distinct Words of the query's first MAX_QUERY_WORDS tokens."""
    words = text.tokens(q[:MAX_QUERY_LENGTH])[:MAX_QUERY_WORDS]
    found = []
    for index in range(len(words)):
        if not text.name_key_variants(words[index]):
            continue
        joins = (
            "".join(words[start:end]) for start, end in runs(len(words)) if start <= index < end
        )
        keys = dict.fromkeys(
            k[:KEY_LENGTH] for joined in joins for k in text.name_key_variants(joined)
        )
        found.append(Word(tuple(keys)))
    return list(dict.fromkeys(found))


def next_key(key: str) -> str:
    """The smallest string greater than every string that starts with key."""
    return key[:-1] + chr(ord(key[-1]) + 1)


def shortest(keys: Sequence[str]) -> list[str]:
    """keys without those that start with another of them (its range holds theirs)."""
    kept: list[str] = []
    for key in sorted(keys, key=len):
        if not any(len(short) >= MIN_PREFIX and key.startswith(short) for short in kept):
            kept.append(key)
    return kept


def whole(word: Word) -> Q:
    return Q(key__in=word.keys)


def starting(word: Word) -> Q:
    condition = Q(key__in=[key for key in word.keys if len(key) < MIN_PREFIX])
    for key in shortest([key for key in word.keys if len(key) >= MIN_PREFIX]):
        condition |= Q(key__gte=key, key__lt=next_key(key))
    return condition


Hit = Callable[[Word], Q]


# PostgreSQL plans `pk IN (keys)` as a hash join over every signature of the appeal when a
# name is common (a sequential scan: 100 ms to count 3,000 matches among 100,000 names);
# `pk = ANY(ARRAY(keys))` reads the keys once, then the signatures they name by primary key
# (7 ms). Only the first word is read so: the others stay `pk IN (keys)`, checked on the
# signatures it found (several arrays, each searched element by element for every row of a
# sequential scan, took minutes). The condition names the signature table itself: the
# search's queryset must not be nested under an alias.
ANY_OF_KEYS = "{table}.{pk} = ANY(ARRAY({keys}))"


def matching(words: Sequence[Word], hit: Hit, *, appeal_id: int, using: str) -> Q:
    """Every word has a hit among the signature's keys: one `pk IN (...)` per word (on
    PostgreSQL `pk = ANY(ARRAY(...))` for the first), the keys read on the (appeal, key,
    signature) index."""
    condition = Q()
    for word in words:
        keys = SignatureSearchKey.objects.filter(hit(word), appeal_id=appeal_id)
        keys = keys.values("signature_id")
        connection = connections[using]
        if connection.vendor == "postgresql" and not condition:
            sql, params = keys.query.sql_with_params()
            quote = connection.ops.quote_name
            table, pk = quote(Signature._meta.db_table), quote(Signature._meta.pk.column)
            any_of = ANY_OF_KEYS.format(table=table, pk=pk, keys=sql)
            condition &= Q(RawSQL(any_of, params, output_field=BooleanField()))  # noqa: S611
        else:
            condition &= Q(pk__in=keys)
    return condition


def search(signatures: SignatureQuerySet, q: str, *, appeal_id: int) -> SignatureQuerySet:
    """The signatures of one appeal whose names as shown match q (see the module's
    docstring): all of them for an empty query, none for one without a word (punctuation,
    emoji). One query asks whether any of them has every word whole; the result is a
    queryset."""
    if not q or not q.strip():
        return signatures
    words = query_words(q)
    if not words:
        return signatures.none()
    using = signatures.db
    found = signatures.filter(matching(words, whole, appeal_id=appeal_id, using=using))
    if found.exists():
        return found
    return signatures.filter(matching(words, starting, appeal_id=appeal_id, using=using))
