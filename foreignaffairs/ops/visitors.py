"""Who the ops tools (`make load`, `make drill`) are to the system: a head of division, with a session for the
dashboards and an API key for the API, as the system's real readers and programs have.

A viewer is the least role that reads both, and gives no second factor (foreignaffairs.accounts.two_factor.policy),
so a tool logs in unattended; and a page costs a viewer what it costs a real head of division (a superuser would
skip the permission query). Each tool has its own account, so that its sessions and keys are told apart from
people's and removed without touching theirs.
"""

import http.cookies
import urllib.parse
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.base import SessionBase
from django.urls import reverse

from foreignaffairs.accounts.roles import VIEWER
from foreignaffairs.api.auth import issue_token
from foreignaffairs.models import APIToken
from foreignaffairs.ops.app_servers import Answer, AppServerError, request


def viewer_account(username: str, password: str | None = None) -> AbstractBaseUser:
    """The tool's account, made if missing, with the viewer role alone whatever was done to it since. With
    `password`, that one; without, none that works: nobody can log in as it, and its session is made here
    (open_session)."""
    user, _created = get_user_model().objects.get_or_create(username=username)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.is_staff = user.is_superuser = False
    user.is_active = True
    user.save()
    user.groups.set([Group.objects.get(name=VIEWER)])
    return user


def new_api_key(user: AbstractBaseUser, name: str) -> tuple[APIToken, str]:
    """A fresh key for `user` under `name`, and the key itself. The earlier keys of that name are deleted: one left by
    a run that was killed before it could remove its own works only until the next run."""
    APIToken.objects.filter(user=user, name=name).delete()
    token = APIToken(user=user, name=name)
    key = issue_token(token)
    token.save()
    return token, key


def open_session(user: AbstractBaseUser) -> SessionBase:
    """A logged-in session for `user`, stored where the servers read sessions, without the login form (for an
    account with no password). It holds what logging in stores: whose session, by which backend, and the password
    hash it was opened under. The servers accept it only if they sign with this process's SECRET_KEY, as
    app_servers.Deployment's do by default."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session


def log_in_through_the_form(base: str, username: str, password: str) -> str:
    """Log in through the login form as a browser does (CSRF cookie and token, the page as Referer), so that the
    server makes the session itself; return its key."""
    login = reverse("login")
    csrf = _cookies(request(base, login))[settings.CSRF_COOKIE_NAME]
    form = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": csrf, "next": reverse("dashboard:overview")}
    )
    answer = request(
        base,
        login,
        {
            "Cookie": f"{settings.CSRF_COOKIE_NAME}={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"https://{urllib.parse.urlsplit(base).netloc}{login}",
        },
        form,
    )
    session_key = _cookies(answer).get(settings.SESSION_COOKIE_NAME)
    if answer.status != 302 or not session_key:
        raise AppServerError(f"{username} could not log in: {answer.status} {answer.body[:300]!r}")
    return session_key


def _cookies(answer: Answer) -> dict[str, str]:
    jar = http.cookies.SimpleCookie()
    for header in answer.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def session_headers(session_key: str) -> dict[str, str]:
    """What a logged-in browser sends."""
    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}"}


def api_key_headers(key: str) -> dict[str, str]:
    """What a program with an API key sends."""
    return {"Authorization": f"Bearer {key}"}
