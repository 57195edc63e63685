"""Search that knows Persian: the SearchTerm index and the queries that read it.

Each person has three kinds of index rows (see SearchTerm):
- EXACT: the normalised whole form of each of their names, in both scripts;
- NAME: the script-neutral phonetic key of every word of those names, so "Sotudeh",
  "Sotoudeh", "ستوده" and "ستوده" typed on an Arabic keyboard share one key;
- TEXT: the keys of the words of their public summaries.

A query is answered from the indexes alone: exact names by equality and name words by prefix
ranges (term >= key AND term < next key) on the (kind, term) index, summary words by
equality. The rarest query word's rows are read first and every other word is checked per
person with EXISTS on the unique (person, kind, term) index. The caller's queryset is then
filtered with `pk IN (...)`, so the filters it carries (published(), held(), ...) still
apply and no join multiplies its rows.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from freethem.core import text
from freethem.core.text import exact_form, tokens
from freethem.prisoners.models import Person, PersonQuerySet, SearchTerm

Kind = SearchTerm.Kind
EXACT, NAME, TEXT = int(Kind.EXACT), int(Kind.NAME), int(Kind.TEXT)  # plain ints for raw SQL
TABLE = SearchTerm._meta.db_table

MAX_QUERY_WORDS = 10
MAX_TEXT_WORDS = 200  # summary words indexed per person: summaries are short, this is a cap
MIN_TEXT_KEY = 2  # one-letter summary keys ("a", "v") are in nearly every summary
MIN_PREFIX = 2  # a one-letter query key matches by equality: as a prefix it would match most
TERM_LENGTH = SearchTerm._meta.get_field("term").max_length
INDEX_BATCH = 2000
INDEXED_FIELDS = ("name_fa", "name_latin", "summary_en", "summary_fa")

# Ranks, best first.
EXACT_NAME, NAME_WORDS, TEXT_WORDS = 0, 1, 2


# Indexing ----------------------------------------------------------------------------------


@lru_cache(maxsize=100_000)
def word_keys(word: str) -> tuple[str, ...]:
    """The name keys of one space-separated word. Remembered: the same given names, family
    names and summary words come back person after person, and keying is the slow part."""
    return tuple(key for key in map(text.name_key, tokens(word)) if key)


@lru_cache(maxsize=100_000)
def word_form(word: str) -> str:
    return exact_form(word)


def whole_form(name: str) -> str:
    """exact_form(name), put together word by word through the cache."""
    return " ".join(form for form in map(word_form, name.split()) if form)


def name_keys(value: str) -> list[str]:
    """text.name_keys(value), keyed word by word through the cache."""
    return list(dict.fromkeys(key for word in value.split() for key in word_keys(word)))


def person_terms(person: Person, other_names: Iterable[str]) -> set[tuple[int, str]]:
    """The (kind, term) index rows for a person with these other names."""
    names = [person.name_fa, person.name_latin, *other_names]
    name_terms = {key for name in names for key in name_keys(name)}
    summary = name_keys(f"{person.summary_en} {person.summary_fa}")
    # Summary words that are name words already would only repeat those rows.
    text_terms = [key for key in summary if len(key) >= MIN_TEXT_KEY and key not in name_terms]
    terms = {(EXACT, whole_form(name)) for name in names}
    terms |= {(NAME, key) for key in name_terms}
    terms |= {(TEXT, key) for key in text_terms[:MAX_TEXT_WORDS]}
    return {(kind, term[:TERM_LENGTH]) for kind, term in terms if term}


def term_rows(person: Person, other_names: Iterable[str]) -> list[tuple[int, int, str]]:
    """(person_id, kind, term) for each of the person's index rows."""
    return [(person.pk, kind, term) for kind, term in sorted(person_terms(person, other_names))]


def index_person(person: Person) -> None:
    """Rebuild one person's index rows from their current names and summaries."""
    rows = term_rows(person, person.other_names.values_list("name", flat=True))
    with transaction.atomic():
        SearchTerm.objects.filter(person=person).delete()
        SearchTerm.objects.bulk_create(
            SearchTerm(person_id=pk, kind=kind, term=term) for pk, kind, term in rows
        )


