"""The projects tests' fixtures: the API world (tests/world.py)."""

from tests.world import make_key, world  # noqa: F401
