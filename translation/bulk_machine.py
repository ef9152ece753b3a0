"""Machine translation of several translations at once, from the status board, by a worker.

A team selects rows of the board in its own language; ``start_jobs`` records
one ``MachineTranslationJob`` per language with an item per translation and
enqueues ``run_machine_translation_job`` on the ``translation`` queue of the
``mail`` task backend (docs/operations.md, "Background workers"). A page of
DeepL requests takes seconds, so a dozen pages would not fit into a request.

Each item is translated exactly as the editor's button does it
(``translation.machine.translate_missing``): only texts without a translation
are sent, so a person's work stays; what comes back is stored as machine
translation, not reviewed (``translation.review``), in the translation editor.
Nothing is published and no page revision is written: the team reads, corrects
and publishes from the editor. An outdated translation is first synced as
"Sync translated pages" without publishing does (the source re-read), so that
the changed texts are the ones sent.

The rights are checked again when the worker runs, for the user who asked:
their team's language, the right to change the version, its lock. A spent
quota, a refused key or a rate limit stops the job: the items after it are
reported as not sent, with the reason. Any other failure fails its own item
only. A worker killed halfway leaves the unfinished items waiting; running the
task again takes them up, and texts translated before are not sent again.

A row that still needs a version in the team's language (missing, or only an
alias) can be ticked too: the worker first creates the translation exactly as
"Submit for translation" does (``translation.bulk_actions.PageSubmitter`` for
a page, with its checks of the parent's version, the lock and the right to add
pages or the linked records; ``translation.creation.TranslationCreator`` for a
record), as a draft (``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE`` is off),
then machine-translates it. Such an item waits with ``reason == CREATE`` and
points at the original until its translation exists. Pages written separately
in each language (``translation.separately``) are never created.
"""

import contextlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation

from translation.bulk_actions import PageSubmitter, recount_children
from translation.creation import TranslationCreator, existing_version
from translation.machine import Reason, translate_missing
from translation.models import MachineTranslationItem, MachineTranslationJob
from translation.permissions import user_can_write_locale
from translation.refusals import creation_refusal, linked_records_refusal, lock_for, write_refusal
from translation.separately import is_translated_separately
from translation.status import NEEDS_VERSION, PAGES, Status

logger = logging.getLogger(__name__)

QUEUE = "translation"

#: Provider failures after which the next item would fail the same way.
STOPS_THE_JOB = frozenset({Reason.QUOTA_EXCEEDED, Reason.AUTH_FAILED, Reason.RATE_LIMITED})

# Why an item was not (fully) translated, besides the provider's ``Reason`` values.
NOTHING_LEFT = "nothing_left"
GONE = "gone"
NOT_ALLOWED = "not_allowed"
LOCKED = "locked"
NO_SERVICE = "no_service"
ERROR = "error"
SEPARATELY = "separately"
PARENT_MISSING = "parent_missing"
MADE_BY_HAND = "made_by_hand"
#: A waiting item whose translation the worker creates first.
CREATE = "create"

#: What ``PageSubmitter`` reports, as the reason an item was not created.
SUBMIT_REFUSALS = {
    "same_language": GONE,
    "written_separately": SEPARATELY,
    "locked": LOCKED,
    "parent_missing": PARENT_MISSING,
    "not_allowed": NOT_ALLOWED,
    "records_not_allowed": NOT_ALLOWED,
    "failed": ERROR,
}


def is_selectable(cell):
    """A board cell with texts a machine could fill: in progress, outdated, or no version yet."""
    if cell.status in NEEDS_VERSION:
        return not cell.translation_id
    if not cell.translation_id:
        return False
    if cell.status == Status.OUTDATED:
        return True
    return cell.status == Status.IN_PROGRESS and (cell.translated or 0) < (cell.total or 0)


@dataclass
class Selection:
    """The posted translations, sorted out against the board."""

    by_locale: dict = field(default_factory=dict)  # locale -> [(row, cell)]
    other_team: dict = field(default_factory=dict)  # locale -> count
    unknown: int = 0
    separately: list = field(default_factory=list)  # pages written in each language

    @property
    def accepted(self):
        return sum(len(cells) for cells in self.by_locale.values())


def create_value(row, cell):
    """What a board checkbox posts for a version still to create: "<locale id>-<key>"."""
    return f"{cell.locale.pk}-{row.key}"


