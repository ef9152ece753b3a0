"""The benchmark's floor: the same do-nothing view behind Django's ``startproject`` middleware only.

``make bench`` serves ``/bench/minimal/`` twice, with the same gunicorn: once
through twinsite's whole stack (``twinsite.settings.bench``) and once through
this module, the production settings with nothing but the middleware a new
``django-admin startproject`` lists. Every row is then also given as a share
of this one: what the framework itself costs is the ceiling no page can beat,
and the distance from it to the whole stack is what twinsite's middleware
costs. Never for a real server: most of twinsite's safeguards are missing here.
"""

from .bench import *  # noqa: F403

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
