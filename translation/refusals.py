"""Why a translation route may not write a page or record, in the editor's admin language.

The team rule (``translation.permissions``) says which languages a team
writes. A route that writes a translation must also ask what the object's own
editor would ask: the page's permissions or the snippet type's, and its lock.
Wagtail's page editor refuses to save or publish a page locked for the user
(by someone else's lock, a workflow task the user does not review, or a
scheduled publication), and its snippet editor does the same for lockable
snippets; wagtail-localize's routes ask neither. The ``*_refusal`` functions
answer with the sentence to show, or ``None`` when the write may go ahead.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.http import JsonResponse
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name
from wagtail.locks import BasicLock, ScheduledForPublishLock, WorkflowLock
from wagtail.models import Page

from translation.creation import existing_version, linked_records
from translation.permissions import refuse, user_can_create, user_can_publish, user_can_write
from translation.separately import is_translated_separately


def title_of(instance):
    if isinstance(instance, Page):
        return instance.get_admin_display_title()
    return str(instance)


def lock_for(user, instance):
    """The lock that keeps ``user`` from changing ``instance``, if there is one."""
    get_lock = getattr(instance, "get_lock", None)  # pages, and snippets with LockableMixin
    lock = get_lock() if get_lock is not None else None
    return lock if lock is not None and lock.for_user(user) else None


def lock_message(lock, user, instance):
    values = {"title": title_of(instance)}
    if isinstance(lock, ScheduledForPublishLock):
        return _("“%(title)s” is locked until its scheduled publication; nothing was changed.") % (
            values
        )
    if isinstance(lock, WorkflowLock):
        return (
            _(
                "“%(title)s” is awaiting review, and only its reviewers may change it; "
                "nothing was changed."
            )
            % values
        )
    locked_by = instance.locked_by if isinstance(lock, BasicLock) else None
    if locked_by is not None and locked_by.pk != user.pk:
        return _("“%(title)s” is locked by %(user)s; nothing was changed.") % {
            **values,
            "user": get_user_display_name(locked_by),
        }
    return _("“%(title)s” is locked; nothing was changed.") % values


def type_name(model):
    return str(model._meta.verbose_name_plural)


def write_refusal(user, instance, *, publish=False):
    """Why ``user`` may not change (or, with ``publish``, publish) ``instance``."""
    if not user_can_write(user, instance):
        if isinstance(instance, Page):
            return _("You may not change the page “%(title)s”.") % {"title": title_of(instance)}
        return _("You may not change the records in “%(type)s”.") % {
            "type": type_name(type(instance))
        }
    if publish and not user_can_publish(user, instance):
        if isinstance(instance, Page):
            return _("You may not publish the page “%(title)s”.") % {"title": title_of(instance)}
        return _("You may not publish the records in “%(type)s”.") % {
            "type": type_name(type(instance))
        }
    lock = lock_for(user, instance)
    if lock is not None:
        return lock_message(lock, user, instance)
    return None


def creation_refusal(user, model, locale):
    """Why ``user`` may not create a record of this snippet type in ``locale``."""
    if not user_can_create(user, model, locale):
        return _("You may not add records to “%(type)s”.") % {"type": type_name(model)}
    return None


def linked_records_refusal(user, instance, locale):
    """Why ``user`` may not create the versions in ``locale`` that translating ``instance`` adds.

    wagtail-localize creates the missing versions of the records a page or
    record links to (contact people, towns ...) along with it, so that takes
    the right to add records of each such type, as the snippet views ask.
    Versions that exist already are kept as they are (``translation.creation``).
    """
    for record in linked_records(instance):
        if isinstance(record, Page) or record.locale_id == locale.pk:
            continue
        if existing_version(record, locale) is None:
            reason = creation_refusal(user, type(record), locale)
            if reason:
                return reason
    return None


def separately_written_message(page):
    return _(
        "“%(title)s” is written separately in each language, not translated: "
        "each town's team writes its own page and links it to the other one."
    ) % {"title": title_of(page)}


def translated_parent(page, locale):
    """Where wagtail-localize puts ``page``'s translation: under the nearest translated ancestor.

    (It copies any untranslated parents in between.)
    """
    for ancestor in reversed(list(page.get_ancestors())):
        if ancestor.is_root():
            return ancestor
        translated = ancestor.get_translation_or_none(locale)
        if translated is not None:
            return translated
    return None


def page_translation_refusal(user, page, locale):
    """Why ``user`` may not create ``page``'s translation into ``locale``.

    An alias already standing in that language is converted into the
    translation, which writes it: that takes the right to change it. A new
    page takes the right to add pages where it goes. A page type written
    separately in each language is never translated (``translation.separately``).
    """
    if is_translated_separately(page):
        return separately_written_message(page)
    existing = Page.objects.filter(translation_key=page.translation_key, locale=locale).first()
    if existing is not None:
        return write_refusal(user, existing)
    parent = translated_parent(page, locale)
    if parent is None or not parent.permissions_for_user(user).can_add_subpage():
        return _("You may not add pages below “%(title)s”.") % {
            "title": title_of(parent or page.get_parent())
        }
    return None


def target_refusal(user, translation, *, publish=False):
    """Why ``user`` may not write ``translation``'s target, creating it if it is gone."""
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist:
        source = translation.source.get_source_instance()
        if isinstance(source, Page):
            return page_translation_refusal(user, source, translation.target_locale)
        return creation_refusal(user, type(source), translation.target_locale)
    return write_refusal(user, target, publish=publish)


def refusal_response(request, message):
    """Refuse like ``refuse``; the translation editor's scripts get a 403 saying why.

    The scripts save strings and overrides with PUT and DELETE; other
    scripts say so in ``X-Requested-With``, as Wagtail's admin expects.
    """
    scripted = request.method in ("PUT", "DELETE")
    if scripted or request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse({"detail": message}, status=403)
    return refuse(request, message)
