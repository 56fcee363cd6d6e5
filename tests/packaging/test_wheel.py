"""The wheel built from the project holds every local app with what it needs at run time: its
templates, its data files (form 0603's layout) and its compiled catalog. The site-wide
templates/, static/ and locale*/ stay at the top level: deployment runs from a checkout.

Building takes a few seconds and needs no database, so it runs once, in CI's SQLite pass
(skipped when DATABASE_URL names another database); `-m "not wheel"` skips it locally."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

pytestmark = pytest.mark.wheel

ROOT = Path(settings.BASE_DIR)
# local state and tools the build must not see (a checkout has none of them)
LEFT_OUT = (".venv", ".git", "var", "media", "staticfiles", "build", "dist", "judge-out", "__pycache__",
            "*.egg-info", ".pytest_cache", ".ruff_cache", "node_modules")


def _local_apps() -> list:
    """The project's own apps of INSTALLED_APPS (a virtualenv may sit inside the checkout)."""
    return [config for config in apps.get_app_configs() if Path(config.path).is_relative_to(ROOT)
            and "site-packages" not in Path(config.path).relative_to(ROOT).parts]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    if os.environ.get("DATABASE_URL", "").split(":", 1)[0] not in ("", "sqlite"):
        pytest.skip("the wheel is built once, in the SQLite pass")
    source = tmp_path_factory.mktemp("checkout") / "portal"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*LEFT_OUT))
    out = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--quiet", "--disable-pip-version-check",
               "-w", str(out)]
    try:
        import setuptools  # noqa: F401  (present: build with it, offline and faster)

        command.append("--no-build-isolation")
    except ImportError:
        pass
    subprocess.run(command, check=True, timeout=120)
    [wheel] = out.glob("portal-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_every_local_app_is_in_the_wheel(wheel_names):
    for config in _local_apps():
        package = Path(config.path).relative_to(ROOT).as_posix()
        assert f"{package}/__init__.py" in wheel_names, config.name
        assert f"{package}/apps.py" in wheel_names, config.name


def test_every_apps_templates_and_compiled_catalog_are_in_the_wheel(wheel_names):
    for config in _local_apps():
        folder = Path(config.path)
        for source in [*folder.glob("templates/**/*.*"), *folder.glob("templatetags/*.py"),
                       *folder.glob("locale/*/LC_MESSAGES/django.mo")]:
            name = source.relative_to(ROOT).as_posix()
            assert name in wheel_names, name
    assert "awards/templates/awards/decision_detail.html" in wheel_names
    assert "awards/locale/vi/LC_MESSAGES/django.mo" in wheel_names


def test_the_form_0603_layout_is_in_the_wheel(wheel_names):
    assert "awards/statistics/form_0603.json" in wheel_names


def test_the_site_wide_folders_stay_in_the_checkout(wheel_names):
    assert not any(name.split("/", 1)[0] in ("templates", "static", "locale", "locale_django", "tests", "bench")
                   for name in wheel_names)


def test_the_draft_font_and_its_licence_are_in_the_wheel(wheel_names):
    # the decision drafts' PDFs embed this serif (awards/drafts/render_pdf.py); the OFL travels with it
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        assert f"awards/fonts/LiberationSerif-{face}.ttf" in wheel_names
    assert "awards/fonts/OFL.txt" in wheel_names
