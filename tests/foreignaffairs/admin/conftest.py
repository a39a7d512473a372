"""The admin tests' fixtures: API keys for the API key pages (tests/api_world.py)."""

from tests.api_world import make_key  # noqa: F401
