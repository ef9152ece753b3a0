"""Where each page and translatable snippet stands in each language.

wagtail-localize's own report lists translations one at a time and says
little more than "waiting" or "up to date". The status board needs every
object in every language, and a fixed number of queries however much content
there is: one for the locales, one for all pages, one per translatable snippet
model, one for the edit history of snippets without revisions, one for
wagtail-localize's sources, one for its translations, with the segment
counts, the machine texts nobody reviewed (translation/review.py) and the
time each was last written into its target computed in subqueries, and one
for the open hand-off requests (``translation.handoff``).
Everything else happens here in Python, on plain values.

The rules, per object and per language other than the original:

- **missing**: no version in that language.
- **alias**: the version is a Wagtail alias of another language's page, i.e. a
  copy that nobody translated; it counts as still needing a translation.
- With an enabled wagtail-localize translation, in this order:
  - **outdated**: the original changed after wagtail-localize last read it
    (``TranslationSource.last_updated_at``, set on submission and on each sync).
    "Changed" means what a sync would read: a page's or draft-enabled snippet's
    last publication, another snippet's newest revision, or else its newest
    create/edit entry in Wagtail's history. Any such change counts, even one
    that left the text as it was; syncing clears it.
  - **in progress**: not every string segment of the source has a translation
    for that language (the share translated is shown); or wagtail-localize has
    not written the translated version since the last sync, or since a string
    was last translated (``TranslationLog``): the work is done in the editor
    but not yet published into the page or record (then at 100 %).
  - **draft**: the translated version is not live, or its newest revision is an
    unpublished draft (pages, and snippets with draft states).
  - **up to date** otherwise.
- Translated without wagtail-localize (or with its synced translation turned
  off): **outdated** if the original changed after the translated version last
  did (same timestamps as above), else **draft** or **up to date** as above.

The original of an object is the language wagtail-localize translates it from
(its ``TranslationSource`` with translations); without one, the version created
first (the lowest primary key).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    DraftStateMixin,
    Locale,
    ModelLogEntry,
    Page,
    RevisionMixin,
    TranslatableMixin,
    get_page_models,
)
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

from translation.models import TranslationRequest
from translation.review import unreviewed_count_subquery
from translation.separately import is_translated_separately


class Status(models.TextChoices):
    SOURCE = "source", pgettext_lazy("translation status", "Original")
    MISSING = "missing", pgettext_lazy("translation status", "Missing")
    ALIAS = "alias", pgettext_lazy("translation status", "Alias")
    OUTDATED = "outdated", pgettext_lazy("translation status", "Outdated")
    IN_PROGRESS = "in_progress", pgettext_lazy("translation status", "In progress")
    DRAFT = "draft", pgettext_lazy("translation status", "Draft")
    UP_TO_DATE = "up_to_date", pgettext_lazy("translation status", "Up to date")


#: A language with one of these still needs a version of its own.
NEEDS_VERSION = frozenset({Status.MISSING, Status.ALIAS})
#: The statuses a translated language can have (everything but the original).
TARGET_STATUSES = [status for status in Status if status != Status.SOURCE]

PAGES = "page"
SNIPPETS = "snippet"
ALL_PAGES = "pages"
ALL_SNIPPETS = "snippets"
OTHER_PAGES = "other-pages"
EDIT_ACTIONS = ("wagtail.create", "wagtail.edit")


# Sections --------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    key: str
    label: Any
    kind: str
    models: tuple

    @property
    def content_type_ids(self):
        return {ct.pk for ct in ContentType.objects.get_for_models(*self.models).values()}


def counted_page_models():
    """The page types the board follows: not those written separately in each language."""
    return [model for model in get_page_models() if not is_translated_separately(model)]


def page_sections():
    """The page sections, read from the page models rather than the tree's ids.

    An index page type that takes exactly one page type, itself without
    children, makes a section named after that type (delegation reports,
    workshops, ...), holding the index pages and their children. Every other
    page type (home pages, standard and form pages) falls under "other pages".
    Page types written separately in each language are left out
    (``translation.separately``): they never miss a translation.
    """
    by_leaf = {}
    for model in counted_page_models():
        children = model.allowed_subpage_models()
        if len(children) == 1 and children[0] is not model:
            leaf = children[0]
            if not leaf.allowed_subpage_models():
                by_leaf.setdefault(leaf, [leaf]).append(model)
    sections = [
        Section(leaf._meta.label_lower, leaf._meta.verbose_name_plural, PAGES, tuple(members))
        for leaf, members in by_leaf.items()
    ]
    claimed = {model for section in sections for model in section.models}
    others = tuple(model for model in counted_page_models() if model not in claimed)
    sections.append(Section(OTHER_PAGES, _("Other pages"), PAGES, others))
    return sections


def snippet_sections():
    return [
        Section(model._meta.label_lower, model._meta.verbose_name_plural, SNIPPETS, (model,))
        for model in get_snippet_models()
        if issubclass(model, TranslatableMixin)
    ]


def all_sections():
    return page_sections() + snippet_sections()


def section_choices():
    """Choices for the section filter: each kind as a whole, then its sections."""
    pages, snippets = page_sections(), snippet_sections()
    return (
        [(ALL_PAGES, _("All pages"))]
        + [(section.key, section.label) for section in pages]
        + [(ALL_SNIPPETS, _("All records"))]
        + [(section.key, section.label) for section in snippets]
    )


def sections_for(key):
    """The sections a filter value stands for (all of them for an empty value)."""
    sections = all_sections()
    if key == ALL_PAGES:
        return [section for section in sections if section.kind == PAGES]
    if key == ALL_SNIPPETS:
        return [section for section in sections if section.kind == SNIPPETS]
    chosen = [section for section in sections if section.key == key]
    return chosen or sections


# Rows and cells --------------------------------------------------------------


@dataclass
class Version:
    """One object in one language, as plain values."""

    model: type
    pk: Any
    locale_id: int
    title: str
    live: bool = True
    has_unpublished_changes: bool = False
    alias_of_id: int | None = None
    changed_at: Any = None

    @property
    def is_page(self):
        return issubclass(self.model, Page)


@dataclass
class Cell:
    locale: Locale
    status: str
    version: Version | None = None
    #: The wagtail-localize source to sync from, when it manages this language.
    source_id: int | None = None
    total: int | None = None
    translated: int | None = None
    #: The open ``TranslationRequest`` for this language, if another team asked for it.
    request: Any = None
    #: The wagtail-localize translation, and how many of its machine texts nobody reviewed.
    translation_id: int | None = None
    unreviewed: int = 0

    @property
    def label(self):
        return Status(self.status).label

    @property
    def percent(self):
        """The share of segments translated, rounded down so that 100 means done."""
        if self.total is None:
            return None
        if not self.total:
            return 100
        return self.translated * 100 // self.total


@dataclass
class Row:
    key: Any
    section: Section
    source: Version
    cells: list = field(default_factory=list)

    @property
    def title(self):
        """The title in the admin language where that version exists, else the original's."""
        language = get_language()
        for cell in self.cells:
            if cell.version is not None and cell.locale.language_code == language:
                return cell.version.title
        return self.source.title

    @property
    def kind(self):
        return self.section.kind

    @property
    def model(self):
        return self.source.model

    def cell(self, locale_id):
        for cell in self.cells:
            if cell.locale.pk == locale_id:
                return cell
        return None


