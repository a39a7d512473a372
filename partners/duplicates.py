"""Likely duplicates: the partners or people already recorded under a name close to one being typed.

Two names are close when, folded as search folds them (foreignaffairs.text_search.fold: case and diacritics
dropped) and with their spaces and punctuation taken out, they are the same letters ("Tinh Chungcheong Nam" and
"Tỉnh Chungcheongnam" are both "tinhchungcheongnam"), or its words in an order names are also written in ("Seokki
Kim", "Trung Dinh Nguyen"; NameKey.typed), or one
letter apart: one letter typed wrong, left out or added, in a name of at least MIN_TYPO_LENGTH letters. Numbers are
never typos: "Quận 1" and "Quận 3" are two districts. Two letters apart is another name: Gyeongju and Gyeonggi,
Chungcheongnam and Chungcheongbuk, Gyeongsangnam and Gyeongsangbuk are different provinces.

The names typed (a partner's Vietnamese, English and native names; a person's full name and native name) are
compared with every name another record is found by, its `search_text` (foreignaffairs.models.SearchableModel):
for a partner also its abbreviation, for a person its title and email, which no name comes close to.

Two queries, whatever the table's size:
1. The candidates: rows holding, for one of the names, every piece of it but one (the pieces are the name's words,
   cut into bits of about PIECE_LENGTH letters). One typo spoils at most one piece, and the pieces left whole are in
   the other name's stored text, written with its spaces or, for a name of up to five words, as one word too
   (text_search.compact), so no close name is missed by this test. It is a plain substring test on `search_text`,
   which PostgreSQL serves from the column's trigram index and SQLite by reading the table. The rows holding the
   name whole come first, then those holding the most of its three-letter runs, and at most MAX_CANDIDATES are
   read: more share all but one piece of a name only for the most common names ("Nguyễn Văn Anh": every
   "Nguyễn Văn …" is a candidate, as the typo could be in "Anh"). At 60,000 people and 6,000 partners
   (generate_data --scale 3, PostgreSQL), a name's look-up takes 6–45 ms, two queries (README).
2. The records found close, at most SHOWN, with what the page shows beside them (the country, the organization).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Model, Q, QuerySet, Value, When
from django.db.models.functions import Greatest

from foreignaffairs.text_search import SEPARATOR, fold
from partners.models import Partner, Person

# A name of fewer letters must match exactly: one letter is a fifth of "Busan", and a third of "Huế".
MIN_TYPO_LENGTH = 5
# Bits of a word tested on their own: shorter ones let fewer rows through to be compared in Python, longer ones are
# fewer conditions. A bit of fewer than three letters gives PostgreSQL's trigram index nothing to look up; it is
# tested beside the others, on the rows they select.
PIECE_LENGTH = 3
# A long name is tested on this many of its pieces (the longest): enough to be selective, and the condition stays
# short (one typo allowed: MAX_PIECES alternatives of MAX_PIECES - 1 substring tests each).
MAX_PIECES = 8
# The candidates are read best first, by how many of the name's three-letter runs they hold (at most this many
# runs are tested), and at most MAX_CANDIDATES of them.
MAX_TRIGRAMS = 12
MAX_CANDIDATES = 300
SHOWN = 10


@dataclass(frozen=True)
class NameKey:
    """A folded name as duplicates are compared: its letters and digits run together, and, typed, the orders its
    words are also written in."""

    letters: str
    digits: str
    orders: tuple[str, ...] = ()

    @classmethod
    def stored(cls, folded: str) -> "NameKey":
        letters = "".join(_words(folded))
        return cls(letters, "".join(ch for ch in letters if ch.isdigit()))

    @classmethod
    def typed(cls, folded: str) -> "NameKey":
        """With the same words reversed ("Trung Dinh Nguyen" for "Nguyễn Đình Trung"), the first put last ("Dinh
        Trung Nguyen", the given names first as in English) and the last put first ("Seokki Kim" for "Kim Seokki").
        Not every order: "Nguyễn Trung Văn" is another person than "Nguyễn Văn Trung"."""
        words = _words(folded)
        orders = (words, words[::-1], words[1:] + words[:1], words[-1:] + words[:-1])
        key = cls.stored(folded)
        return cls(key.letters, key.digits, tuple(dict.fromkeys("".join(order) for order in orders)))

    def is_close_to(self, stored: "NameKey") -> bool:
        if not self.letters or not stored.letters or self.digits != stored.digits:
            return False
        typo_allowed = min(len(self.letters), len(stored.letters)) >= MIN_TYPO_LENGTH
        return any(
            letters == stored.letters or (typo_allowed and _one_edit_apart(letters, stored.letters))
            for letters in self.orders
        )


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter of `a` replaced, removed or added gives `b` (Levenshtein distance 1)."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        return a[start + 1 :] == b[start + 1 :]
    return a[start:] == b[start + 1 :]


def _words(folded: str) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in folded).split()


def _cut(word: str, count: int) -> list[str]:
    size, extra = divmod(len(word), count)
    bits, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        bits.append(word[start:end])
        start = end
    return bits


def _pieces(folded: str) -> list[str]:
    """The name's words cut into bits of about PIECE_LENGTH letters, each bit inside one word (the other name may
    be stored with its spaces), the longest MAX_PIECES of them. A name that allows a typo has two pieces at least,
    or its one piece, which the typo may spoil, would be required whole."""
    words = _words(folded)
    pieces = [bit for word in words for bit in _cut(word, max(1, len(word) // PIECE_LENGTH))]
    if len(pieces) == 1 and len(pieces[0]) >= MIN_TYPO_LENGTH:
        pieces = _cut(pieces[0], 2)
    pieces = list(dict.fromkeys(pieces))
    return sorted(pieces, key=len, reverse=True)[:MAX_PIECES]


def _trigrams(folded: str) -> list[str]:
    """Three-letter runs inside the name's words (a shorter word whole), at most MAX_TRIGRAMS, spread along it."""
    runs = list(dict.fromkeys(word[i : i + 3] for word in _words(folded) for i in range(max(1, len(word) - 2))))
    if len(runs) <= MAX_TRIGRAMS:
        return runs
    return [runs[i * len(runs) // MAX_TRIGRAMS] for i in range(MAX_TRIGRAMS)]


def _has(piece: str) -> Q:
    return Q(search_text__contains=piece)


def candidates_q(folded_names: Iterable[str]) -> Q:
    """Rows whose search text holds every piece but one of one of the names (every piece, for a name too short to
    allow a typo)."""
    condition = Q(pk__in=[])
    for folded in folded_names:
        pieces = _pieces(folded)
        if not pieces:
            continue
        if len(NameKey.stored(folded).letters) < MIN_TYPO_LENGTH or len(pieces) == 1:
            condition |= Q(*(_has(piece) for piece in pieces))
            continue
        for left_out in range(len(pieces)):
            condition |= Q(*(_has(piece) for i, piece in enumerate(pieces) if i != left_out))
    return condition


def _closeness(folded_names: list[str]) -> Any:
    """How many of a name's three-letter runs a row holds, the best of the names (pg_trgm's similarity, roughly);
    a name held whole (as one word) comes before any other."""
    scores = []
    for folded in folded_names:
        whole = Case(When(_has(NameKey.stored(folded).letters), then=Value(MAX_TRIGRAMS + 1)), default=Value(0))
        held = [Case(When(_has(run), then=Value(1)), default=Value(0)) for run in _trigrams(folded)]
        scores.append(sum(held, whole))
    if len(scores) == 1:
        return scores[0]
    return Greatest(*scores, output_field=IntegerField())


# A place named with or without its level: "Chungcheongnam", "Tỉnh Chungcheongnam", "Chungcheongnam-do" and
# "Chungcheongnam Province" are likely one partner. Two names whose levels differ are not: "Tỉnh Fukui" and "Thành
# phố Fukui" are a prefecture and its capital. Folded, as search folds them: written before the name in Vietnamese,
# after it in English and in romanised Korean; longest first ("Busan Metropolitan City" loses both words).
LEVELS = {
    "province": ("tinh", "bang", "vung", "province", "prefecture", "state", "do"),
    "city": ("thanh pho", "tp", "metropolitan city", "city", "si"),
    "district": ("quan", "huyen", "thi xa", "district", "county", "gun", "gu"),
}


def without_level(folded: str) -> tuple[str, str]:
    """The name without its administrative level, and the level ("" when it has none): "tinh chungcheongnam" →
    ("chungcheongnam", "province")."""
    words = " ".join(_words(folded))
    for level, written in LEVELS.items():
        for word in written:
            if words.startswith(word + " "):
                return words.removeprefix(word + " "), level
            if words.endswith(" " + word):
                return words.removesuffix(" " + word), level
    return folded, ""


def _same_place(typed: str, stored: str) -> bool:
    """Both names without their levels are the same letters, and their levels do not differ (one may have none)."""
    (typed_bare, typed_level), (stored_bare, stored_level) = without_level(typed), without_level(stored)
    if not (typed_level or stored_level) or (typed_level and stored_level and typed_level != stored_level):
        return False
    return NameKey.stored(typed_bare).letters == NameKey.stored(stored_bare).letters


def likely_duplicates(
    queryset: QuerySet, names: Iterable[str | None], exclude_pk: Any = None, places: bool = False
) -> list[Model]:
    """The records of `queryset` (a searchable model's, with what the page shows of them selected) stored under a
    name close to one of `names`, at most SHOWN, the exact matches first; `exclude_pk` is the record being edited.
    With `places` (partners), a name with its administrative level is also close to the same name without one."""
    folded_names = list(dict.fromkeys(folded for folded in (fold(name) for name in names) if folded))
    keys = [key for key in (NameKey.typed(folded) for folded in folded_names) if key.letters]
    if not keys:
        return []
    bare_names = [bare for bare, level in map(without_level, folded_names) if places and level]
    rows = queryset.filter(candidates_q(folded_names + bare_names))
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    candidates = (
        rows.annotate(closeness=_closeness(folded_names))
        .order_by("-closeness", "pk")
        .values_list("pk", "search_text")[:MAX_CANDIDATES]
    )
    found: dict[Any, bool] = {}  # pk: exact
    for pk, search_text in candidates:
        parts = search_text.split(SEPARATOR)
        stored = [NameKey.stored(part) for part in parts]
        close = [key for key in keys if any(key.is_close_to(other) for other in stored)]
        if places and not close and any(_same_place(typed, part) for typed in folded_names for part in parts):
            close = keys[:1]
        if close:
            found[pk] = any(key.letters == other.letters for key in close for other in stored)
        if len(found) >= SHOWN:
            break
    if not found:
        return []
    records = queryset.filter(pk__in=found).order_by()
    return sorted(records, key=lambda record: (not found[record.pk], str(record)))


def partner_duplicates(name_vi: str, name_en: str = "", name_native: str = "", exclude_pk: Any = None) -> list:
    return likely_duplicates(
        Partner.objects.select_related("country", "parent"), (name_vi, name_en, name_native), exclude_pk, places=True
    )


def person_duplicates(full_name: str, full_name_native: str = "", exclude_pk: Any = None) -> list:
    return likely_duplicates(Person.objects.for_listing(), (full_name, full_name_native), exclude_pk)
