"""The migration that taught search visitors' habits rebuilds the index of people already
there: their old rows go, and the habits find them at once."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from freethem.prisoners.models import Person, SearchTerm

BEFORE = [("prisoners", "0003_source_title_fa_status_event")]
AFTER = [("prisoners", "0004_search_habits")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_rebuilds_the_index_of_everyone_already_there() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    person = old.get_model("prisoners", "Person").objects.create(
        slug="mohammad-reza-karimi",
        name_latin="Mohammad Reza Karimi",
        name_fa="محمد رضا کریمی",
        publication="published",
    )
    person.other_names.create(name="Mohamad-Reza Karimi")
    old.get_model("prisoners", "SearchTerm").objects.create(person=person, kind=2, term="stale")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    terms = set(SearchTerm.objects.filter(person_id=person.pk).values_list("kind", "term"))
    assert (SearchTerm.Kind.NAME, "stale") not in terms
    assert (SearchTerm.Kind.WORD, "mohammad") in terms
    assert (SearchTerm.Kind.EXACT, "mohammad reza karimi") in terms
    assert [p.pk for p in Person.objects.search("Mohammadreza Karimi")] == [person.pk]
    assert [p.pk for p in Person.objects.search("محمدرضا کریمی")] == [person.pk]