def index_people(queryset: QuerySet[Person], batch_size: int = INDEX_BATCH) -> int:
    """Rebuild the index rows of many people, a batch per transaction. Returns rows written."""
    people = queryset.order_by("pk").only(*INDEXED_FIELDS).prefetch_related("other_names")
    written = 0
    for batch in batches(people, batch_size):
        rows = [
            row
            for person in batch
            for row in term_rows(person, (other.name for other in person.other_names.all()))
        ]
        with transaction.atomic():
            SearchTerm.objects.filter(person__in=[person.pk for person in batch]).delete()
            insert_rows(rows)
        written += len(rows)
    return written


def insert_rows(rows: list[tuple[int, int, str]]) -> None:
    """One executemany, not bulk_create: at 100,000 people (two million rows) building a model
    instance per row and compiling an INSERT per 333 of them took three times as long."""
    sql = f"INSERT INTO {TABLE} (person_id, kind, term) VALUES (%s, %s, %s)"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def batches(queryset: QuerySet[Person], size: int) -> Iterator[list[Person]]:
    last_pk = 0
    while batch := list(queryset.filter(pk__gt=last_pk)[:size]):
        yield batch
        last_pk = batch[-1].pk


# Searching ---------------------------------------------------------------------------------


def query_keys(q: str) -> list[str]:
    """The distinct name keys of the query's first MAX_QUERY_WORDS words, in order."""
    keys = (text.name_key(word) for word in tokens(q)[:MAX_QUERY_WORDS])
    return list(dict.fromkeys(key for key in keys if key))


def next_key(key: str) -> str:
    """The smallest string greater than every string that starts with key."""
    return key[:-1] + chr(ord(key[-1]) + 1)


# The conditions below are SQL on one SearchTerm row, with {kind} and {term} standing for its
# columns, and their parameters. They are written by hand rather than as Q objects because
# building and compiling the same query through the ORM took longer than the database took
# to run it. Only column names and these fixed fragments go into the SQL text; every value is
# a parameter.
Sql = tuple[str, list[object]]
Hit = Callable[[str], Sql]
# The rows of the rarest key are found by range on the (kind, term) index; the other keys are
# then checked for one person at a time on the (person, kind, term) index. PostgreSQL
# underestimates the rows in a term range and may pick the (kind, term) index for that check,
# scanning the whole range once per person: on PostgreSQL `term || ''` rules that out. SQLite
# picks well by itself, and runs faster with the plain column.
FIRST = {"kind": "s.kind", "term": "s.term"}
OTHERS = {"kind": "t.kind", "term": "t.term"}
OTHERS_ON = {"postgresql": {"kind": "t.kind", "term": "(t.term || '')"}}
# LIMIT 1 OFFSET 0 keeps PostgreSQL from turning EXISTS into a join planned from those same
# estimates: the check stays one probe per person.
EXISTS = (
    " AND EXISTS (SELECT 1 FROM {table} t WHERE t.person_id = s.person_id AND {condition}"
    " LIMIT 1 OFFSET 0)"
)


def name_hit(key: str) -> Sql:
    """A name word that starts with key: a range on the (kind, term) index."""
    if len(key) < MIN_PREFIX:
        return word_hit(key)
    return "({kind} = %s AND {term} >= %s AND {term} < %s)", [NAME, key, next_key(key)]


def word_hit(key: str) -> Sql:
    """A name word with exactly that key."""
    return "({kind} = %s AND {term} = %s)", [NAME, key]


def summary_hit(key: str) -> Sql:
    """A summary word with exactly that key."""
    return "({kind} = %s AND {term} = %s)", [TEXT, key]


def text_hit(key: str) -> Sql:
    """A name word that starts with key, or a summary word with that key."""
    (name, params), (summary, more) = name_hit(key), summary_hit(key)
    return f"({name} OR {summary})", [*params, *more]


def people_with_all(keys: Sequence[str], hit: Hit, using: str = DEFAULT_DB_ALIAS) -> RawSQL:
    """SQL for the person_ids with a hit for every key. The first key's rows are read by range
    on the (kind, term) index; each further key is then checked person by person on the
    unique (person, kind, term) index, so the rarest key should come first."""
    others = OTHERS_ON.get(connections[using].vendor, OTHERS)
    sql, params = hit(keys[0])
    query = f"SELECT s.person_id FROM {TABLE} s WHERE {sql.format(**FIRST)}"  # noqa: S608
    for key in keys[1:]:
        sql, more = hit(key)
        query += EXISTS.format(table=TABLE, condition=sql.format(**others))
        params += more
    return RawSQL(query, params)  # noqa: S611


