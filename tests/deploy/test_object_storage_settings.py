"""Object storage is a setting (portal/settings/storage.py): S3_ENDPOINT_URL and the buckets turn
the "public" and "private" storages into django-storages' S3 backend; without them both stay
folders of the local disk, as before. The scale-out test runs the real thing."""

import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured

S3 = {"S3_ENDPOINT_URL": "http://10.0.0.5:8333", "S3_ACCESS_KEY_ID": "portal", "S3_SECRET_ACCESS_KEY": "secret"}
ALL = (*S3, "S3_BUCKET", "S3_BUCKET_PUBLIC", "S3_BUCKET_PRIVATE", "S3_PUBLIC_DOMAIN", "S3_ADDRESSING_STYLE",
       "S3_SIGNED_URL_SECONDS", "PRIVATE_MEDIA_SIGNED_URLS", "SERVE_MEDIA", "MEDIA_ACCEL_REDIRECT")


@pytest.fixture
def load(monkeypatch):
    import portal.settings.base as base

    for name in ALL:
        monkeypatch.delenv(name, raising=False)

    def reload(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(base)

    yield reload
    for name in ALL:
        monkeypatch.delenv(name, raising=False)
    importlib.reload(base)


def test_without_an_endpoint_both_storages_are_local_folders(load):
    base = load(MEDIA_ACCEL_REDIRECT="/internal-media/")
    assert base.STORAGES["public"] == {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                       "OPTIONS": {"location": base.MEDIA_ROOT, "base_url": "/media/"}}
    assert base.STORAGES["private"]["OPTIONS"] == {"location": base.PRIVATE_MEDIA_ROOT, "base_url": None}
    assert base.STORAGES["default"] == {"BACKEND": "portal.core.files.RoutedStorage"}
    assert base.MEDIA_ACCEL_REDIRECT == "/internal-media/"
    assert base.PRIVATE_MEDIA_SIGNED_URLS is False and base.OBJECT_STORAGE is False
    assert base.SECURE_CSP["img-src"] == [base.CSP.SELF, "data:"]


def test_two_buckets_public_plain_private_signed_for_a_minute(load):
    base = load(**S3, S3_BUCKET_PUBLIC="portal-public", S3_BUCKET_PRIVATE="portal-private")
    public, private = base.STORAGES["public"], base.STORAGES["private"]
    assert public["BACKEND"] == private["BACKEND"] == "portal.core.s3.ProtectedS3Storage"
    assert public["OPTIONS"]["bucket_name"] == "portal-public" and public["OPTIONS"]["location"] == ""
    assert public["OPTIONS"]["querystring_auth"] is False
    assert private["OPTIONS"]["bucket_name"] == "portal-private"
    assert private["OPTIONS"]["querystring_auth"] is True and private["OPTIONS"]["querystring_expire"] == 60
    assert private["OPTIONS"]["endpoint_url"] == "http://10.0.0.5:8333"
    # the checked view redirects to a signed address; Django never serves media itself
    assert base.PRIVATE_MEDIA_SIGNED_URLS is True and base.SERVE_MEDIA is False
    assert base.MEDIA_ACCEL_REDIRECT == ""
    assert "http://10.0.0.5:8333" in base.SECURE_CSP["img-src"]


def test_one_bucket_keeps_public_and_private_files_under_prefixes(load):
    base = load(**S3, S3_BUCKET="portal", S3_PUBLIC_DOMAIN="media.example.gov.vn", S3_SIGNED_URL_SECONDS="30")
    public, private = base.STORAGES["public"]["OPTIONS"], base.STORAGES["private"]["OPTIONS"]
    assert (public["bucket_name"], public["location"]) == ("portal", "public")
    assert (private["bucket_name"], private["location"]) == ("portal", "private")
    assert public["custom_domain"] == "media.example.gov.vn" and "custom_domain" not in private
    assert private["querystring_expire"] == 30
    assert "http://media.example.gov.vn" in base.MEDIA_ORIGINS


@pytest.mark.parametrize("env", [
    {**S3},  # no bucket
    {**S3, "S3_BUCKET_PUBLIC": "portal-public"},  # no private bucket
    {"S3_ENDPOINT_URL": "http://10.0.0.5:8333", "S3_BUCKET": "portal"},  # no keys
    {**S3, "S3_ENDPOINT_URL": "10.0.0.5:8333", "S3_BUCKET": "portal"},  # not an address
])
def test_an_incomplete_object_storage_setting_is_refused_at_start(load, env):
    with pytest.raises(ImproperlyConfigured):
        load(**env)
