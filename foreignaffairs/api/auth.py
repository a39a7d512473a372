"""Who is calling the API, and may they read this kind of record.

Machines send `Authorization: Bearer <key>`; browsers use their login session. Only a SHA-256 hash of a key is
stored, so a leaked database does not leak working keys.
"""

import datetime
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS, BasePermission, DjangoModelPermissions
from rest_framework.request import Request

from foreignaffairs.accounts.access import can_view, view_permission
from foreignaffairs.models import APIToken

if TYPE_CHECKING:
    # Only for the hints: rest_framework.views (and the schema, which imports it) reads the authentication
    # setting, which names this module; the user model needs the app registry.
    from django.contrib.auth.base_user import AbstractBaseUser
    from drf_spectacular.openapi import AutoSchema
    from rest_framework.views import APIView

KEY_PREFIX_LENGTH = 8
# Writing last_used_at on every request would turn each read into a write; a minute's accuracy is enough.
LAST_USE_RESOLUTION = datetime.timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(token: APIToken) -> str:
    """Give the unsaved `token` a fresh key, store its hash and prefix, and return the key (shown only once)."""
    key = secrets.token_urlsafe(32)
    token.key_hash = hash_key(key)
    token.prefix = key[:KEY_PREFIX_LENGTH]
    return key


class BearerTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request: Request) -> tuple["AbstractBaseUser", APIToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization phải có dạng: Bearer <khóa>."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Khóa API không hợp lệ.")) from None
        now = timezone.now()
        token = APIToken.objects.usable(now).select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Khóa API không hợp lệ, đã hết hạn hoặc đã bị thu hồi."))
        if token.last_used_at is None or now - token.last_used_at >= LAST_USE_RESOLUTION:
            APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Without a WWW-Authenticate challenge DRF answers 403 to anonymous requests; we want 401.
        return 'Bearer realm="api"'


class ViewModelPermissions(DjangoModelPermissions):
    """DjangoModelPermissions that also requires the model's *view* permission to read."""

    def get_required_permissions(self, method: str, model_cls: type[Model]) -> list[str]:
        if method in SAFE_METHODS:
            return [view_permission(model_cls)]
        return super().get_required_permissions(method, model_cls)


class CanViewModels(BasePermission):
    """For views that read several kinds at once (the export): the view permission on each of
    `view.permission_models`."""

    def has_permission(self, request: Request, view: "APIView") -> bool:
        return can_view(request.user, *view.permission_models)


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Tells drf-spectacular how BearerTokenAuthentication appears in the OpenAPI schema."""

    target_class = BearerTokenAuthentication
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: "AutoSchema") -> dict:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Khóa API do quản trị viên cấp trong trang quản trị.",
        }