def hit_counts(keys: Sequence[str], hits: Sequence[Hit], using: str) -> list[int]:
    """How many index rows each key hits with each kind of hit, counted on the (kind, term)
    index alone in one query: [key 1 hit 1, key 1 hit 2, ..., key 2 hit 1, ...]."""
    parts = [hit(key) for key in keys for hit in hits]
    count = "(SELECT COUNT(*) FROM {table} s WHERE {condition})"
    counts = ", ".join(count.format(table=TABLE, condition=sql.format(**FIRST)) for sql, _ in parts)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {counts}", [p for _, params in parts for p in params])
        return list(cursor.fetchone())


def rarest_first(keys: list[str], using: str) -> tuple[list[str], list[str]] | None:
    """The keys in the order to check them for the name rank and for the text match, rarest
    first; None when a key hits no row at all, so that nobody can match."""
    if len(keys) == 1:
        return keys, keys
    counts = iter(hit_counts(keys, (name_hit, summary_hit), using))
    names, summaries = {}, {}
    for key in keys:
        names[key], summaries[key] = next(counts), next(counts)
        if not names[key] + summaries[key]:
            return None
    by_name = sorted(keys, key=names.__getitem__)
    return by_name, sorted(keys, key=lambda key: names[key] + summaries[key])


def exact_matches(q: str) -> QuerySet[SearchTerm]:
    form = exact_form(q)[:TERM_LENGTH]
    return SearchTerm.objects.filter(kind=EXACT, term=form).values("person_id")


def search(queryset: PersonQuerySet, q: str) -> PersonQuerySet:
    """The people of queryset that match q, best first (see the module's docstring). Called
    as Person.objects.search(q), or on any PersonQuerySet: .published().search(q).

    rank is EXACT_NAME when a whole name equals the query, NAME_WORDS when every query word
    starts a word of their names, TEXT_WORDS when every word is in their names or summaries.
    An exact match is always a text match too (its words are its name words), so the filter is
    one `pk IN (...)` that the database drives from the index.

    For a query of several words this runs one small query at once, counting each word's
    index rows, to read the rarest word's rows first (a miss returns no rows at all).
    """
    if not q or not q.strip():
        return queryset
    keys = query_keys(q)
    ordered = rarest_first(keys, queryset.db) if keys else None
    if ordered is None:
        return queryset.none()
    by_name, by_text = ordered
    rank = Case(
        When(pk__in=exact_matches(q), then=Value(EXACT_NAME)),
        When(pk__in=people_with_all(by_name, name_hit, queryset.db), then=Value(NAME_WORDS)),
        default=Value(TEXT_WORDS),
        output_field=IntegerField(),
    )
    return (
        queryset.filter(pk__in=people_with_all(by_text, text_hit, queryset.db))
        .annotate(rank=rank)
        .order_by("rank", "name_latin", "pk")
    )


# Duplicates --------------------------------------------------------------------------------


def duplicates_for(
    *,
    name_fa: str,
    name_latin: str,
    other_names: Sequence[str] = (),
    exclude_pk: int | None = None,
) -> QuerySet[Person]:
    """People, in any publication state, who may be the person being entered: one of their
    names has the same exact form as one of these, or their name words cover every word of
    one of these names (in either script, under any transliteration). A one-word name is only
    matched exactly: "Ali" alone would flag half the database."""
    names = [name for name in (name_fa, name_latin, *other_names) if name.strip()]
    forms = [form for form in (exact_form(name)[:TERM_LENGTH] for name in names) if form]
    found = Q(pk__in=SearchTerm.objects.filter(kind=EXACT, term__in=forms).values("person_id"))
    for keys in {tuple(name_keys(name)) for name in names}:
        if len(keys) > 1:  # longer keys first: they are usually the rarer family names
            found |= Q(pk__in=people_with_all(sorted(keys, key=len, reverse=True), word_hit))
    people = Person.objects.filter(found)
    if exclude_pk is not None:
        people = people.exclude(pk=exclude_pk)
    return people.order_by("name_latin", "pk")