def sort_out(user, board, translation_ids, create_values=()):
    """Which posted translations (or versions to create) this user may machine-translate.

    An id the board does not show as a translation, or a version to create it
    does not show as needed, counts as unknown (a page written separately in
    each language is named as such); one into a language the user's team does
    not write is refused, by language.
    """
    cells = {}
    for row in board.rows:
        for cell in row.cells:
            if cell.translation_id:
                cells[cell.translation_id] = (row, cell)
            elif cell.status in NEEDS_VERSION:
                cells[create_value(row, cell)] = (row, cell)
    selection = Selection()
    unknown_keys = []
    for value in dict.fromkeys([*translation_ids, *create_values]):
        if value not in cells:
            selection.unknown += 1
            if isinstance(value, str):
                unknown_keys.append(value.split("-", 1)[1])
            continue
        row, cell = cells[value]
        if not user_can_write_locale(user, cell.locale):
            selection.other_team[cell.locale] = selection.other_team.get(cell.locale, 0) + 1
            continue
        selection.by_locale.setdefault(cell.locale, []).append((row, cell))
    if unknown_keys:
        pages = Page.objects.filter(translation_key__in=unknown_keys).order_by("path")
        separate = {page.translation_key: page for page in pages if is_translated_separately(page)}
        selection.separately = list(separate.values())
        selection.unknown -= sum(1 for key in unknown_keys if key in {str(k) for k in separate})
    return selection


def parents_first(chosen):
    """The pages to create first, down the tree, so a selected parent exists before its child."""
    new_pages = [
        row.source.pk for row, cell in chosen if not cell.translation_id and row.kind == PAGES
    ]
    if not new_pages:
        return chosen
    paths = dict(Page.objects.filter(pk__in=new_pages).values_list("pk", "path"))

    def order(entry):
        row, cell = entry
        path = paths.get(row.source.pk) if not cell.translation_id else None
        return (0, path) if path is not None else (1, "")

    return sorted(chosen, key=order)  # stable: the rest keep the board's order


def start_jobs(user, selection, service):
    """Record one job per language and have the worker run it once this commits."""
    jobs = []
    for locale, chosen in selection.by_locale.items():
        chosen = parents_first(chosen)
        job = MachineTranslationJob.objects.create(
            requested_by=user, target_locale=locale, service=service
        )
        MachineTranslationItem.objects.bulk_create(
            MachineTranslationItem(
                job=job,
                translation_id=cell.translation_id,
                title=str(row.title)[:255],
                # A version still to create: its original, until the worker made it.
                target_type=ContentType.objects.get_for_model(
                    (row.source if cell.translation_id is None else cell.version).model
                ),
                target_id=str((row.source if cell.translation_id is None else cell.version).pk),
                position=position,
                sync=cell.status == Status.OUTDATED,
                reason=CREATE if cell.translation_id is None else "",
            )
            for position, (row, cell) in enumerate(chosen)
        )
        job_id = job.pk
        transaction.on_commit(lambda job_id=job_id: run_machine_translation_job.enqueue(job_id))
        jobs.append(job)
    return jobs


@task(backend="mail", queue_name=QUEUE)
def run_machine_translation_job(job_id):
    """Translate the job's waiting items one by one; safe to run again."""
    job = (
        MachineTranslationJob.objects.select_related("requested_by", "target_locale")
        .filter(pk=job_id)
        .first()
    )
    if job is None or job.is_finished:
        return {"job": job_id, "ran": False}
    job.state = MachineTranslationJob.State.RUNNING
    job.started_at = job.started_at or timezone.now()
    job.save(update_fields=["state", "started_at"])

    translator = get_machine_translator()
    stopped_by = None
    items = job.items.filter(state=MachineTranslationItem.State.WAITING).select_related(
        "translation__source", "translation__target_locale", "target_type"
    )
    for item in items:
        creates = item.translation_id is None and item.reason == CREATE
        ready = translator is not None and stopped_by is None
        if creates and ready and not create_translation(item, job):
            continue
        if translator is None:
            finish(item, MachineTranslationItem.State.FAILED, NO_SERVICE)
        elif stopped_by is not None:
            finish(item, MachineTranslationItem.State.FAILED, stopped_by.value)
        else:
            stopped_by = translate_item(item, job.requested_by, translator)
    job.state = MachineTranslationJob.State.FINISHED
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "finished_at"])
    return {"job": job_id, "ran": True}


