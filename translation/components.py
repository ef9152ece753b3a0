"""The dashboard panel: what is waiting for each editor's languages."""

from datetime import timedelta

from django.conf import settings
from django.contrib.admin.utils import quote
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from translation.handoff import title_of
from translation.models import MachineTranslationItem, MachineTranslationJob, TranslationRequest
from translation.permissions import language_name, writable_locale_ids
from translation.status import (
    ALL_PAGES,
    ALL_SNIPPETS,
    NEEDS_VERSION,
    PAGES,
    SNIPPETS,
    Status,
    build_board,
)
from translation.views.board import board_url


def _lines(board, locale):
    """(text, filtered board URL) for each kind of work waiting in ``locale``."""
    names = {"language": language_name(locale)}
    code = locale.language_code
    needs = sorted(NEEDS_VERSION)
    checks = [
        (
            board.count(locale.pk, NEEDS_VERSION, PAGES),
            lambda n: ngettext(
                "%(count)s page needs a version in %(language)s",
                "%(count)s pages need a version in %(language)s",
                n,
            ),
            {"section": ALL_PAGES, "status": needs},
        ),
        (
            board.count(locale.pk, NEEDS_VERSION, SNIPPETS),
            lambda n: ngettext(
                "%(count)s record needs a version in %(language)s",
                "%(count)s records need a version in %(language)s",
                n,
            ),
            {"section": ALL_SNIPPETS, "status": needs},
        ),
        (
            board.count(locale.pk, [Status.OUTDATED]),
            lambda n: ngettext(
                "%(count)s version in %(language)s is out of date",
                "%(count)s versions in %(language)s are out of date",
                n,
            ),
            {"status": [Status.OUTDATED]},
        ),
        (
            board.count(locale.pk, [Status.IN_PROGRESS]),
            lambda n: ngettext(
                "%(count)s version in %(language)s is being translated",
                "%(count)s versions in %(language)s are being translated",
                n,
            ),
            {"status": [Status.IN_PROGRESS]},
        ),
        (
            board.count(locale.pk, [Status.DRAFT]),
            lambda n: ngettext(
                "%(count)s version in %(language)s is waiting to be published",
                "%(count)s versions in %(language)s are waiting to be published",
                n,
            ),
            {"status": [Status.DRAFT]},
        ),
    ]
    return [
        (message(count) % {"count": count, **names}, board_url(locale=code, **filters))
        for count, message, filters in checks
        if count
    ]


#: How long a finished machine translation stays on its requester's dashboard, unopened.
FINISHED_JOB_DAYS = 7
#: The session key the job page writes (``translation.views.bulk_machine.SEEN_KEY``).
SEEN_JOBS = "translation_machine_jobs_seen"


def finished_jobs(request):
    """(text, job URL) for the user's recently finished machine translations, in one query.

    They stay until the user opens the job's page in this session, or for
    ``FINISHED_JOB_DAYS`` days.
    """
    done = MachineTranslationItem.State.DONE
    failed = MachineTranslationItem.State.FAILED
    jobs = (
        MachineTranslationJob.objects.filter(
            requested_by=request.user,
            state=MachineTranslationJob.State.FINISHED,
            finished_at__gte=timezone.now() - timedelta(days=FINISHED_JOB_DAYS),
        )
        .exclude(pk__in=request.session.get(SEEN_JOBS, []))
        .select_related("target_locale")
        .annotate(
            done=Count("items", filter=Q(items__state=done)),
            failed=Count("items", filter=Q(items__state=failed)),
        )
        .order_by("-finished_at", "-pk")[:5]
    )
    lines = []
    for job in jobs:
        counts = ", ".join(
            [
                ngettext("%(count)d translated", "%(count)d translated", job.done)
                % {"count": job.done},
                ngettext("%(count)d failed", "%(count)d failed", job.failed)
                % {"count": job.failed},
            ]
        )
        text = gettext("Machine translation into %(language)s finished: %(counts)s") % {
            "language": language_name(job.target_locale),
            "counts": counts,
        }
        lines.append((text, reverse("translation_status:machine_job", args=[job.pk])))
    return lines


