"""An upload kept between its preview and its confirmation.

A page cannot hand a file back to the browser to send again, and asking the person to pick the same file twice
invites picking another. So the upload is written once, under a random name, to a private directory under the
settings' var directory (IMPORT_UPLOAD_DIR, never served), and the preview page carries a signed token naming it,
the kind and the user: a token cannot be forged to read another file, nor used by someone else or for another kind.
Confirming reads the same bytes again and works the preview out anew; the file is removed once written, and any
left over (a preview never confirmed) a day later.
"""

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core import signing

SALT = "foreignaffairs.imports.upload"
MAX_AGE = 24 * 60 * 60
CLAIMED = ".writing"  # the suffix of a kept file a confirmation is writing


class UploadGone(Exception):
    """The token is forged, expired, or its file is gone."""


def upload_dir() -> Path:
    folder = Path(getattr(settings, "IMPORT_UPLOAD_DIR", None) or Path(settings.VAR_DIR) / "imports")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def keep(data: bytes, file_name: str, user, kind_slug: str) -> str:
    folder = upload_dir()
    _remove_stale(folder)
    stored = secrets.token_urlsafe(24)
    (folder / stored).write_bytes(data)
    return signing.dumps({"file": stored, "name": file_name, "user": user.pk, "kind": kind_slug}, salt=SALT)


def _kept(token: str, user, kind_slug: str) -> tuple[str, Path]:
    """The file's name and where it is kept, for the user and kind the token was made for."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature as error:
        raise UploadGone from error
    if payload.get("user") != user.pk or payload.get("kind") != kind_slug:
        raise UploadGone
    return payload["name"], upload_dir() / Path(payload["file"]).name


def read(token: str, user, kind_slug: str) -> tuple[str, bytes, str]:
    """The file's name, its bytes and where it is kept."""
    name, path = _kept(token, user, kind_slug)
    try:
        return name, path.read_bytes(), str(path)
    except OSError as error:
        raise UploadGone from error


def claim(token: str, user, kind_slug: str) -> tuple[str, bytes, str]:
    """As read(), and the file is taken for writing: renamed, which only one request can do. A second confirmation of
    the same preview (a double click, a second tab) finds it gone instead of writing the rows a second time."""
    name, path = _kept(token, user, kind_slug)
    claimed = path.with_name(path.name + CLAIMED)
    try:
        path.rename(claimed)
        return name, claimed.read_bytes(), str(claimed)
    except OSError as error:
        raise UploadGone from error


def release(claimed: str) -> None:
    """Give a claimed file back (nothing was written): the token shown with the new preview works again."""
    Path(claimed).rename(claimed.removesuffix(CLAIMED))


def forget(path: str) -> None:
    Path(path).unlink(missing_ok=True)


def _remove_stale(folder: Path) -> None:
    cutoff = time.time() - MAX_AGE
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue  # another server removed it first
