"""/healthz tells the load balancer whether this host can serve: database, cache and file
storages, as JSON, 200 or 503, never cached, never redirected or refused by the host check."""

import json

import pytest
from django.core.cache import cache
from django.core.files.storage import storages

from .test_outage import database_unreachable


def health(client, **extra):
    response = client.get("/healthz", **extra)
    return response, json.loads(response.content)


def test_healthz_answers_200_when_everything_answers(client, db):
    response, body = health(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert body == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "storage": "ok"}}


def test_healthz_is_never_cached(client, db):
    response, _body = health(client)
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_healthz_answers_head_and_refuses_other_methods(client, db):
    assert client.head("/healthz").status_code == 200
    refused = client.post("/healthz")
    assert refused.status_code == 405
    assert refused["Allow"] == "GET, HEAD"


def test_healthz_answers_a_probe_by_address_over_plain_http(client, db, settings):
    # A load balancer asks each host by its address, over http, behind the TLS it terminates.
    settings.SECURE_SSL_REDIRECT = True
    response, body = health(client, HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    assert body["status"] == "ok"


def test_healthz_is_not_throttled(client, db):
    assert {health(client)[0].status_code for _ in range(60)} == {200}


def test_healthz_answers_503_when_the_database_is_down(client, db):
    with database_unreachable():
        response, body = health(client)
    assert response.status_code == 503
    assert body == {"status": "error", "checks": {"database": "error", "cache": "ok", "storage": "ok"}}
    # what failed and where is for the log, not for whoever asks
    assert b"10.0.0.9" not in response.content


def test_healthz_answers_503_when_the_cache_is_down(client, db, monkeypatch):
    def refused(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to cache:6379. Connection refused.")

    monkeypatch.setattr(cache, "set", refused)
    response, body = health(client)
    assert response.status_code == 503
    assert body["checks"] == {"database": "ok", "cache": "error", "storage": "ok"}


@pytest.mark.parametrize("alias", ["default", "private"])
def test_healthz_answers_503_when_a_storage_is_down(client, db, monkeypatch, settings, alias):
    if alias not in settings.STORAGES:
        pytest.skip(f"no {alias!r} storage in this configuration")

    def unreachable(name):
        raise OSError("Could not connect to the endpoint URL")

    monkeypatch.setattr(storages[alias], "exists", unreachable)
    response, body = health(client)
    assert response.status_code == 503
    assert body["checks"] == {"database": "ok", "cache": "ok", "storage": "error"}
