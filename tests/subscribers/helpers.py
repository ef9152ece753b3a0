"""Posting the subscription form as a browser would, and running the real mail worker."""

import re
import signal
import time
from io import StringIO

from django.core.management import call_command

from accounts.public_forms import HONEYPOT_NAME_FIELD, HONEYPOT_TIME_FIELD

CHOICE = {"de": "de", "fr": "fr", "both": "both"}


def form_data(email, language, *, consent=True, source=None, trap="", seconds_ago=10):
    data = {
        "email": email,
        "language": language,
        "source": source or "/",
        HONEYPOT_NAME_FIELD: trap,
        HONEYPOT_TIME_FIELD: str(int(time.time()) - seconds_ago),
    }
    if consent:
        data["consent"] = "on"
    return data


def subscribe(client, site_language, email, language=None, **kwargs):
    """POST the form of the /de/ or /fr/ site, as the page's form does."""
    data = form_data(email, language or site_language, **kwargs)
    return client.post(f"/{site_language}/subscription/", data)


def run_mail_worker(monkeypatch, queue="mail"):
    """Run ``manage.py db_worker`` for ``queue`` (the mail queue) until it is empty, here.

    The worker recycles database connections between tasks as a request would;
    inside a test's transaction that would drop the test's connection (on
    PostgreSQL), so only that is switched off here. Its signal handlers are put back.
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    out = StringIO()
    try:
        call_command(
            "db_worker",
            "--backend=mail",
            f"--queue-name={queue}",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            stdout=out,
        )
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
    return out.getvalue()


LINK = re.compile(r"https?://[^/\s]+(/(?:de|fr)/subscription/(?:confirm|preferences)/[^/\s\]]+/)")


def links(text):
    """The paths of the confirm and preferences links in a mail's text."""
    return LINK.findall(text)
