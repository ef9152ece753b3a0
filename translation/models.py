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
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation

from translation.permissions import language_name

NOTE_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 1000


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
        if self.requested_by is None:
            return _("a former editor")
        return get_user_display_name(self.requested_by)

    @property
    def closed_by_name(self):
        if self.closed_by is None:
            return _("a former editor")
        return get_user_display_name(self.closed_by)

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
