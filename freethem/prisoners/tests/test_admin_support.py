"""What the staff-area tests share: signing in with password and code, and submitting a page's
form as a browser would, with the values it shows (no tests here)."""

from html.parser import HTMLParser

from django.contrib.auth.models import User
from django.test import Client

from freethem.core.tests.factories import PASSWORD, current_code, staff_user

PEOPLE = "/staff/prisoners/person/"

FormData = dict[str, list[str]]


def signed_in(client: Client, *, username: str = "researcher1", role: str = "researcher") -> User:
    """A new staff user in the role, signed in on client with password and code."""
    user = staff_user(username=username, role=role)
    response = client.post(
        "/staff/login/",
        {"username": username, "password": PASSWORD, "code": current_code(user), "next": "/staff/"},
    )
    assert response.status_code == 302 and response["Location"] == "/staff/", response
    return user


class _FormParser(HTMLParser):
    """The successful controls of one form, as a browser submits them (without buttons)."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: FormData = {}
        self.select: tuple[str, bool] | None = None
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None
        self.text = ""

    def add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
        if not self.inside or "disabled" in attributes:
            return
        name = attributes.get("name", "")
        if tag == "input" and name:
            self.input(name, attributes)
        elif tag == "select" and name:
            self.select, self.options = (name, "multiple" in attributes), []
        elif tag == "option" and self.select:
            self.options.append((attributes.get("value", ""), "selected" in attributes))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def input(self, name: str, attributes: dict[str, str]) -> None:
        kind = attributes.get("type", "text")
        if kind in ("submit", "button", "image", "reset", "file"):
            return
        if kind in ("checkbox", "radio") and "checked" not in attributes:
            return
        self.add(name, attributes.get("value", "on" if kind == "checkbox" else ""))

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            self.add(self.textarea, self.text.removeprefix("\n"))
            self.textarea = None
        elif tag == "select" and self.select:
            self.end_select(*self.select)

    def end_select(self, name: str, multiple: bool) -> None:
        chosen = [value for value, selected in self.options if selected]
        if not chosen and not multiple and self.options:
            chosen = [self.options[0][0]]
        for value in chosen:
            self.add(name, value)
        self.select = None


def form_data(html: str | bytes, form_id: str) -> FormData:
    """The values the form with this id would submit as the page shows it."""
    parser = _FormParser(form_id)
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return parser.data


def page_form(client: Client, url: str, form_id: str = "person_form") -> FormData:
    response = client.get(url)
    assert response.status_code == 200, response
    return form_data(response.content, form_id)


def fill(data: FormData, values: dict[str, str | list[str]]) -> FormData:
    """data with these fields set (a list for several values, [] to leave one out)."""
    changed = dict(data)
    for name, value in values.items():
        changed[name] = value if isinstance(value, list) else [value]
    return changed
