"""Search that knows Persian: the SearchTerm index and the queries that read it.

Visitors type names as they hear them: "Golian" or "Qolian" for قلیان, "Fathemeh" for فاطمه,
"Aly" for Ali, "Mohammad Reza", "Mohammad-Reza" or "Mohammadreza" for one given name, and a
space where Persian writes a zero-width non-joiner ("علی رضا" for علی‌رضا). Each person has four
kinds of index rows (see SearchTerm):
- EXACT: each of their names, in both scripts, as one normalised whole ("Mohammad-Reza Karimi"
  is "mohammad reza karimi", علی‌رضا is علیرضا);
- WORD: each word of those names as spelled (normalised), to rank the spelling typed first;
- NAME: the script-neutral phonetic key (freethem.core.text) of every word of those names,
  and in names of three words or more, of every run of up to three adjacent words joined into
  one ("Mohammad Reza Karimi" also gives the key of "Mohammadreza", "Abd ol Hamid Zarghami"
  that of "Abdolhamid"), with both readings of a Latin "th" (t, or t and h);
- TEXT: the keys of the words of their public summaries.

A query word matches a person when one of its keys is one of their NAME or TEXT keys. Its
keys are its own and those of it joined with one or two of its neighbours, so "Mohammad Reza"
finds "Mohammadreza" ("Reza" joined with "Mohammad" is it) and "Mohammadreza Karimi" finds
"Mohammad Reza Karimi" (the person's first two words joined are it). Only when nobody
matches every word so does a query word match a NAME key that it starts: "Narges Moham" finds
Narges Mohammadi, but "Sepideh Golian" does not find Sepideh Golnari beside Sepideh Gholian.

A year in the query (2018, or Solar Hijri 1397 or ۱۳۹۷: see freethem.prisoners.years) is not
a word: it finds the people arrested in that year, or whose summary names it.

A query is answered from the indexes alone: exact names by equality and name words by prefix
ranges (term >= key AND term < next key) on the (kind, term) index, summary words by
equality. The rarest query word's rows are read first and every other word is checked per
person with EXISTS on the unique (person, kind, term) index. The caller's queryset is then
filtered with `pk IN (...)`, so the filters it carries (published(), held(), ...) still
apply and no join multiplies its rows.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from freethem.core import text
from freethem.core.text import tokens
from freethem.prisoners.models import Case as CaseRecord
from freethem.prisoners.models import Person, PersonQuerySet, SearchTerm
from freethem.prisoners.years import Year, arrested_in, parse_year

Kind = SearchTerm.Kind
# Plain ints for raw SQL.
EXACT, NAME, TEXT, WORD = int(Kind.EXACT), int(Kind.NAME), int(Kind.TEXT), int(Kind.WORD)
TABLE = SearchTerm._meta.db_table

MAX_QUERY_WORDS = 10
MAX_TEXT_WORDS = 200  # summary words indexed per person: summaries are short, this is a cap
MAX_JOINED = 3  # adjacent words read as one: "Abd ol Hamid" is "Abdolhamid"
MIN_JOINED_NAME = 3  # words of a name whose joined keys are indexed: "Mohammad Reza Karimi"
MIN_TEXT_KEY = 2  # one-letter summary keys ("a", "v") are in nearly every summary
MIN_PREFIX = 2  # a one-letter query key matches by equality: as a prefix it would match most
TERM_LENGTH = SearchTerm._meta.get_field("term").max_length
INDEX_BATCH = 2000
INDEXED_FIELDS = ("name_fa", "name_latin", "summary_en", "summary_fa")
YEAR_WORDS = {"سال", "year"}  # "سال ۱۳۹۷": dropped from a query that gives a year

# Ranks, best first.
EXACT_NAME, SPELLED, NAME_WORDS, TEXT_WORDS = 0, 1, 2, 3


# Keys --------------------------------------------------------------------------------------


@lru_cache(maxsize=100_000)
def word_tokens(word: str) -> tuple[str, ...]:
    """The normalised tokens of one space-separated word. Remembered, as are token_keys: the
    same given names, family names and summary words come back person after person, and
    normalising and keying are the slow part."""
    return tuple(tokens(word))


@lru_cache(maxsize=100_000)
def token_keys(token: str) -> tuple[str, ...]:
    """The name keys of one token (two for a Latin "th")."""
    return text.name_key_variants(token)


def name_tokens(name: str) -> list[str]:
    """text.tokens(name), through the cache."""
    return [token for word in name.split() for token in word_tokens(word)]


def spelled(token: str) -> str:
    """A token as the WORD rows keep it: normalised, آ as ا."""
    return token.replace("آ", "ا")


def exact_term(words: Sequence[str]) -> str:
    """The EXACT row of a name's tokens: spelled, one space between them (so a hyphen, a
    comma or a second space is a space, and a zero-width non-joiner is nothing)."""
    return " ".join(map(spelled, words))[:TERM_LENGTH]


def runs(length: int) -> Iterator[tuple[int, int]]:
    """(start, end) of every run of 1 to MAX_JOINED adjacent items of a sequence."""
    for start in range(length):
        for end in range(start + 1, min(start + MAX_JOINED, length) + 1):
            yield start, end


def joined_keys(words: Sequence[str]) -> set[str]:
    """The keys of each word of a name and, for a name of three words or more, of each run
    of adjacent words joined into one. A name of two words is a given name and a family
    name, which nobody types as one word; its keys joined would only double the rows that a
    search for its given name reads."""
    if len(words) < MIN_JOINED_NAME:
        return {key for word in words for key in token_keys(word)}
    return {key for start, end in runs(len(words)) for key in token_keys("".join(words[start:end]))}


# Indexing ----------------------------------------------------------------------------------


def joined_keys_of(names: Iterable[Sequence[str]]) -> set[str]:
    """The joined_keys of several names, together."""
    return {key for words in names for key in joined_keys(words)}


def person_terms(person: Person, other_names: Iterable[str]) -> set[tuple[int, str]]:
    """The (kind, term) index rows for a person with these other names."""
    names = [name_tokens(name) for name in (person.name_fa, person.name_latin, *other_names)]
    names = [words for words in names if words]
    name_terms = joined_keys_of(names)
    summary = name_tokens(f"{person.summary_en} {person.summary_fa}")
    summary_keys = dict.fromkeys(keys[0] for keys in map(token_keys, summary) if keys)
    # Summary words that are name words already would only repeat those rows.
    text_terms = [key for key in summary_keys if len(key) >= MIN_TEXT_KEY and key not in name_terms]
    terms = {(EXACT, exact_term(words)) for words in names}
    terms |= {(WORD, spelled(word)) for words in names for word in words}
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
    """Rebuild the index rows of many people, a batch per transaction. Returns rows written.
    queryset may be of a migration's historical Person model."""
    people = queryset.order_by("pk").only(*INDEXED_FIELDS).prefetch_related("other_names")
    using = queryset.db
    written = 0
    for batch in batches(people, batch_size):
        rows = [
            row
            for person in batch
            for row in term_rows(person, (other.name for other in person.other_names.all()))
        ]
        with transaction.atomic(using=using):
            delete_rows([person.pk for person in batch], using)
            insert_rows(rows, using)
        written += len(rows)
    return written


