"""(c) A short fuzz of every public form with Hypothesis: the appeal's sign form, its "send me
a new link" form, the staff sign-in and the filters and search of the case database.

Each example fills the form's fields (found on the page) with odd text: any Unicode, control
and bidi characters, lone surrogates, huge values, numbers where a choice belongs; leaves
fields out or repeats them, adds unknown ones, and sends the whole as a form, raw bytes,
latin-1, multipart, JSON or under another charset. Posts carry the page's CSRF cookie and
token (most of the time) so that they reach the view. Every answer must be below 500 and carry
the home page's security headers; the first that is not is shrunk to a small example.

Valid-looking addresses are @example.invalid, so no mail reaches anyone; still, against a
remote site the sign form may store pending (never counted) signatures: use a staging copy.
"""

import json
from collections.abc import Callable
from http.client import HTTPException
from urllib.parse import quote, urlencode

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import strategies as st

from audit.checks import Report, Request, problem_with
from audit.crawl import Form, Site, forms_on

SPECIALS = [
    "", " ", "\x00", "\r\n", "\t", "\u202e", "\u2066", "\u200f", "\ufeff", "\u00ad",
    "'\"<>&", "%", "%00", "%ZZ", "+", "&=&=", "{{ 7*7 }}", "<script>x</script>",
    "../../etc/passwd", "نسرین ستوده", "۱۳۹۹/۰۸/۱۰", "١٢٣", "\U0001d54f", "\U0001f1ee\U0001f1f7",
    "a\u0301\u0301\u0301", "\U0010ffff", "\ud800", "0", "-1", "1e309", "NaN", "None", "true",
    "[]", "{}", "a" * 255, "@", "a@b", "x@example.invalid\r\nBcc: y@example.invalid",
]  # fmt: skip
ODD = st.characters(categories=("Cc", "Cf", "Cs", "Co", "Zl", "Zp", "Mn", "Me"))
SHORT_TEXT = st.one_of(
    st.text(max_size=30),
    st.text(ODD, max_size=10),
    st.sampled_from(SPECIALS),
    st.integers().map(str),
    st.floats().map(repr),
)
HUGE_TEXT = st.builds(
    lambda unit, times: unit * times,
    st.sampled_from(["x", "ستوده ", "\u202e", "%"]),
    st.integers(1_000, 60_000),
)
CHARSETS = ["utf-8", "UTF8", "us-ascii", "latin-1", "utf-16", "rot13", "x-unknown"]
ENCODINGS = ["form", "form", "charset", "latin-1", "raw", "multipart", "json"]
MAX_QUERY = 3_000  # gunicorn refuses a request line over 4 KB itself, outside the site
MAX_BODY = 2_000_000  # below Django's 2.5 MB, so the site reads every form it is sent
# A body the site refuses unread (JSON, another charset) stays small: gunicorn closes the
# connection with the rest unread, and the client may see a reset instead of the answer.
MAX_UNREAD_BODY = 8_000
BOUNDARY = "freethem-audit-7MA4YWxkTrZu0gW"  # fixed, so that an example can be sent again
PAGE_VALUES = ["1", "2", "0", "-1", "last", "abc", "1e9", "99999999999999999999999"]


# Text a person might type: letters of both scripts, digits, spaces and marks.
PLAIN_TEXT = st.text(
    st.characters(categories=("L", "Nd", "Zs", "Mn"), exclude_characters="\u202e"),
    min_size=1,
    max_size=40,
)


def plausible(name: str, options: list[str]) -> st.SearchStrategy[str]:
    """A value the form may accept, so that examples reach past its validation."""
    if options:
        return st.sampled_from([option for option in options if option] or options)
    if "email" in name:
        return st.emails(domains=st.just("example.invalid"))
    return PLAIN_TEXT


def odd(options: list[str], *, huge: bool) -> st.SearchStrategy[str]:
    text = st.one_of(SHORT_TEXT, HUGE_TEXT) if huge else SHORT_TEXT
    return st.one_of(st.sampled_from(options), text) if options else text


