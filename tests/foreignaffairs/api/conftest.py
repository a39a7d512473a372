"""The API tests' fixtures (tests/api_world.py)."""

from tests.api_world import make_key, world  # noqa: F401
