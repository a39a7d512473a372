"""How an app declares what it imports, and the registry of those declarations.

A kind names its model, its columns (the field each fills, the parser of its cells, other names its header goes
by) and its natural key: the columns that find the record a row is about, so that importing a file twice changes
nothing the second time. The Vietnamese header of a column is the field's own verbose name, the English one its
English translation: the template, the preview and the admin form all say the same word.

Adding a kind is a declaration in the app (`<app>/imports.py`, calling `register`); the app imports this kit,
never the reverse, and `kind_for()` finds the declarations through `autodiscover_modules("imports")`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils import translation
from django.utils.module_loading import autodiscover_modules
from django.utils.text import capfirst

from foreignaffairs.imports.cells import Cell, RecordId


@dataclass(frozen=True)
class Column:
    field: str
    cell: Cell = field(default_factory=Cell)
    # Other headers the column goes by: the dashboard export's heading ("Tên đối tác"), a common short form. A lazy
    # msgid is taken in Vietnamese and in English; `aliases_vi` and `aliases_en` in that language only, where one
    # heading means a different field in each: the export's "Tên thỏa thuận" is the title in the reader's language,
    # title_vi under its Vietnamese heading, title_en under its English one.
    aliases: tuple[str, ...] = ()
    aliases_vi: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    # A field shown in its place when empty (the export writes title_vi under the English heading when there is no
    # English title): a cell holding that field's value is no change.
    falls_back_to: str = ""
    # One sentence for the template's instructions sheet: what the cell takes, beyond the field's own help text.
    note: str = ""


@dataclass(frozen=True)
class ImportKind:
    slug: str
    model: type[Model]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # How the records of a model a preview reads are fetched (select_related what their names and rules need).
    loaders: dict[type[Model], Callable[[], Iterable[Model]]] = field(default_factory=dict)
    # Keys tried before `key`, in order, when the row fills them: an agreement is found by the id our own export
    # writes, else by its reference number, and only then by title and signing date. A record found by a later key
    # is not the row's record if an earlier key the row fills says otherwise (another reference number).
    alternate_keys: tuple[tuple[str, ...], ...] = ()
    # Fields of `key` a row may leave empty (an agreement whose signing date nobody knows yet): empty is then part
    # of the key, not a refusal.
    optional_key: tuple[str, ...] = ()
    # The kind's own rules beyond full_clean, for a row about to be written: (stored or None, record, its
    # many-to-many records as they will be) -> messages per field. An agreement's status may move only as its
    # lifecycle allows; it names a partner or says the partner is unknown (what the admin's form checks).
    check: Callable[[Model | None, Model, dict[str, tuple]], dict[str, list[str]]] | None = None
    # Called in the import's transaction once the records are written: (rows written, user, reason). An
    # agreement's status timeline gains its line there.
    after_write: Callable[[list, object, str], None] | None = None
    # Given, new records are written in batches (foreignaffairs.imports.apply._create_batch) rather than one save()
    # each: it sets on a record what the model's save() derives besides its search text (an agreement's next review).
    prepare_bulk: Callable[[Model], None] | None = None

    def model_field(self, column: Column):
        return self.model._meta.get_field(column.field)

    def header(self, column: Column, language: str = "vi") -> str:
        with translation.override(language):
            return capfirst(str(self.model_field(column).verbose_name))

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.field == name)

    @property
    def title(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def key_columns(self) -> list[Column]:
        return [self.column(name) for name in self.key]

    @property
    def keys(self) -> tuple[tuple[str, ...], ...]:
        """Every key, in the order a row's record is looked for."""
        return (*self.alternate_keys, self.key)

    def is_many(self, column: Column) -> bool:
        return self.model_field(column).many_to_many


def title_columns(export_heading: str, note: str) -> tuple[Column, Column]:
    """A record's Vietnamese and English titles. The list export writes one title column, in the reader's language,
    under `export_heading`: under its Vietnamese heading it is title_vi, under its English one title_en, where the
    Vietnamese title stands in for a missing English one (no change)."""
    return (
        Column("title_vi", aliases=("Tên", "Title"), aliases_vi=(export_heading,), note=note),
        Column("title_en", aliases_en=(export_heading,), falls_back_to="title_vi"),
    )


def id_column(note: str) -> Column:
    """The record's ID, which our list export writes last: a kind that has it finds an exported, edited sheet's
    records by it first (its `alternate_keys`)."""
    return Column("id", RecordId(), aliases=("Mã",), note=note)


def nothing_derived(record: Model) -> None:
    """`prepare_bulk` for a model whose save() derives nothing but its search text (which the batch computes): its
    new records are written in batches too."""


_KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    _KINDS[kind.slug] = kind
    return kind


def all_kinds() -> dict[str, ImportKind]:
    autodiscover_modules("imports")
    return dict(_KINDS)


def kind_for(model: type[Model]) -> ImportKind | None:
    return next((kind for kind in all_kinds().values() if kind.model is model), None)
