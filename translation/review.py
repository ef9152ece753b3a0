"""Which machine translations a person has reviewed, and the notice it gives visitors.

A translated text (wagtail-localize's ``StringTranslation``) counts as
reviewed when a person wrote or edited it (``translation_type`` "manual") or
when a ``SegmentReview`` holds exactly its current text. Everything else a
machine wrote is "machine, not reviewed".

When a page is published, ``record_on_publish`` stores on the page
(``MachineTranslationNoticeMixin.machine_translated_from``) whether its
translation still holds unreviewed machine text, so the page shows the notice
to visitors at no cost; the page cache is emptied and the CDN purged on every
publish (pagecache/cache.py), so no cached copy keeps an outdated notice.
Only enabled (synced) translations count: once an editor stops the synced
translation and edits the page in Wagtail's own editor, the text is theirs.
"""

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from translation.models import MachineTranslationNoticeMixin, SegmentReview

MACHINE = StringTranslation.TRANSLATION_TYPE_MACHINE


def current_review():
    """An ``Exists`` for StringTranslation rows: a review of exactly this text."""
    return Exists(
        SegmentReview.objects.filter(string_translation_id=OuterRef("pk"), data=OuterRef("data"))
    )


def strings_of(source_id, locale_id):
    """The translated texts of a source's string segments in ``locale_id``."""
    return StringTranslation.objects.filter(
        Exists(
            StringSegment.objects.filter(
                source_id=source_id,
                string_id=OuterRef("translation_of_id"),
                context_id=OuterRef("context_id"),
            )
        ),
        locale_id=locale_id,
        has_error=False,
    )


def unreviewed_machine_strings(translation):
    return (
        strings_of(translation.source_id, translation.target_locale_id)
        .filter(translation_type=MACHINE)
        .exclude(current_review())
    )


def unreviewed_count_subquery():
    """For a Translation queryset: how many of its machine texts nobody has reviewed.

    One subquery, so the status board stays at a fixed number of queries.
    """
    segments = StringSegment.objects.filter(
        source_id=OuterRef(OuterRef("source_id")),
        string_id=OuterRef("translation_of_id"),
        context_id=OuterRef("context_id"),
    )
    unreviewed = (
        StringTranslation.objects.filter(
            Exists(segments),
            locale_id=OuterRef("target_locale_id"),
            translation_type=MACHINE,
            has_error=False,
        )
        .exclude(current_review())
        .order_by()
        .values("locale_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(unreviewed, output_field=IntegerField()), Value(0))


def translation_of_page(page):
    """The enabled wagtail-localize translation that writes ``page``, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .exclude(source__locale_id=page.locale_id)
        .select_related("source__locale")
        .first()
    )


def notice_language(page):
    """The language code of the original if ``page``'s translation has unreviewed machine text."""
    translation = translation_of_page(page)
    if translation is None or not unreviewed_machine_strings(translation).exists():
        return ""
    return translation.source.locale.language_code


def record_on_publish(sender, instance, **kwargs):
    """``page_published``: store whether the version just published needs the notice."""
    page = instance
    if not isinstance(page, MachineTranslationNoticeMixin):
        page = page.specific_deferred if isinstance(page, Page) else None
        if not isinstance(page, MachineTranslationNoticeMixin):
            return
    value = notice_language(page)
    if value != page.machine_translated_from:
        type(page)._default_manager.filter(pk=page.pk).update(machine_translated_from=value)
    page.machine_translated_from = value
    if instance is not page:
        instance.machine_translated_from = value


def mark_reviewed(string_translations, user):
    """Record that ``user`` reviewed these texts as they read now; returns how many."""
    count = 0
    for string_translation in string_translations:
        SegmentReview.objects.update_or_create(
            string_translation=string_translation,
            defaults={
                "data": string_translation.data,
                "reviewed_by": user,
                "reviewed_at": timezone.now(),
            },
        )
        count += 1
    return count