def finish(item, state, reason="", translator=None, attempted=False):
    item.state = state
    item.reason = reason
    item.attempted = attempted
    if translator is not None:
        item.requested = getattr(translator, "requested", 0) or 0
        item.translated = getattr(translator, "translated", 0) or 0
        item.too_long = getattr(translator, "too_long", 0) or 0
    item.save()


def refusal(user, translation):
    """Why ``user`` may not machine-translate ``translation`` now (a reason code), or None."""
    if user is None or not user.is_active:
        return NOT_ALLOWED
    if not user_can_write_locale(user, translation.target_locale):
        return NOT_ALLOWED
    target = translation.get_target_instance()
    if write_refusal(user, target):
        return LOCKED if lock_for(user, target) else NOT_ALLOWED
    return None


def create_translation(item, job):
    """Create the item's translation as "Submit for translation" would; False if it failed.

    On success the item points at its new translation and version, saved at
    once, so that a worker stopped before translating does not create it twice.
    """
    user, locale = job.requested_by, job.target_locale
    failed = MachineTranslationItem.State.FAILED
    model = item.target_type.model_class() if item.target_type_id else None
    original = None
    if model is not None:
        original = model._default_manager.filter(pk=item.target_id).first()
    if original is None:
        finish(item, failed, GONE)
        return False
    if isinstance(original, Page):
        original = original.specific
    if user is None or not user.is_active or not user_can_write_locale(user, locale):
        finish(item, failed, NOT_ALLOWED)
        return False
    try:
        with transaction.atomic():
            reason = create_version(user, original, locale)
    except Exception:
        logger.exception("Creating the translation of %r failed", original)
        reason = ERROR
    if reason is not None:
        finish(item, failed, reason)
        return False
    translation = (
        Translation.objects.filter(
            source__object_id=original.translation_key, target_locale=locale, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )
    version = existing_version(original, locale)
    if translation is None or version is None:
        # A version made by hand meanwhile, which no synced translation fills.
        finish(item, failed, MADE_BY_HAND if version is not None else GONE)
        return False
    item.translation = translation
    item.target_type = ContentType.objects.get_for_model(
        getattr(version, "specific_class", None) or type(version)
    )
    item.target_id = str(version.pk)
    item.save(update_fields=["translation", "target_type", "target_id"])
    return True


def create_version(user, original, locale):
    """Create ``original``'s version in ``locale``, a draft; the refusal's code, or None."""
    if isinstance(original, Page):
        report = Counter()
        target_parent = PageSubmitter(user, locale, report).submit(original)
        if target_parent is not None:
            transaction.on_commit(partial(recount_children, [target_parent.pk]))
            return None
        if report["existing"]:
            return None  # made meanwhile: translate that one
        return next((SUBMIT_REFUSALS[key] for key in report if key in SUBMIT_REFUSALS), ERROR)
    if existing_version(original, locale) is not None:
        return None
    if creation_refusal(user, type(original), locale) or linked_records_refusal(
        user, original, locale
    ):
        return NOT_ALLOWED
    TranslationCreator(user, [locale]).create_translations(original)
    # TranslationCreator swallows validation errors: check that the version exists.
    return None if existing_version(original, locale) is not None else ERROR


def translate_item(item, user, translator):
    """Translate one item; return the provider failure that stops the job, if any."""
    failed = MachineTranslationItem.State.FAILED
    translation = item.translation
    if translation is None or not translation.enabled:
        finish(item, failed, GONE)
        return None
    try:
        if reason := refusal(user, translation):
            finish(item, failed, reason)
            return None
        if item.sync:
            # What "Sync translated pages" does without publishing.
            translation.source.update_from_db()
            with contextlib.suppress(ValidationError):
                translation.source.update_target_view_restrictions(translation.target_locale)
        applied = translate_missing(translation, user, translator)
    except ObjectDoesNotExist:
        finish(item, failed, GONE)
        return None
    except (PermissionDenied, Http404):
        finish(item, failed, NOT_ALLOWED)
        return None
    except Exception:
        logger.exception("Machine translation of translation %s failed", translation.pk)
        finish(item, failed, ERROR, translator)
        return None
    error = getattr(translator, "error", None)
    if error is not None:
        finish(item, failed, error.reason.value, translator, attempted=True)
        return error.reason if error.reason in STOPS_THE_JOB else None
    if not applied:
        finish(item, MachineTranslationItem.State.DONE, NOTHING_LEFT, translator, attempted=True)
        return None
    finish(item, MachineTranslationItem.State.DONE, "", translator, attempted=True)
    return None
