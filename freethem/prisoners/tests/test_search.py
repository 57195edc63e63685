"""Search that knows Persian: variant spellings, either script, Arabic keyboards, ranking."""

import re

import pytest
from django.db import connection

from freethem.core import text
from freethem.prisoners.models import Person, SearchTerm
from freethem.prisoners.search import (
    EXACT_NAME,
    NAME_WORDS,
    SPELLED,
    TEXT_WORDS,
    duplicates_for,
    exact_term,
    index_people,
    index_person,
    name_tokens,
    token_keys,
)
from freethem.prisoners.vocab import Publication

pytestmark = pytest.mark.django_db


def person(
    name_latin: str,
    name_fa: str,
    *,
    other_names: tuple[str, ...] = (),
    summary_en: str = "",
    publication: str = Publication.PUBLISHED,
) -> Person:
    slug = name_latin.lower().replace(" ", "-")
    created = Person.objects.create(
        slug=slug,
        name_latin=name_latin,
        name_fa=name_fa,
        summary_en=summary_en,
        publication=publication,
    )
    for name in other_names:
        created.other_names.create(name=name)
    index_person(created)
    return created


def found(q: str) -> list[str]:
    return [p.name_latin for p in Person.objects.search(q)]


@pytest.fixture
def sotoudeh() -> Person:
    return person("Nasrin Sotoudeh", "نسرین ستوده")


def test_it_finds_a_person_by_a_variant_spelling(sotoudeh: Person) -> None:
    assert found("Nasrin Sotudeh") == ["Nasrin Sotoudeh"]
    assert found("nasreen sotoodeh") == ["Nasrin Sotoudeh"]


def test_it_finds_a_person_in_either_script(sotoudeh: Person) -> None:
    assert found("Sotoudeh") == ["Nasrin Sotoudeh"]
    assert found("ستوده") == ["Nasrin Sotoudeh"]


def test_it_finds_a_latin_only_other_name_from_persian_script() -> None:
    person("Narges Mohammadi", "نرگس محمدی", other_names=("Narges Mohamadi",))
    person("Known As", "نام دیگر", other_names=("Ja'far Panahi",))

    assert found("جعفر پناهی") == ["Known As"]
    assert found("پناهی") == ["Known As"]


def test_it_finds_a_persian_only_other_name_from_latin_script() -> None:
    person("Known As", "نام دیگر", other_names=("جعفر پناهی",))

    assert found("Jafar Panahi") == ["Known As"]


def test_it_ranks_the_exact_name_first_in_persian(sotoudeh: Person) -> None:
    person("Nasrin Sotudehnia", "نسرین ستوده‌نیا")

    results = list(Person.objects.search("نسرین ستو"))

    assert [p.name_latin for p in results] == ["Nasrin Sotoudeh", "Nasrin Sotudehnia"]
    assert [p.rank for p in results] == [SPELLED, SPELLED]
    assert [p.rank for p in Person.objects.search("نسرین ستوده")] == [EXACT_NAME]


def test_a_whole_word_does_not_find_longer_names_that_start_with_it(sotoudeh: Person) -> None:
    person("Nasrin Sotudehnia", "نسرین ستوده‌نیا")

    assert found("Nasrin Sotoudeh") == ["Nasrin Sotoudeh"]
    assert found("نسرین ستوده") == ["Nasrin Sotoudeh"]
    assert found("Sotoudehnia") == ["Nasrin Sotudehnia"]
    assert found("Sotou") == ["Nasrin Sotoudeh", "Nasrin Sotudehnia"]


def test_it_finds_the_persian_record_from_an_arabic_keyboard(sotoudeh: Person) -> None:
    person("Soheil Arabi", "سهیل عربی")
    person("Farhad Keikhosravi", "فرهاد کیخسروی")

    assert found("نسرين ستوده") == ["Nasrin Sotoudeh"]  # Arabic yeh
    assert found("كيخسروي") == ["Farhad Keikhosravi"]  # Arabic kaf and yeh
    assert Person.objects.search("نسرين ستوده")[0].rank == EXACT_NAME


