"""Diacritic-insensitive search that behaves the same on SQLite and PostgreSQL.

Staff type "hue" and "nguyen dinh trung" and expect "Huế" and "Nguyễn Đình Trung". Neither database folds
Vietnamese diacritics the same way by itself (SQLite has no unaccent; PostgreSQL's needs an extension), so every
searchable model keeps a `search_text` column: its names folded once, on save, by `fold()`. A query is folded
the same way and matched with a plain case-sensitive substring test, which both databases run identically.
"""

import unicodedata
from collections.abc import Iterable

from django.db.models import Q

# NFD splits "ế" into "e" plus combining marks, but "đ" is a letter of its own, not "d" with a mark.
_SPECIAL_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae"})


def fold(text: str | None) -> str:
    """Lower-case `text` and strip its diacritics: "Nguyễn Đình Trung" -> "nguyen dinh trung"."""
    if not text:
        return ""
    if text.isascii():  # nothing to strip: most English names, codes, reference numbers
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Recompose what is left (Hangul, kana, kanji) so native-script names match what people type.
    return " ".join(unicodedata.normalize("NFC", stripped).casefold().split())


def build_search_text(parts: Iterable[str | None]) -> str:
    """Join the folded, non-empty parts with a separator no query can span."""
    return " | ".join(folded for folded in (fold(part) for part in parts) if folded)


def search_q(query: str, field: str = "search_text") -> Q:
    """A Q matching rows whose `field` contains every word of `query`, diacritics and case ignored."""
    condition = Q()
    for word in fold(query).split():
        condition &= Q(**{f"{field}__contains": word})
    return condition
