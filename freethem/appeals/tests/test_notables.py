"""Notable signatories: shown on the appeal's page and the ad page only once an organiser has
recorded how the signer was verified; only confirmed, counted, shown signatures; never by a
moderator; un-marking takes them off; every change is in the audit log."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from freethem.appeals import services
from freethem.appeals.models import Display, Notable, Signature, VerificationMeans
from freethem.appeals.tests.test_admin_support import make_appeal, make_signature
from freethem.core.models import AuditEntry
from freethem.core.tests.factories import staff_user

pytestmark = pytest.mark.django_db

DESCRIPTION = "Linguist and author"
DESCRIPTION_FA = "زبان‌شناس و نویسنده"
STATEMENT = "Free them now; I stand with their families."


@pytest.fixture
def organiser() -> User:
    return staff_user(username="organiser1", role="organiser")


def mark(signature: Signature, user: User, **fields: Any) -> Notable:
    values = {
        "means": VerificationMeans.POST,
        "note": "https://example.net/@noam/123",
        "description_en": DESCRIPTION,
        "description_fa": DESCRIPTION_FA,
        "statement_en": STATEMENT,
        **fields,
    }
    return services.notable_mark(signature=signature, verified_by=user, **values)


def pages(client: Client, slug: str, prefix: str = "") -> tuple[str, str]:
    """The appeal's page and its ad page."""
    appeal = client.get(f"{prefix}/appeals/{slug}/").content.decode()
    return appeal, client.get(f"{prefix}/appeals/{slug}/ad/").content.decode()


def test_it_shows_a_notable_only_once_the_verification_is_recorded(
    client: Client, organiser: User
) -> None:
    appeal = make_appeal()
    signature = make_signature(appeal, email="n@example.org", name="Noam Notable")
    # The old flag alone (set before verifications, or by hand) shows nobody as notable.
    Signature.objects.filter(pk=signature.pk).update(notable=True)
    for html in pages(client, appeal.slug):
        assert DESCRIPTION not in html and "Notable signatories" not in html
    assert not Signature.objects.notables().exists()

    mark(signature, organiser)
    page, ad = pages(client, appeal.slug)
    assert "Notable signatories" in page
    assert f"<bdi>{DESCRIPTION}</bdi>" in page and STATEMENT in page
    assert f"<bdi>{DESCRIPTION}</bdi>" in ad
    fa_page, fa_ad = pages(client, appeal.slug, "/fa")
    assert f"<bdi>{DESCRIPTION_FA}</bdi>" in fa_page and f"<bdi>{DESCRIPTION_FA}</bdi>" in fa_ad
    assert list(Signature.objects.notables()) == [signature]
    assert Signature.objects.get().shown_notable == Notable.objects.get()


def test_it_records_who_verified_how_and_when_in_the_audit_log(organiser: User) -> None:
    signature = make_signature(make_appeal(), email="n@example.org")
    notable = mark(signature, organiser)
    assert (notable.verified_by, notable.verified_by_name, notable.means) == (
        organiser,
        "organiser1",
        "post",
    )
    assert notable.verified_at is not None
    assert Signature.objects.get().notable  # the flag mirrors the record
    entry = AuditEntry.objects.get()
    assert (entry.username, entry.action, entry.subject) == (
        "organiser1",
        "mark notable signatory",
        f"signature {signature.pk}",
    )


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"confirmed": False}, services.NOT_COUNTING),
        ({"suspect": True}, services.NOT_COUNTING),
        ({"held": True}, services.NOT_COUNTING),
        ({"display": Display.HIDDEN}, services.NOT_SHOWN),
    ],
)
def test_it_refuses_a_signature_that_does_not_count_or_is_not_shown(
    organiser: User, fields: dict[str, Any], error: str
) -> None:
    signature = make_signature(make_appeal(), email="n@example.org", **fields)
    with pytest.raises(ValidationError) as refused:
        mark(signature, organiser)
    assert refused.value.messages == [str(error)]
    assert not Notable.objects.exists() and not Signature.objects.get().notable


def test_it_refuses_a_notable_without_a_verification(organiser: User) -> None:
    signature = make_signature(make_appeal(), email="n@example.org")
    for missing in ({"note": " "}, {"means": "rumour"}, {"description_en": ""}):
        with pytest.raises(ValidationError):
            mark(signature, organiser, **missing)
    assert not Notable.objects.exists()


def test_it_does_not_let_a_moderator_mark_a_notable() -> None:
    moderator = staff_user(username="moderator1", role="moderator")
    signature = make_signature(make_appeal(), email="n@example.org")
    with pytest.raises(ValidationError) as refused:
        mark(signature, moderator)
    assert refused.value.messages == [str(services.NOT_ORGANISER)]
    with pytest.raises(ValidationError):
        services.notable_unmark(signature=signature, user=moderator)


def test_it_takes_an_unmarked_notable_off_the_pages(client: Client, organiser: User) -> None:
    appeal = make_appeal()
    signature = make_signature(appeal, email="n@example.org")
    mark(signature, organiser)
    assert services.notable_unmark(signature=signature, user=organiser)
    for html in pages(client, appeal.slug):
        assert DESCRIPTION not in html
    assert not Signature.objects.get().notable
    assert AuditEntry.objects.latest("pk").action == "unmark notable signatory"


def test_it_hides_a_notable_whose_signature_stops_counting(client: Client, organiser: User) -> None:
    appeal = make_appeal()
    signature = make_signature(appeal, email="n@example.org")
    mark(signature, organiser)
    services.signature_mark_suspect(signature=signature)
    for html in pages(client, appeal.slug):
        assert DESCRIPTION not in html
    assert Signature.objects.get().shown_notable is None


def test_it_shows_the_demo_appeals_notables_with_their_verification(client: Client) -> None:
    from freethem.appeals import demo

    demo.load()
    html = client.get(f"/appeals/{demo.SLUG}/").content.decode()
    assert "Professor of international law (demo)" in html
    assert Notable.objects.count() == 3
