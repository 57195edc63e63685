"""Who may use the protest tracker's staff pages: researchers and organisers, not moderators or
the events role."""

import pytest
from django.test import Client

from freethem.prisoners.tests.test_admin_support import signed_in
from freethem.protests.models import ProtestReport
from freethem.protests.tests.factories import make_protest

pytestmark = pytest.mark.django_db

PAGES = (
    "/staff/protests/protest/",
    "/staff/protests/protest/duplicates/",
    "/staff/protests/protestreport/",
    "/staff/protests/participantgroup/",
    "/staff/protests/wave/",
)


def pages() -> list[str]:
    protest = make_protest()
    report = ProtestReport.objects.create(date=protest.date, location="Tehran", description="x")
    return [
        *PAGES,
        f"/staff/protests/protest/{protest.pk}/change/",
        f"/staff/protests/protestreport/{report.pk}/change/",
        f"/staff/protests/protest/merge/?ids={protest.pk},{make_protest().pk}",
    ]


@pytest.mark.parametrize("role", ["researcher", "organiser"])
def test_it_opens_the_staff_pages_to_researchers_and_organisers(client: Client, role: str) -> None:
    signed_in(client, username=f"{role}1", role=role)
    for url in pages():
        for prefix in ("", "/fa"):
            assert client.get(prefix + url).status_code == 200, prefix + url


@pytest.mark.parametrize("role", ["moderator", "events"])
def test_it_refuses_the_staff_pages_to_other_roles(client: Client, role: str) -> None:
    signed_in(client, username=f"{role}1", role=role)
    for url in pages():
        assert client.get(url).status_code == 403, url
