"""Publishing a page and its translations at one moment (wagtail-localize #634).

wagtail-localize reads a page for translation from its live version, so a
translation can only follow what is already public, and each language is
published on its own: an announcement appears in German days before French.
Two steps close that gap:

- **Send the draft for translation**: the source's newest revision becomes the
  text the translation editor offers, before anything is published. The
  translators translate as usual but do not publish.
- **Publish together**: someone who may publish every language (a superuser or
  a joint team) publishes the source's newest revision and each complete
  translation in one transaction, or schedules all of them for the same
  moment. Afterwards wagtail-localize reads the now live source again, so the
  status board sees the translations as up to date.

A translation is ready when every string of the source has a translation;
otherwise it would be published with source text in it (wagtail-localize
falls back to the source), so it is left out and says why.
"""

from dataclasses import dataclass
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationLog, TranslationSource

from translation.permissions import language_name, user_can_write
from translation.refusals import write_refusal


@dataclass
class Version:
    """One language version of the page, as the publish-together screen shows it."""

    page: Page
    is_source: bool
    translation: Translation | None = None
    total: int = 0
    translated: int = 0
    refusal: str = ""  # why this user may not publish it, in the admin language
    behind: bool = False  # translated from an older text than the source's newest revision

    @property
    def language(self):
        return language_name(self.page.locale)

    @property
    def has_changes(self):
        """Would publishing change what visitors see?"""
        if self.translation is not None:
            return True  # the translated strings are written into the page on publishing
        return not self.page.live or self.page.has_unpublished_changes

    @property
    def missing(self):
        return self.total - self.translated

    @property
    def problem(self):
        """Why this version cannot be published together, or ""."""
        if self.refusal:
            return self.refusal
        if self.behind:
            return _(
                "The original has changed since it was sent for translation: send its draft "
                "for translation first."
            )
        if self.translation is not None and self.missing:
            return _("%(count)s of %(total)s texts are not translated yet.") % {
                "count": self.missing,
                "total": self.total,
            }
        if not self.has_changes:
            return _("Nothing new to publish.")
        return ""

    @property
    def ready(self):
        return not self.problem


@dataclass
class Group:
    """A page's source and translations, and what the source's draft has been sent as."""

    source_page: Page
    source: TranslationSource | None
    versions: list

    @property
    def draft_not_sent(self):
        """Is the source's newest revision newer than the text its translators see?"""
        revision = self.source_page.latest_revision
        if self.source is None or revision is None:
            return False
        return revision.created_at > self.source.last_updated_at

    def ready_versions(self):
        return [version for version in self.versions if version.ready]


def _source_of(page):
    """The TranslationSource this page's translations come from, or None."""
    return (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .filter(translations__enabled=True)
        .select_related("locale")
        .distinct()
        .first()
    )


def group_for(page, user):
    """Every language version of ``page``, the source first."""
    pages = list(
        Page.objects.filter(translation_key=page.translation_key)
        .select_related("locale", "latest_revision")
        .order_by("pk")
    )
    source = _source_of(page)
    source_page = next(
        (candidate for candidate in pages if source and candidate.locale_id == source.locale_id),
        pages[0],
    )
    translations = {}
    if source is not None:
        translations = {
            translation.target_locale_id: translation
            for translation in Translation.objects.filter(source=source, enabled=True)
        }
    versions = []
    for candidate in [source_page] + [p for p in pages if p.pk != source_page.pk]:
        translation = translations.get(candidate.locale_id)
        version = Version(
            page=candidate, is_source=candidate is source_page, translation=translation
        )
        if translation is not None:
            version.total, version.translated = translation.get_progress()
        version.refusal = write_refusal(user, candidate, publish=True) or ""
        versions.append(version)
    group = Group(source_page=source_page, source=source, versions=versions)
    if group.draft_not_sent:
        for version in versions:
            version.behind = version.translation is not None
    return group


def may_send_draft(user, group):
    return group.source is not None and user_can_write(user, group.source_page)


def may_publish_together(user, group):
    """Only someone who may publish every version publishes them together."""
    return len(group.versions) > 1 and not any(version.refusal for version in group.versions)


