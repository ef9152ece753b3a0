"""A hand-off between the teams: asking the other team for a version in its language.

Each town's team writes only its own language (``translation.permissions``),
so the German team cannot start the French version of its page. Instead it
asks: a ``TranslationRequest`` for the page (or translatable record) and the
language it lacks (or whose translation is outdated: the original changed
since it was last synced, then it asks for an update), with an optional note
and wished-for date. Nobody gains a
right by asking; the request only tells the other team, on its dashboard and
by mail, and shows on the page's editor and on the status board.

The request is done as soon as a version in the requested language is
published (``page_published`` for pages, ``published`` or a plain save for
records, see ``connect_signals``; for an update, once the published version
is in step with the original again); the other team may also decline it with a
reason, and the requester may withdraw it. Either way the other side is told
by mail. A request still open after its wished-for date reminds the team
once (``send_reminders``, run by the mail worker). Mails go out from the worker
of the ``mail`` task backend (``translation.tasks``), enqueued when the
transaction that changed the request commits, each in its recipient's admin
language.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import formats, timezone
from django.utils import translation as i18n
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail.signals import page_published, published

from translation.models import TranslationRequest
from translation.permissions import (
    TEAM_APPS,
    language_name,
    team_members,
    user_can_write,
    user_can_write_locale,
)
from translation.status import outdated_locale_ids

OPENED, DECLINED, DONE = "opened", "declined", "done"
WITHDRAWN, REMINDER = "withdrawn", "reminder"
OPEN = TranslationRequest.State.OPEN
NEW, UPDATE = TranslationRequest.Kind.NEW, TranslationRequest.Kind.UPDATE


class HandoffError(Exception):
    """A request that cannot be made or changed; the message is for the editor."""


# Which object a request is about ---------------------------------------------


def base_content_type(model_or_instance):
    """What every language version shares: the base model's content type (Page for pages)."""
    return ContentType.objects.get_for_model(model_or_instance.get_translation_model())


def versions_of(instance):
    """Every language version of ``instance``, itself included; aliases left out."""
    versions = instance.get_translations(inclusive=True)
    if isinstance(instance, Page):
        versions = versions.filter(alias_of__isnull=True)
    return versions


def requests_for(instance):
    return TranslationRequest.objects.filter(
        content_type=base_content_type(instance), translation_key=instance.translation_key
    )


def open_requests_for(instance):
    return requests_for(instance).filter(state=OPEN).select_related("requested_by", "target_locale")


def source_of(request_obj):
    """The version the request was made from (or, if that is gone, any live one)."""
    model = request_obj.content_type.model_class()
    family = model._default_manager.filter(translation_key=request_obj.translation_key)
    version = family.filter(locale_id=request_obj.source_locale_id).first() or family.first()
    return version.specific if isinstance(version, Page) else version


def title_of(instance):
    if instance is None:
        return _("(deleted)")
    if isinstance(instance, Page):
        return instance.title
    return str(instance)


def may_request(user, instance):
    """Only an editor of ``instance`` asks for its other languages."""
    return (
        user.is_active
        and user.has_perm("wagtailadmin.access_admin")
        and isinstance(instance, TranslatableMixin)
        and user_can_write(user, instance)
    )


def requestable_locales(user, instance):
    """The languages ``user`` may ask for: written by another team (a language the user
    writes, they translate themselves), and without a version of ``instance`` or with an
    outdated translation of it. Each locale's ``request_kind`` says which."""
    present = set(versions_of(instance).values_list("locale_id", flat=True))
    outdated = outdated_locale_ids(instance) & present if present - {instance.locale_id} else set()
    locales = []
    for locale in Locale.objects.order_by("language_code"):
        if user_can_write_locale(user, locale):
            continue
        if locale.pk not in present:
            locale.request_kind = NEW
        elif locale.pk in outdated:
            locale.request_kind = UPDATE
        else:
            continue
        locales.append(locale)
    return locales


def may_withdraw(user, request_obj):
    """Withdrawing is for whoever asked (and superusers), not for the other team."""
    return user.is_active and (
        user.is_superuser
        or (request_obj.requested_by_id and request_obj.requested_by_id == user.pk)
    )


def may_handle(user, request_obj):
    """Starting or declining a request is for the team that writes its language."""
    return user.is_active and user_can_write_locale(user, request_obj.target_locale_id)


# Changing requests -----------------------------------------------------------


