"""The translation memory: earlier translations of exactly the same original text.

wagtail-localize stores each original text once per language (``String``, by
its hash) and each translation of it per place (``StringTranslation``, whose
``context`` is a page or record and a field). So "translated before" needs no
index of its own: a text of this translation that has no translation yet, but
whose ``String`` already has one into the same language in another place (a
page, a record, another field of this page), has a memory match.

Several earlier translations of one text are ranked: a person's first (written
or edited in the editor, or reused from a person's), then machine text a
person reviewed, then other machine text; within each, the most recent first.
The same wording found in several places counts once, under its best place.

Slugs are left out on both sides: a slug follows its translated title
(``translation.slugs``) and is no translation of its own.

The lookup costs a fixed number of queries whatever the number of texts: the
untranslated texts, their earlier translations, then the titles of the pages
they came from (one query) and of the records (one per kind of record).

**What a reused text counts as.** It keeps the kind of text it was: a
person's translation stays a person's (``translation_type`` "manual"), and a
machine translation stays a machine's, with ``tool_name`` saying that it came
from the memory ("translation memory" or "translation memory (DeepL)"). So
a reused person's text counts as reviewed, as every person's text does
(``translation.review``): it is not machine translation, and the visitor
notice would say something false. A reused machine text counts as not
reviewed, even when it was reviewed where it came from: a review vouches for
a text in its place, and bulk filling puts it where nobody has read it yet.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

from translation.field_checks import flag_invalid
from translation.review import current_review
from translation.slugs import SLUG_PATH

MANUAL = StringTranslation.TRANSLATION_TYPE_MANUAL
MACHINE = StringTranslation.TRANSLATION_TYPE_MACHINE
MEMORY_TOOL = "translation memory"

PERSON, REVIEWED_MACHINE, MACHINE_RANK = 0, 1, 2


def memory_tool_name(origin):
    """The ``tool_name`` of a text reused from ``origin``: visibly from the memory."""
    if is_from_memory(origin.tool_name):
        return origin.tool_name
    if origin.translation_type == MACHINE and origin.tool_name:
        return f"{MEMORY_TOOL} ({origin.tool_name})"[:255]
    return MEMORY_TOOL


def is_from_memory(tool_name):
    return tool_name == MEMORY_TOOL or tool_name.startswith(MEMORY_TOOL + " (")


def machine_of(tool_name):
    """The machine named in a memory ``tool_name``: "DeepL" of "translation memory (DeepL)"."""
    if tool_name.startswith(MEMORY_TOOL + " (") and tool_name.endswith(")"):
        return tool_name[len(MEMORY_TOOL) + 2 : -1]
    return ""


def made_by_text(string_translation):
    """How the editor and the review view name a reused text's maker, in the admin language."""
    if string_translation.translation_type == MACHINE:
        machine = machine_of(string_translation.tool_name) or _("unknown tool")
        return _("Machine (%(tool)s), from the translation memory") % {"tool": machine}
    return _("A person, from the translation memory")


@dataclass
class Origin:
    """Where an earlier translation is used: a page or record, and the field."""

    kind: str
    title: str
    field: str

    def __str__(self):
        return _("%(kind)s “%(title)s”, %(field)s") % {
            "kind": self.kind,
            "title": self.title,
            "field": self.field,
        }


class Gone:
    """The place of a text whose page or record has since been deleted."""

    def __str__(self):
        return _("a page or record since deleted")


GONE = Gone()


@dataclass
class Suggestion:
    string_translation: StringTranslation
    rank: int
    origin: Origin | Gone | None = None
    places: int = 1

    @property
    def text(self):
        return self.string_translation.data

    @property
    def pk(self):
        return self.string_translation.pk

    @property
    def made_by(self):
        if self.rank == PERSON:
            return _("Written by a person")
        tool = self.string_translation.tool_name
        tool = machine_of(tool) or tool or _("unknown tool")
        if self.rank == REVIEWED_MACHINE:
            return _("Machine (%(tool)s), reviewed") % {"tool": tool}
        return _("Machine (%(tool)s), not reviewed") % {"tool": tool}

    @property
    def other_places(self):
        return self.places - 1


@dataclass
class Match:
    """An untranslated text of the translation, and what the memory offers for it."""

    segment: StringSegment
    suggestions: list = field(default_factory=list)

    @property
    def best(self):
        return self.suggestions[0]


