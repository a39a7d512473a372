"""Rate limits counted in the shared cache (Redis in production), so that they hold across every app server.

A limit is a fixed window: the first request of a key opens it for `window` seconds, each request counts one, and
the counter disappears with the window (the cache's own expiry: nothing to clean up). The key holds a hash of what
is counted, not the thing itself: an e-mail address or a client address is personal data and has no business in
the cache, and a hash keeps every key short whatever a client typed.
"""

import hashlib

from django.core.cache import cache

KEY_PREFIX = "throttle"


def counter_key(scope: str, subject: str) -> str:
    """The cache key counting `subject` (an address, an e-mail) in `scope` (what is limited)."""
    return f"{KEY_PREFIX}:{scope}:{hashlib.sha256(subject.encode()).hexdigest()}"


def within_limit(scope: str, subject: str, limit: int, window: int) -> bool:
    """Count one more request of `subject` in `scope`; True while the window's count is at most `limit`."""
    key = counter_key(scope, subject)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The window ended between add and incr: this request is the first of the next one.
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
