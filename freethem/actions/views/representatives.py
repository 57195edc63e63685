"""Contact your representatives: pick a country (a GET form), get whom to write to and the
message filled in; say "I contacted them" (a POST, counted once per browser)."""

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from freethem.actions.models import Representative
from freethem.actions.services import representatives as services
from freethem.appeals.forms import PlainTextField
from freethem.core.net import client_ip

COUNTRY_UNKNOWN = _("Please choose a country from the list: we know no representatives there.")


class CountryForm(forms.Form):
    country = forms.ChoiceField(
        label=_("Your country"), error_messages={"invalid_choice": COUNTRY_UNKNOWN}
    )
    name = PlainTextField(
        label=_("Your name (optional)"),
        max_length=services.SUPPORTER_MAX,
        required=False,
        help_text=_("To sign the message on this page. We do not keep it."),
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["country"]
        field.choices = [("", _("Choose your country")), *choices]  # type: ignore[attr-defined]
        field.error_messages["required"] = COUNTRY_UNKNOWN


def _contacted(request: HttpRequest) -> set[int]:
    cookie = request.get_signed_cookie(services.COOKIE, default="", salt=services.COOKIE_SALT)
    return services.contacted_from(cookie)


def _language() -> str:
    return "fa" if (get_language() or "en").startswith("fa") else "en"


def _url(*, country: str, name: str = "", language: str = "") -> str:
    query = {"country": country, "name": name, "in": language}
    return f"{reverse('representatives:index')}?{urlencode({k: v for k, v in query.items() if v})}"


@require_http_methods(["GET", "HEAD"])
def index(request: HttpRequest) -> HttpResponse:
    choices = services.countries_with_representatives()
    asked = "country" in request.GET
    # Bounded: a query string of other sizes is an error message, never work.
    data = {key: request.GET.get(key, "")[:200] for key in ("country", "name")}
    form = CountryForm(data if asked else None, choices=choices)
    letters, country, languages, language = [], "", [], _language()
    if asked and form.is_valid():
        country, name = form.cleaned_data["country"], form.cleaned_data["name"]
        written = services.message_languages(country)
        # "The message in: English, Persian, German": the reader may write in another
        # language than the page's (a Persian reader to a German member of parliament).
        wanted = request.GET.get("in", "")[:10]
        if wanted in dict(written):
            language = wanted
        languages = [
            (code, label, _url(country=country, name=name, language=code))
            for code, label in written
        ]
        letters = services.letters_for(country=country, language=language, supporter=name)
        language = next((letter.language for letter in letters if letter.language), language)
    context = {
        "form": form,
        "countries": choices,
        "country": country,
        "country_name": dict(choices).get(country, ""),
        "letters": letters,
        "contacted": _contacted(request),
        "languages": languages if len(languages) > 1 else [],
        "language": language,
    }
    status = 400 if asked and not form.is_valid() else 200
    return render(request, "actions/representatives/index.html", context, status=status)


@require_POST
def contacted(request: HttpRequest, pk: int) -> HttpResponse:
    """ "I contacted them": counted once per browser; back to the country's list."""
    if pk > 2**31:
        raise Http404
    representative = get_object_or_404(Representative, pk=pk)
    done = _contacted(request)
    services.representative_contacted(
        representative=representative, done=done, ip=client_ip(request)
    )
    name = " ".join(request.POST.get("name", "")[: services.SUPPORTER_MAX].split())
    language = request.POST.get("in", "")[:10]
    url = _url(country=representative.country.code, name=name, language=language)
    response = redirect(f"{url}#rep-{representative.pk}")
    response.set_signed_cookie(
        services.COOKIE,
        services.contacted_cookie(done | {representative.pk}),
        salt=services.COOKIE_SALT,
        max_age=services.COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
