"""Readers of a town's newsletter, and what each agreed to.

Each reader belongs to one list: the locale of the site they subscribed on.
The German site's readers are Naumburg's team's, the French site's Les Ulis'
(docs/newsletters-and-embeds.md, "Subscribers"). The same address may be on
both lists, as two readers.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from pagecache.routing import RememberedPrivacyMixin
from safetext.single_line import SingleLineFieldsMixin
from translation.models import MachineTranslationNoticeMixin


class Subscriber(models.Model):
    class Language(models.TextChoices):
        GERMAN = "de", _("German")
        FRENCH = "fr", _("French")
        BOTH = "both", _("German and French")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        STOPPED = "stopped", _("Stopped: the address refused mail")

    email = models.EmailField(_("E-mail address"), max_length=254)
    language = models.CharField(
        _("Language"), max_length=4, choices=Language.choices, default=Language.GERMAN
    )
    state = models.CharField(
        _("State"), max_length=12, choices=State.choices, default=State.PENDING
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("List"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The language of the site the reader subscribed on: the German site's readers "
            "are Naumburg's, the French site's Les Ulis'."
        ),
    )
    created = models.DateTimeField(_("Created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("Confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("Unsubscribed at"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("Stopped at"), null=True, blank=True)
    stop_reason = models.TextField(
        _("Why mail stopped"),
        blank=True,
        help_text=_("The mail server's answer to the last mail it refused for good."),
    )

    class Meta:
        verbose_name = _("Subscriber")
        verbose_name_plural = _("Subscribers")
        constraints = [
            models.UniqueConstraint(fields=["locale", "email"], name="subscriber_once_per_list")
        ]

    def __str__(self):
        return self.email

    @staticmethod
    def normalise(email):
        """Addresses are kept in lower case, so that one reader is one row."""
        return email.strip().lower()

    def confirm(self):
        """Confirm the subscription; confirming again changes nothing."""
        if self.state != self.State.CONFIRMED:
            self.state = self.State.CONFIRMED
            self.confirmed_at = timezone.now()
            self.save(update_fields=["state", "confirmed_at"])

    def stop(self, reason):
        """A permanent delivery failure: no more mail to this address until it subscribes again."""
        self.state = self.State.STOPPED
        self.stopped_at = timezone.now()
        self.stop_reason = reason
        self.save(update_fields=["state", "stopped_at", "stop_reason"])

    def unsubscribe(self):
        """Leave the list; leaving again changes nothing."""
        if self.state != self.State.UNSUBSCRIBED:
            self.state = self.State.UNSUBSCRIBED
            self.unsubscribed_at = timezone.now()
            self.save(update_fields=["state", "unsubscribed_at"])


class Consent(models.Model):
    """What a reader agreed to when they subscribed: the text as they read it."""

    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("Subscriber"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    text = models.TextField(_("Consent text"))
    language = models.CharField(_("Language of the text"), max_length=8, choices=settings.LANGUAGES)
    page_url = models.URLField(_("Page"), max_length=2000, blank=True)
    given_at = models.DateTimeField(_("Given at"), default=timezone.now)
    source = models.CharField(
        _("Source"),
        max_length=255,
        blank=True,
        help_text=_(
            "Where consent was given when it was not on this site, for example the list an "
            "import came from."
        ),
    )

    class Meta:
        verbose_name = _("Consent")
        verbose_name_plural = _("Consents")
        ordering = ["-given_at"]

    def __str__(self):
        return f"{self.subscriber} ({self.given_at:%Y-%m-%d %H:%M})"


class ErasedAddress(models.Model):
    """What is left of a reader erased on request (GDPR Art. 17): a hash that stops re-imports.

    The SHA-256 of the lower-case address, without a key: it must still match after
    the site's SECRET_KEY changes. It names nobody, but it recognises the address.
    """

    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("List"), on_delete=models.PROTECT, related_name="+"
    )
    email_hash = models.CharField(_("Hash of the address"), max_length=64)
    erased_at = models.DateTimeField(_("Erased at"), default=timezone.now)

    class Meta:
        verbose_name = _("Erased address")
        verbose_name_plural = _("Erased addresses")
        constraints = [
            models.UniqueConstraint(fields=["locale", "email_hash"], name="erased_once_per_list")
        ]

    def __str__(self):
        return self.email_hash[:12]

    @staticmethod
    def hash(email):
        return hashlib.sha256(Subscriber.normalise(email).encode()).hexdigest()

    @classmethod
    def is_erased(cls, email, locale):
        return cls.objects.filter(locale=locale, email_hash=cls.hash(email)).exists()


class SubscribePage(
    SingleLineFieldsMixin, MachineTranslationNoticeMixin, RememberedPrivacyMixin, Page
):
    """A page of its own with the subscription form, one per language."""

    intro = RichTextField(_("Introduction"), blank=True, features=["bold", "italic", "link"])
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the consent box under the form."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("privacy_page")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Subscription page")
        verbose_name_plural = _("Subscription pages")

    def get_context(self, request, *args, **kwargs):
        from subscribers.forms import form_context

        context = super().get_context(request, *args, **kwargs)
        context.update(form_context(self, self.privacy_page))
        return context