@dataclass
class Board:
    locales: list
    rows: list

    def filter(self, locale_id=None, statuses=()):
        """The rows that match: ``locale_id`` is a language that is not the original,
        and (with ``statuses``) one of the languages considered has such a status."""
        rows = self.rows
        if locale_id is not None:
            rows = [row for row in rows if row.source.locale_id != locale_id]
        if statuses:
            wanted = set(statuses)
            rows = [
                row
                for row in rows
                if any(
                    cell.status in wanted
                    for cell in row.cells
                    if locale_id is None or cell.locale.pk == locale_id
                )
            ]
        return rows

    def count(self, locale_id, statuses, kind=None):
        return sum(
            1 for row in self.filter(locale_id, statuses) if kind is None or row.kind == kind
        )


# Building the board ----------------------------------------------------------


def ordered_locales():
    """The locales, in the order of ``WAGTAIL_CONTENT_LANGUAGES``."""
    order = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    locales = list(Locale.objects.all())
    return sorted(
        locales,
        key=lambda locale: (
            order.index(locale.language_code) if locale.language_code in order else len(order),
            locale.language_code,
        ),
    )


def _page_versions(sections):
    content_types = set().union(*(section.content_type_ids for section in sections))
    sections_by_type = {ct: section for section in sections for ct in section.content_type_ids}
    pages = (
        Page.objects.filter(depth__gt=1, content_type_id__in=content_types)
        .order_by("pk")
        .values_list(
            "pk",
            "translation_key",
            "locale_id",
            "draft_title",
            "live",
            "has_unpublished_changes",
            "alias_of_id",
            "last_published_at",
            "content_type_id",
        )
    )
    for pk, key, locale_id, title, live, unpublished, alias_of, published_at, ct in pages:
        version = Version(Page, pk, locale_id, title, live, unpublished, alias_of, published_at)
        yield (Page, key), sections_by_type[ct], version


