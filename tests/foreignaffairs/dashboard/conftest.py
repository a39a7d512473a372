"""Fixtures of the dashboard tests."""

from tests.search import fukui_business  # noqa: F401
