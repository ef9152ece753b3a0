"""The status board's "Machine-translate selected", and the job pages that follow it.

The work is ``translation.bulk_machine``'s; here are the form's post (which
sorts out what was posted and answers bad input with a 4xx in the admin
language), the list of jobs and the page of one job, with its progress and,
once finished, its report. Failures are stored as codes and worded here, so
everyone reads them in their own admin language.
"""

import re

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail_localize.machine_translators import get_machine_translator

from translation import bulk_machine
from translation.components import SEEN_JOBS
from translation.machine import REASON_TEXTS, Reason
from translation.models import MachineTranslationItem, MachineTranslationJob
from translation.permissions import language_name, user_can_write_locale, writable_locale_ids
from translation.refusals import separately_written_message
from translation.status import build_board
from translation.views.board import user_can_see_board
from translation.views.machine import failure_text

#: More than a board page shows; a post with more is refused rather than run for hours.
MAX_ITEMS = 200


def refused(request, message, status):
    return TemplateResponse(
        request, "translation/machine_job_refused.html", {"message": message}, status=status
    )


#: "<locale id>-<translation key>": a version to create, as the board's boxes post it.
CREATE_VALUE = re.compile(
    r"\A[0-9]{1,18}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z"
)

#: The finished jobs a requester opened in this session: no longer on their dashboard.
SEEN_KEY = SEEN_JOBS


def posted_creates(request):
    """The posted versions to create, or None if one of them cannot be read."""
    values = request.POST.getlist("create")
    if not all(CREATE_VALUE.match(value) for value in values):
        return None
    return values


def posted_ids(request):
    """The posted translation ids, or None if one of them is not a number a column can hold."""
    ids = []
    for value in request.POST.getlist("translation"):
        # ASCII digits only: "²".isdigit() is true, but int("²") fails.
        if not (value.isascii() and value.isdigit()) or len(value) > 18:
            return None
        ids.append(int(value))
    return ids


@require_POST
def start(request):
    if not user_can_see_board(request.user):
        raise PermissionDenied
    translator = get_machine_translator()
    if translator is None:
        return refused(request, _("No machine translation service is configured."), 400)
    ids, creates = posted_ids(request), posted_creates(request)
    if ids is None or creates is None:
        return refused(request, _("The selection could not be read. Please select again."), 400)
    if not ids and not creates:
        return refused(request, _("Select at least one translation to machine-translate."), 400)
    if len(ids) + len(creates) > MAX_ITEMS:
        return refused(
            request,
            _("Select at most %(count)d translations at a time.") % {"count": MAX_ITEMS},
            400,
        )
    selection = bulk_machine.sort_out(request.user, build_board(), ids, creates)
    refusals = [
        ngettext(
            "Not allowed: %(language)s is edited by another team. "
            "%(count)d translation was left out.",
            "Not allowed: %(language)s is edited by another team. "
            "%(count)d translations were left out.",
            count,
        )
        % {"language": language_name(locale), "count": count}
        for locale, count in selection.other_team.items()
    ]
    if selection.unknown:
        refusals.append(
            ngettext(
                "%(count)d selected translation does not exist (any more) and was left out.",
                "%(count)d selected translations do not exist (any more) and were left out.",
                selection.unknown,
            )
            % {"count": selection.unknown}
        )
    refusals += [separately_written_message(page) for page in selection.separately]
    if not selection.accepted:
        forbidden = selection.other_team or selection.separately
        status = 403 if forbidden and not selection.unknown else 400
        return refused(request, " ".join(refusals), status)
    with transaction.atomic():
        jobs = bulk_machine.start_jobs(request.user, selection, translator.display_name)
    for text in refusals:
        messages.warning(request, text)
    if len(jobs) == 1:
        return redirect("translation_status:machine_job", jobs[0].pk)
    return redirect("translation_status:machine_jobs")


def visible_jobs(user):
    jobs = MachineTranslationJob.objects.select_related("requested_by", "target_locale")
    if user.is_superuser:
        return jobs
    return jobs.filter(Q(target_locale_id__in=writable_locale_ids(user)) | Q(requested_by=user))


def may_see(user, job):
    return (
        user.is_superuser
        or job.requested_by_id == user.pk
        or user_can_write_locale(user, job.target_locale)
    )


class Progress:
    """The counts of a job's items, and each item's outcome in words."""

    def __init__(self, job, items):
        self.job = job
        self.items = items
        states = [item.state for item in items]
        self.total = len(items)
        self.waiting = states.count(MachineTranslationItem.State.WAITING)
        self.failed = states.count(MachineTranslationItem.State.FAILED)
        done = [item for item in items if item.state == MachineTranslationItem.State.DONE]
        self.unchanged = sum(1 for item in done if item.reason == bulk_machine.NOTHING_LEFT)
        self.translated = len(done) - self.unchanged
        self.finished_items = self.total - self.waiting
        self.texts = sum(item.translated for item in items)
        for item in items:
            item.outcome = outcome(job, item)

    @property
    def percent(self):
        return self.finished_items * 100 // self.total if self.total else 100