def delete_rows(person_ids: list[int], using: str = DEFAULT_DB_ALIAS) -> None:
    placeholders = ", ".join(["%s"] * len(person_ids))
    with connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE person_id IN ({placeholders})", person_ids)  # noqa: S608


def insert_rows(rows: list[tuple[int, int, str]], using: str = DEFAULT_DB_ALIAS) -> None:
    """One executemany, not bulk_create: at 100,000 people (two million rows) building a model
    instance per row and compiling an INSERT per 333 of them took three times as long."""
    sql = f"INSERT INTO {TABLE} (person_id, kind, term) VALUES (%s, %s, %s)"  # noqa: S608
    with connections[using].cursor() as cursor:
        cursor.executemany(sql, rows)


def batches(queryset: QuerySet[Person], size: int) -> Iterator[list[Person]]:
    last_pk = 0
    while batch := list(queryset.filter(pk__gt=last_pk)[:size]):
        yield batch
        last_pk = batch[-1].pk


# Searching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """One word of a query, and the index terms that may stand for it."""

    keys: tuple[str, ...]  # NAME: its own keys, and those of it joined with its neighbours
    forms: tuple[str, ...]  # WORD: its spelling, and it joined with its neighbours
    own: tuple[str, ...]  # TEXT: its own keys


@dataclass(frozen=True)
class Query:
    words: list[Word]
    years: list[Year]
    exact: str  # the EXACT term of the query's words


