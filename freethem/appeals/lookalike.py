"""The impersonation guard's name folding: does a new signer's name resemble a notable's?

Someone who wants a fake "Shirin Ebadi" on the list writes it so that a check by equal strings
misses it: with a Cyrillic і or а inside ("Shіrin Ebаdi"), in capitals, surname first, in
Persian script with Arabic letters (شيرين عبادي), with a zero-width space, in fullwidth
letters, or with one letter changed ("Ebady"). fold() undoes what only changes the look (NFKC,
look-alike letters of other scripts, Arabic letters to their Persian forms, accents, case,
invisible characters); each word then has two keys:

- its sound (freethem.core.text.name_key: consonants, script-neutral, so "Ebadi" and عبادی
  agree), and
- its spelling (the folded letters, doubled ones once).

A word resembles a notable's word when the sounds agree and either the two are written in
different scripts (a transliteration says nothing of vowels) or the spellings are at most an
edit or two apart ("Ebady", "Ebadi"; "Sharon" is not "Shirin", although both sound S-r-n).
A name resembles a notable's when every word of the notable's name resembles its own word of
the name, in any order (a title such as "Dr" before it changes nothing), or when its words
run together (a ZWNJ or nothing between them) resemble the notable's run together; a one-word
notable name must be the whole name.

Bounded: a name is cut to MAX_WORDS words, the notables of an appeal are a few dozen, and the
keys are compared only for notables whose sounds all occur in the name.
"""

import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import permutations

from freethem.core.text import name_key, tokens

MAX_WORDS = 8  # words of a name compared; more is not a name
MAX_MATCHED_WORDS = 5  # a notable's name longer than this is compared by its first five words

# Letters of other scripts that look like Latin ones (Unicode's confusables, the common part):
# Cyrillic, Greek, and a few Latin lookalikes (dotless i, long s). Lower case is enough:
# fold() casefolds first.
_LOOKALIKE = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "e", "з": "3", "і": "i", "ї": "i", "ј": "j",
        "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y",
        "х": "x", "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɡ": "g",
        # Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ς": "s", "ϲ": "c", "ϳ": "j",
        # Latin letters that pass for others, and those without a decomposition
        "ı": "i", "ſ": "s", "ɑ": "a", "ɩ": "i", "ℓ": "l", "ø": "o", "ł": "l", "đ": "d",
        "ð": "d", "æ": "ae", "œ": "oe",
        # Arabic letters typed for Persian ones, and Persian look-alikes of each other
        "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "ھ": "ه", "ہ": "ه",
        "ڪ": "ک", "أ": "ا", "إ": "ا", "ٱ": "ا",
    }
)  # fmt: skip
# Invisible characters (zero-width, joiners, ZWNJ, bidi marks, soft hyphen, word joiner):
# removed, so that they neither split a word nor hide in one.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u00ad\u034f\u061c\u115f\u1160\u180e\u200b\u200c\u200d\u200e\u200f"
             "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
             "\u2066\u2067\u2068\u2069\u3164\ufeff")
)  # fmt: skip


def fold(text: str) -> str:
    """The text as it reads: NFKC (fullwidth and presentation forms), invisible characters
    out, case folded, accents dropped, look-alike letters to the Latin or Persian letter they
    pass for."""
    text = unicodedata.normalize("NFKC", text[:400]).translate(_INVISIBLE).casefold()
    stripped = "".join(
        char
        for char in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(char) or "\u0600" <= char <= "\u08ff"
    )
    return unicodedata.normalize("NFC", stripped).translate(_LOOKALIKE)


def _script(word: str) -> str:
    if any("\u0600" <= char <= "\u08ff" for char in word):
        return "arabic"
    if all(char.isascii() for char in word):
        return "latin"
    return "other"


@dataclass(frozen=True)
class Word:
    sound: str  # name_key: script-neutral consonants
    spelling: str  # the folded letters, a doubled letter once
    script: str


def _word(folded: str) -> Word:
    spelling = "".join(char for i, char in enumerate(folded) if i == 0 or char != folded[i - 1])
    return Word(sound=name_key(folded), spelling=spelling, script=_script(folded))


def words(name: str) -> tuple[Word, ...]:
    """The name's words, folded, at most MAX_WORDS; words without a sound are left out."""
    found = (_word(token) for token in tokens(fold(name))[:MAX_WORDS])
    return tuple(word for word in found if word.sound)


@dataclass(frozen=True)
class Name:
    """A name as the guard compares it: its words, and its words run together (in order and
    in reverse), all folded once (a notable's, once per memo; a signer's, once per signing)."""

    words: tuple[Word, ...]
    joined: tuple[Word, ...]
    sounds: frozenset[str] = frozenset()  # of every word (a signer's name)
    wanted: frozenset[str] = frozenset()  # of the words compared (a notable's)


def name_of(text: str) -> Name:
    found = words(text)
    if not found:
        return Name((), ())
    in_order, reversed_ = (
        _word("".join(word.spelling for word in order)) for order in (found, found[::-1])
    )
    return Name(
        found,
        (in_order, reversed_),
        sounds=frozenset(word.sound for word in found),
        wanted=frozenset(word.sound for word in found[:MAX_MATCHED_WORDS]),
    )


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 once it is sure to pass limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def word_resembles(word: Word, notable: Word) -> bool:
    if word.sound != notable.sound:
        return False
    if word.script != notable.script:
        return True  # a transliteration: only the sound can be compared
    limit = 2 if len(notable.spelling) >= 8 else 1
    return _distance(word.spelling, notable.spelling, limit) <= limit


def resembles(name: Name, notable: Name) -> bool:
    """Whether a name resembles a notable's name (both from name_of())."""
    wanted = notable.words[:MAX_MATCHED_WORDS]
    if not wanted or not name.words:
        return False
    # The words run together (a ZWNJ or nothing between them), in either order.
    if len(name.words) < len(wanted) and any(
        word_resembles(name.joined[0], joined) for joined in notable.joined
    ):
        return True
    if len(wanted) == 1 and len(name.words) != 1:
        return False
    # Cheap first: every sound of the notable's name must be among the name's (as often).
    if not notable.wanted <= name.sounds or Counter(word.sound for word in wanted) - Counter(
        word.sound for word in name.words
    ):
        return False
    # Then each notable word to a word of its own, in any order: the comparisons first (at
    # most MAX_WORDS * MAX_MATCHED_WORDS), then the orders over the table (at most 6,720).
    fits = [[word_resembles(word, one) for word in name.words] for one in wanted]
    return any(
        all(fits[row][column] for row, column in enumerate(columns))
        for columns in permutations(range(len(name.words)), len(wanted))
    )


def resembles_any(name: str, notables: list[Name]) -> bool:
    folded = name_of(name)
    return any(resembles(folded, notable) for notable in notables)