def test_it_ignores_diacritics_and_zero_width_marks_in_the_query() -> None:
    person("Narges Mohammadi", "نرگس محمدی")

    assert found("نَرگِس مُحَمَّدی") == ["Narges Mohammadi"]
    assert found("نرگس\u200c محمدی\u200f") == ["Narges Mohammadi"]
    assert found("Nargès Mohammadi") == ["Narges Mohammadi"]
    assert Person.objects.search("نَرگِس مُحَمَّدی")[0].rank == EXACT_NAME


def test_it_ranks_exact_then_variant_then_mentioned_in_a_summary() -> None:
    person("Reza Khandan", "رضا خندان", summary_en="Husband of Nasrin Sotoudeh, arrested 2018.")
    person("Nasrin Sotudeh", "نسرین ستوده", other_names=("Nasrin Sotoodeh",), summary_en="")
    person("Nasrin Sotoudeh", "نسرین ستوده")

    results = list(Person.objects.search("Nasrin Sotoudeh"))

    assert [(p.name_latin, p.rank) for p in results] == [
        ("Nasrin Sotoudeh", EXACT_NAME),
        ("Nasrin Sotudeh", NAME_WORDS),
        ("Reza Khandan", TEXT_WORDS),
    ]


def test_it_finds_a_name_from_its_first_letters() -> None:
    person("Narges Mohammadi", "نرگس محمدی")
    person("Atena Daemi", "آتنا دائمی")

    assert found("Moham") == ["Narges Mohammadi"]
    assert found("Narges Moham") == ["Narges Mohammadi"]
    assert found("محم") == ["Narges Mohammadi"]


def test_it_finds_nothing_for_a_name_nobody_has(sotoudeh: Person) -> None:
    assert found("Zarathustra") == []
    assert found("Nasrin Zarathustra") == []


def test_it_returns_everyone_for_an_empty_query(sotoudeh: Person) -> None:
    person("Atena Daemi", "آتنا دائمی")

    assert len(found("   ")) == 2
    assert not hasattr(Person.objects.search("")[0], "rank")


def test_it_uses_only_the_first_ten_words() -> None:
    person("Narges Mohammadi", "نرگس محمدی")

    assert found("Narges " * 10 + "Zarathustra") == ["Narges Mohammadi"]


def test_it_never_shows_a_draft_in_published_results(sotoudeh: Person) -> None:
    person("Nasrin Sotoodeh", "نسرین ستوده", publication=Publication.DRAFT)

    results = Person.objects.published().search("Nasrin Sotoudeh")

    assert [p.name_latin for p in results] == ["Nasrin Sotoudeh"]
    assert results.count() == 1


def test_it_forgets_an_old_name_after_reindexing(sotoudeh: Person) -> None:
    sotoudeh.name_latin, sotoudeh.name_fa = "Atena Daemi", "آتنا دائمی"
    sotoudeh.save()
    index_person(sotoudeh)

    assert found("Sotoudeh") == []
    assert found("ستوده") == []
    assert found("Daemi") == ["Atena Daemi"]


def test_it_indexes_summary_words_but_not_one_letter_keys() -> None:
    daemi = person("Atena Daemi", "آتنا دائمی", summary_en="A children's rights activist in Evin.")

    assert found("Evin") == ["Atena Daemi"]
    assert not SearchTerm.objects.filter(person=daemi, kind=SearchTerm.Kind.TEXT, term="a")


def test_it_finds_people_whatever_the_order_of_common_and_rare_words() -> None:
    for number in range(5):
        person(f"Narges Karimi{'an' * number}", f"نرگس کریمی{'ان' * number}")
    person("Narges Sotoudeh", "نرگس ستوده")

    assert found("Narges Sotoudeh") == ["Narges Sotoudeh"]
    assert found("Sotoudeh Narges") == ["Narges Sotoudeh"]
    assert found("Narges Karimi") == ["Narges Karimi"]
    assert len(found("Narges Kari")) == 5
    assert len(found("Kari Narges")) == 5