def _snippet_versions(section, edited_at):
    model = section.models[0]
    queryset = model._default_manager.order_by("pk")
    if issubclass(model, DraftStateMixin):
        queryset = queryset.annotate(_changed_at=models.F("last_published_at"))
    elif issubclass(model, RevisionMixin):
        queryset = queryset.annotate(_changed_at=models.F("latest_revision__created_at"))
    for instance in queryset:
        if hasattr(instance, "_changed_at"):
            changed_at = instance._changed_at
        else:
            changed_at = edited_at.get(str(instance.pk))
        version = Version(
            model,
            instance.pk,
            instance.locale_id,
            str(instance),
            live=getattr(instance, "live", True),
            has_unpublished_changes=getattr(instance, "has_unpublished_changes", False),
            changed_at=changed_at,
        )
        yield (model, instance.translation_key), section, version


def _edit_times(sections):
    """When each snippet without revisions was last created or edited, from the history."""
    plain = [
        section.models[0]
        for section in sections
        if not issubclass(section.models[0], RevisionMixin)
    ]
    if not plain:
        return {}
    content_types = ContentType.objects.get_for_models(*plain, for_concrete_models=False)
    ids = {ct.pk: model for model, ct in content_types.items()}
    entries = (
        ModelLogEntry.objects.filter(content_type_id__in=ids, action__in=EDIT_ACTIONS)
        .order_by()
        .values("content_type_id", "object_id")
        .annotate(at=Max("timestamp"))
    )
    times = defaultdict(dict)
    for entry in entries:
        times[ids[entry["content_type_id"]]][entry["object_id"]] = entry["at"]
    return times


def _translation_data(base_content_type_ids):
    """wagtail-localize's sources, and its translations with their progress."""
    sources = defaultdict(list)
    for source in TranslationSource.objects.filter(
        object__content_type_id__in=base_content_type_ids
    ).values("pk", "object_id", "locale_id", "last_updated_at", "created_at"):
        sources[source["object_id"]].append(source)

    segments = StringSegment.objects.filter(source_id=OuterRef("source_id")).order_by()
    translated_segments = segments.filter(
        Exists(
            StringTranslation.objects.filter(
                translation_of_id=OuterRef("string_id"),
                context_id=OuterRef("context_id"),
                locale_id=OuterRef(OuterRef("target_locale_id")),
                has_error=False,
            )
        )
    )
    written = TranslationLog.objects.filter(
        source_id=OuterRef("source_id"), locale_id=OuterRef("target_locale_id")
    ).order_by("-created_at")
    strings_changed = StringTranslation.objects.filter(
        locale_id=OuterRef("target_locale_id"), context__object_id=OuterRef("source__object_id")
    ).order_by("-updated_at")

    def count(queryset):
        counted = queryset.values("source_id").annotate(n=Count("pk")).values("n")[:1]
        return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

    translations = {}
    for translation in (
        Translation.objects.filter(
            source__object__content_type_id__in=base_content_type_ids, enabled=True
        )
        .annotate(
            total=count(segments),
            translated=count(translated_segments),
            written_at=Subquery(written.values("created_at")[:1]),
            strings_at=Subquery(strings_changed.values("updated_at")[:1]),
            unreviewed=unreviewed_count_subquery(),
        )
        .values(
            "pk",
            "source_id",
            "target_locale_id",
            "total",
            "translated",
            "written_at",
            "strings_at",
            "unreviewed",
        )
    ):
        translations[(translation["source_id"], translation["target_locale_id"])] = translation
    return sources, translations


def _open_requests(base_content_type_ids):
    """The open hand-off requests, by translation key and language asked for (one query)."""
    return {
        (request_obj.translation_key, request_obj.target_locale_id): request_obj
        for request_obj in TranslationRequest.objects.filter(
            state=TranslationRequest.State.OPEN, content_type_id__in=base_content_type_ids
        ).select_related("requested_by")
    }


