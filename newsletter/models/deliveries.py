"""Sending an issue to its readers: one send per issue, one delivery per reader.

A delivery is the promise that a reader gets an issue at most once: it is
created once (unique per issue and reader), claimed by one worker, sent, and
marked. A delivery a crashed worker left in "sending" is never sent again
by itself; it becomes "unknown" for an editor to resend or drop
(docs/newsletters-and-embeds.md, "Sending an issue to its readers").
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IssueSend(models.Model):
    """An issue sent to its list: who confirmed it and when. One per issue."""

    issue = models.OneToOneField(
        "newsletter.NewsletterIssuePage",
        verbose_name=_("Issue"),
        on_delete=models.CASCADE,
        related_name="send",
    )
    created_at = models.DateTimeField(_("Confirmed at"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Sent issue")
        verbose_name_plural = _("Sent issues")

    def __str__(self):
        return str(self.issue)


class Delivery(models.Model):
    """One issue to one reader: its state, the mail server's answer and the attempts."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed for now, will retry")
        REFUSED = "refused", _("Refused")
        UNKNOWN = "unknown", _("Unknown: a worker stopped while sending")
        DROPPED = "dropped", _("Not sent")

    class Version(models.TextChoices):
        GERMAN = "de", _("German version")
        FRENCH = "fr", _("French version")
        BILINGUAL = "both", _("Bilingual version")

    send = models.ForeignKey(
        IssueSend, verbose_name=_("Send"), on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        "subscribers.Subscriber",
        verbose_name=_("Reader"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    version = models.CharField(_("Version"), max_length=4, choices=Version.choices)
    state = models.CharField(
        _("State"), max_length=8, choices=State.choices, default=State.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("Attempts"), default=0)
    smtp_code = models.PositiveSmallIntegerField(_("SMTP code"), null=True, blank=True)
    smtp_answer = models.TextField(_("Mail server's answer"), blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    claim = models.CharField(max_length=32, blank=True, db_index=True)
    queued_at = models.DateTimeField(_("Queued at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("Claimed at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("Next attempt at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Delivery")
        verbose_name_plural = _("Deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["send", "subscriber"], name="delivery_once_per_issue_and_reader"
            )
        ]

    def __str__(self):
        return f"{self.send} → {self.subscriber_id} ({self.state})"