def query_words(words: Sequence[str]) -> list[Word]:
    """The distinct Words of a name's (or a query's) tokens, in order."""
    found = []
    for index, word in enumerate(words):
        joins = [
            "".join(words[start:end]) for start, end in runs(len(words)) if start <= index < end
        ]
        own = token_keys(word)
        if own:
            keys = dict.fromkeys(key for joined in joins for key in token_keys(joined))
            forms = dict.fromkeys(spelled(joined) for joined in joins)
            found.append(Word(tuple(keys), tuple(forms), own))
    return list(dict.fromkeys(found))


def parse_query(q: str) -> Query:
    """The words and the years of the query's first MAX_QUERY_WORDS tokens."""
    words, years = [], []
    for token in tokens(q)[:MAX_QUERY_WORDS]:
        year = parse_year(token)
        if year is None:
            words.append(token)
        elif year not in years:
            years.append(year)
    if years:
        words = [word for word in words if word not in YEAR_WORDS]
    return Query(query_words(words), years, exact_term(words))


def next_key(key: str) -> str:
    """The smallest string greater than every string that starts with key."""
    return key[:-1] + chr(ord(key[-1]) + 1)


# The conditions below are SQL on one SearchTerm row, with {kind} and {term} standing for its
# columns, and their parameters. They are written by hand rather than as Q objects because
# building and compiling the same query through the ORM took longer than the database took
# to run it. Only column names and these fixed fragments go into the SQL text; every value is
# a parameter. A hit is a list of such conditions, any of which will do: each one is a range
# or an equality on (kind, term), so that the database reads each from the index (SQLite's
# "MULTI-INDEX OR", PostgreSQL's BitmapOr).
Sql = tuple[str, list[object]]
Hit = Callable[[Word], list[Sql]]
# The rows of the rarest word are found by range on the (kind, term) index; the other words
# are then checked for one person at a time on the (person, kind, term) index. PostgreSQL
# underestimates the rows in a term range and may pick the (kind, term) index for that check,
# scanning the whole range once per person: on PostgreSQL `term || ''` rules that out. SQLite
# picks well by itself, and runs faster with the plain column.
FIRST = {"kind": "s.kind", "term": "s.term"}
OTHERS = {"kind": "t.kind", "term": "t.term"}
OTHERS_ON = {"postgresql": {"kind": "t.kind", "term": "(t.term || '')"}}
# LIMIT 1 OFFSET 0 keeps PostgreSQL from turning EXISTS into a join planned from those same
# estimates: the check stays one probe per person.
EXISTS = (
    "EXISTS (SELECT 1 FROM {table} t WHERE t.person_id = s.person_id AND {condition}"
    " LIMIT 1 OFFSET 0)"
)


def starts(kind: int, key: str) -> Sql:
    """A term of kind that starts with key: a range on the (kind, term) index (equality for
    a one-letter key)."""
    if len(key) < MIN_PREFIX:
        return equals(kind, [key])
    return "({kind} = %s AND {term} >= %s AND {term} < %s)", [kind, key, next_key(key)]


def equals(kind: int, keys: Sequence[str]) -> Sql:
    """A term of kind that is one of keys: one probe of the index per key, as one condition
    (an OR of equalities would make SQLite collect and sort the rows found to drop repeats)."""
    marks = ", ".join(["%s"] * len(keys))
    return f"({{kind}} = %s AND {{term}} IN ({marks}))", [kind, *keys]


def shortest(keys: Sequence[str]) -> list[str]:
    """keys without those that start with another of them: a term that starts with
    "mohammadali" starts with "mohammad" too, so a range for each would read it twice. (A
    one-letter key is matched whole, so it leaves the longer ones.)"""
    kept: list[str] = []
    for key in sorted(keys, key=len):
        if not any(len(short) >= MIN_PREFIX and key.startswith(short) for short in kept):
            kept.append(key)
    return kept


def name_hit(word: Word) -> list[Sql]:
    """A name word that starts with one of the word's keys."""
    return [starts(NAME, key) for key in shortest(word.keys)]


def spelled_hit(word: Word) -> list[Sql]:
    """A name word, as spelled, that starts with the word as typed."""
    return [starts(WORD, form) for form in shortest(word.forms)]


def key_hit(word: Word) -> list[Sql]:
    """A name word with exactly one of the word's keys."""
    return [equals(NAME, word.keys)]


def summary_hit(word: Word) -> list[Sql]:
    """A summary word with one of the word's own keys."""
    return [equals(TEXT, word.own)]