def untranslated_segments(translation):
    """The translation's texts with no translation in its language yet (slugs aside)."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=translation.target_locale_id,
    )
    return (
        StringSegment.objects.filter(source_id=translation.source_id)
        .exclude(context__path=SLUG_PATH)
        .exclude(Exists(translated))
    )


def earlier_translations(translation, string_ids):
    """Usable translations of these strings into the target language, best first."""
    rank = Case(
        When(translation_type=MANUAL, then=Value(PERSON)),
        When(reviewed=True, then=Value(REVIEWED_MACHINE)),
        default=Value(MACHINE_RANK),
        output_field=IntegerField(),
    )
    return (
        StringTranslation.objects.filter(
            translation_of_id__in=string_ids,
            locale_id=translation.target_locale_id,
            has_error=False,
            context__isnull=False,
        )
        .exclude(context__path=SLUG_PATH)
        .annotate(reviewed=current_review())
        .annotate(rank=rank)
        .select_related("context__object")
        .order_by("translation_of_id", "rank", "-updated_at", "-pk")
    )


def lookup(translation, *, provenance=True, segments=None):
    """The memory matches of ``translation``'s untranslated texts, in the texts' order.

    ``segments`` (StringSegments of the translation with no translation yet)
    saves the first query when the caller has them already. With
    ``provenance``, each suggestion says where it is used.
    """
    if segments is None:
        segments = list(
            untranslated_segments(translation).select_related("context").order_by("order")
        )
    if not segments:
        return []
    by_string = {}
    for suggestion_row in earlier_translations(translation, {s.string_id for s in segments}):
        suggestions = by_string.setdefault(suggestion_row.translation_of_id, {})
        existing = suggestions.get(suggestion_row.data)
        if existing is None:
            suggestions[suggestion_row.data] = Suggestion(suggestion_row, suggestion_row.rank)
        else:
            existing.places += 1
    matches = [
        Match(segment, list(by_string[segment.string_id].values()))
        for segment in segments
        if segment.string_id in by_string
    ]
    if provenance:
        resolve_origins([s for match in matches for s in match.suggestions], translation)
    return matches


def field_label(model, path):
    name = path.split(".", 1)[0]
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field since removed
        return name


def resolve_origins(suggestions, translation):
    """Name each suggestion's page or record: one query for pages, one per kind of record.

    The title is the version in the translation's language where there is one
    (the one the editor knows), else any version's; for pages the draft title,
    as the admin shows it (a translated title is stored there at once).
    """
    keys_by_type = {}
    for suggestion in suggestions:
        obj = suggestion.string_translation.context.object
        keys_by_type.setdefault(obj.content_type_id, set()).add(obj.translation_key)
    found = {}  # (content type id, translation key) -> (model, title)
    for content_type_id, keys in keys_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        if issubclass(model, Page):
            rows = Page.objects.filter(translation_key__in=keys).values_list(
                "translation_key", "locale_id", "draft_title", "content_type_id"
            )
            for key, locale_id, title, specific_type in rows:
                preferred = locale_id == translation.target_locale_id
                if preferred or (content_type_id, key) not in found:
                    specific = ContentType.objects.get_for_id(specific_type).model_class() or Page
                    found[content_type_id, key] = (specific, title)
        else:
            for record in model._default_manager.filter(translation_key__in=keys):
                preferred = record.locale_id == translation.target_locale_id
                if preferred or (content_type_id, record.translation_key) not in found:
                    found[content_type_id, record.translation_key] = (model, str(record))
    for suggestion in suggestions:
        context = suggestion.string_translation.context
        entry = found.get((context.object.content_type_id, context.object.translation_key))
        if entry is None:
            suggestion.origin = GONE
            continue
        model, title = entry
        suggestion.origin = Origin(
            str(model._meta.verbose_name), title, field_label(model, context.path)
        )


def new_text(segment, suggestion, translation, user):
    origin = suggestion.string_translation
    return StringTranslation(
        translation_of_id=segment.string_id,
        locale_id=translation.target_locale_id,
        context_id=segment.context_id,
        data=origin.data,
        translation_type=origin.translation_type,
        tool_name=memory_tool_name(origin),
        last_translated_by=user,
    )


class Conflict(Exception):
    """Someone translated one of the texts meanwhile; nothing was filled."""


def apply(translation, pairs, user):
    """Store each (segment, suggestion) as the segment's translation; returns how many.

    Never overwrites: the texts are inserted, and if one was translated
    meanwhile the database's uniqueness refuses the whole batch (``Conflict``).
    The page title goes through ``save()``, so wagtail-localize's draft title
    and the slug that follows it (``translation.slugs``) are updated as for a
    typed title; the others are inserted at once. The original's text has been
    checked already (it has no error), and the same original has the same
    links, so only the field's own rules are checked again (``flag_invalid``).
    """
    texts = [new_text(segment, suggestion, translation, user) for segment, suggestion in pairs]
    if not texts:
        return 0
    contexts = {segment.context_id: segment.context for segment, _suggestion in pairs}
    for text in texts:
        text.context = contexts[text.context_id]
    saved_one_by_one = [text for text in texts if text.context.path == "title"]
    in_bulk = [text for text in texts if text.context.path != "title"]
    try:
        with transaction.atomic():
            StringTranslation.objects.bulk_create(in_bulk)
            for text in saved_one_by_one:
                text.save()
    except IntegrityError as error:
        raise Conflict from error
    flag_invalid(translation, texts)
    return len(texts)


def apply_all(translation, user):
    """Fill every untranslated text that has a memory match with its best suggestion."""
    matches = lookup(translation, provenance=False)
    return apply(translation, [(match.segment, match.best) for match in matches], user)


def match_count(translation):
    """How many untranslated texts have a memory match: one query, for the editor's bar."""
    earlier = (
        StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            locale_id=translation.target_locale_id,
            has_error=False,
            context__isnull=False,
        )
        .exclude(context__path=SLUG_PATH)
        .exclude(context_id=OuterRef("context_id"))
    )
    return untranslated_segments(translation).filter(Exists(earlier)).count()
