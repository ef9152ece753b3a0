"""An event with registration open, and posting its form as the page's form does."""

import re
import time

from django.utils import timezone

from accounts.public_forms import HONEYPOT_NAME_FIELD, HONEYPOT_TIME_FIELD
from partnership.models import WorkshopPage

UPCOMING_SLUG = {"de": "gemeinsam-gegen-einsamkeit-2027", "fr": "ensemble-contre-la-solitude-2027"}


def upcoming_workshop(language="fr"):
    """The demo's upcoming workshop (written in French first), in ``language``."""
    return WorkshopPage.objects.get(slug=UPCOMING_SLUG[language])


def open_registration(page, **rules):
    """Turn registration on at the source page and publish it, as its editor would."""
    page = page.specific
    page.registration_on_site = True
    page.registration_deadline = None
    page.capacity = 2
    page.waiting_list = True
    for name, value in rules.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def form_data(email, *, name="Erika Beispiel", language="de", consent=True, trap="", **extra):
    data = {
        "name": name,
        "email": email,
        "organisation": "Freiwilligenagentur",
        "town": "Naumburg (Saale)",
        "language": language,
        "access_needs": "",
        "source": "/",
        HONEYPOT_NAME_FIELD: trap,
        HONEYPOT_TIME_FIELD: str(int(time.time()) - 10),
        **extra,
    }
    if consent:
        data["consent"] = "on"
    return data


def register(client, page, email, **kwargs):
    """POST the form of ``page`` (any language version) to its endpoint."""
    language = page.locale.language_code
    kwargs.setdefault("language", language)
    return client.post(f"/{language}/registration/{page.pk}/", form_data(email, **kwargs))


CANCEL_LINK = re.compile(r"https?://[^/\s]+(/(?:de|fr)/registration/cancel/[^/\s\]>\"]+/)")


def cancel_path(message):
    [path] = set(CANCEL_LINK.findall(message.body))
    return path


def days_from_now(days):
    return timezone.now() + timezone.timedelta(days=days)
