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
"""

import contextlib
import logging
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django_tasks import task
from wagtail_localize.machine_translators import get_machine_translator

from translation.machine import Reason, translate_missing
from translation.models import MachineTranslationItem, MachineTranslationJob
from translation.permissions import user_can_write_locale
from translation.refusals import lock_for, write_refusal
from translation.status import Status

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


def is_selectable(cell):
    """A board cell with texts a machine could fill: a translation in progress or outdated."""
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

    @property
    def accepted(self):
        return sum(len(cells) for cells in self.by_locale.values())


def sort_out(user, board, translation_ids):
    """Which posted translation ids this user may machine-translate, by language.

    An id the board does not show as a translation counts as unknown; one into
    a language the user's team does not write is refused, by language.
    """
    cells = {
        cell.translation_id: (row, cell)
        for row in board.rows
        for cell in row.cells
        if cell.translation_id
    }
    selection = Selection()
    for translation_id in dict.fromkeys(translation_ids):
        if translation_id not in cells:
            selection.unknown += 1
            continue
        row, cell = cells[translation_id]
        if not user_can_write_locale(user, cell.locale):
            selection.other_team[cell.locale] = selection.other_team.get(cell.locale, 0) + 1
            continue
        selection.by_locale.setdefault(cell.locale, []).append((row, cell))
    return selection


def start_jobs(user, selection, service):
    """Record one job per language and have the worker run it once this commits."""
    jobs = []
    for locale, chosen in selection.by_locale.items():
        job = MachineTranslationJob.objects.create(
            requested_by=user, target_locale=locale, service=service
        )
        MachineTranslationItem.objects.bulk_create(
            MachineTranslationItem(
                job=job,
                translation_id=cell.translation_id,
                title=str(row.title)[:255],
                target_type=ContentType.objects.get_for_model(cell.version.model),
                target_id=str(cell.version.pk),
                position=position,
                sync=cell.status == Status.OUTDATED,
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
        "translation__source", "translation__target_locale"
    )
    for item in items:
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
