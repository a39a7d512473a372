"""Fixtures of the account tests: what the security log says."""

import logging

import pytest


@pytest.fixture
def security_log():
    """The lines written to the "foreignaffairs.security" logger (it does not propagate, so caplog misses it)."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(record.getMessage())

    handler = Collect(level=logging.INFO)
    logger = logging.getLogger("foreignaffairs.security")
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)
