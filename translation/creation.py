"""Creating translations without rewriting the versions that already exist.

wagtail-localize's ``TranslationCreator`` also submits the records a page
links to (contact people, towns, associations ...) and, with "include
subpages", the pages below it. For each of them it re-enables the synced
translation (``Translation.objects.update_or_create(enabled=True)``) and saves
the target from the translation memory. A version an editor took out of sync
("Stop synced translation") and corrected by hand was thus written over with
the old text; only its history kept the correction.

Here a translation is only ever *created*: an object that already has a
version in a target language (other than a page alias, which is only a
placeholder) keeps it, stopped or not, and the new page links that version.
Bringing existing versions up to date stays the job of "Sync translated
pages", which reads only enabled translations; restarting a stopped one is the
editor's own choice ("Start synced translation" in its editor).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize import operations
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import RelatedObjectSegmentValue
from wagtail_localize.segments.extract import extract_segments

from translation.permissions import language_name
from translation.separately import is_translated_separately


@dataclass(frozen=True)
class KeptVersion:
    """A version in ``locale`` that translating left as it was."""

    original: object
    version: object
    locale: object
    synced: bool  # an enabled wagtail-localize translation keeps it up to date

    @property
    def by_hand(self):
        return not self.synced


def existing_version(instance, locale):
    """``instance``'s version in ``locale``, if there is one that is more than an alias."""
    versions = instance.get_translations().filter(locale=locale)
    if isinstance(instance, Page):
        versions = versions.filter(alias_of__isnull=True)
    return versions.first()


def is_synced(instance, locale):
    return Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale=locale, enabled=True
    ).exists()


class TranslationCreator(operations.TranslationCreator):
    """wagtail-localize's creator, creating only the versions that do not exist yet.

    ``kept`` lists the existing versions it came across and left alone.
    """

    def __init__(self, user, target_locales):
        super().__init__(user, target_locales)
        self.kept = []
        self._decided = set()  # (translation key, locale id) pairs already looked at

    def create_translations(self, instance, include_related_objects=True):
        if isinstance(instance, Page):
            instance = instance.specific
        missing = []
        for locale in self.target_locales:
            key = (instance.translation_key, locale.pk)
            if locale.pk == instance.locale_id or key in self._decided:
                continue
            self._decided.add(key)
            version = existing_version(instance, locale)
            if version is None:
                missing.append(locale)
            else:
                self.kept.append(
                    KeptVersion(instance, version, locale, synced=is_synced(instance, locale))
                )
        if not missing:
            return
        # Upstream remembers objects, not languages: let it see this one again
        # for the languages still missing, and for those only.
        self.seen_objects.discard(instance.translation_key)
        target_locales = self.target_locales
        self.target_locales = missing
        try:
            super().create_translations(instance, include_related_objects)
        finally:
            self.target_locales = target_locales


@transaction.atomic
def translate_object(instance, locales, components=None, user=None):
    """``wagtail_localize.operations.translate_object`` with our creator; returns it."""
    creator = TranslationCreator(user, locales)
    creator.create_translations(instance)
    if components is not None:
        components.save(creator, sources_and_translations=creator.mappings)
    return creator


@transaction.atomic
def translate_page_subtree(page_id, locales, components, user):
    """``wagtail_localize.operations.translate_page_subtree`` with our creator.

    Takes the page's id, as upstream's does, so that a background worker can run it.
    """
    creator = TranslationCreator(user, locales)

    def walk(page):
        for child in page.get_children():
            if is_translated_separately(child):
                continue  # nor its subpages: each language writes its own
            creator.create_translations(child)
            if child.numchild:
                walk(child)

    walk(Page.objects.get(id=page_id))
    if components is not None:
        components.save(creator, sources_and_translations=creator.mappings)
    return creator


def linked_records(instance):
    """The translatable records ``instance`` links to, as translating would read them.

    From its translation source when it has one (upstream submits what the
    source holds), else from the object itself.
    """
    source = TranslationSource.objects.get_for_instance_or_none(instance)
    if source is not None:
        references = [segment.object for segment in source.relatedobjectsegment_set.all()]
    else:
        references = [
            segment
            for segment in extract_segments(instance)
            if isinstance(segment, RelatedObjectSegmentValue)
        ]
    records, seen = [], set()
    for reference in references:
        if reference.translation_key in seen:
            continue
        seen.add(reference.translation_key)
        try:
            records.append(reference.get_instance(instance.locale))
        except ObjectDoesNotExist:
            continue
    return records


def kept_by_hand(instance, locales):
    """The linked records whose versions in ``locales`` were made or corrected by hand."""
    kept = []
    for record in linked_records(instance):
        for locale in locales:
            if locale.pk == record.locale_id:
                continue
            version = existing_version(record, locale)
            if version is not None and not is_synced(record, locale):
                kept.append(KeptVersion(record, version, locale, synced=False))
    return kept


def describe(version):
    """ "Anna Beispiel (Contact person)", in the admin language."""
    if isinstance(version, Page):
        title = version.get_admin_display_title()
        kind = version.specific_class._meta.verbose_name
    else:
        title = str(version)
        kind = version._meta.verbose_name
    return f"{title} ({capfirst(kind)})"


def _by_language(kept):
    grouped = defaultdict(list)
    for item in kept:
        if item.by_hand:
            grouped[item.locale].append(describe(item.version))
    return sorted(grouped.items(), key=lambda entry: entry[0].pk)


def notices_before(kept):
    """What the submit form tells the editor before translating."""
    return [
        _(
            "Edited by hand in %(language)s: %(records)s. Translating links these versions as "
            "they are and does not change them; “Start Synced translation” in a record's "
            "editor makes it follow the original again."
        )
        % {"language": language_name(locale), "records": ", ".join(records)}
        for locale, records in _by_language(kept)
    ]


def notices_after(kept):
    """What the editor reads once translating is done."""
    return [
        _("Kept as edited by hand in %(language)s, unchanged: %(records)s.")
        % {"language": language_name(locale), "records": ", ".join(records)}
        for locale, records in _by_language(kept)
    ]
