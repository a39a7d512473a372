"""The admin tests' fixtures: API keys for the API key pages (tests/world.py)."""

from tests.world import make_key  # noqa: F401
