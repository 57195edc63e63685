"""Circulation and embeds: the share links on a signer's page, the SVG badge and the counter
page that other sites may frame.

The counter is the one page of the site that may be framed: it alone sends a CSP
frame-ancestors of any origin and no X-Frame-Options. It holds no form and no secret, and its
one link opens the appeal in a new tab, out of the frame.
"""

from urllib.parse import quote, urlencode

from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import get_language_bidi, gettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from freethem.appeals import services
from freethem.appeals.models import Appeal, Signature, SignatureState
from freethem.appeals.views.pages import SIGNING_APPEALS, goal_progress
from freethem.core.templatetags.freethem import grouped

# Embeds are fetched by every visitor of every site that shows them: a short public cache.
EMBED_SECONDS = 60
# A rough width of one character at the badge's font size, for a badge without font metrics.
BADGE_CHAR_WIDTH = 7
BADGE_PADDING = 10


def share_url(signature: Signature, code: str) -> str:
    """The appeal's address with the signer's share code, in the page's language."""
    path = reverse("appeals:detail", args=[signature.appeal.slug])
    return services.site_url(f"{path}?{urlencode({'via': code})}")


def share_links(*, title: str, url: str) -> list[dict[str, str]]:
    """Plain links to each service's own share address: no script, no pixel, nothing loaded
    from them until the signer chooses one."""
    text = gettext("I have signed “%(title)s”. Please sign it too:") % {"title": title}
    mail = f"mailto:?subject={quote(title)}&body={quote(f'{text} {url}')}"
    both = quote(f"{text} {url}")
    return [
        {"service": "email", "name": gettext("Email"), "url": mail},
        {"service": "whatsapp", "name": "WhatsApp", "url": f"https://wa.me/?text={both}"},
        {
            "service": "telegram",
            "name": gettext("Telegram"),
            "url": f"https://t.me/share/url?{urlencode({'url': url, 'text': text})}",
        },
        {
            "service": "x",
            "name": "X",
            "url": f"https://x.com/intent/post?{urlencode({'text': text, 'url': url})}",
        },
        {
            "service": "facebook",
            "name": "Facebook",
            "url": f"https://www.facebook.com/sharer/sharer.php?{urlencode({'u': url})}",
        },
    ]


def share_context(signature: Signature) -> dict:
    """What the signer's page shows to pass the appeal on, once confirmed (held or suspect
    signers see the same: nothing on their page tells them apart)."""
    if signature.state != SignatureState.CONFIRMED:
        return {}
    share = services.share_code_for(signature=signature)
    url = share_url(signature, share.code)
    return {
        "share_url": url,
        "share_links": share_links(title=signature.appeal.title, url=url),
        "share_count": services.share_count(share=share),
    }


def _embedded_appeal(slug: str) -> Appeal:
    appeal = SIGNING_APPEALS.get(slug)  # from memory for a few seconds: embeds are hot
    if appeal is None:
        raise Http404
    return appeal


def _embeddable(response: HttpResponse) -> HttpResponse:
    """An embed: cached briefly by anyone, and loadable by other sites (the site's default
    Cross-Origin-Resource-Policy is same-origin, core.middleware.security_headers)."""
    response["Cache-Control"] = f"public, max-age={EMBED_SECONDS}"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@require_safe
def badge(request: HttpRequest, slug: str) -> HttpResponse:
    """An SVG badge of the count and the goal, in the language of the address."""
    appeal = _embedded_appeal(slug)
    confirmed = services.count_data(appeal)["confirmed"]
    label = gettext("Signatures")
    value = gettext("%(signed)s of %(goal)s") % {
        "signed": grouped(confirmed),
        "goal": grouped(appeal.goal),
    }
    left, right = (len(text) * BADGE_CHAR_WIDTH + 2 * BADGE_PADDING for text in (label, value))
    rtl = get_language_bidi()
    context = {
        "appeal": appeal,
        "label": label,
        "value": value,
        "width": left + right,
        "rtl": rtl,
        # Persian reads from the right: the label's box is then on the right.
        "label_x": (right if rtl else 0),
        "label_width": left,
        "value_x": (0 if rtl else left),
        "value_width": right,
    }
    # The progress along the foot of the value's box, from where the reader starts.
    fill_width = right * float(goal_progress(confirmed, appeal)["filled"]) / 100
    context["fill_width"] = f"{fill_width:.1f}"
    context["fill_x"] = f"{context['value_x'] + (right - fill_width if rtl else 0):.1f}"
    context["label_mid"] = context["label_x"] + left / 2
    context["value_mid"] = context["value_x"] + right / 2
    response = render(request, "appeals/badge.svg", context, content_type="image/svg+xml")
    return _embeddable(response)


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def counter(request: HttpRequest, slug: str) -> HttpResponse:
    """A small page of the count, the goal and the progress, for other sites to frame."""
    appeal = _embedded_appeal(slug)
    confirmed = services.count_data(appeal)["confirmed"]
    context = {
        "appeal": appeal,
        "confirmed": confirmed,
        "progress": goal_progress(confirmed, appeal),
        "appeal_url": services.site_url(appeal.get_absolute_url()),
    }
    return _embeddable(render(request, "appeals/counter.html", context))


def embed_snippets(appeal: Appeal) -> list[dict[str, str]]:
    """The HTML an organiser gives a partner site, in each language: the framed counter and
    the badge (linked to the appeal)."""
    snippets = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            counter_url = services.site_url(reverse("appeals:counter", args=[appeal.slug]))
            badge_url = services.site_url(reverse("appeals:badge", args=[appeal.slug]))
            page_url = services.site_url(appeal.get_absolute_url())
            title = escape(appeal.title)
        snippets.append(
            {
                "language": name,
                "code": code,
                "iframe": f'<iframe src="{counter_url}" title="{title}" width="320" '
                'height="180" style="border:0" loading="lazy"></iframe>',
                "img": f'<a href="{page_url}"><img src="{badge_url}" alt="{title}" '
                'height="20"></a>',
            }
        )
    return snippets
