"""The likely address behind a mistyped one: someone@gmial.com -> someone@gmail.com.

The sign form asks "Did you mean ...?" before anything else is said about the address, so a
slip of the thumb is never taken for a throwaway mail service (gmial.com, hotmial.com and
other typo domains are in the disposable-domain list, since someone registered them to catch
mail meant for the real provider).

Two kinds of slip are caught: a mistyped top-level domain that is no real one (.con, .cmo,
.comm ... for .com), and a domain one or two edits (an insertion, a deletion, a change or two
neighbours swapped) away from a large provider's. A domain that is itself a known provider
is never questioned, and the signer can always keep what they typed.
"""

# Large mail providers, the most used first (a tie goes to the earlier one). Near neighbours
# that are real providers of their own are listed too, so that they are never "corrected":
# mail.com is one edit from gmail.com, gmx.net from gmx.de.
PROVIDERS = (
    "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "aol.com",
    "live.com", "msn.com", "me.com", "mac.com", "googlemail.com", "protonmail.com",
    "proton.me", "pm.me", "ymail.com", "mail.com", "email.com", "gmx.com", "gmx.de", "gmx.net",
    "gmx.at", "gmx.ch", "web.de", "t-online.de", "freenet.de", "posteo.de", "posteo.net",
    "mailbox.org", "fastmail.com", "fastmail.fm", "tutanota.com", "tuta.io", "zoho.com",
    "yandex.com", "yandex.ru", "mail.ru", "inbox.ru", "list.ru", "bk.ru", "qq.com", "163.com",
    "126.com", "naver.com", "orange.fr", "free.fr", "laposte.net", "sfr.fr", "wanadoo.fr",
    "libero.it", "virgilio.it", "tiscali.it", "hotmail.co.uk", "hotmail.fr", "hotmail.de",
    "hotmail.it", "hotmail.es", "live.co.uk", "live.fr", "live.de", "outlook.de", "outlook.fr",
    "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.it", "yahoo.es", "yahoo.ca", "btinternet.com",
    "sky.com", "virginmedia.com", "comcast.net", "verizon.net", "att.net", "sbcglobal.net",
    "bellsouth.net", "cox.net", "charter.net", "shaw.ca", "rogers.com", "sympatico.ca",
    "bigpond.com", "optusnet.com.au", "telenet.be", "skynet.be", "ziggo.nl", "kpnmail.nl",
    "online.no", "telia.com", "bluewin.ch", "seznam.cz", "wp.pl", "o2.pl", "interia.pl",
    "onet.pl", "chmail.ir", "yahoo.co.jp", "rediffmail.com", "uol.com.br", "bol.com.br",
)  # fmt: skip
KNOWN = frozenset(PROVIDERS)

# Top-level domains that are slips for .com, .net or .org and are no real top-level domain
# (.co, .cm and .om are real: they are only corrected towards a provider, below).
TLD_SLIPS = {
    **dict.fromkeys(("con", "cmo", "comm", "ocm", "cpm", "vom", "xom", "coom", "comn"), "com"),
    **dict.fromkeys(("nte", "ent", "met", "bet", "nett"), "net"),
    **dict.fromkeys(("ogr", "rog", "orgg"), "org"),
}

MAX_DOMAIN = 253  # RFC 1035, in characters


def edit_distance(a: str, b: str) -> int:
    """Insertions, deletions, changes and swaps of two neighbours that turn a into b (the
    optimal string alignment distance)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (char_a != char_b),
            )
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _split(domain: str) -> tuple[str, str]:
    """ "hotmail.co.uk" -> ("hotmail", "co.uk")."""
    name, _dot, suffix = domain.partition(".")
    return name, suffix


def _close(domain: str, provider: str) -> int | None:
    """How many slips turn the provider's domain into this one, when that many are a likely
    slip rather than another real domain; None otherwise.

    Slips in the name count when the name is long enough that a neighbour is unlikely to be
    a real provider of its own (ma.com is not me.com): one slip from four letters on, two from
    seven. The top-level domain counts one slip only towards .com, .net or .org: country
    domains one edit apart are often both real (hotmail.se and hotmail.de, yahoo.in and
    yahoo.it)."""
    name, suffix = _split(domain)
    provider_name, provider_suffix = _split(provider)
    in_name = edit_distance(name, provider_name)
    in_suffix = edit_distance(suffix, provider_suffix)
    if in_suffix > 1 or (in_suffix and provider_suffix not in {"com", "net", "org"}):
        return None
    # Slips allowed in the name: by its length, one fewer when the suffix has one too.
    allowed = 2 if len(provider_name) >= 7 else 1 if len(provider_name) >= 4 else 0
    if in_suffix:
        allowed = min(allowed, 1 if len(provider_name) >= 5 else 0)
    if in_name > allowed:
        return None
    return in_name + in_suffix or None


def _nearest_provider(domain: str) -> str | None:
    """The closest provider within a likely slip (a tie goes to the more used one)."""
    found = [
        (slips, index)
        for index, provider in enumerate(PROVIDERS)
        if (slips := _close(domain, provider)) is not None
    ]
    return PROVIDERS[min(found)[1]] if found else None


def suggested_domain(domain: str) -> str | None:
    """The domain the signer probably meant, or None when it looks as meant."""
    domain = domain.strip().lower().rstrip(".")
    # Longer than DNS allows is no domain: nothing to suggest, and no edit distances over
    # megabytes of posted text (the form reads the address before its length is checked).
    if not domain or len(domain) > MAX_DOMAIN or "." not in domain or domain in KNOWN:
        return None
    name, tld = domain.rsplit(".", 1)
    fixed = f"{name}.{TLD_SLIPS[tld]}" if tld in TLD_SLIPS else domain
    if fixed in KNOWN:
        return fixed
    return _nearest_provider(fixed) or (fixed if fixed != domain else None)


def suggested_email(email: str) -> str | None:
    """The address with its domain corrected, or None. The part before the @ is kept as typed."""
    local, at, domain = email.strip().rpartition("@")
    if not (local and at):
        return None
    suggestion = suggested_domain(domain)
    return f"{local}@{suggestion}" if suggestion else None
