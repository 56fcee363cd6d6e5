"""The settings profiles, each loaded in a fresh interpreter as a server would load it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    skip = {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in skip}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="portal.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_profile_passes_the_deployment_checklist():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x" * 20 + "a-long-random-production-key-for-the-test-only",
        ALLOWED_HOSTS="thiduakhenthuong.example.gov.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_demo_command_refuses_to_run_with_debug_off():
    result = run_manage("demo", DJANGO_SETTINGS_MODULE="portal.settings.local", DEBUG="0",
                        DATABASE_URL="sqlite:///:memory:")
    assert result.returncode != 0
    assert "Refusing to load demo data with DEBUG off" in result.stderr


def test_database_url_selects_postgresql(monkeypatch):
    import importlib

    import portal.settings.base as base

    monkeypatch.setenv("DATABASE_URL", "postgres://portal:pw@db.internal:5432/portal")
    try:
        reloaded = importlib.reload(base)
        db = reloaded.DATABASES["default"]
        assert db["ENGINE"] == "django.db.backends.postgresql"
        assert db["HOST"] == "db.internal"
        assert db["CONN_MAX_AGE"] > 0
        assert db["CONN_HEALTH_CHECKS"] is True
        # an unreachable host fails fast, so the visitor gets the 503 page, not a hung worker
        assert db["OPTIONS"]["connect_timeout"] == 5
        monkeypatch.setenv("DATABASE_URL", "postgres://portal:pw@db.internal:5432/portal?connect_timeout=2")
        assert importlib.reload(base).DATABASES["default"]["OPTIONS"]["connect_timeout"] == 2
        # SSD pricing of random reads for the portal's sessions, unless turned off or mistyped
        assert db["OPTIONS"]["options"] == "-c random_page_cost=1.1"
        monkeypatch.setenv("PG_RANDOM_PAGE_COST", "")
        assert "options" not in importlib.reload(base).DATABASES["default"]["OPTIONS"]
        monkeypatch.setenv("PG_RANDOM_PAGE_COST", "fast")
        from django.core.exceptions import ImproperlyConfigured

        with pytest.raises(ImproperlyConfigured):
            importlib.reload(base)
        monkeypatch.delenv("PG_RANDOM_PAGE_COST")
    finally:
        monkeypatch.delenv("DATABASE_URL")
        importlib.reload(base)


def test_redis_url_turns_on_the_shared_cache(monkeypatch):
    import importlib

    import portal.settings.base as base

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/1")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(base)


def test_default_database_is_an_sqlite_file_git_ignores():
    import portal.settings.base as base

    if os.environ.get("DATABASE_URL"):
        pytest.skip("DATABASE_URL is set for this run")
    name = Path(base.DATABASES["default"]["NAME"])
    assert name.suffix == ".sqlite3"
    ignored = subprocess.run(["git", "check-ignore", "-q", str(name)], cwd=ROOT)
    assert ignored.returncode == 0


def test_bad_boolean_is_refused(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from portal.settings.base import env_bool

    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("DEBUG", False)
