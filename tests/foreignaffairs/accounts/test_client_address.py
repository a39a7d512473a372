"""The client's address: read from the proxy's headers only when the connection comes from a trusted proxy."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from foreignaffairs.accounts.client_address import client_ip


def test_it_reads_the_client_from_nginx_on_the_loopback_by_default(rf):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip(request) == "203.0.113.7"


def test_it_ignores_what_a_client_wrote_to_the_left_of_the_address_nginx_saw(rf):
    # nginx appends the address it saw ($proxy_add_x_forwarded_for) to whatever the client sent.
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20, 203.0.113.7")
    assert client_ip(request) == "203.0.113.7"


def test_it_ignores_the_headers_of_a_connection_not_from_a_trusted_proxy(rf):
    request = rf.get(
        "/", REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="198.51.100.20", HTTP_X_REAL_IP="198.51.100.20"
    )
    assert client_ip(request) == "203.0.113.66"


def test_it_reads_through_every_trusted_proxy_in_turn(rf, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    # client -> load balancer 10.0.0.9 -> nginx 10.0.0.5 -> us
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.20, 203.0.113.7, 10.0.0.9")
    assert client_ip(request) == "203.0.113.7"


def test_it_trusts_no_proxy_when_none_is_named(rf, settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")) == "127.0.0.1"


def test_it_reads_x_real_ip_when_the_proxy_sends_no_x_forwarded_for(rf):
    assert client_ip(rf.get("/", REMOTE_ADDR="::1", HTTP_X_REAL_IP="203.0.113.7")) == "203.0.113.7"


def test_it_keeps_the_proxy_address_when_the_forwarded_one_is_malformed(rf):
    # django-axes stores the address in an IP column, which PostgreSQL checks: never a malformed header.
    assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")) == "127.0.0.1"
    assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="not-an-ip")) == "127.0.0.1"
    assert client_ip(None) is None


def test_it_reads_an_ipv4_client_seen_over_ipv6_as_the_same_address(rf):
    assert client_ip(rf.get("/", REMOTE_ADDR="::ffff:127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")) == "203.0.113.7"
    assert client_ip(rf.get("/", REMOTE_ADDR="::ffff:203.0.113.7")) == "203.0.113.7"


def test_it_refuses_a_trusted_proxy_that_is_no_address(rf, settings):
    settings.TRUSTED_PROXIES = ["nginx.local"]
    with pytest.raises(ImproperlyConfigured, match="nginx.local"):
        client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1"))
