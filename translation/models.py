"""What this project records on top of wagtail-localize's models, which it cannot change.

wagtail-localize keeps, for each translated text (``StringTranslation``),
whether a person or a machine made it (``translation_type``, ``tool_name``).
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
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail_localize.models import StringTranslation


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