@st.composite
def filled(draw: st.DrawFn, form: Form, extra: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Name-value pairs for the form: plausible values with one odd field among them, odd
    values throughout, or none; each field once, missing or repeated; plus strangers."""
    fields = {**form.fields, **extra}
    fields.pop("csrfmiddlewaretoken", None)
    odd_one = draw(st.sampled_from([*fields, None, ""]))  # None: every field, "": none
    pairs: list[tuple[str, str]] = []
    for name, options in fields.items():
        is_odd = odd_one in (None, name)
        times = draw(st.sampled_from([1, 1, 1, 0, 2, 4])) if is_odd else 1
        value = odd(options, huge=form.method == "post") if is_odd else plausible(name, options)
        pairs += [(name, draw(value)) for _ in range(times)]
    return pairs + draw(st.lists(st.tuples(SHORT_TEXT, SHORT_TEXT), max_size=2))


def _bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding, "surrogatepass" if encoding == "utf-8" else "replace")


def encode(pairs: list[tuple[str, str]], how: str, charset: str) -> tuple[str, bytes]:
    """The Content-Type and body of pairs sent `how`."""
    if how in {"form", "charset"}:
        body = urlencode(pairs, encoding="utf-8", errors="surrogatepass").encode()
        suffix = f"; charset={charset}" if how == "charset" else ""
        return "application/x-www-form-urlencoded" + suffix, body
    if how == "latin-1":
        body = urlencode(pairs, encoding="latin-1", errors="replace").encode()
        return "application/x-www-form-urlencoded", body
    if how == "raw":  # unescaped: & and = inside values, bytes that are no UTF-8
        body = b"&".join(_bytes(name) + b"=" + _bytes(value) for name, value in pairs)
        return "application/x-www-form-urlencoded", body
    if how == "json":
        return "application/json", json.dumps(dict(pairs)).encode()
    boundary = BOUNDARY
    parts = []
    for name, value in pairs:
        safe_name = _bytes(name).replace(b'"', b"%22").replace(b"\r", b"%0D").replace(b"\n", b"%0A")
        header = b'Content-Disposition: form-data; name="%s"' % safe_name
        parts.append(b"--%s\r\n%s\r\n\r\n%s\r\n" % (boundary.encode(), header, _bytes(value)))
    body = b"".join(parts) + b"--" + boundary.encode() + b"--\r\n"
    return f"multipart/form-data; boundary={boundary}", body


def _fit(pairs: list[tuple[str, str]], size: Callable[[list], int], limit: int) -> list:
    while pairs and size(pairs) > limit:
        pairs = pairs[:-1]
    return pairs


@st.composite
def requests_for(draw: st.DrawFn, form: Form, base: str, extra: dict[str, list[str]]) -> Request:
    prefix = draw(st.sampled_from(["", "/fa"])) if not form.action.startswith("/fa/") else ""
    action = prefix + form.action
    pairs = draw(filled(form, extra))
    if form.method == "get":
        query = lambda chosen: urlencode(chosen, encoding="utf-8", errors="surrogatepass")  # noqa: E731
        pairs = _fit(pairs, lambda chosen: len(query(chosen)), MAX_QUERY)
        return Request("GET", f"{quote(action)}?{query(pairs)}")
    how, charset = draw(st.sampled_from(ENCODINGS)), draw(st.sampled_from(CHARSETS))
    limit = MAX_UNREAD_BODY if how in {"json", "charset"} else MAX_BODY
    pairs = _fit(pairs, lambda chosen: len(encode(chosen, how, charset)[1]), limit - 200)
    # The page's CSRF token, nine times in ten (Hypothesis draws the first choice most).
    if form.csrf_token and draw(st.sampled_from([True] * 9 + [False])):
        at = draw(st.integers(0, len(pairs)))
        pairs.insert(at, ("csrfmiddlewaretoken", form.csrf_token))
    content_type, body = encode(pairs, how, charset)
    headers = [("Content-Type", content_type), ("Origin", base), ("Referer", base + form.page)]
    if form.csrf_cookie:
        headers.append(("Cookie", f"csrftoken={form.csrf_cookie}"))
    return Request("POST", quote(action), tuple(headers), body)


class Found(Exception):
    def __init__(self, request: Request, problem: str) -> None:
        super().__init__(problem)
        self.request, self.problem = request, problem


def fuzz(
    site: Site, report: Report, check: str, strategy: st.SearchStrategy, examples: int
) -> None:
    first: list[Found] = []  # the first problem seen, in case it does not happen again

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
        report_multiple_bugs=False,
    )
    @given(strategy)
    def example(request: Request) -> None:
        try:
            reply = request.send(site.base)
        except (OSError, HTTPException) as error:
            first.append(Found(request, f"no answer: {type(error).__name__}: {error}"))
            raise first[-1] from error
        report.count(check, reply)
        problem = problem_with(reply, site.home, None)
        if problem:
            first.append(Found(request, problem))
            raise first[-1]

    try:
        example()
    except Found as found:  # shrunk to a small example
        report.fail(check, found.request, found.problem)
    except Exception as error:
        if first:  # seen once, gone when Hypothesis tried again: report what was seen
            again = f" (then not again: {type(error).__name__})"
            report.fail(check, first[0].request, first[0].problem + again)
        else:  # the site stopped answering, or the audit is wrong
            report.fail(check, "(none)", f"{type(error).__name__}: {str(error)[:500]}")


def fuzz_forms(site: Site, report: Report, *, examples: int) -> None:
    """Fuzz the four public forms; a form the site does not show is a failure."""
    sign = site.form("/sign/")
    resend = forms_on(site.base, sign.action.replace("/sign/", "/sent/")) if sign else []
    targets = {
        "fuzz of the sign form": (sign, {}),
        "fuzz of the new-link form": (resend[0] if resend else None, {}),
        "fuzz of the staff sign-in": (site.form("/staff/login/", "/staff/login/"), {}),
        "fuzz of the case database's filters": (
            site.form("/prisoners/", "/prisoners/"),
            {"page": PAGE_VALUES},
        ),
    }
    for check, (form, extra) in targets.items():
        if form is None:
            report.fail(check, "(none)", "the site shows no such form")
            continue
        fuzz(site, report, check, requests_for(form, site.base, extra), examples)
