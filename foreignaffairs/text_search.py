"""Diacritic-insensitive search that behaves the same on SQLite and PostgreSQL.

Staff type "hue" and "nguyen dinh trung" and expect "Huế" and "Nguyễn Đình Trung". Neither database folds
Vietnamese diacritics the same way by itself (SQLite has no unaccent; PostgreSQL's needs an extension), so every
searchable model keeps a `search_text` column: its own names folded once, on save, by `fold()`, and a
`related_search_text` column: the folded names of the records it links (foreignaffairs.search.related_text). A
query is folded the same way and each of its words is matched with a plain case-sensitive substring test on
either column, which both databases run identically (and PostgreSQL serves from a trigram index).

Names are run together or split apart: "dongnae" and "dong nae", "nguyendinhtrung", "campuchia" for
Cam-pu-chia. A word typed split apart is found by substring anyway ("dong" and "nae" are both in "dongnae"); for a
word typed run together, each part that is a name (a few words, no digits) is also stored written as one word. That
costs a few trigrams per record, where matching each word against a spaces-removed copy of the text at query time
would need a second trigram index per column and twice the conditions per word.
"""

import unicodedata
from collections.abc import Iterable

from django.db.models import Q

# Between the parts of a search text. A query word never holds a space, so it cannot match across two parts; the
# bar alone is dropped from queries (query_words), or "|" would match every record.
SEPARATOR = " | "
# A part of at most this many words is also stored written as one word: names are run together, sentences not.
COMPACT_UP_TO_WORDS = 5
# A longer query is matched on its longest distinct words (a pasted title, a paragraph): each word costs a condition.
MAX_QUERY_WORDS = 16

# NFD splits "ế" into "e" plus combining marks, but "đ" is a letter of its own, not "d" with a mark.
_SPECIAL_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae"})
# Control characters (NUL included) separate words like a space; PostgreSQL cannot even store NUL.
_ASCII_CONTROLS = str.maketrans(dict.fromkeys([*range(32), 127], " "))


def _visible(ch: str) -> str:
    """A character as search sees it: combining marks and invisible format characters (zero-width spaces and
    joiners, right-to-left marks, the byte-order mark) dropped, control characters read as a space."""
    category = unicodedata.category(ch)
    if category == "Cc":
        return " "
    if category == "Cf" or unicodedata.combining(ch):
        return ""
    return ch


def fold(text: str | None) -> str:
    """Lower-case `text` and strip its diacritics: "Nguyễn Đình Trung" -> "nguyen dinh trung"."""
    if not text:
        return ""
    if text.isascii():  # nothing to strip: most English names, codes, reference numbers
        return " ".join(text.translate(_ASCII_CONTROLS).lower().split())
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL_LETTERS))
    stripped = "".join(_visible(ch) for ch in decomposed)
    # Recompose what is left (Hangul, kana, kanji) so native-script names match what people type.
    return " ".join(unicodedata.normalize("NFC", stripped).casefold().split())


def compact(folded: str) -> str:
    """A folded name written as one word: "cam-pu-chia" -> "campuchia", "nguyen dinh trung" -> "nguyendinhtrung";
    "" for a single word, for a sentence (more than COMPACT_UP_TO_WORDS words), which nobody types run together, and
    for anything with digits (dates, reference numbers, "no. 12"), which nobody types without their separators.
    Every extra word is trigrams the index keeps up to date on each save, and on each rename of what it links."""
    words = "".join(ch if ch.isalnum() else " " for ch in folded).split()
    if not 1 < len(words) <= COMPACT_UP_TO_WORDS or any(ch.isdigit() for ch in folded):
        return ""
    return "".join(words)


def build_search_text(parts: Iterable[str | None]) -> str:
    """The folded, non-empty parts (each short one also written as one word), once each, joined by SEPARATOR."""
    texts: dict[str, None] = {}
    for part in parts:
        folded = fold(part)
        if folded:
            texts[folded] = None
            if joined := compact(folded):
                texts[joined] = None
    return SEPARATOR.join(texts)


def query_words(query: str | None) -> list[str]:
    """The words a query is matched on: folded, once each, none contained in another (which it would match
    anyway), at most MAX_QUERY_WORDS of the longest, in the order typed. The separator's bar is no word."""
    words = list(dict.fromkeys(word for word in fold(query).split() if word.strip("|")))
    words = [word for word in words if not any(word != other and word in other for other in words)]
    if len(words) > MAX_QUERY_WORDS:
        longest = set(sorted(words, key=len, reverse=True)[:MAX_QUERY_WORDS])
        words = [word for word in words if word in longest]
    return words


# A condition no row meets, for a query that holds something but no word to match (only "|", only invisible marks).
MATCHES_NOTHING = Q(pk__in=[])


def words_q(words: list[str], path: str = "") -> Q:
    """A Q matching rows where every word is in the record's own or related search text; `path` leads from the
    rows to the searched record ("agreement" for reviews), empty for the record itself."""
    prefix = f"{path}__" if path else ""
    condition = Q()
    for word in words:
        condition &= Q(**{f"{prefix}search_text__contains": word}) | Q(
            **{f"{prefix}related_search_text__contains": word}
        )
    return condition


def search_q(query: str | None, path: str = "") -> Q:
    """A Q matching rows whose record (itself, or the one `path` leads to) holds every word of `query` in its own
    names or in those of the records it links, diacritics and case ignored. A blank query matches every row."""
    if not (query or "").strip():
        return Q()
    words = query_words(query)
    return words_q(words, path) if words else MATCHES_NOTHING
