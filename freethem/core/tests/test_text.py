import pytest

from freethem.core.text import (
    exact_form,
    name_key,
    name_key_variants,
    name_keys,
    normalize,
    tokens,
)

ZWNJ, RLM, LRI, PDI = "\u200c", "\u200f", "\u2066", "\u2069"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("علي", "علی"),  # Arabic yeh
        ("مصطفى", "مصطفی"),  # alef maksura
        ("كيخسروي", "کیخسروی"),  # Arabic kaf
        ("فاطمة", "فاطمه"),
        ("خانۀ", "خانه"),
        ("أحمد إسلام ٱلله", "احمد اسلام الله"),
        ("مؤمن", "مومن"),
        ("محمَّد", "محمد"),  # fatha and shadda
        ("سـتـوده", "ستوده"),  # tatweel
        ("ستوده\u0670", "ستوده"),  # superscript alef
        (f"نرگس{ZWNJ}محمدی", "نرگسمحمدی"),
        (f"{RLM}نرگس{LRI}\u202bمحمدی\u202c{PDI}\u061c", "نرگسمحمدی"),
        ("\ufeffa\u200bb\u200dc\u2060", "abc"),
        ("۱۳۹۹/۰۸/۱۰", "1399/08/10"),
        ("٢٠٢٠", "2020"),
        ("Zaghari-Ratcliffé", "zaghari-ratcliffe"),
        ("ÉMILE  Straße", "emile strasse"),
        ("  Narges \t\n Mohammadi  ", "narges mohammadi"),
        ("آبتین", "آبتین"),  # آ is kept here and folded only in keys
    ],
)
def test_it_normalizes(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nazanin Zaghari-Ratcliffe", ["nazanin", "zaghari", "ratcliffe"]),
        ("Ja'fari", ["jafari"]),
        ("Ja’fari", ["jafari"]),
        ("Jaʿfari", ["jafari"]),
        ("Jaʼfari", ["jafari"]),
        ("'Ali', (Tehran); Evin.", ["ali", "tehran", "evin"]),
        ("نرگس، محمدی؟", ["نرگس", "محمدی"]),
        ("Cell 209 / ۲۰۹", ["cell", "209", "209"]),
        ("under_score", ["under", "score"]),
        ("  - ", []),
    ],
)
def test_it_splits_words(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


NAMES = [
    ["Narges Mohammadi", "نرگس محمدی", "Narges Mohamadi", "نرگس محمّدی"],
    ["Nasrin Sotoudeh", "نسرین ستوده", "Nasrin Sotudeh", "Nasrin Sotoude"],
    ["Nahid Taghavi", "ناهید تقوی", "Nahid Taqavi"],
    ["Sepideh Gholian", "سپیده قلیان", "Sepideh Qolian", "Sepideh Golian"],
    ["Ghasemi", "قاسمی", "Qasemi", "Gasemi", "غاسمی"],
    ["Golnar", "گلنار", "Gholnar"],
    ["Mehran Raouf", "مهران رئوف", "Mehran Raoof", "Mehran Rauf"],
    ["Rasoul Bodaghi", "رسول بداغی", "Rasool Bodaghi", "Rasul Bodaqi"],
    ["Baktash Abtin", "بکتاش آبتین", "Baktash Ebtin"],
    ["Mehdi Mahmoudian", "مهدی محمودیان", "Mahdi Mahmudian"],
    ["Arash Keykhosravi", "آرش کیخسروی", "Arash Kaykhosravi", "Arash Keikhosravi"],
    ["Mostafa Nili", "مصطفی نیلی", "Mostafa Nily", "Moustafa Nili"],
    ["Davood", "داوود", "Davud", "Dawood"],
    ["Vahid", "وحید", "Wahid"],
    ["Yousef", "یوسف", "Yusuf", "Youssef"],
    ["Jafari", "جعفری", "Ja'fari", "Djafari"],
    ["Ali", "علی", "Aly"],
    ["Omid", "امید", "Umid"],
]


@pytest.mark.parametrize("spellings", NAMES, ids=[row[0] for row in NAMES])
def test_it_gives_every_spelling_of_a_name_the_same_keys(spellings: list[str]) -> None:
    assert {tuple(name_keys(spelling)) for spelling in spellings} == {
        tuple(name_keys(spellings[0]))
    }


def test_it_gives_different_names_different_keys() -> None:
    keys = [tuple(name_keys(row[0])) for row in NAMES]
    assert len(set(keys)) == len(NAMES)


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Mohammadi", "mhmd"),
        ("Sotoudeh", "std"),  # the final silent h goes
        ("Fathi", "fth"),  # an h before a final vowel stays
        ("Taghavi", "tq"),  # v inside a word is a vowel
        ("Vahid", "vhd"),  # and a consonant at its start
        ("Keykhosravi", "kxsr"),  # y inside a word is a vowel
        ("Yousef", "ysf"),  # and a consonant at its start
        ("Omid", "amd"),  # a vowel-initial word starts with a
        ("Abbas", "abs"),
        ("عباس", "abs"),  # ع starts a word like a vowel
        ("Ghoncheh", "qnC"),
        ("Tchalangi", "Clnq"),  # g, gh, q, ق, غ and گ are one sound
        ("Zhila", "Zl"),
        ("ژیلا", "Zl"),
        ("Philip", "flp"),
        ("Mohammad-Reza", "mhmdrz"),  # one word, whatever joins it
        ("Cell209", "kl209"),
        ("", ""),
        ("-", ""),
    ],
)
def test_it_reduces_a_word_to_its_skeleton(word: str, key: str) -> None:
    assert name_key(word) == key