@transaction.atomic
def send_draft(group):
    """Make the source's newest revision the text its translators see."""
    started = timezone.now()
    source, _created = TranslationSource.update_or_create_from_instance(
        group.source_page.get_latest_revision_as_object()
    )
    if source.last_updated_at < started:
        # The text was already the same; it has still been read now.
        source.last_updated_at = timezone.now()
        source.save(update_fields=["last_updated_at"])
    group.source = source
    return source


def _schedule(draft, user, go_live_at):
    """Schedule ``draft`` (an unsaved page object) for ``go_live_at``, as Wagtail's editor does.

    ``save_revision`` writes only the revision and the page's draft markers, so
    visitors keep seeing the live version until the moment comes.
    """
    draft.go_live_at = go_live_at
    revision = draft.save_revision(user=user, log_action=True, clean=False)
    revision.publish(user=user)
    return revision


def _schedule_translation(version, user, go_live_at):
    translation = version.translation
    source = translation.source
    if version.page.live:
        # save_target would write the translated text into the live page at once.
        draft = source.get_ephemeral_translated_instance(translation.target_locale, fallback=True)
        draft.slug = version.page.slug  # a published page keeps its address
        revision = _schedule(draft, user, go_live_at)
        TranslationLog.objects.create(
            source=source, locale=translation.target_locale, revision=revision
        )
    else:
        translation.save_target(user=user, publish=False)
        page = Page.objects.get(pk=version.page.pk).specific
        revision = _schedule(page.get_latest_revision_as_object(), user, go_live_at)
        TranslationLog.objects.create(
            source=source, locale=translation.target_locale, revision=revision
        )


@transaction.atomic
def publish_together(group, versions, user, go_live_at=None):
    """Publish (or schedule) the source and ``versions`` of its translations at once.

    Returns the versions published or scheduled. The source goes first; then
    wagtail-localize reads it again (the live version, or the scheduled draft)
    and each translation is written from that.
    """
    list(
        Page.objects.select_for_update()
        .filter(pk__in=[version.page.pk for version in versions])
        .values_list("pk", flat=True)
    )
    source_version = next((version for version in versions if version.is_source), None)
    if source_version is not None:
        page = source_version.page.specific
        if go_live_at:
            _schedule(page.get_latest_revision_as_object(), user, go_live_at)
            if group.source is not None:
                send_draft(group)
        else:
            page.get_latest_revision().publish(user=user)
            if group.source is not None:
                group.source.update_from_db()
    for version in versions:
        if version.is_source:
            continue
        if version.translation is not None and go_live_at:
            _schedule_translation(version, user, go_live_at)
        elif version.translation is not None:
            version.translation.save_target(user=user, publish=True)
        elif go_live_at:
            _schedule(version.page.specific.get_latest_revision_as_object(), user, go_live_at)
        else:
            version.page.specific.get_latest_revision().publish(user=user)
    if go_live_at and group.source is not None:
        source_id = group.source.pk
        transaction.on_commit(
            lambda: publish_when_due.using(run_after=go_live_at).enqueue(source_id)
        )
    return versions


@task(backend="mail", queue_name="mail")
def publish_when_due(source_id):
    """At the scheduled moment: publish what is due, then let wagtail-localize read the source.

    Wagtail's ``publish_scheduled`` command publishes every revision whose time
    has come, so both languages go live in the same run.
    """
    call_command("publish_scheduled", stdout=StringIO())
    source = TranslationSource.objects.filter(pk=source_id).first()
    try:
        if source is None or not source.get_source_instance().live:
            return {"source": source_id, "synced": False}
    except Page.DoesNotExist:
        return {"source": source_id, "synced": False}
    source.update_from_db()
    # The translations that went live are the ones written from this text.
    for translation in Translation.objects.filter(source=source, enabled=True):
        log = (
            TranslationLog.objects.filter(source=source, locale_id=translation.target_locale_id)
            .order_by("-created_at")
            .first()
        )
        target = Page.objects.filter(
            translation_key=source.object_id, locale_id=translation.target_locale_id
        ).first()
        if log and log.revision_id and target and target.live_revision_id == log.revision_id:
            TranslationLog.objects.create(
                source=source, locale_id=translation.target_locale_id, revision_id=log.revision_id
            )
    return {"source": source_id, "synced": True}
