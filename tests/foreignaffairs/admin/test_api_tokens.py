"""The API token admin: an administrator issues a key, sees it once, and revokes it."""

import re

from django.utils import timezone

from foreignaffairs.api.auth import hash_key
from foreignaffairs.models import APIToken


def test_it_issues_a_key_shown_once_and_keeps_only_its_hash(client, administrator, viewer):
    client.force_login(administrator)
    response = client.post(
        "/admin/foreignaffairs/apitoken/add/",
        {"user": viewer.pk, "name": "Cổng thông tin", "expires_at_0": "", "expires_at_1": ""},
        follow=True,
    )
    assert response.redirect_chain, response.content.decode()[:2000]
    shown = " ".join(str(message) for message in response.context["messages"])
    key = re.search(r": (\S+) — ", shown).group(1)
    token = APIToken.objects.get()
    assert token.user == viewer and token.key_hash == hash_key(key) and key.startswith(token.prefix)
    assert client.get(f"/admin/foreignaffairs/apitoken/{token.pk}/change/").content.decode().count(key) == 0
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
