"""Static files and uploads: where they live and how they are handed out, from the environment.

Two places hold uploads (portal.core.files): the "public" storage (files of published records,
served as they are) and the "private" storage (files of drafts, which only the permission-checked
view /tep/… hands out). By default both are folders of the local disk: MEDIA_ROOT, served at
MEDIA_URL by nginx (or by Django on a single host), and PRIVATE_MEDIA_ROOT, which no web server
exposes.

Set S3_ENDPOINT_URL and both move to S3-compatible object storage through django-storages, so
several app hosts share them (README, "Scaling out"):

    S3_ENDPOINT_URL        the store's address, e.g. https://s3.example.gov.vn or http://10.0.0.5:8333
    S3_BUCKET_PUBLIC       the bucket of public files (anonymous read allowed by the bucket's policy)
    S3_BUCKET_PRIVATE      the bucket of private files (no anonymous access at all)
    S3_BUCKET              instead of the two: one bucket, public files under public/ and private
                           ones under private/ (the policy allows anonymous read of public/* only)
    S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY   the portal's keys (read, write, delete on both)
    S3_REGION              default us-east-1 (what most S3-compatible stores accept)
    S3_ADDRESSING_STYLE    path (default: http://host/bucket/key, what SeaweedFS, MinIO and Ceph
                           answer without DNS set-up) or virtual (http://bucket.host/key)
    S3_PUBLIC_DOMAIN       optional: the host (and path) public files are linked at, e.g. a CDN
                           "media.example.gov.vn" in front of the public bucket
    S3_SIGNED_URL_SECONDS  how long a signed address of a private file works (default 60)

A private file is then answered by the checked view with a redirect to a signed address that
works for S3_SIGNED_URL_SECONDS (PRIVATE_MEDIA_SIGNED_URLS, on by default with object storage);
public files are linked at their plain address. MEDIA_ORIGINS names the origins pages load images
from, for the Content-Security-Policy."""

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def _flag(name: str, default: bool) -> bool:
    # the same rule as base.env_bool (imported late: base imports this module)
    from .base import env_bool

    return env_bool(name, default)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def object_storages(env=os.environ) -> tuple[dict, dict, list[str]]:
    """The "public" and "private" STORAGES entries for S3_ENDPOINT_URL, and the origins their
    addresses start with."""
    endpoint = env["S3_ENDPOINT_URL"].rstrip("/")
    if urlsplit(endpoint).scheme not in ("http", "https") or not urlsplit(endpoint).netloc:
        raise ImproperlyConfigured(f"S3_ENDPOINT_URL must be an http(s) address, not {endpoint!r}")
    shared = env.get("S3_BUCKET", "")
    public_bucket = env.get("S3_BUCKET_PUBLIC", "") or shared
    private_bucket = env.get("S3_BUCKET_PRIVATE", "") or shared
    if not (public_bucket and private_bucket):
        raise ImproperlyConfigured(
            "With S3_ENDPOINT_URL set, name the buckets: S3_BUCKET_PUBLIC and S3_BUCKET_PRIVATE, or one S3_BUCKET.")
    one_bucket = public_bucket == private_bucket
    access_key, secret_key = env.get("S3_ACCESS_KEY_ID", ""), env.get("S3_SECRET_ACCESS_KEY", "")
    if not (access_key and secret_key):
        raise ImproperlyConfigured("With S3_ENDPOINT_URL set, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required.")
    style = env.get("S3_ADDRESSING_STYLE", "path")
    if style not in ("path", "virtual"):
        raise ImproperlyConfigured(f"S3_ADDRESSING_STYLE must be path or virtual, not {style!r}")
    common = {
        "endpoint_url": endpoint,
        "access_key": access_key,
        "secret_key": secret_key,
        "region_name": env.get("S3_REGION", "") or "us-east-1",
        "addressing_style": style,
        "signature_version": "s3v4",
        # names are random, but a file is never silently replaced, as on the local disk
        "file_overwrite": False,
        # the bucket's policy says who reads what; no per-object ACL (many stores refuse them)
        "default_acl": None,
    }
    custom_domain = env.get("S3_PUBLIC_DOMAIN", "").strip().removeprefix("https://").removeprefix("http://")
    public = {
        "BACKEND": "portal.core.s3.ProtectedS3Storage",
        "OPTIONS": {
            **common,
            "bucket_name": public_bucket,
            "location": "public" if one_bucket else "",
            # plain, lasting addresses: pages (and the page cache) keep them
            "querystring_auth": False,
            "object_parameters": {"CacheControl": "public, max-age=3600"},
            **({"custom_domain": custom_domain.rstrip("/")} if custom_domain else {}),
        },
    }
    private = {
        "BACKEND": "portal.core.s3.ProtectedS3Storage",
        "OPTIONS": {
            **common,
            "bucket_name": private_bucket,
            "location": "private" if one_bucket else "",
            # every address is signed and short-lived; the checked view makes a new one per request
            "querystring_auth": True,
            "querystring_expire": int(env.get("S3_SIGNED_URL_SECONDS", "60")),
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }
    origins = set()
    for bucket in (public_bucket, private_bucket):
        if style == "virtual":
            parts = urlsplit(endpoint)
            origins.add(f"{parts.scheme}://{bucket}.{parts.netloc}")
        else:
            origins.add(_origin(endpoint))
    if custom_domain:
        origins.add(f"{urlsplit(endpoint).scheme or 'https'}://{custom_domain.split('/')[0]}")
    return public, private, sorted(origins)


def media_settings(*, base_dir: Path, debug: bool) -> dict:
    """Every setting of static files and uploads, for base.py."""
    media_url = "/media/"
    media_root = Path(os.environ.get("MEDIA_ROOT", base_dir / "var" / "media"))
    private_media_root = Path(os.environ.get("PRIVATE_MEDIA_ROOT", base_dir / "var" / "private"))
    object_storage = bool(os.environ.get("S3_ENDPOINT_URL"))
    if object_storage:
        public, private, origins = object_storages()
    else:
        # Files of unpublished records live in a storage no web server exposes, handed out by a
        # permission-checked view (portal.core.files); "default" routes each file by its name.
        public = {"BACKEND": "django.core.files.storage.FileSystemStorage",
                  "OPTIONS": {"location": media_root, "base_url": media_url}}
        private = {"BACKEND": "django.core.files.storage.FileSystemStorage",
                   "OPTIONS": {"location": private_media_root, "base_url": None}}
        origins = []
    return {
        "STATIC_URL": "/static/",
        "STATIC_ROOT": Path(os.environ.get("STATIC_ROOT", base_dir / "staticfiles")),
        "STATICFILES_DIRS": [base_dir / "static"],
        "MEDIA_URL": media_url,
        "MEDIA_ROOT": media_root,
        "PRIVATE_MEDIA_ROOT": private_media_root,
        "STORAGES": {
            "default": {"BACKEND": "portal.core.files.RoutedStorage"},
            "public": public,
            "private": private,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        # The proxy's internal location for private files (nginx: `location /internal-media/
        # { internal; }` with public/ and private/ under it); empty: Django streams them itself.
        # Meaningless with object storage, where the file is not on the proxy's disk.
        "MEDIA_ACCEL_REDIRECT": "" if object_storage else os.environ.get("MEDIA_ACCEL_REDIRECT", ""),
        # With object storage: private files are answered with a short-lived signed address.
        "PRIVATE_MEDIA_SIGNED_URLS": _flag("PRIVATE_MEDIA_SIGNED_URLS", object_storage),
        # Media is served by Django itself only where nothing else does it (the demo, a single
        # host); never with object storage, which serves the public files itself.
        "SERVE_MEDIA": False if object_storage else _flag("SERVE_MEDIA", debug),
        "OBJECT_STORAGE": object_storage,
        "MEDIA_ORIGINS": origins,
    }