def test_it_indexes_many_people_as_it_indexes_one() -> None:
    one = person("Nasrin Sotoudeh", "نسرین ستوده", summary_en="Lawyer, held in Qarchak.")
    other = person("Atena Daemi", "آتنا دائمی", other_names=("Atena Da'emi",))
    before = set(SearchTerm.objects.values_list("person", "kind", "term"))
    SearchTerm.objects.all().delete()

    written = index_people(Person.objects.filter(pk__in=[one.pk, other.pk]), batch_size=1)

    assert set(SearchTerm.objects.values_list("person", "kind", "term")) == before
    assert written == len(before)
    assert found("Qarchak") == ["Nasrin Sotoudeh"]


def test_it_keys_words_as_the_text_module_does() -> None:
    value = "نسرين‌ستوده،  Ja'far  PANAHI-e (۱۳۹۹) آتنا مُحَمَّدی"

    assert name_tokens(value) == text.tokens(value)
    assert [token_keys(token)[0] for token in name_tokens(value)] == [
        text.name_key(token) for token in text.tokens(value)
    ]
    assert exact_term(name_tokens(value)) == text.exact_form(value)


def test_it_warns_of_the_same_person_under_another_spelling(sotoudeh: Person) -> None:
    person("Narges Mohammadi", "نرگس محمدی")
    person("Nasrin Karimi", "نسرین کریمی")

    latin = duplicates_for(name_fa="", name_latin="Nasrin Sotudeh")
    arabic_keyboard = duplicates_for(name_fa="نسرين ستوده", name_latin="N. Sotoodeh")

    assert list(latin) == [sotoudeh]
    assert list(arabic_keyboard) == [sotoudeh]


def test_it_warns_of_drafts_too_but_not_of_the_person_being_edited(sotoudeh: Person) -> None:
    draft = person("Nasrin Sotudeh", "نسرین ستوده", publication=Publication.DRAFT)

    duplicates = duplicates_for(
        name_fa="نسرین ستوده", name_latin="Nasrin Sotudeh", exclude_pk=draft.pk
    )

    assert list(duplicates) == [sotoudeh]


def test_it_does_not_flag_someone_who_only_shares_a_given_name(sotoudeh: Person) -> None:
    assert list(duplicates_for(name_fa="نسرین کریمی", name_latin="Nasrin Karimi")) == []
    assert list(duplicates_for(name_fa="نسرین", name_latin="Nasrin")) == []


def test_it_reads_the_index_not_the_whole_table(sotoudeh: Person) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL plan is checked in test_it_uses_the_index_on_postgresql")
    sql, params = Person.objects.published().search("Nasrin Sotoo").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = "\n".join(row[-1] for row in cursor.fetchall())

    assert "search_kind_term" in plan
    assert "SCAN prisoners_searchterm" not in plan
    assert "SCAN prisoners_person" not in plan


def test_it_uses_the_index_on_postgresql(sotoudeh: Person) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    sql, params = Person.objects.published().search("Nasrin Sotoo").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table is cheaper to scan
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    # Which of the two indexes the planner picks for a tiny table depends on its statistics;
    # either way the search terms are read through an index, never scanned.
    assert re.search(r"Index (Only )?Scan using (search_kind_term|search_term_once)", plan)
    assert "Seq Scan on prisoners_searchterm" not in plan


def test_its_keys_sort_by_code_point_on_postgresql(db: None) -> None:
    """Prefix ranges are code-point ranges; under a language collation Persian prefixes
    would miss people."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite always compares text by code point")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collation_name FROM information_schema.columns"
            " WHERE table_name = 'prisoners_searchterm' AND column_name = 'term'"
        )
        assert cursor.fetchone() == ("C",)
