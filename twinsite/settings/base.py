"""Settings shared by every environment.

Everything that differs between machines is read from the environment (or an
optional ``.env`` file in the project root), so the same code runs on a
laptop with SQLite and on a server with PostgreSQL. ``.env.example`` lists
every variable.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _
from wagtail.embeds import oembed_providers

from twinsite.settings.caches import caches_from

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Our apps come first so that their templates and translations win; from
    # the top layer down (docs/architecture.md; pyproject.toml checks it).
    "demo",
    "plone_import",
    "home",
    "newsletter",
    "search",
    "accessibility",
    "easyread",
    "exhibitions",
    "partnership",
    "core",
    "subscribers",
    "registrations",
    "emails",
    "embeds",
    "pagecache",
    "operations",
    "safeguards",
    "accounts",
    # Before wagtail_localize, so that its hooks and templates come first.
    "translation",
    # wagtail_localize.locales replaces wagtail.locales; never install both.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail_honeypot",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    # Background tasks in the database, for the "mail" task backend (django-tasks-db).
    "django_tasks_db",
    # Sign-in security: lockout (axes) and the optional second factor (django-otp).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Django's page cache, keyed on what each page shows (pagecache/middleware.py):
    # Update first, Fetch last; right after Update, the same lookup for plain visitors
    # (no session), which skips the middleware that could not change their answer.
    # Each process also skips the lookup for addresses whose answers are never kept
    # (twinsite/cache_lookup.py).
    "twinsite.cache_lookup.UpdateCacheMiddleware",
    "pagecache.middleware.EarlyFetchMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A database outage answers 503 in the visitor's language (operations/database_down.py).
    "operations.database_down.DatabaseDownMiddleware",
    # On SQLite, requests that write take the write lock at once (safeguards/sqlite_writes.py).
    "safeguards.sqlite_writes.SQLiteWriteLockMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, but a 404 outside the language prefixes (the admin) stays a 404
    # (twinsite/admin_errors.py).
    "twinsite.admin_errors.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's and django-otp's (request.user.is_verified()), except that a visitor
    # without a session cookie is anonymous at once (accounts/middleware.py); then the
    # code page for editors who turned it on.
    "accounts.middleware.AuthenticationMiddleware",
    "accounts.middleware.OTPMiddleware",
    # The admin in the editor's admin language, errors included; JSON errors from its API.
    "twinsite.admin_errors.AdminLanguageMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    # Tells translation cascades who is acting (see translation/cascades.py).
    "translation.cascades.ActingUserMiddleware",
    # A crafted id in an admin address gets a 400 page, not a 500 (safeguards/object_ids.py).
    "safeguards.object_ids.ObjectIdsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp, with frame-ancestors following X-Frame-Options SAMEORIGIN.
    "twinsite.csp.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Page views find their Wagtail site in the page cache's store (pagecache/routing.py).
    "pagecache.routing.RememberedSiteMiddleware",
    "pagecache.cache.PrivateForSignedInMiddleware",
    "twinsite.cache_lookup.FetchFromCacheMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into its 429 page.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp; twinsite/csp.py picks the policy). Public
# pages run no inline script or style and load nothing from other origins except
# the media storage's (S3, added at run time) and the video players of the embed
# block. Templates that need an inline <script> or <style> give it
# nonce="{{ request.csp_nonce }}"; none does today, which keeps cached pages free
# of reused nonces. Each embed card (embeds/routes.py) sends its own policy
# letting the origins in EMBED_FRAME_ANCESTORS frame it, e.g.
# "https://verein.example.org".
EMBED_FRAME_ANCESTORS = env.list("EMBED_FRAME_ANCESTORS", default=[])
# The embed block finds videos on these providers only, so that what editors
# embed is what the policy lets play; e-mails show the providers' thumbnails.
WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [oembed_providers.youtube, oembed_providers.vimeo],
    }
]
VIDEO_PLAYER_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
VIDEO_THUMBNAIL_ORIGINS = ["https://i.ytimg.com", "https://i.vimeocdn.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail and Django admins (everything under /admin/ and /django-admin/).
# Wagtail 8 still starts its form widgets with inline scripts (choosers, date
# pickers, inline panels; wagtail-localize's editor too) and writes style
# attributes, none with a nonce, so both need 'unsafe-inline' there. Scripts and
# everything else still come from this origin only, with no eval. The live
# preview is framed from the admin ('self'); blob: and data: images are upload
# previews.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-src": [SELF, *VIDEO_PLAYER_ORIGINS],
    }
}
# Wagtail would show editors' avatars from gravatar.com, telling it who edits.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

ROOT_URLCONF = "twinsite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Every template lives in its app (<app>/templates/<app>/...).
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "twinsite.wsgi.application"

# SQLite in var/ unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Connections live CONN_MAX_AGE seconds (0: one per request) and are checked before
# reuse, so the site recovers by itself after a database restart (bench/faults.py).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # An editor's requests write at the same moment (an upload in the chooser, the page's
    # autosave). Write-ahead logging lets reads go on while one request writes; a write waits
    # up to SQLITE_TIMEOUT seconds for another to finish; a request that writes takes the
    # write lock when its transaction begins (safeguards/sqlite_writes.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL;",
            "timeout": env.float("SQLITE_TIMEOUT", default=20.0),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Signed-in editors' sessions are read from the default cache, written through to the
# database: a page rendered for an editor skips one query, and a cache outage loses no session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT failures for one
# username from one address, that pair is refused (HTTP 429) until
# AXES_COOLOFF_HOURS after the latest failure. Wrong two-factor codes count too,
# and the count is reset once the sign-in is complete (accounts/lockout.py), not
# after the password alone. Behind a reverse proxy set TRUSTED_PROXY_COUNT to the
# number of proxies that append to X-Forwarded-For (accounts/client_ip.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# The sign-in form names its fields for password managers, which may fill them (WCAG 2.2, 3.3.8).
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.SignInForm"
# Two-factor authentication (django-otp, TOTP): the name authenticator apps show.
OTP_TOTP_ISSUER = env("WAGTAIL_SITE_NAME", default="twinsite")

# Internationalisation: one site, two languages, German as the default.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", "Deutsch"),
    ("fr", "Français"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
# A new translation of a live page starts as a draft: its team publishes it
# once it is translated. (wagtail-localize would otherwise publish it at once,
# still in the source language.)
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Each editor picks their own admin language; English stays available for
# maintainers who read neither.
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("en", "English"),
]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Media on S3-compatible object storage (AWS S3, MinIO, Scaleway, OVH, ...), so
# that several app servers share the uploads. Set S3_BUCKET to switch it on.
if env("S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "region_name": env("S3_REGION", default=None),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            # A CDN host for the bucket, e.g. media.partnerschaft.example.org.
            "custom_domain": env("S3_CUSTOM_DOMAIN", default=None),
            # Images are public; unsigned URLs keep cached pages valid.
            "querystring_auth": env.bool("S3_SIGNED_URLS", default=False),
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    # Documents go through Wagtail's view, which checks their privacy settings.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Complex page models exceed Django's default of 1000 fields in the editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Caches. Rendered pages for anonymous visitors live in their own cache, so
# that emptying it (a privacy setting, a site) leaves everything else alone;
# a publish expires only what shows the page (pagecache/generations.py).
# Redis when REDIS_URL is set (e.g. redis://127.0.0.1:6379/0), else local memory.
# See twinsite/settings/caches.py: three databases, and the caches fail open.
REDIS_URL = env("REDIS_URL", default="")
CACHES = caches_from(REDIS_URL)
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
CACHE_MIDDLEWARE_ALIAS = "pages"
CACHE_MIDDLEWARE_KEY_PREFIX = "page"
CACHE_MIDDLEWARE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# The header, menu and footer of each language, kept in the same store, under the generation
# of what every page shows (home/templatetags/navigation_tags.py); dev and test turn the page
# cache off, not this.
CHROME_CACHE_SECONDS = CACHE_MIDDLEWARE_SECONDS

# A CDN or Varnish in front: purge the changed pages on publish and unpublish
# (pagecache/cache.py). FRONTEND_CACHE_PURGE_URL is any HTTP cache that accepts
# PURGE requests (Varnish); Cloudflare needs a zone id and an API token.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
    }
# Each language has its own tree and URLs; nothing to multiply per language.
WAGTAILFRONTENDCACHE_LANGUAGES = []

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="twinsite <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# DKIM: with a key (a PEM file, or the PEM itself in DKIM_PRIVATE_KEY) every mail is
# signed (emails/signing.py) with selector DKIM_SELECTOR for DKIM_DOMAIN (empty: the
# domain of DEFAULT_FROM_EMAIL); the public key is the TXT record
# <selector>._domainkey.<domain> (docs/operations.md). The backend EMAIL_URL chose then
# sends the signed mails. Without a key nothing is signed here and the relay must sign.
DKIM_PRIVATE_KEY_FILE = env("DKIM_PRIVATE_KEY_FILE", default="")
DKIM_PRIVATE_KEY = env.str("DKIM_PRIVATE_KEY", default="", multiline=True)
DKIM_SELECTOR = env("DKIM_SELECTOR", default="")
DKIM_DOMAIN = env("DKIM_DOMAIN", default="")
DKIM_EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
if DKIM_PRIVATE_KEY_FILE or DKIM_PRIVATE_KEY:
    EMAIL_BACKEND = "emails.signing.SigningEmailBackend"
# A newsletter issue's "Send test" goes to the editor's own address or to one of
# these (comma-separated, e.g. the agency's test inboxes), never anywhere else.
NEWSLETTER_TEST_ADDRESSES = env.list("NEWSLETTER_TEST_ADDRESSES", default=[])
# Sending an issue to its readers (newsletter/delivery.py): the relay's rate limit in
# mails per second (0: no limit), mails per batch (one SMTP connection each), the
# attempts for a temporary (4xx) refusal, the first retry's delay (doubling each
# time), and after how long a delivery left in "sending" by a stopped worker is
# reported as unknown. List-Id: <NEWSLETTER_LIST_NAME.<list's language>.<sender's domain>>.
NEWSLETTER_SEND_RATE = env.float("NEWSLETTER_SEND_RATE", default=5.0)
NEWSLETTER_SEND_BATCH = env.int("NEWSLETTER_SEND_BATCH", default=50)
NEWSLETTER_SEND_MAX_ATTEMPTS = env.int("NEWSLETTER_SEND_MAX_ATTEMPTS", default=5)
NEWSLETTER_RETRY_SECONDS = env.int("NEWSLETTER_RETRY_SECONDS", default=300)
NEWSLETTER_SENDING_TIMEOUT = env.int("NEWSLETTER_SENDING_TIMEOUT", default=900)
NEWSLETTER_LIST_NAME = env("NEWSLETTER_LIST_NAME", default="naumburg-les-ulis")
# Pushing an issue as a draft campaign to the agency's newsletter tool
# (newsletter/providers/). A tool is offered once its key is set; the list ids are
# per version (German, French, bilingual), each a comma-separated list, falling back
# to the tool's *_LIST_IDS. The *_API_URL settings point tests at local servers.
NEWSLETTER_PROVIDER_TIMEOUT = env.float("NEWSLETTER_PROVIDER_TIMEOUT", default=20.0)
NEWSLETTER_PROVIDERS = {
    "brevo": {
        "api_key": env("BREVO_API_KEY", default=""),
        "api_url": env("BREVO_API_URL", default="https://api.brevo.com/v3"),
        "app_url": env("BREVO_APP_URL", default="https://app.brevo.com"),
        "sender_name": env("BREVO_SENDER_NAME", default=""),
        "sender_email": env("BREVO_SENDER_EMAIL", default=""),
        "lists": {
            version: env.list(f"BREVO_LIST_IDS{suffix}", default=[])
            for version, suffix in (("", ""), ("de", "_DE"), ("fr", "_FR"), ("both", "_BOTH"))
        },
    },
    "mailchimp": {
        "api_key": env("MAILCHIMP_API_KEY", default=""),
        # Empty: https://<dc>.api.mailchimp.com/3.0, <dc> from the key's suffix (-us21).
        "api_url": env("MAILCHIMP_API_URL", default=""),
        "from_name": env("MAILCHIMP_FROM_NAME", default=""),
        "reply_to": env("MAILCHIMP_REPLY_TO", default=""),
        "lists": {
            version: env.list(f"MAILCHIMP_LIST_ID{suffix}", default=[])
            for version, suffix in (("", ""), ("de", "_DE"), ("fr", "_FR"), ("both", "_BOTH"))
        },
    },
    "listmonk": {
        "url": env("LISTMONK_URL", default=""),
        "user": env("LISTMONK_USER", default=""),
        "token": env("LISTMONK_TOKEN", default=""),
        "lists": {
            version: env.list(f"LISTMONK_LIST_IDS{suffix}", default=[])
            for version, suffix in (("", ""), ("de", "_DE"), ("fr", "_FR"), ("both", "_BOTH"))
        },
    },
}

# Background tasks (django-tasks). Wagtail enqueues its own (reference index,
# search index, frontend-cache purges) on "default", which runs them at once in
# the request as before, so they never wait for a worker. Mail goes through
# "mail": tasks stored in the database and run by `manage.py db_worker --backend
# mail --queue-name mail,translation` (docs/operations.md, "Background workers").
# Its "translation" queue holds bulk machine translation, which can take minutes,
# so that a server may give it workers of its own and mail never waits behind it.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["mail", "translation"]},
}

# Newsletter subscriptions (subscribers/): a confirmation link is valid this many days.
SUBSCRIBERS_CONFIRM_DAYS = env.int("SUBSCRIBERS_CONFIRM_DAYS", default=7)
# Subscription posts per visitor (django-ratelimit, counted in the default cache).
SUBSCRIBERS_RATE = "5/h"

# Event registration (registrations/): posts per visitor, the reminder, and how long
# the registrations of a past event are kept (the privacy page says so).
REGISTRATIONS_RATE = "10/h"

# Accessibility feedback (accessibility/): posts per visitor, as the contact forms allow.
ACCESSIBILITY_FEEDBACK_RATE = "5/h"
# An event page with registration is kept at most this long by the page cache and a CDN,
# so that the seats it shows are never older.
REGISTRATIONS_CACHE_SECONDS = 60
REGISTRATIONS_REMINDER_DAYS = env.int("REGISTRATIONS_REMINDER_DAYS", default=2)
REGISTRATIONS_RETENTION_DAYS = env.int("REGISTRATIONS_RETENTION_DAYS", default=90)
# How often the mail worker runs reminders and removal (manage.py registrations_housekeeping).
REGISTRATIONS_HOUSEKEEPING_SECONDS = 3600
# How often the mail worker reminds teams of translation requests past their wished-for
# date (manage.py translation_request_reminders), and how long a closed request stays
# on the dashboards (withdrawn for the team asked, published or declined for the requester).
TRANSLATION_REQUEST_REMINDER_SECONDS = 3600
TRANSLATION_REQUEST_NOTICE_DAYS = 14

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", default="twinsite")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# On PostgreSQL, stemming follows each page's language (see search/backend.py);
# elsewhere Wagtail's database backend matches words more plainly.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backend",
            "SEARCH_CONFIG": "simple",
            "LANGUAGE_CONFIGS": {"de": "german", "fr": "french"},
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Upload limits (docs/security.md, "Bad input"). No SVG: it can carry script. safeguards/uploads.py
# adds header-first pixel checks, refuses damaged images and images with markup,
# and documents whose content does not match their extension.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("DOCUMENT_MAX_UPLOAD_MB", default=20) * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "safeguards.uploads.DocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("IMAGE_MAX_UPLOAD_MB", default=15) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "safeguards.uploads.ImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Machine translation in the translation editor: DeepL when DEEPL_AUTH_KEY is set
# (formal register by default: town halls write "Sie" and "vous"), else
# LibreTranslate when LIBRETRANSLATE_URL is set, else no button at all.
from translation.machine_config import machine_translator_config  # noqa: E402

WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_config(env)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Page actions and background tasks log every step at INFO.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # Failed sign-ins and lockouts stay (WARNING); successes are in axes' AccessLog.
        "axes": {"level": "WARNING"},
    },
}

# The translated URL for the search view lives in the message catalogues;
# marking it here keeps makemessages from dropping it.
_("search/")
_("not-yet-translated/<int:page_id>/")

# Public forms: wagtail-honeypot on by default for new form pages.
HONEYPOT_ENABLED_DEFAULT = True
HONEYPOT_TIME_INTERVAL = 3  # seconds a person needs at least to fill in a form
# django-ratelimit counts form posts per address in the default cache.