def create_request(user, instance, target_locale, *, note="", wished_date=None):
    """Open a request; refuse a second open one for the same object and language."""
    content_type = base_content_type(instance)
    exists = versions_of(instance).filter(locale=target_locale).exists()
    if exists and target_locale.pk not in outdated_locale_ids(instance):
        raise HandoffError(
            _(
                "The version in %(language)s of “%(title)s” is up to date: "
                "there is nothing to request."
            )
            % {"language": language_name(target_locale), "title": title_of(instance)}
        )
    duplicate = _("A version in %(language)s of “%(title)s” has already been requested.") % {
        "language": language_name(target_locale),
        "title": title_of(instance),
    }
    try:
        with transaction.atomic():
            request_obj = TranslationRequest.objects.create(
                content_type=content_type,
                translation_key=instance.translation_key,
                source_locale_id=instance.locale_id,
                target_locale=target_locale,
                requested_by=user,
                kind=UPDATE if exists else NEW,
                note=note,
                wished_date=wished_date,
            )
    except IntegrityError as error:  # the constraint: one open request per language
        raise HandoffError(duplicate) from error
    recipients = [
        member.pk for member in team_members(target_locale) if member.email and member.pk != user.pk
    ]
    notify(request_obj, OPENED, recipients)
    return request_obj


def decline_request(user, request_obj, reason):
    """Close an open request with a reason, and tell the requester."""
    now = timezone.now()
    changed = TranslationRequest.objects.filter(pk=request_obj.pk, state=OPEN).update(
        state=TranslationRequest.State.DECLINED,
        decline_reason=reason,
        closed_by=user,
        closed_at=now,
        updated_at=now,
    )
    if not changed:
        raise HandoffError(_("This request is no longer open."))
    request_obj.refresh_from_db()
    if request_obj.requested_by_id:
        notify(request_obj, DECLINED, [request_obj.requested_by_id])
    return request_obj


def withdraw_request(user, request_obj):
    """The requester takes back an open request; the other team is told."""
    now = timezone.now()
    changed = TranslationRequest.objects.filter(pk=request_obj.pk, state=OPEN).update(
        state=TranslationRequest.State.WITHDRAWN, closed_by=user, closed_at=now, updated_at=now
    )
    if not changed:
        raise HandoffError(_("This request is no longer open."))
    request_obj.refresh_from_db()
    recipients = [
        member.pk
        for member in team_members(request_obj.target_locale)
        if member.email and member.pk != user.pk
    ]
    notify(request_obj, WITHDRAWN, recipients)
    return request_obj


def send_reminders(today=None):
    """Remind the team of each open request whose wished-for date has passed, once.

    Marked before the mails are queued, so a second run (or a second worker)
    reminds nobody again; returns the number of requests reminded.
    """
    today = today or timezone.localdate()
    reminded = 0
    for request_obj in TranslationRequest.objects.filter(
        state=OPEN, wished_date__lt=today, reminded_at__isnull=True
    ).select_related("target_locale"):
        with transaction.atomic():
            changed = TranslationRequest.objects.filter(
                pk=request_obj.pk, state=OPEN, reminded_at__isnull=True
            ).update(reminded_at=timezone.now())
            if not changed:
                continue
            recipients = [
                member.pk
                for member in team_members(request_obj.target_locale)
                if member.email and member.pk != request_obj.requested_by_id
            ]
            notify(request_obj, REMINDER, recipients)
        reminded += 1
    return reminded


def mark_done(instance, user=None):
    """``instance`` was published: the open request for its language is done; a
    request for an update only once the version is in step with the original."""
    if not isinstance(instance, TranslatableMixin) or getattr(instance, "alias_of_id", None):
        return []
    now = timezone.now()
    done = []
    for request_obj in requests_for(instance).filter(
        state=OPEN, target_locale_id=instance.locale_id
    ):
        if request_obj.is_update:
            original = source_of(request_obj)
            if original is not None and instance.locale_id in outdated_locale_ids(original):
                continue
        changed = TranslationRequest.objects.filter(pk=request_obj.pk, state=OPEN).update(
            state=TranslationRequest.State.DONE, closed_by=user, closed_at=now, updated_at=now
        )
        if changed:
            done.append(request_obj)
            if request_obj.requested_by_id:
                notify(request_obj, DONE, [request_obj.requested_by_id])
    return done


def notify(request_obj, kind, user_ids):
    """Enqueue one mail per recipient once the current transaction commits."""
    from translation.tasks import send_handoff_mail

    def enqueue():
        for user_id in user_ids:
            send_handoff_mail.enqueue(request_obj.pk, kind, user_id)

    transaction.on_commit(enqueue)


# Signals: a published version closes its request ----------------------------


def _page_published(sender, instance, revision=None, **kwargs):
    mark_done(instance, getattr(revision, "user", None))


def _record_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, Page):
        mark_done(instance, getattr(revision, "user", None))


def _record_saved(sender, instance, **kwargs):
    """Records without drafts are published when they are saved."""
    if (
        isinstance(instance, TranslatableMixin)
        and not isinstance(instance, (Page, DraftStateMixin))
        and instance._meta.app_label in TEAM_APPS
        and not kwargs.get("raw")
    ):
        mark_done(instance)


