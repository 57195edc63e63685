"""The migration that brings the public list's search keys the signatures already there:
confirmed ones that show a name get keys, and a search finds them at once; others get none."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from freethem.appeals import search
from freethem.appeals.models import Signature, SignatureSearchKey

BEFORE = [("appeals", "0009_review")]
AFTER = [("appeals", "0010_signature_search")]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_migration_keys_the_signatures_already_there() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    appeal = old.get_model("appeals", "Appeal").objects.create(
        slug="old", title_en="Old", title_fa="قدیم", text_en="x", text_fa="x", state="open"
    )
    made = {}
    for number, (name, state, display) in enumerate(
        [
            ("سپیده قلیان", "confirmed", "full"),
            ("Narges", "confirmed", "first"),
            ("", "confirmed", "hidden"),
            ("Pending Person", "pending", "full"),
        ]
    ):
        made[name] = old.get_model("appeals", "Signature").objects.create(
            appeal=appeal, name=name or "Hidden Person", public_name=name, display=display,
            state=state, email_hash=f"h{number}", email_domain="example.org", country="DE",
        ).pk  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    keys = set(SignatureSearchKey.objects.values_list("signature_id", "key"))
    assert keys == {
        (made["سپیده قلیان"], "spd"),
        (made["سپیده قلیان"], "qln"),
        (made["Narges"], "nrqs"),
    }
    listed = Signature.objects.listed()
    found = search.search(listed, "Sepideh Golian", appeal_id=appeal.pk)
    assert [s.pk for s in found] == [made["سپیده قلیان"]]