def _pick_source(versions, sources, translated_source_ids):
    """The original: wagtail-localize's source when it has one, else the oldest version."""
    present = {version.locale_id for version in versions}
    candidates = [source for source in sources if source["locale_id"] in present]
    candidates.sort(key=lambda source: (source["pk"] not in translated_source_ids, source["pk"]))
    if candidates:
        source = candidates[0]
        version = next(v for v in versions if v.locale_id == source["locale_id"])
        return version, source
    return min(versions, key=lambda version: version.pk), None


def _newer(changed_at, than):
    return changed_at is not None and (than is None or changed_at > than)


def _status_of(original, version, source, translation):
    """The status of ``version``, a translation of ``original`` (see the module's rules)."""
    is_draft = not version.live or version.has_unpublished_changes
    if version.alias_of_id is not None:
        return Status.ALIAS
    if translation is not None:
        if _newer(original.changed_at, source["last_updated_at"]):
            return Status.OUTDATED
        if translation["translated"] < translation["total"]:
            return Status.IN_PROGRESS
        written_at = translation["written_at"]
        if _newer(source["last_updated_at"], written_at) or _newer(
            translation["strings_at"], written_at
        ):
            return Status.IN_PROGRESS
        return Status.DRAFT if is_draft else Status.UP_TO_DATE
    if version.changed_at is not None and _newer(original.changed_at, version.changed_at):
        return Status.OUTDATED
    return Status.DRAFT if is_draft else Status.UP_TO_DATE


def build_board(sections=None, locales=None):
    """Every object of ``sections`` (default: all) with a cell per locale."""
    sections = all_sections() if sections is None else sections
    locales = ordered_locales() if locales is None else locales
    page_sections_ = [section for section in sections if section.kind == PAGES]
    snippet_sections_ = [section for section in sections if section.kind == SNIPPETS]

    grouped = {}
    section_of = {}

    def collect(items):
        for key, section, version in items:
            grouped.setdefault(key, []).append(version)
            section_of[key] = section

    if page_sections_:
        collect(_page_versions(page_sections_))
    edit_times = _edit_times(snippet_sections_)
    for section in snippet_sections_:
        collect(_snippet_versions(section, edit_times.get(section.models[0], {})))
    if not grouped:
        return Board(locales, [])

    base_models = {model.get_translation_model() for model, _key in grouped}
    base_types = [ct.pk for ct in ContentType.objects.get_for_models(*base_models).values()]
    sources, translations = _translation_data(base_types)
    requests = _open_requests(base_types)
    translated_source_ids = {source_id for source_id, _locale in translations}

    rows = []
    for (model, key), versions in grouped.items():
        original, source = _pick_source(versions, sources.get(key, []), translated_source_ids)
        by_locale = {version.locale_id: version for version in versions}
        row = Row(key, section_of[(model, key)], original)
        for locale in locales:
            version = by_locale.get(locale.pk)
            if locale.pk == original.locale_id:
                row.cells.append(Cell(locale, Status.SOURCE, version))
                continue
            if version is None:
                row.cells.append(Cell(locale, Status.MISSING, source_id=_pk(source)))
                continue
            translation = source and translations.get((source["pk"], locale.pk))
            cell = Cell(locale, _status_of(original, version, source, translation), version)
            if translation:
                cell.source_id = source["pk"]
                cell.total, cell.translated = translation["total"], translation["translated"]
                cell.translation_id = translation["pk"]
                cell.unreviewed = translation["unreviewed"]
            row.cells.append(cell)
        for cell in row.cells:
            cell.request = requests.get((key, cell.locale.pk))
        rows.append(row)

    order = {section.key: index for index, section in enumerate(sections)}
    rows.sort(key=lambda row: (order[row.section.key], row.title.casefold(), str(row.key)))
    return Board(locales, rows)


def changed_at(instance):
    """When ``instance`` last changed as a sync would read it (the module's rules)."""
    if isinstance(instance, (Page, DraftStateMixin)):
        return instance.last_published_at
    if isinstance(instance, RevisionMixin):
        revision = instance.latest_revision
        return revision.created_at if revision else None
    return (
        ModelLogEntry.objects.for_instance(instance)
        .filter(action__in=EDIT_ACTIONS)
        .aggregate(at=Max("timestamp"))["at"]
    )


def outdated_locale_ids(instance):
    """The languages whose wagtail-localize translation of ``instance`` is outdated:
    ``instance`` changed after wagtail-localize last read it (one query or two)."""
    source = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).first()
    if source is None or not _newer(changed_at(instance), source.last_updated_at):
        return set()
    return set(source.translations.filter(enabled=True).values_list("target_locale_id", flat=True))


def _pk(source):
    return source["pk"] if source else None