def connect_signals():
    page_published.connect(_page_published, dispatch_uid="translation_handoff_page")
    published.connect(_record_published, dispatch_uid="translation_handoff_record")
    post_save.connect(_record_saved, dispatch_uid="translation_handoff_saved")


# Mails -----------------------------------------------------------------------


def admin_language(user, fallback):
    """The user's admin language (*Account*), else ``fallback``, if the site speaks it."""
    codes = {code for code, _name in settings.LANGUAGES}
    profile = getattr(user, "wagtail_userprofile", None)
    preferred = getattr(profile, "preferred_language", "") if profile else ""
    if preferred in codes:
        return preferred
    return fallback if fallback in codes else settings.LANGUAGE_CODE


def _admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _public_url(instance):
    if isinstance(instance, Page) and instance.live:
        return instance.get_full_url()
    return ""


def _published_version(request_obj):
    model = request_obj.content_type.model_class()
    version = model._default_manager.filter(
        translation_key=request_obj.translation_key, locale_id=request_obj.target_locale_id
    ).first()
    return version.specific if isinstance(version, Page) else version


def handoff_message(request_obj, kind, recipient):
    """The mail for ``recipient``, in their admin language (else their team's)."""
    to_target_team = kind in (OPENED, WITHDRAWN, REMINDER)
    fallback = request_obj.target_locale if to_target_team else request_obj.source_locale
    language = admin_language(recipient, fallback.language_code)
    update = request_obj.is_update
    with i18n.override(language):
        source = source_of(request_obj)
        values = {
            "title": title_of(source),
            "language": language_name(request_obj.target_locale),
            "requester": get_user_display_name(request_obj.requested_by)
            if request_obj.requested_by
            else _("A former editor"),
            "closer": get_user_display_name(request_obj.closed_by)
            if request_obj.closed_by
            else _("the other team"),
        }
        wished = (
            formats.date_format(request_obj.wished_date, "DATE_FORMAT")
            if request_obj.wished_date
            else ""
        )
        dashboard = ["", _("Your dashboard:"), _admin_url(reverse("wagtailadmin_home"))]
        if kind == OPENED:
            if update:
                subject = _("Update requested: the version in %(language)s of “%(title)s”")
                lines = [
                    _(
                        "%(requester)s asks your team to update the version in %(language)s of "
                        "“%(title)s”: the original changed since it was last synced."
                    )
                    % values
                ]
            else:
                subject = _("Translation requested: a version in %(language)s of “%(title)s”")
                lines = [
                    _("%(requester)s asks your team for a version in %(language)s of “%(title)s”.")
                    % values
                ]
            if wished:
                lines.append(_("Wished for: %(date)s") % {"date": wished})
            if request_obj.note:
                lines += ["", _("Note:"), request_obj.note]
            lines += [
                "",
                _("Start the translation, or decline the request, on your dashboard:"),
                _admin_url(reverse("wagtailadmin_home")),
            ]
            original = _public_url(source)
            if original:
                lines += ["", _("The original:"), original]
        elif kind == REMINDER:
            subject = _(
                "Reminder: the version in %(language)s of “%(title)s” was wished for %(date)s"
            )
            values["date"] = wished
            lines = [
                _(
                    "%(requester)s asked your team for the version in %(language)s of “%(title)s” "
                    "by %(date)s. The request is still open."
                )
                % values,
                _("Start the translation, or decline the request, on your dashboard."),
                *dashboard,
            ]
        elif kind == WITHDRAWN:
            subject = _("Withdrawn: the request for a version in %(language)s of “%(title)s”")
            lines = [
                _(
                    "%(closer)s withdrew the request for a version in %(language)s of "
                    "“%(title)s”. Your team need not do anything more for it."
                )
                % values,
                *dashboard,
            ]
        elif kind == DECLINED:
            subject = _("Declined: your request for a version in %(language)s of “%(title)s”")
            lines = [
                _("%(closer)s declined your request for a version in %(language)s of “%(title)s”.")
                % values,
                "",
                _("Reason:"),
                request_obj.decline_reason,
            ]
        else:
            subject = _("Published: the version in %(language)s of “%(title)s”")
            if update:
                lines = [
                    _(
                        "The updated version in %(language)s of “%(title)s” that you asked for "
                        "is published."
                    )
                    % values
                ]
            else:
                lines = [
                    _("The version in %(language)s of “%(title)s” that you asked for is published.")
                    % values
                ]
            published_url = _public_url(_published_version(request_obj))
            if published_url:
                lines += ["", published_url]
        body = "\n".join(str(line) for line in lines) + "\n"
        return EmailMessage(
            subject % values,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [recipient.email],
            headers={"Content-Language": language},
        )