def test_it_keeps_the_persian_words_of_a_name_among_the_latin_ones() -> None:
    latin = name_keys("Nazanin Zaghari-Ratcliffe")
    assert latin == ["nznn", "zqr", "rtklf"]
    assert set(name_keys("نازنین زاغری")) <= set(latin)


@pytest.mark.parametrize(
    ("typed", "persian"),
    [
        ("علي", "علی"),
        ("كيخسروي", "کیخسروی"),
        ("مصطفى", "مصطفی"),
        ("محمَّدی", "محمدی"),
        ("محــمدی", "محمدی"),
        (f"کی{ZWNJ}خسروی", "کیخسروی"),
        (f"{RLM}ستوده{RLM}", "ستوده"),
        (f"{LRI}ستوده{PDI}", "ستوده"),
    ],
)
def test_it_gives_keyboard_and_invisible_variants_the_same_key(typed: str, persian: str) -> None:
    assert name_key(typed) == name_key(persian) != ""


@pytest.mark.parametrize(
    ("word", "keys"),
    [
        ("Fathemeh", ("fthm", "ftm")),  # فاطمه, or a ت + ح name
        ("Fathi", ("fth", "ft")),
        ("Fatemeh", ("ftm",)),
        ("فاطمه", ("ftm",)),
        ("Sotoudeh", ("std",)),
        ("", ()),
    ],
)
def test_it_reads_a_latin_th_both_ways(word: str, keys: tuple[str, ...]) -> None:
    assert name_key_variants(word) == keys


def test_it_lists_each_key_once_in_order() -> None:
    assert name_keys("Ali Mohammadi ali, Mohamadi — ۲۰۹") == ["al", "mhmd", "209"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("نرگس  محمدي", "نرگس محمدی"),
        ("Narges MOHAMMADI", "narges mohammadi"),
        ("آبتین", "ابتین"),
        ("Nazanin Zaghari-Ratcliffe", "nazanin zaghari ratcliffe"),
        ("Ja'fari.", "jafari"),
    ],
)
def test_it_gives_the_same_exact_form(first: str, second: str) -> None:
    assert exact_form(first) == exact_form(second)


def test_it_folds_the_exact_form() -> None:
    assert exact_form(" Baktash  ABTIN ") == "baktash abtin"
    assert exact_form("بکتاش آبتین") == "بکتاش ابتین"
    assert exact_form("Narges Mohammadi") != exact_form("Narges Mohamadi")
