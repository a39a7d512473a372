"""The API tests' fixtures (tests/world.py)."""

from tests.world import make_key, world  # noqa: F401
