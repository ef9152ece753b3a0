"""What this project records beside wagtail-localize's models, which it cannot change.

A hand-off between the teams: one team asks the other for a version in its language.

A ``TranslationRequest`` names the object by what every language version of it
shares (its base model's content type and its translation key), the language
it was asked from and the language asked for. It is open until the other team
publishes that version (then done, see ``translation.handoff``) or declines it
with a reason. Only one request per object and target language is open at a
time; the database says so too.

Reviews of machine translation: wagtail-localize keeps, for each translated
text (``StringTranslation``), whether a person or a machine made it
(``translation_type``, ``tool_name``).
``SegmentReview`` adds that a person has read a machine translation and found
it right. A review holds the text as it was reviewed, so it stops counting as
soon as the translation changes (a new machine run, an upload); a manual edit
in the translation editor turns the text into a person's own
(``translation_type`` "manual"), which needs no review.

Bulk machine translation: a ``MachineTranslationJob`` is one team's request,
from the status board, to machine-translate several translations into its
language; a worker runs it (``translation.bulk_machine``). Each
``MachineTranslationItem`` is one translation with its state and, when it
failed, why (a code, so that each reader gets the words in their own admin
language).

``MachineTranslationNoticeMixin`` is the one field a page type needs to tell
its visitors, without a query, that its live version holds machine
translation nobody has reviewed (translation/review.py sets it on publish).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

from translation.permissions import language_name

NOTE_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 1000


def editor_name(user):
    """An editor's display name, or a stand-in once their account is gone."""
    if user is None:
        return _("a former editor")
    return get_user_display_name(user)


class TranslationRequest(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DONE = "done", _("Done")

    class Kind(models.TextChoices):
        NEW = "new", _("A new version")
        UPDATE = "update", _("An updated version")

    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("content type"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The base model of the page or record: what all its languages share."),
    )
    translation_key = models.UUIDField(_("translation key"), db_index=True)
    source_locale = models.ForeignKey(
        Locale,
        verbose_name=_("requested from"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    target_locale = models.ForeignKey(
        Locale,
        verbose_name=_("language requested"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.NEW,
        help_text=_(
            "A version that does not exist yet, or an update of one that is outdated "
            "(the original changed since it was last synced)."
        ),
    )
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    wished_date = models.DateField(_("wished for"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True
    )
    decline_reason = models.TextField(_("reason"), max_length=REASON_MAX_LENGTH, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reminded_at = models.DateTimeField(
        _("reminded at"),
        null=True,
        blank=True,
        help_text=_("When the team was reminded that the wished-for date had passed (once)."),
    )

    class Meta:
        verbose_name = _("translation request")
        verbose_name_plural = _("translation requests")
        ordering = ["wished_date", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "translation_key", "target_locale"],
                condition=Q(state="open"),
                name="one_open_translation_request",
            )
        ]

    def __str__(self):
        return f"{self.translation_key} → {self.target_locale_id} ({self.state})"

    @property
    def requester_name(self):
        return editor_name(self.requested_by)

    @property
    def closed_by_name(self):
        return editor_name(self.closed_by)

    @property
    def target_language_name(self):
        """The language asked for, as it reads inside a sentence of the admin language."""
        return language_name(self.target_locale)

    @property
    def is_open(self):
        return self.state == self.State.OPEN

    @property
    def is_update(self):
        return self.kind == self.Kind.UPDATE


class SegmentReview(models.Model):
    string_translation = models.OneToOneField(
        StringTranslation,
        verbose_name=_("translated text"),
        on_delete=models.CASCADE,
        related_name="twinsite_review",
    )
    data = models.TextField(_("text as reviewed"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("review of a machine translation")
        verbose_name_plural = _("reviews of machine translations")

    def __str__(self):
        return str(self.string_translation_id)

    @property
    def is_current(self):
        """Does the review still cover the text as it is now?"""
        return self.data == self.string_translation.data


class MachineTranslationNoticeMixin(models.Model):
    """For page types: the language of the original, while the live version is unreviewed.

    Empty when the live version holds no unreviewed machine translation. Set
    only when the page is published (``translation.review``), never in a form.
    """

    machine_translated_from = models.CharField(
        _("machine translated from, not reviewed"),
        max_length=20,
        blank=True,
        default="",
        editable=False,
    )

    class Meta:
        abstract = True


class MachineTranslationJob(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", pgettext_lazy("machine translation job", "Waiting")
        RUNNING = "running", pgettext_lazy("machine translation job", "Running")
        FINISHED = "finished", pgettext_lazy("machine translation job", "Finished")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_locale = models.ForeignKey(
        Locale, verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.WAITING
    )
    service = models.CharField(_("service"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("machine translation job")
        verbose_name_plural = _("machine translation jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.pk} → {self.target_locale_id} ({self.state})"

    @property
    def requester_name(self):
        return editor_name(self.requested_by)

    @property
    def target_language_name(self):
        return language_name(self.target_locale)

    @property
    def is_finished(self):
        return self.state == self.State.FINISHED


class MachineTranslationItem(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", pgettext_lazy("machine translation item", "Waiting")
        DONE = "done", pgettext_lazy("machine translation item", "Done")
        FAILED = "failed", pgettext_lazy("machine translation item", "Failed")

    job = models.ForeignKey(
        MachineTranslationJob,
        verbose_name=_("machine translation job"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    translation = models.ForeignKey(
        Translation,
        verbose_name=_("translation"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255)
    #: The version in the job's language, for the link to its editor.
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("content type"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_id = models.CharField(_("object id"), max_length=255, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.WAITING
    )
    #: Why it failed, or what was left: a code of ``translation.bulk_machine.REASONS``.
    reason = models.CharField(_("reason"), max_length=30, blank=True)
    #: The texts asked for, those that came back, and those too long to send.
    requested = models.PositiveIntegerField(_("texts asked for"), default=0)
    translated = models.PositiveIntegerField(_("texts translated"), default=0)
    too_long = models.PositiveIntegerField(_("texts too long"), default=0)
    #: Outdated when chosen: synced from the original first.
    sync = models.BooleanField(_("sync first"), default=False)
    #: Sent to the service (not so when it had stopped at an earlier item).
    attempted = models.BooleanField(_("attempted"), default=False)

    class Meta:
        verbose_name = _("machine translation item")
        verbose_name_plural = _("machine translation items")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.title} ({self.state})"
