"""Persian-aware text normalisation and script-neutral name keys for the search index.

normalize() folds what differs between keyboards but not between readers (Arabic and Persian
yeh and kaf, diacritics, zero-width and bidi marks, Persian digits, Latin accents and case).
name_key() reduces one word, written in Persian or in any common Latin transliteration, to the
same phonetic skeleton: its consonants, and a leading "a" when it starts with a vowel.
"""

import re
import unicodedata

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
_TATWEEL = "\u0640"

_FOLD = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh
        "ى": "ی",  # alef maksura, typed for a final yeh on Arabic keyboards
        "ك": "ک",  # Arabic kaf
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **dict.fromkeys(_ZERO_WIDTH + _BIDI_MARKS + _DIACRITICS + _TATWEEL),
    }
)

# Apostrophe-like marks: transliterations write ع and ء with them ("Ja'fari", "Jaʿfari").
_APOSTROPHES = str.maketrans(dict.fromkeys("'’‘`´ʹʻʼʽʾʿ"))
_WORD = re.compile(r"[^\W_]+")


def _strip_marks(char: str) -> str:
    # Arabic-script letters keep theirs: NFKD would also split آ into ا + madda.
    if "\u0600" <= char <= "\u08ff":
        return char
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


def normalize(text: str) -> str:
    """The text folded for display-independent matching (آ is kept; see exact_form)."""
    composed = unicodedata.normalize("NFKC", text)  # Arabic presentation forms, full width
    stripped = "".join(_strip_marks(char) for char in composed)
    folded = stripped.translate(_FOLD).casefold()
    return " ".join(folded.split())


def tokens(text: str) -> list[str]:
    """The normalised words of text: letters and digits, apostrophes dropped, the rest splits."""
    return _WORD.findall(normalize(text.translate(_APOSTROPHES)))


def exact_form(text: str) -> str:
    """The whole name folded for "exact name" ranking: words only, آ as ا, single spaces."""
    return " ".join(tokens(text)).replace("آ", "ا")


# Name keys ---------------------------------------------------------------------------------

_VOWEL = "."  # a vowel or a silent carrier; dropped from keys, but marks a vowel-initial word

# Latin digraphs, longest first so "tch" wins over "ch". There is no "th": in Persian names it
# is ت + ح/ه ("Fathi", فتحی) or a plain t ("Fathemeh" for فاطمه), so name_key_variants gives
# both readings; ث is transliterated "s".
_DIGRAPHS = {
    "tch": "C",
    "dj": "j",  # French-style transliteration: "Djafari"
    "sh": "S",
    "ch": "C",
    "kh": "x",
    "gh": "q",  # غ and ق sound alike in Persian: "Gholian" / "Qolian" / قلیان (and g below)
    "zh": "Z",
    "ph": "f",
    "ou": "u",  # French-style "ou" and English "oo" are the Persian long u: "Sotoudeh"
    "oo": "u",
}
_DIGRAPH = re.compile("|".join(_DIGRAPHS))

_LETTERS = {
    "w": "v",
    "c": "k",
    # A plain g is written for ق and غ as often as for گ ("Golian" for قلیان, "Gasemi" for
    # قاسمی), so the three letters share one sound.
    "g": "q",
    **dict.fromkeys("aeiou", _VOWEL),
    # Persian: each letter to the sound a Latin transliteration writes for it.
    "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "j", "چ": "C", "ح": "h", "خ": "x",
    "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "Z", "س": "s", "ش": "S", "ص": "s",
    "ض": "z", "ط": "t", "ظ": "z", "غ": "q", "ق": "q", "ف": "f", "ک": "k", "گ": "q",
    "ل": "l", "م": "m", "ن": "n", "ه": "h",
    # ا and آ are vowels; ع and hamza carry a vowel, so "علی" starts like "Ali".
    **dict.fromkeys("اآعءئ", _VOWEL),
}  # fmt: skip

# Letters that are consonants only at the start of a word: Persian و and ی, and their Latin
# forms. Inside a word و may be v or u (داوود / Davood, تقوی / Taghavi) and ی may be y or i
# (کیخسروی / Keykhosravi / Keikhosravi), so Latin v, w and y inside a word are vowels too.
_INITIAL_ONLY = {"و": "v", "v": "v", "ی": "y", "y": "y"}


def _sounds(word: str) -> list[str]:
    """The word as a list of sounds: consonant letters and _VOWEL."""
    latin = _DIGRAPH.sub(lambda match: _DIGRAPHS[match.group()], word)
    sounds = [_LETTERS.get(char, char) for char in latin]
    return [
        (_INITIAL_ONLY[sound] if index == 0 else _VOWEL) if sound in _INITIAL_ONLY else sound
        for index, sound in enumerate(sounds)
    ]


def _collapse(sounds: list[str]) -> list[str]:
    # A doubled letter is one sound: "Mohammadi" / محمّدی (the shadda is gone by now).
    return [sound for index, sound in enumerate(sounds) if index == 0 or sound != sounds[index - 1]]


def name_key(word: str) -> str:
    """The script-neutral phonetic skeleton of one word of a name: "Sotoudeh", "Sotudeh" and
    "ستوده" all give "std"; "Omid" and "امید" give "amd"."""
    sounds = _collapse(_sounds("".join(tokens(word))))
    if len(sounds) > 1 and sounds[-1] == "h":
        sounds.pop()  # a final h is the silent ه of "Sotoudeh" / "Sotoude" / ستوده
    if not sounds:
        return ""
    # Short vowels are unwritten in Persian, so only a word-initial vowel is kept, as "a".
    start = "a" if sounds[0] == _VOWEL else ""
    return start + "".join(sound for sound in sounds if sound != _VOWEL)


def name_key_variants(word: str) -> tuple[str, ...]:
    """name_key(word), and for a Latin word with "th" also its key with the "th" read as t:
    "th" stands for ت or ط in "Fathemeh" (فاطمه) but for ت + ح in "Fathi" (فتحی), so such a
    word may be either. Distinct and non-empty, name_key's first."""
    key = name_key(word)
    folded = "".join(tokens(word))
    if "th" not in folded:
        return (key,) if key else ()
    return tuple(dict.fromkeys(k for k in (key, name_key(folded.replace("th", "t"))) if k))


def name_keys(text: str) -> list[str]:
    """The distinct non-empty name keys of the words of text, in order."""
    keys = (name_key(word) for word in tokens(text))
    return list(dict.fromkeys(key for key in keys if key))
