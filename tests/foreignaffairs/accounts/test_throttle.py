"""Rate-limit counters in the shared cache."""

from django.core.cache import cache

from foreignaffairs.accounts.throttle import counter_key, within_limit


def test_it_allows_up_to_the_limit_within_a_window():
    assert [within_limit("test", "reviewer@hue.gov.vn", 3, 60) for _ in range(5)] == [True, True, True, False, False]
    assert within_limit("test", "editor@hue.gov.vn", 3, 60)


def test_it_keeps_no_address_in_the_cache_key():
    within_limit("password-reset-mailbox", "reviewer@hue.gov.vn", 3, 60)
    key = counter_key("password-reset-mailbox", "reviewer@hue.gov.vn")
    assert key.startswith("throttle:password-reset-mailbox:") and "reviewer" not in key
    assert cache.get(key) == 1
