"""An upload kept between preview and confirmation: readable only by whoever uploaded it, for the kind it was for."""

import pytest
from django.core import signing

from foreignaffairs.imports import uploads
from tests.forms import officer


@pytest.fixture(autouse=True)
def _folder(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "imports"


def test_it_gives_the_file_back_to_its_uploader(db):
    editor = officer("an", "editor")
    token = uploads.keep(b"Ten\nHue\n", "doi-tac.csv", editor, "partners")
    name, data, path = uploads.read(token, editor, "partners")
    assert (name, data) == ("doi-tac.csv", b"Ten\nHue\n")
    uploads.forget(path)
    with pytest.raises(uploads.UploadGone):
        uploads.read(token, editor, "partners")


def test_it_refuses_another_user_another_kind_and_a_forged_token(db):
    editor, colleague = officer("an", "editor"), officer("binh", "editor")
    token = uploads.keep(b"Ten\nHue\n", "doi-tac.csv", editor, "partners")
    with pytest.raises(uploads.UploadGone):
        uploads.read(token, colleague, "partners")
    with pytest.raises(uploads.UploadGone):
        uploads.read(token, editor, "people")
    payload = signing.loads(token, salt=uploads.SALT)
    forged = signing.dumps({**payload, "file": "../../db.sqlite3"}, salt="another salt")
    with pytest.raises(uploads.UploadGone):
        uploads.read(forged, editor, "partners")
    with pytest.raises(uploads.UploadGone):
        uploads.read(token + "x", editor, "partners")
