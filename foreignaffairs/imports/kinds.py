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

from foreignaffairs.imports.cells import Cell


@dataclass(frozen=True)
class Column:
    field: str
    cell: Cell = field(default_factory=Cell)
    # Other headers the column goes by: the dashboard export's heading ("Tên đối tác"), a common short form.
    aliases: tuple[str, ...] = ()
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


_KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    _KINDS[kind.slug] = kind
    return kind


def all_kinds() -> dict[str, ImportKind]:
    autodiscover_modules("imports")
    return dict(_KINDS)


def kind_for(model: type[Model]) -> ImportKind | None:
    return next((kind for kind in all_kinds().values() if kind.model is model), None)
