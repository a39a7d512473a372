"""The app servers the ops tools start (foreignaffairs/ops/app_servers.py) and the viewer they act as
(foreignaffairs/ops/visitors.py). `make load` and `make drill` run them whole: test_load.py, test_drills.py."""

import os
import signal
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from foreignaffairs.accounts.roles import VIEWER
from foreignaffairs.models import APIToken
from foreignaffairs.ops import app_servers, visitors


def test_a_server_that_cannot_start_says_why_and_is_not_left_running(tmp_path):
    # DEBUG=0 without a SECRET_KEY: the settings refuse, and gunicorn's worker never boots.
    deployment = app_servers.Deployment(tmp_path, "redis://127.0.0.1:6379/11", secret_key="")
    server = app_servers.AppServer("server", deployment)
    with pytest.raises(app_servers.AppServerError, match="SECRET_KEY must be set"):
        server.start()
    assert server.process.poll() is not None


def test_sigterm_unwinds_as_ctrl_c_does_and_the_handler_is_put_back():
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt), app_servers.sigterm_stops_like_ctrl_c():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises at once; this is never waited out
    assert signal.getsignal(signal.SIGTERM) == before


@pytest.mark.django_db
def test_the_tools_account_is_a_viewer_whatever_was_done_to_it():
    get_user_model().objects.create_superuser("tool", password="old password", is_staff=True)  # noqa: S106
    viewer = visitors.viewer_account("tool")
    viewer.refresh_from_db()
    assert (viewer.is_staff, viewer.is_superuser, viewer.has_usable_password()) == (False, False, False)
    assert list(viewer.groups.all()) == [Group.objects.get(name=VIEWER)]


@pytest.mark.django_db
def test_a_new_key_replaces_the_one_an_earlier_run_left():
    viewer = visitors.viewer_account("tool")
    visitors.new_api_key(viewer, "make load")
    token, key = visitors.new_api_key(viewer, "make load")
    assert list(APIToken.objects.filter(user=viewer)) == [token]
    assert key.startswith(token.prefix)
