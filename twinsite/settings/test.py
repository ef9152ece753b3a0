"""The test suite: SQLite in memory unless DATABASE_URL points elsewhere."""

import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "twinsite-test-key-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="twinsite-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="twinsite-test-static-")
WAGTAILADMIN_BASE_URL = "http://testserver"
# The page cache is off in tests, except where a test turns it on to test it.
CACHE_MIDDLEWARE_SECONDS = 0

if not env("DATABASE_URL", default=""):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

# Sending to readers: no throttle, and retries due at once, so tests need not wait.
NEWSLETTER_SEND_RATE = 0
NEWSLETTER_RETRY_SECONDS = 0
