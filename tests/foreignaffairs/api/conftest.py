"""The API tests' fixtures (tests/api_world.py)."""

from tests.api_world import make_key, viewer_client, world  # noqa: F401
