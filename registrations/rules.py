"""Where a list's rules come from: the live version of the event's source page.

The source is the version the other was translated from (wagtail-localize's
``TranslationSource``); an event with no translation yet is its own source.
Whichever version is published or unpublished, the list is read again from
the source, so publishing the French version of a German workshop never
changes its seats.
"""

from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from registrations.models import RegistrableEvent, RegistrationList


def takes_registrations(model):
    return isinstance(model, type) and issubclass(model, RegistrableEvent)


def source_page(translation_key, gone=None):
    """The live source version of an event, specific; None when it is not live.

    ``gone`` is a page being deleted, which no longer counts.
    """
    family = Page.objects.filter(translation_key=translation_key).exclude(pk=gone)
    source_locale = (
        TranslationSource.objects.filter(object_id=translation_key)
        .values_list("locale_id", flat=True)
        .first()
    )
    page = None
    if source_locale is not None:
        page = family.filter(locale_id=source_locale).first()
    if page is None:  # not translated through wagtail-localize: the first version made
        page = family.order_by("pk").first()
    if page is None or not page.live or not takes_registrations(page.specific_class):
        return None
    return page.specific_class.objects.filter(pk=page.pk).first()


def sync_list(translation_key, gone=None):
    """Copy the source's live rules into the list; a list with nobody on it is not created."""
    page = source_page(translation_key, gone)
    existing = RegistrationList.objects.filter(translation_key=translation_key).first()
    if page is None:
        if existing is not None and existing.enabled:
            existing.enabled = False
            existing.save(update_fields=["enabled"])
        return existing
    start, end = page.registration_event_times()
    values = {
        "source_page": page,
        "title": page.title,
        "enabled": page.registration_on_site,
        "capacity": page.capacity,
        "waiting_list": page.waiting_list,
        "deadline": page.registration_deadline,
        "starts_at": start,
        "ends_at": end,
    }
    # Every version shows the box when the source takes registrations, synced or not;
    # republished from an older sync, a translation gets it back here.
    type(page).objects.filter(translation_key=translation_key).exclude(pk=page.pk).exclude(
        registration_on_site=page.registration_on_site
    ).update(registration_on_site=page.registration_on_site)
    if existing is None and not page.registration_on_site:
        return None
    with transaction.atomic():
        registration_list, _created = RegistrationList.objects.update_or_create(
            translation_key=translation_key, defaults=values
        )
    return registration_list


def list_for_registering(translation_key):
    """The list to book into, made on the first registration; None when registration is off."""
    registration_list = RegistrationList.objects.filter(translation_key=translation_key).first()
    if registration_list is None:
        registration_list = sync_list(translation_key)
    return registration_list