def text_hit(word: Word) -> list[Sql]:
    """A name word that starts with one of the word's keys, or a summary word with one."""
    return [*name_hit(word), *summary_hit(word)]


def whole_word_hit(word: Word) -> list[Sql]:
    """A name word with exactly one of the word's keys, or a summary word with one. In one
    condition, kind IN (name, summary), read in one pass of the index. (A summary word may so
    match the word joined with its neighbour: "Alireza" in a summary for "Ali Reza".)"""
    marks = ", ".join(["%s"] * len(word.keys))
    return [(f"({{kind}} IN (%s, %s) AND {{term}} IN ({marks}))", [NAME, TEXT, *word.keys])]


def any_of(conditions: list[Sql], columns: dict[str, str]) -> Sql:
    sql = " OR ".join(condition.format(**columns) for condition, _ in conditions)
    return f"({sql})", [param for _, params in conditions for param in params]


def people_with_all(words: Sequence[Word], hit: Hit, using: str = DEFAULT_DB_ALIAS) -> RawSQL:
    """SQL for the person_ids with a hit for every word. The first word's rows are read by
    range on the (kind, term) index; each further word is then checked person by person on
    the unique (person, kind, term) index, so the rarest word should come first."""
    others = OTHERS_ON.get(connections[using].vendor, OTHERS)
    sql, params = any_of(hit(words[0]), FIRST)
    query = f"SELECT s.person_id FROM {TABLE} s WHERE {sql}"  # noqa: S608
    for word in words[1:]:
        # One probe per condition, tried in turn until one finds a row: cheaper than one
        # probe with the conditions ORed, which SQLite answers by collecting every row.
        conditions = hit(word)
        probes = (EXISTS.format(table=TABLE, condition=c.format(**others)) for c, _ in conditions)
        query += f" AND ({' OR '.join(probes)})"
        params += [param for _, condition_params in conditions for param in condition_params]
    return RawSQL(query, params)  # noqa: S611


def anyone_with_all(words: Sequence[Word], hit: Hit, queryset: PersonQuerySet) -> bool:
    """Whether anyone in queryset has a hit for every word. Read as people_with_all reads,
    each person found checked against queryset's own conditions as they come, so the query
    stops at the first one (an `EXISTS(... pk IN (...))` would collect them all first)."""
    found = people_with_all(words, hit, queryset.db)
    among = queryset.order_by().filter(pk=RawSQL("s.person_id", [])).values("pk")
    among_sql, among_params = among.query.sql_with_params()
    sql = f"{found.sql} AND EXISTS ({among_sql}) LIMIT 1"
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, [*found.params, *among_params])
        return cursor.fetchone() is not None


def hit_counts(words: Sequence[Word], hits: Sequence[Hit], using: str) -> list[int]:
    """How many index rows each word hits with each kind of hit, counted on the (kind, term)
    index alone in one query: [word 1 hit 1, word 1 hit 2, ..., word 2 hit 1, ...]. Each
    condition of a hit is counted apart and the counts added up (rows that two conditions
    both hit count twice: the order of the words is all that is wanted)."""
    parts = [hit(word) for word in words for hit in hits]
    count = "(SELECT COUNT(*) FROM {table} s WHERE {condition})"
    sums = [
        "("
        + " + ".join(count.format(table=TABLE, condition=c.format(**FIRST)) for c, _ in part)
        + ")"
        for part in parts
    ]
    params = [p for part in parts for _, condition_params in part for p in condition_params]
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(sums)}", params)
        return list(cursor.fetchone())


@dataclass(frozen=True)
class Order:
    """The query's words in the order to check them, rarest first: for the name ranks, for
    the match in names or summaries, and for the match by whole words (None when a word is
    nobody's whole word, so that nobody can have them all)."""

    by_name: list[Word]
    by_text: list[Word]
    by_whole: list[Word] | None


def rarest_first(words: list[Word], using: str) -> Order | None:
    """The Order of the words; None when a word hits no row at all, so that nobody can
    match. One query counts the rows each word hits; for one word there is no order to find
    and no query."""
    if len(words) == 1:
        return Order(words, words, words)
    counts = iter(hit_counts(words, (name_hit, summary_hit, whole_word_hit), using))
    names, summaries, wholes = {}, {}, {}
    for word in words:
        names[word], summaries[word], wholes[word] = next(counts), next(counts), next(counts)
        if not names[word] + summaries[word]:
            return None
    return Order(
        by_name=sorted(words, key=names.__getitem__),
        by_text=sorted(words, key=lambda word: names[word] + summaries[word]),
        by_whole=sorted(words, key=wholes.__getitem__) if all(wholes.values()) else None,
    )


