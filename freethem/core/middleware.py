import codecs
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import parse_header_parameters
from django.utils.log import log_response


def security_headers(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Headers Django's SecurityMiddleware does not set: no camera, microphone or location for
    any page, and no other site may embed our files."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    return middleware


# Request bodies and query strings are read as UTF-8 and nothing else. Every page is UTF-8, and
# browsers send a form in the encoding of its page and name no charset for it; the HTML
# standard reads application/x-www-form-urlencoded as UTF-8, and Django refuses any other
# charset for it. A request naming another charset did not come from our forms, and honouring
# it buys nothing but risk: Python's codec registry also holds rot13, base64, zlib and other
# byte transforms that are no text encodings at all, and Django fails on them before any
# middleware runs. ASCII is a subset of UTF-8, so it is accepted too.
ACCEPTED_CHARSETS = frozenset({"utf-8", "ascii"})  # Python's names for the codecs
# Where the WSGI environ keeps a charset set aside before Django reads the request.
SET_ASIDE_CHARSET = "freethem.charset"


def is_accepted_charset(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name in ACCEPTED_CHARSETS
    except (LookupError, ValueError):  # unknown, or not a name at all ("a\0b")
        return False


def set_aside_foreign_charset(sender: object, environ: dict | None = None, **kwargs: Any) -> None:
    """request_started: take a charset freethem does not read out of the Content-Type.

    Django builds a WSGI request from the environ before any middleware runs, and decodes the
    query string with the declared charset while doing so: `?a=b` with `charset=rot13` raises
    LookupError there and the server answers a bare 500. Set aside, the charset is still seen
    by utf8_requests below, which answers 400. ASGI requests (no environ) decode their query
    string as UTF-8 whatever the header says, so the middleware sees their charset itself."""
    if environ is None:
        return
    content_type, params = parse_header_parameters(environ.get("CONTENT_TYPE", ""))
    charset = params.get("charset")
    if charset is not None and not is_accepted_charset(charset):
        environ[SET_ASIDE_CHARSET] = charset
        environ["CONTENT_TYPE"] = content_type  # never read: the request is refused


def utf8_requests(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """400 for a request whose Content-Type names a charset other than UTF-8 (or ASCII), with
    one short line in the log; it sits inside the middlewares that add the security headers,
    and after LocaleMiddleware, so the page is in the language of its address."""

    def middleware(request: HttpRequest) -> HttpResponse:
        params = request.content_params or {}
        charset = request.META.get(SET_ASIDE_CHARSET) or params.get("charset")
        if charset is None:
            return get_response(request)
        if not is_accepted_charset(charset):
            response = render(request, "400.html", status=400)
            log_response(
                "Bad Request (charset %s is not read): %s",
                charset[:40],
                request.path,
                response=response,
                request=request,
            )
            return response
        # "utf8" or "us-ascii": read as "utf-8", the one spelling Django takes for form posts.
        request.encoding = "utf-8"
        return get_response(request)

    return middleware
