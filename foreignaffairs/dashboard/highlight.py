"""The words of a query marked in a text as the reader sees it: "hue" marks "Huế", "nguyendinhtrung" marks
"Nguyễn Đình Trung".

Search compares folded text (foreignaffairs.text_search.fold); the page shows the original. So the original is
folded one character at a time, remembering which original character each folded one came from, and a word found
in the folded text marks the original characters it came from, their diacritics with them. A word typed run
together is looked for in the letters and digits alone, as search stores short names run together too.

Everything but the marks is escaped. Should the character-by-character folding ever differ from fold() (a script
whose letters compose across characters), the text is shown unmarked rather than marked in the wrong place.
"""

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from foreignaffairs.text_search import fold

ELLIPSIS = "…"


@dataclass(frozen=True)
class FoldedText:
    """fold(original), with, for each of its characters, where in `original` the character it came from starts,
    and where that character's extent ends: at the next folded character's origin, so that combining marks after a
    letter stay with it."""

    text: str
    origins: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The characters of the original that folded characters start..end (exclusive) came from."""
        return self.origins[start], self.ends[end - 1]

    def letters_and_digits(self) -> "FoldedText":
        kept = [i for i, ch in enumerate(self.text) if ch.isalnum()]
        return FoldedText(
            "".join(self.text[i] for i in kept),
            tuple(self.origins[i] for i in kept),
            tuple(self.ends[i] for i in kept),
        )


def _is_space(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) == "Cc"


def folded_with_origins(original: str) -> FoldedText:
    """`original` folded as fold() does, character by character, each folded character knowing its origin."""
    chars: list[str] = []
    origins: list[int] = []
    for index, ch in enumerate(original):
        if _is_space(ch):
            if chars and chars[-1] != " ":
                chars.append(" ")
                origins.append(index)
            continue
        for folded in fold(ch):
            chars.append(folded)
            origins.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origins.pop()
    last = len(original.rstrip())
    ends = tuple(max(origins[i + 1] if i + 1 < len(origins) else last, origin + 1) for i, origin in enumerate(origins))
    return FoldedText("".join(chars), tuple(origins), ends)


def _occurrences(haystack: FoldedText, word: str) -> list[tuple[int, int]]:
    spans = []
    start = haystack.text.find(word)
    while start != -1 and word:
        spans.append(haystack.span(start, start + len(word)))
        start = haystack.text.find(word, start + len(word))
    return spans


def marked_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where in `text` the folded `words` are found: (start, end) of the original characters, merged, in order."""
    folded = folded_with_origins(text)
    if folded.text != fold(text):
        return []
    compacted = None
    spans: list[tuple[int, int]] = []
    for word in words:
        found = _occurrences(folded, word)
        if not found:
            compacted = compacted or folded.letters_and_digits()
            found = _occurrences(compacted, word)
        spans += found
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        # Words side by side ("Nguyễn Đình Trung") read better as one mark.
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def words_found(text: str, words: Iterable[str]) -> set[str]:
    """The folded `words` that `text` holds, written as it is or run together, as marked_spans() marks them."""
    folded = fold(text)
    found = {word for word in words if word and word in folded}
    rest = [word for word in words if word and word not in found]
    if rest:
        compacted = "".join(ch for ch in folded if ch.isalnum())
        found |= {word for word in rest if word in compacted}
    return found


def _render(text: str, spans: Sequence[tuple[int, int]]) -> SafeString:
    parts, position = [], 0
    for start, end in spans:
        parts += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece of the text is escaped above)


def highlight(text: str, words: Iterable[str]) -> SafeString:
    """`text` escaped, with each place holding one of the folded `words` inside <mark>."""
    return _render(text, marked_spans(text, words))


def excerpt(text: str, words: Sequence[str], width: int = 90) -> SafeString:
    """highlight() of `text`, cut to about `width` characters around the first word found (a programme, a
    purpose), at spaces, with an ellipsis where something was left out."""
    spans = marked_spans(text, words)
    if len(text) <= width:
        return _render(text, spans)
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", max(start, first + 1), end)
        end = space if space > first else end
    inside = [(max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start]
    shown = _render(text[start:end], inside)
    return mark_safe((ELLIPSIS if start else "") + shown + (ELLIPSIS if end < len(text) else ""))  # noqa: S308
