"""`manage.py createappeal`: the first appeal of a new site, without reading the code."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from freethem.appeals.models import Appeal, AppealState

pytestmark = pytest.mark.django_db

TEXT_EN = "Free every political prisoner.\n\nSign, and share the appeal.\n"
TEXT_FA = "همه زندانیان سیاسی را آزاد کنید.\n\nامضا کنید و این فراخوان را پخش کنید.\n"


@pytest.fixture
def texts(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "en.txt").write_text(TEXT_EN, encoding="utf-8")
    (tmp_path / "fa.txt").write_text(TEXT_FA, encoding="utf-8")
    return {"text_file": str(tmp_path / "en.txt"), "text_fa_file": str(tmp_path / "fa.txt")}


def create(**options: object) -> str:
    out = io.StringIO()
    call_command("createappeal", stdout=out, **options)
    return out.getvalue()


def test_it_creates_the_first_appeal_open_and_featured(
    client: Client, texts: dict[str, str], settings: object
) -> None:
    settings.FREETHEM_SITE_URL = "https://campaign.example.org"  # type: ignore[attr-defined]
    out = create(title="Free Them All", title_fa="همه را آزاد کنید", goal=5000, open=True, **texts)

    assert out.splitlines() == [
        "Created the appeal 'Free Them All' (open: taking signatures, featured at /appeal/).",
        "https://campaign.example.org/appeals/free-them-all/",
    ]
    appeal = Appeal.objects.get()
    assert (appeal.slug, appeal.goal, appeal.state) == ("free-them-all", 5000, AppealState.OPEN)
    assert appeal.text_fa == TEXT_FA.strip()
    page = client.get("/appeals/free-them-all/").content.decode()
    assert "Free Them All" in page and "Sign, and share the appeal." in page
    assert "همه را آزاد کنید" in client.get("/fa/appeals/free-them-all/").content.decode()
    assert "Free Them All" in client.get("/appeal/").content.decode()  # the featured one


def test_a_later_appeal_is_a_draft_and_not_featured(texts: dict[str, str]) -> None:
    create(title="First", title_fa="نخست", **texts)
    out = create(title="Second", title_fa="دوم", slug="second-appeal", **texts)

    assert out.startswith("Created the appeal 'Second' (a draft: open it in /staff/).")
    second = Appeal.objects.get(slug="second-appeal")
    assert second.state == AppealState.DRAFT and not second.featured
    assert Appeal.objects.get(slug="first").featured


def test_it_names_what_is_missing_when_no_one_is_at_the_terminal(
    texts: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match=r"^Missing --title-fa, --text-fa-file \(or run it"):
        create(title="Only English", text_file=texts["text_file"])
    assert not Appeal.objects.exists()


def test_it_asks_for_what_is_missing_at_a_terminal(
    texts: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["", "عنوان", texts["text_fa_file"]])  # an empty answer is asked again
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda question: next(answers))
    create(title="Asked", text_file=texts["text_file"])
    assert Appeal.objects.get().title_fa == "عنوان"


def test_it_refuses_a_slug_in_use_and_says_why(texts: dict[str, str]) -> None:
    create(title="Free Them", title_fa="آزادی", **texts)
    with pytest.raises(CommandError, match=r"^slug: Appeal with this Slug already exists\."):
        create(title="Free Them", title_fa="آزادی", **texts)
    assert Appeal.objects.count() == 1


def test_it_says_which_text_file_it_cannot_read(texts: dict[str, str], tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=f"^Cannot read the text from {tmp_path}/nope.txt: "):
        create(
            title="T",
            title_fa="ت",
            text_file=texts["text_file"],
            text_fa_file=f"{tmp_path}/nope.txt",
        )
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(CommandError, match=r"latin1\.txt: 'utf-8' codec can't decode"):
        create(
            title="T",
            title_fa="ت",
            text_file=str(tmp_path / "latin1.txt"),
            text_fa_file=texts["text_fa_file"],
        )
    assert not Appeal.objects.exists()
