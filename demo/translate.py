"""Translate demo content through wagtail-localize's own records.

Going through TranslationSource, Translation and StringTranslation (instead of
copying a page) is what makes the translation editor show the demo pages as
translated, and lets "Sync translated pages" work on them afterwards.
"""

from django.core.management.base import CommandError
from django.db import transaction
from wagtail.fields import StreamField
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue


def as_an_editor_saves(instance):
    """Store ``instance``'s StreamFields in the form the page editor saves them.

    The demo writes its blocks as plain JSON. Wagtail reads a ListBlock given
    as a plain list (the key figures, the gallery's images) but stores it so
    only once its value has been read; wagtail-localize extracts segments from
    the stored form and skips list items without ids, so their labels and
    captions would never reach the translation editor and would stay German on
    the French page. Reading every block before the first save stores each list
    item with its own id, exactly as the admin's form does.
    """
    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField):
            value = getattr(instance, field.attname)
            for _child in value:  # turns the lazy raw data into blocks
                pass
            setattr(instance, field.attname, field.stream_block.get_prep_value(value))
    return instance


def translate(instance, locale, strings, *, user=None, publish=True):
    """Create or refresh ``instance``'s translation into ``locale``.

    ``strings`` maps each source segment to its translation. A segment with
    no entry is an error, so that the demo never publishes half a page; so is
    a translated string that no segment holds, since its text would never
    reach the other language (only text that reads the same in both, such as
    a town's name in a synchronised field, may go unused).
    """
    # A segment holds rich text as HTML and plain text escaped, with its line
    # breaks as <br/>: each string is looked up in both forms.
    forms = {}
    for key, value in strings.items():
        forms[key.replace("\n", "<br/>")] = (key, value.replace("\n", "<br/>"))
        forms.setdefault(
            StringValue.from_plaintext(key).data, (key, StringValue.from_plaintext(value).data)
        )
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )

    missing = []
    used = set()
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        key, text = forms.get(segment.string.data, (None, None))
        if text is None:
            missing.append(segment.string.data)
            continue
        used.add(key)
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
    unused = [key for key, value in strings.items() if key not in used and key != value]
    if unused:
        raise CommandError(
            f"These strings of {instance!r} are no segment, so their "
            f"{locale.language_code} text would never show: {unused}"
        )

    # wagtail-localize publishes on commit, from the page instance it saved.
    # Committing here, before any child is added under the new translation,
    # keeps that deferred publish from writing back a stale tree (numchild).
    with transaction.atomic():
        translation.save_target(user=user, publish=publish)
    return instance.get_translation(locale)
