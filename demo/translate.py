"""Translate demo content through wagtail-localize's own records.

Going through TranslationSource, Translation and StringTranslation (instead of
copying a page) is what makes the translation editor show the demo pages as
translated, and lets "Sync translated pages" work on them afterwards.
"""

from django.core.management.base import CommandError
from django.db import transaction
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


def translate(instance, locale, strings, *, user=None, publish=True):
    """Create or refresh ``instance``'s translation into ``locale``.

    ``strings`` maps each source segment to its translation. A segment with
    no entry is an error, so that the demo never publishes half a page.
    """
    # wagtail-localize turns the line breaks of plain text fields into <br/>.
    strings = {
        key.replace("\n", "<br/>"): value.replace("\n", "<br/>") for key, value in strings.items()
    }
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )

    missing = []
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if text is None:
            missing.append(segment.string.data)
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    if missing:
        raise CommandError(
            f"No {locale.language_code} text for these segments of {instance!r}: {missing}"
        )

    # wagtail-localize publishes on commit, from the page instance it saved.
    # Committing here, before any child is added under the new translation,
    # keeps that deferred publish from writing back a stale tree (numchild).
    with transaction.atomic():
        translation.save_target(user=user, publish=publish)
    return instance.get_translation(locale)
