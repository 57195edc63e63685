"""Video and audio from other sites, as an update's page shows them: a placeholder that loads
nothing from the other site until the visitor asks.

For the few sites that offer one, `embed_url` gives the privacy-enhanced player's address
(youtube-nocookie.com, player.vimeo.com, w.soundcloud.com); the page's script swaps it in as
an iframe when the visitor presses "Load the video here", and the update's page alone allows
those hosts in its CSP frame-src (EMBED_HOSTS). Any other address stays a plain link."""

import re
from urllib.parse import quote, urlsplit

# The hosts of the players we build; the update page's CSP lets frames come from these only.
EMBED_HOSTS = (
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://w.soundcloud.com",
)

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com"}
SOUNDCLOUD_HOSTS = {"soundcloud.com", "www.soundcloud.com", "m.soundcloud.com"}
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[0-9]{1,12}")


def host_name(url: str) -> str:
    """The site a media address is on, as a visitor would recognise it: "youtube.com"."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    for prefix in ("www.", "m."):
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


def _youtube_id(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host == "youtu.be":
        candidate = parts.path.strip("/")
    elif parts.path == "/watch":
        query = dict(pair.split("=", 1) for pair in parts.query.split("&") if "=" in pair)
        candidate = query.get("v", "")
    elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
        candidate = parts.path.split("/")[2]
    else:
        return ""
    return candidate if YOUTUBE_ID.fullmatch(candidate) else ""


def embed_url(url: str) -> str:
    """The privacy-enhanced player of a YouTube, Vimeo or SoundCloud address, or "" for any
    other address (shown as a link only). Built from a checked id, never from the address as
    given, so no staff typo can make the page frame something else."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme != "https" and parts.scheme != "http":
        return ""
    host = (parts.hostname or "").lower()
    if host in YOUTUBE_HOSTS:
        video = _youtube_id(url)
        return f"https://www.youtube-nocookie.com/embed/{video}" if video else ""
    if host in VIMEO_HOSTS:
        video = parts.path.strip("/")
        return f"https://player.vimeo.com/video/{video}?dnt=1" if VIMEO_ID.fullmatch(video) else ""
    if host in SOUNDCLOUD_HOSTS and parts.path.count("/") >= 2:
        track = f"https://soundcloud.com{parts.path}"
        return f"https://w.soundcloud.com/player/?url={quote(track, safe='')}"
    return ""
