"""Every settings module imports, and the checks are clean where they must be."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, settings, extra_env=None):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECRET_KEY", "ALLOWED_HOSTS"))
    }
    env["DJANGO_SETTINGS_MODULE"] = settings
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("module", ["base", "dev", "test"])
def test_settings_module_imports(module):
    result = run_manage("check", settings=f"twinsite.settings.{module}")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_requires_a_secret_key():
    result = run_manage("check", settings="twinsite.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


MINIMAL_PRODUCTION = {
    "SECRET_KEY": "k3y-" + "x8Qz!r2Lm#9vTq7Wp4Ys6Nb1Hc5Jd0Fg" * 2,
    "ALLOWED_HOSTS": "partnerschaft.example.org",
    "WAGTAILADMIN_BASE_URL": "https://partnerschaft.example.org",
}

# Everything docs/operations.md's "When one server is not enough" section sets on top.
SCALED_OUT_PRODUCTION = {
    **MINIMAL_PRODUCTION,
    "DATABASE_URL": "postgres://twinsite@db.example.org:5432/twinsite",
    "CONN_MAX_AGE": "60",
    "REDIS_URL": "redis://cache.example.org:6379/0",
    "S3_BUCKET": "twinsite-media",
    "S3_ENDPOINT_URL": "https://s3.example.org",
    "S3_REGION": "eu-central-1",
    "S3_ACCESS_KEY_ID": "example-access-key",
    "S3_SECRET_ACCESS_KEY": "example-secret-key",
    "S3_CUSTOM_DOMAIN": "media.example.org",
    "FRONTEND_CACHE_PURGE_URL": "http://varnish.example.org:6081",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "CSRF_TRUSTED_ORIGINS": "https://partnerschaft.example.org",
    "EMBED_FRAME_ANCESTORS": "https://verein.example.org",
    "TRUSTED_PROXY_COUNT": "1",
}


@pytest.mark.parametrize(
    "environment",
    [MINIMAL_PRODUCTION, SCALED_OUT_PRODUCTION],
    ids=["one-server", "scaled-out"],
)
def test_production_deploy_check_is_clean_with_documented_environment(environment):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        settings="twinsite.settings.production",
        extra_env=environment,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
