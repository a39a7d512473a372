"""Fixtures of the delegation tests."""

from tests.search import fukui_business  # noqa: F401
