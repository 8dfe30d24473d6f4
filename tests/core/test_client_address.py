"""The client's address: only a named proxy's X-Forwarded-For entry is believed."""

import pytest
from django.test import RequestFactory, override_settings

from core.client_address import client_address


def address(remote_addr, forwarded=None, **trust):
    meta = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    settings = {"TRUSTED_PROXIES": [], "TRUSTED_PROXY_COUNT": 0, **trust}
    with override_settings(**settings):
        return client_address(RequestFactory().get("/", **meta))


def test_trusting_no_proxy_the_connection_is_the_client_whatever_the_header_says():
    assert address("81.250.9.9", "1.2.3.4") == "81.250.9.9"


@pytest.mark.parametrize(
    "trust", [{"TRUSTED_PROXIES": ["10.0.0.0/24"]}, {"TRUSTED_PROXY_COUNT": 1}], ids=["list", "count"]
)
def test_behind_one_proxy_the_client_is_the_entry_it_wrote_not_a_forged_one(trust):
    assert address("10.0.0.2", "1.2.3.4, 81.250.1.7", **trust) == "81.250.1.7"
    assert address("10.0.0.2", "2001:db8::1", **trust) == "2001:db8::1"


def test_two_named_proxies_are_both_skipped():
    trust = {"TRUSTED_PROXIES": ["10.0.0.2", "192.0.2.10"]}
    assert address("10.0.0.2", "1.2.3.4, 81.250.1.7, 192.0.2.10", **trust) == "81.250.1.7"


def test_a_request_not_from_a_named_proxy_is_counted_by_its_own_address():
    assert address("81.250.9.9", "1.2.3.4", TRUSTED_PROXIES=["10.0.0.2"]) == "81.250.9.9"


def test_a_garbled_entry_falls_back_to_the_address_that_vouched_for_it():
    assert address("10.0.0.2", "not-an-address", TRUSTED_PROXY_COUNT=1) == "10.0.0.2"
    assert address("10.0.0.2", "", TRUSTED_PROXY_COUNT=1) == "10.0.0.2"


def test_an_ipv4_client_seen_over_ipv6_is_the_ipv4_client():
    assert address("::ffff:81.250.9.9") == "81.250.9.9"