class TranslationStatusPanel(Component):
    """Counts per language the user writes (every language for superusers)."""

    name = "translation_status"
    template_name = "translation/dashboard_panel.html"
    order = 150

    class Media:
        css = {"all": ["translation/board.css"]}

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        board = build_board()
        writable = writable_locale_ids(user)
        languages = [
            {
                "locale": locale,
                "name": language_name(locale),
                "lines": _lines(board, locale),
                "url": board_url(locale=locale.language_code),
            }
            for locale in board.locales
            if locale.pk in writable
        ]
        return {
            "languages": languages,
            "board_url": board_url(),
            "machine_jobs": finished_jobs(parent_context["request"]),
        }


def with_sources(requests):
    """Give each request its ``source`` version: one query per kind of object, not per request."""
    by_type = {}
    for request_obj in requests:
        by_type.setdefault(request_obj.content_type, []).append(request_obj)
    for content_type, group in by_type.items():
        model = content_type.model_class()
        versions = {}
        for version in model._default_manager.filter(
            translation_key__in={request_obj.translation_key for request_obj in group}
        ).order_by("pk"):
            versions.setdefault(version.translation_key, {})[version.locale_id] = version
        for request_obj in group:
            family = versions.get(request_obj.translation_key, {})
            request_obj.family = family
            request_obj.source = family.get(request_obj.source_locale_id) or next(
                iter(family.values()), None
            )
    return requests


def start_url(request_obj):
    """wagtail-localize's submit view for the request's source (the panel posts the language)."""
    source = request_obj.source
    if source is None:
        return None
    if isinstance(source, Page):
        return reverse("wagtail_localize:submit_page_translation", args=[source.pk])
    meta = source._meta
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[meta.app_label, meta.model_name, quote(source.pk)],
    )


class TranslationRequestsPanel(Component):
    """Open requests for the languages the user writes, and the user's own open requests."""

    name = "translation_requests"
    template_name = "translation/requests/dashboard_panel.html"
    order = 140

    class Media:
        css = {"all": ["translation/board.css"]}

    def get_context_data(self, parent_context):
        """Open requests, and for ``TRANSLATION_REQUEST_NOTICE_DAYS`` the closed ones each
        side should hear of: withdrawn for the team asked, published or declined for the
        requester. Still three queries (the two lists and the requested objects)."""
        request = parent_context["request"]
        user = request.user
        State = TranslationRequest.State
        since = timezone.now() - timedelta(days=settings.TRANSLATION_REQUEST_NOTICE_DAYS)
        related = (
            "content_type",
            "requested_by",
            "closed_by",
            "source_locale",
            "target_locale",
        )
        incoming = list(
            TranslationRequest.objects.filter(
                Q(state=State.OPEN) | Q(state=State.WITHDRAWN, closed_at__gte=since),
                target_locale_id__in=writable_locale_ids(user),
            )
            .exclude(Q(state=State.WITHDRAWN) & Q(closed_by=user))
            .select_related(*related)
        )
        outgoing = list(
            TranslationRequest.objects.filter(
                Q(state=State.OPEN)
                | Q(state__in=[State.DONE, State.DECLINED], closed_at__gte=since),
                requested_by=user,
            )
            .exclude(pk__in=[request_obj.pk for request_obj in incoming])
            .order_by("-closed_at", "wished_date", "created_at", "pk")
            .select_related(*related)
        )
        with_sources(incoming + outgoing)
        for request_obj in incoming + outgoing:
            source = request_obj.source
            request_obj.title = title_of(source)
            request_obj.public_url = (
                source.get_url(request) if isinstance(source, Page) and source.live else None
            )
            target = request_obj.family.get(request_obj.target_locale_id)
            request_obj.target_url = (
                target.get_url(request) if isinstance(target, Page) and target.live else None
            )
            request_obj.start_url = start_url(request_obj)
            request_obj.update_url = reverse("translation_requests:start", args=[request_obj.pk])
            request_obj.decline_url = reverse("translation_requests:decline", args=[request_obj.pk])
            request_obj.withdraw_url = reverse(
                "translation_requests:withdraw", args=[request_obj.pk]
            )
        return {
            "incoming": [r for r in incoming if r.is_open],
            "withdrawn": [r for r in incoming if not r.is_open],
            "outgoing": [r for r in outgoing if r.is_open],
            "closed": [r for r in outgoing if not r.is_open],
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not any(context.values()):
            return ""
        return render_to_string(self.template_name, context, request=parent_context.get("request"))
