"""The API token admin: an administrator issues a key, sees it once, and revokes it."""

import base64
import re
import zlib

from django.utils import timezone

from foreignaffairs.api.auth import hash_key
from foreignaffairs.models import APIToken
from tests.conftest import admin_change_url, admin_url
from tests.forms import SAVE, page_form_data


def readable_without_the_secret(value: str) -> str:
    """All that a cookie tells whoever holds it, without SECRET_KEY: its text and, where it is a value signed by
    Django (payload:signature, the payload in URL-safe base64, zlib-compressed when it starts with "."), the payload
    decoded. Signing stops forgery, not reading."""
    payload = value.split(":")[0]
    try:
        data = base64.urlsafe_b64decode(payload.lstrip(".") + "=" * (-len(payload.lstrip(".")) % 4))
        data = zlib.decompress(data) if payload.startswith(".") else data
    except (ValueError, zlib.error):
        return value
    return value + "\n" + data.decode("utf-8", "replace")


def holds_any_part_of(text: str, key: str, part: int = 8) -> bool:
    return any(key[start : start + part] in text for start in range(len(key) - part + 1))


def test_it_issues_a_key_shown_once_and_keeps_only_its_hash(client, administrator, viewer):
    client.force_login(administrator)
    data = page_form_data(client.get(admin_url(APIToken, "add")), press=SAVE)
    response = client.post(admin_url(APIToken, "add"), {**data, "user": str(viewer.pk), "name": "Cổng thông tin"})
    assert response.status_code == 302, response.content.decode()[:2000]
    token = APIToken.objects.get()
    assert token.user == viewer

    shown = client.get(response["Location"])
    [key] = re.findall(rf"{re.escape(token.prefix)}[\w-]+", shown.content.decode())
    assert token.key_hash == hash_key(key) and shown.content.decode().count(key) == 1
    # Not in any cookie, not even signed: the answer that saved the key, the page that showed it, nor the browser's.
    cookies = [*response.cookies.values(), *shown.cookies.values(), *client.cookies.values()]
    assert cookies and not any(holds_any_part_of(readable_without_the_secret(c.value), key) for c in cookies)

    # Shown once: never again, on the list or on the key's own page.
    assert client.get(response["Location"]).content.decode().count(key) == 0
    assert client.get(admin_change_url(token)).content.decode().count(key) == 0
    api = client.__class__()
    assert api.get("/api/v1/partners/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_it_revokes_the_selected_keys(client, administrator, viewer, make_key):
    key = make_key(viewer)
    client.force_login(administrator)
    token = APIToken.objects.get()
    response = client.post(
        "/admin/foreignaffairs/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_at <= timezone.now()
    api = client.__class__()
    assert api.get("/api/v1/partners/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_it_keeps_editors_out_of_the_token_admin(client, editor):
    client.force_login(editor)
    assert client.get("/admin/foreignaffairs/apitoken/").status_code == 403
