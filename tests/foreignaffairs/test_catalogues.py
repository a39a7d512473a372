"""The committed translation catalogues (.mo) are what their sources (.po) compile to.

Django reads only the .mo files; a .po edited without `make messages` would change nothing on screen.
"""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

SOURCES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"))


def catalogue(path: Path) -> tuple[dict, list[int]]:
    with path.open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    return translations._catalog, [translations.plural(n) for n in range(3)]


def test_it_has_an_english_and_a_vietnamese_catalogue():
    assert {path.relative_to(settings.BASE_DIR).as_posix() for path in SOURCES} >= {
        "locale/en/LC_MESSAGES/django.po",
        "locale/vi/LC_MESSAGES/django.po",
        "locale/vi/LC_MESSAGES/djangojs.po",
    }


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: "/".join(path.parts[-3:]))
def test_it_commits_each_catalogue_compiled_from_its_source(source, tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (GNU gettext) is needed to compile the catalogues; CI installs it"
    fresh = tmp_path / "fresh.mo"
    # The same command compilemessages runs.
    subprocess.run([msgfmt, "--check-format", "-o", fresh, source], check=True, capture_output=True)  # noqa: S603 (our own files)
    assert catalogue(source.with_suffix(".mo")) == catalogue(fresh), f"run `make messages`: {source} changed"