def exact_matches(form: str) -> RawSQL:
    """SQL for the person_ids with a name whose EXACT row is form (raw: see FIRST)."""
    sql = f"SELECT person_id FROM {TABLE} WHERE kind = %s AND term = %s"  # noqa: S608
    return RawSQL(sql, [EXACT, form])  # noqa: S611


def arrested_or_named(year: Year, using: str) -> Q:
    """People arrested in year, or whose summary names it: one `pk IN (... UNION ALL ...)`,
    which PostgreSQL can join (two INs joined by OR made it test every person in turn)."""
    arrested = CaseRecord.objects.filter(arrested_in(year)).order_by().values("person_id")
    arrested_sql, arrested_params = arrested.query.get_compiler(using).as_sql()
    named = f"SELECT person_id FROM {TABLE} WHERE kind = %s AND term = %s"  # noqa: S608
    sql = f"{arrested_sql} UNION ALL {named}"
    return Q(pk__in=RawSQL(sql, [*arrested_params, TEXT, year.value]))  # noqa: S611


def search(queryset: PersonQuerySet, q: str) -> PersonQuerySet:
    """The people of queryset that match q, best first (see the module's docstring). Called
    as Person.objects.search(q), or on any PersonQuerySet: .published().search(q).

    The people found are those with every query word in their names or summaries, as whole
    words, or failing anyone, as the start of a name word. rank is EXACT_NAME when a whole
    name is the query (normalised), SPELLED when every query word starts a word of their
    names as spelled, NAME_WORDS when every query word is (or starts) a word of their names
    under any transliteration, TEXT_WORDS otherwise (a word is in their summary). The filter
    is one `pk IN (...)` that the database drives from the index. A query of years alone
    gives everyone arrested in them, all EXACT_NAME, by name.

    This runs at once a small query, counting each word's index rows to read the rarest
    word's rows first (for a query of several words; a miss returns no rows at all), and
    another to see whether anyone has every word whole.
    """
    if not q or not q.strip():
        return queryset
    query = parse_query(q)
    if not query.words and not query.years:
        return queryset.none()
    using = queryset.db
    people = queryset
    for year in query.years:
        people = people.filter(arrested_or_named(year, using))
    if not query.words:
        return people.annotate(rank=Value(EXACT_NAME)).order_by("name_latin", "pk")
    order = rarest_first(query.words, using)
    if order is None:
        return queryset.none()
    # Whether the words are whole is asked of queryset without the years: a name is the same
    # whatever the year, and the years' conditions are costly to check person by person.
    whole = order.by_whole is not None and anyone_with_all(order.by_whole, whole_word_hit, queryset)
    if whole:
        by_text, text_words, name_words = order.by_whole, whole_word_hit, key_hit
    else:  # the last word may be cut short: "Narges Moham"
        by_text, text_words, name_words = order.by_text, text_hit, name_hit
    rank = Case(
        When(pk__in=exact_matches(query.exact), then=Value(EXACT_NAME)),
        When(pk__in=people_with_all(order.by_name, spelled_hit, using), then=Value(SPELLED)),
        When(pk__in=people_with_all(order.by_name, name_words, using), then=Value(NAME_WORDS)),
        default=Value(TEXT_WORDS),
        output_field=IntegerField(),
    )
    return (
        people.filter(pk__in=people_with_all(by_text, text_words, using))
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
    one of these names (in either script, under any transliteration, however its compound
    words are joined). A one-word name is only matched exactly: "Ali" alone would flag half
    the database."""
    names = [name_tokens(name) for name in (name_fa, name_latin, *other_names)]
    names = [words for words in names if words]
    forms = [exact_term(words) for words in names]
    found = Q(pk__in=SearchTerm.objects.filter(kind=EXACT, term__in=forms).values("person_id"))
    for words in {tuple(query_words(words)) for words in names}:
        if len(words) > 1:  # longer keys first: they are usually the rarer family names
            by_length = sorted(words, key=lambda word: len(word.own[0]), reverse=True)
            found |= Q(pk__in=people_with_all(by_length, key_hit))
    people = Person.objects.filter(found)
    if exclude_pk is not None:
        people = people.exclude(pk=exclude_pk)
    return people.order_by("name_latin", "pk")
