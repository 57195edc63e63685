"""The public report form and its thank-you page (services.reports does the work)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from freethem.core.net import client_ip
from freethem.protests.report_form import LIMITED, ReportForm
from freethem.protests.services.reports import Outcome, report_submit


@never_cache
def report(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome, _report = report_submit(
            date=data["date"],
            country=data["country"],
            province=data["province"],
            location=data["location"],
            description=data["description"],
            size_text=data["size_text"],
            groups=data["groups"],
            links=data["links"],
            contact=data["contact"],
            language=get_language() or "en",
            ip=client_ip(request),
            trap=data["website"],
            proof=data["altcha"],
        )
        if outcome is not Outcome.LIMITED:
            return redirect("protests:report_thanks")
        form.add_error(None, LIMITED)
        status = 429
    return render(request, "protests/report.html", {"form": form}, status=status)


def report_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "protests/report_thanks.html")
