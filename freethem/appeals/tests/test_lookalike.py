"""The impersonation guard's folding: the ways an impersonator writes a notable's name that a
comparison of strings misses, and different people whose names must not be held."""

import pytest

from freethem.appeals.lookalike import fold, name_of, resembles, resembles_any, words

EBADI = "Shirin Ebadi"
EBADI_FA = "شیرین عبادی"
SOTOUDEH = "Nasrin Sotoudeh"

LOOKALIKES = [
    (EBADI, "Shіrin Ebаdi"),  # Cyrillic і and а
    (EBADI, "Ѕhirin Еbadi"),  # Cyrillic Ѕ and Е, capitals
    (EBADI, "Shirin Εbαdi"),  # Greek Ε and α
    (EBADI, "SHIRIN EBADI"),
    (EBADI, "shirin ebadi"),
    (EBADI, "Ebadi Shirin"),  # surname first
    (EBADI, "Ebadi, Shirin"),
    (EBADI, "Shirin Ébadi"),  # an accent
    (EBADI, "Shirin Ebady"),  # one letter changed
    (EBADI, "Shireen Ebadi"),  # another transliteration
    (EBADI, "Shirin  Ebadi\u200b"),  # zero-width space, two spaces
    (EBADI, "Shi\u200drin Eba\u00addi"),  # joiner, soft hyphen inside words
    (EBADI, "Ｓｈｉｒｉｎ Ｅｂａｄｉ"),  # fullwidth
    (EBADI, "Dr Shirin Ebadi"),  # a title before it
    (EBADI, "شیرین عبادی"),  # Persian script for a Latin name
    (EBADI, "شيرين عبادي"),  # with Arabic yeh
    (EBADI_FA, "شيرين عبادي"),  # Arabic yeh for Persian
    (EBADI_FA, "شیرین\u200cعبادی"),  # ZWNJ between the words
    (EBADI_FA, "شیرین عبادى"),  # alef maksura for a final yeh
    (EBADI_FA, "Shirin Ebadi"),  # Latin for a Persian name
    (EBADI_FA, "Ebadi Shirin"),
    (SOTOUDEH, "Nasreen Sotoodeh"),
    (SOTOUDEH, "نسرین ستوده"),
    ("Narges Mohammadi", "Narges Mohamadi"),
    ("Narges Mohammadi", "نرگس محمدی"),
    ("Jafar Panahi", "Djafar Panahi"),
    ("Mohammad Rasoulof", "Mohammed Rasoulof"),
    ("Noam Chomsky", "Noam Chomsky"),
    ("Noam Chomsky", "Noаm Сhomsky"),  # Cyrillic а and С
    ("Kazem Kardavani", "كاظم كردوانی"),  # Arabic kaf
    ("Søren Kierkegaard", "Soren Kierkegaard"),
    ("Lech Wałęsa", "Lech Walesa"),
    (EBADI, "ShirinEbadi"),  # the words run together
    (EBADI, "EbadiShirin"),
]

DIFFERENT_PEOPLE = [
    (EBADI, "Shirin Ahmadi"),  # same first name, another family
    (EBADI, "Nasrin Ebadi"),  # another first name
    (EBADI, "Sharon Abadi"),  # sounds alike, spelled unlike
    (EBADI, "Shirin"),  # one of the words only
    (EBADI, "Ebadi"),
    (EBADI, "Shirin Ebrahimi"),
    (EBADI_FA, "شیرین احمدی"),
    (EBADI_FA, "نسرین عبادی"),
    (SOTOUDEH, "Nasrin Sadeghi"),
    (SOTOUDEH, "Narges Mohammadi"),
    ("Narges Mohammadi", "Narges Mahmoudi"),
    ("Noam Chomsky", "Noah Chomsky"),
    ("Ali Karimi", "Ali Karimzadeh"),
    ("Ali Karimi", "Ali Rezaei"),
]


@pytest.mark.parametrize(("notable", "name"), LOOKALIKES)
def test_it_finds_a_lookalike(notable: str, name: str) -> None:
    assert resembles(name_of(name), name_of(notable)), (notable, name, words(name))


@pytest.mark.parametrize(("notable", "name"), DIFFERENT_PEOPLE)
def test_it_does_not_take_another_person_for_a_notable(notable: str, name: str) -> None:
    assert not resembles(name_of(name), name_of(notable)), (notable, name, words(name))


def test_it_folds_lookalike_letters_case_width_and_invisible_characters() -> None:
    assert fold("Ｓhіrіn\u200b ЕBADI") == "shirin ebadi"
    assert fold("شيرين\u200c عبادى") == "شیرین عبادی"
    assert fold("Ébadi") == "ebadi"


def test_it_compares_a_name_with_every_notable_of_the_appeal() -> None:
    notables = [name_of(EBADI), name_of(SOTOUDEH)]
    assert resembles_any("Nasrin Sotoudeh", notables)
    assert not resembles_any("Ada Lovelace", notables)
    assert not resembles_any("", notables)


def test_it_bounds_the_work_for_a_long_name() -> None:
    # Any name is cut to a few words: a name of 10,000 copies of a notable's words costs
    # what a short one does, and still resembles.
    assert len(words("Shirin Ebadi " * 5000)) == 8
    assert resembles(name_of("Shirin Ebadi " * 5000), name_of(EBADI))