def outcome(job, item):
    """What happened to one item, in the admin language."""
    state = MachineTranslationItem.State
    if item.state == state.WAITING:
        if item.reason == bulk_machine.CREATE and item.translation_id is None:
            return _("Waiting for its turn: its version is created first, as a draft.")
        return _("Waiting for its turn.")
    reason = item.reason
    service = job.service
    if item.state == state.DONE:
        if reason == bulk_machine.NOTHING_LEFT:
            return _("There isn't anything left to translate.")
        text = ngettext(
            "Translated %(count)d text with %(service)s.",
            "Translated %(count)d texts with %(service)s.",
            item.translated,
        ) % {"count": item.translated, "service": service}
        if item.too_long:
            text += " " + ngettext(
                "%(count)d text is too long to send to %(service)s; please translate it by hand.",
                "%(count)d texts are too long to send to %(service)s; "
                "please translate them by hand.",
                item.too_long,
            ) % {"count": item.too_long, "service": service}
        return text
    provider_reasons = {member.value: member for member in Reason}
    if reason in provider_reasons:
        if item.attempted:
            return failure_text(service, item.translated, item.requested, provider_reasons[reason])
        return _(
            "Not sent: %(service)s stopped at an earlier item (%(reason)s). Nothing was changed."
        ) % {"service": service, "reason": REASON_TEXTS[provider_reasons[reason]]}
    return {
        bulk_machine.GONE: _("This translation no longer exists."),
        bulk_machine.NOT_ALLOWED: _(
            "Not allowed: the person who asked may not change this version (any more)."
        ),
        bulk_machine.LOCKED: _("The version is locked, so nothing was changed."),
        bulk_machine.NO_SERVICE: _("No machine translation service is configured."),
        bulk_machine.SEPARATELY: _(
            "This page is written separately in each language, not translated. Nothing was created."
        ),
        bulk_machine.MADE_BY_HAND: _(
            "Someone made a version in this language meanwhile, without a synced translation "
            "to fill in. Nothing was changed."
        ),
        bulk_machine.PARENT_MISSING: _(
            "Not created: its parent page has no version in this language yet. Translate the "
            "parent page first, or select it too."
        ),
    }.get(reason, _("Something went wrong; nothing more was changed. Please try again later."))


def editor_url(item):
    """The version's editor (for a synced translation, that is the translation editor)."""
    model = item.target_type.model_class() if item.target_type_id else None
    if model is None or not item.target_id:
        return None
    if issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=[item.target_id])
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is None:
        return None
    return reverse(viewset.get_url_name("edit"), args=[quote(item.target_id)])


def job_page(request, job_id):
    if not user_can_see_board(request.user):
        raise PermissionDenied
    job = get_object_or_404(
        MachineTranslationJob.objects.select_related("requested_by", "target_locale"), pk=job_id
    )
    if not may_see(request.user, job):
        return refused(request, _("This machine translation was asked for by another team."), 403)
    items = list(job.items.select_related("target_type"))
    for item in items:
        # Until its version exists, a version to create points at its original.
        created = not (item.translation_id is None and item.reason == bulk_machine.CREATE)
        item.editor_url = editor_url(item) if created else None
    if job.is_finished and job.requested_by_id == request.user.pk:
        seen = request.session.get(SEEN_KEY, [])
        if job.pk not in seen:
            request.session[SEEN_KEY] = [*seen, job.pk][-50:]
    return TemplateResponse(
        request,
        "translation/machine_job.html",
        {
            "job": job,
            "progress": Progress(job, items),
            "language": language_name(job.target_locale),
        },
    )


def job_list(request):
    if not user_can_see_board(request.user):
        raise PermissionDenied
    jobs = list(visible_jobs(request.user).order_by("-created_at", "-pk")[:50])
    items = MachineTranslationItem.objects.filter(job__in=jobs).order_by("position", "pk")
    by_job = {}
    for item in items:
        by_job.setdefault(item.job_id, []).append(item)
    for job in jobs:
        job.progress = Progress(job, by_job.get(job.pk, []))
        job.language = language_name(job.target_locale)
    return TemplateResponse(request, "translation/machine_jobs.html", {"jobs": jobs})


urlpatterns = [
    path("machine-translate/", start, name="machine_translate"),
    path("machine-translation/", job_list, name="machine_jobs"),
    path("machine-translation/<int:job_id>/", job_page, name="machine_job"),
]
