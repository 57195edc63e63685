"""The likely address behind a mistyped one: common slips in a large provider's domain or in
.com are caught, real domains (a provider's own near neighbours among them) are left alone."""

import pytest

from freethem.appeals.typos import edit_distance, suggested_domain, suggested_email


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("gmial.com", "gmail.com"),
        ("gmal.com", "gmail.com"),
        ("gnail.com", "gmail.com"),
        ("gmail.co", "gmail.com"),
        ("gamil.com", "gmail.com"),
        ("hotmial.com", "hotmail.com"),
        ("hotmal.com", "hotmail.com"),
        ("yaho.com", "yahoo.com"),
        ("yahooo.com", "yahoo.com"),
        ("outlok.com", "outlook.com"),
        ("iclod.com", "icloud.com"),
        ("protonmial.com", "protonmail.com"),
        # Not in any table: found by their distance from a provider.
        ("gmaul.com", "gmail.com"),
        ("fastmial.com", "fastmail.com"),
        ("hotmaill.com", "hotmail.com"),
        ("outloook.com", "outlook.com"),
        ("gmx.nt", "gmx.net"),
        # The top-level domain mistyped, alone or with a slip in the name.
        ("gmail.con", "gmail.com"),
        ("gmail.cmo", "gmail.com"),
        ("gmail.comm", "gmail.com"),
        ("hotmial.con", "hotmail.com"),
        ("outlok.co", "outlook.com"),
        ("example.con", "example.com"),
        ("uni-example.cmo", "uni-example.com"),
        ("GMIAL.COM", "gmail.com"),
    ],
)
def test_it_suggests_the_domain_meant(typed: str, meant: str) -> None:
    assert suggested_domain(typed) == meant


@pytest.mark.parametrize(
    "domain",
    [
        "gmail.com",
        "mail.com",  # one edit from gmail.com, and a provider of its own
        "gmx.de",
        "gmx.at",
        "hotmail.de",
        "hotmail.se",  # country domains one edit apart are often both real
        "yahoo.in",
        "yahoo.co.uk",
        "example.org",
        "uio.no",
        "ox.ac.uk",
        "mailinator.com",  # disposable, but no slip: the form refuses it as such
        "ma.com",  # too short to guess: not taken for me.com
        "uol.com",
        "example.co",  # a real top-level domain, and no provider near
        "",
    ],
)
def test_it_leaves_real_domains_alone(domain: str) -> None:
    assert suggested_domain(domain) is None


def test_it_keeps_what_comes_before_the_at_as_typed() -> None:
    assert suggested_email("Ada.Lovelace+appeal@gmial.com") == "Ada.Lovelace+appeal@gmail.com"
    assert suggested_email("ada@example.org") is None
    assert suggested_email("not an address") is None


def test_it_counts_two_neighbours_swapped_as_one_edit() -> None:
    assert edit_distance("gmial", "gmail") == 1
    assert edit_distance("gamil", "gmail") == 1
    assert edit_distance("gmail", "gmail") == 0
    assert edit_distance("yaho", "yahoo") == 1
    assert edit_distance("", "abc") == 3


def test_it_suggests_nothing_for_a_domain_longer_than_dns_allows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A posted megabyte is not weighed against every provider (the form reads the address
    before its length is checked): no edit distance is even computed."""

    def refused(a: str, b: str) -> int:
        raise AssertionError("edit distance computed for a domain too long to exist")

    monkeypatch.setattr("freethem.appeals.typos.edit_distance", refused)
    assert suggested_email("someone@" + "g" * 250 + "mial.com") is None
    assert suggested_domain("gmial.com" + ".x" * 200) is None
