"""Who comes to an event: one list per event, shared by its language versions.

An event page (a workshop, an exhibition's opening) takes ``RegistrableEvent``.
Its German and French versions share a translation key, and so one
``RegistrationList``: whoever registers on either fills the same seats.
The list keeps a copy of what decides who gets a seat (on or off, seats,
deadline, waiting list, start and end), taken from the live version of the
source page whenever a version of the event is published or unpublished
(registrations/signals.py), so the two languages never disagree between
syncs and the page shows the seats left with one query.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField

from pagecache.privacy import public_localized
from registrations.blocks import QuestionStreamBlock
from registrations.forms import form_context
from safetext.single_line import SingleLineFieldsMixin


class RegistrableEvent(models.Model):
    """Fields and panels of an event that takes registrations on this site.

    The page type says when its event starts and ends (``registration_event_times``).
    """

    registration_on_site = models.BooleanField(
        _("Registration on this site"),
        default=False,
        help_text=_(
            "Visitors register with a form on the page, in either language, into one list."
        ),
    )
    registration_deadline = models.DateField(_("Registration deadline"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("Seats"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    waiting_list = models.BooleanField(
        _("Waiting list when full"),
        default=True,
        help_text=_("When a seat becomes free, the first person waiting gets it and is told."),
    )
    registration_privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the consent box of the registration form."),
    )
    registration_questions = StreamField(
        QuestionStreamBlock(),
        verbose_name=_("Extra questions"),
        blank=True,
        help_text=_("Asked on the form, for example a workshop group or a meal choice."),
    )

    registration_panels = [
        FieldPanel("registration_on_site"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
        FieldPanel("waiting_list"),
        FieldPanel("registration_questions"),
        FieldPanel("registration_privacy_page"),
    ]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        availability = self.registration_availability()
        context["registration"] = availability
        if availability is not None:
            context.update(form_context(self, privacy_url=self.registration_privacy_url()))
            # The box sits in the article, kept whole in the fragment cache: key it on the seats.
            context["fragment_key"] = availability.cache_key
        return context

    def serve(self, request, *args, **kwargs):
        """The seats left are never older than ``REGISTRATIONS_CACHE_SECONDS`` in any cache."""
        response = super().serve(request, *args, **kwargs)
        if self.registration_on_site:
            patch_cache_control(response, max_age=settings.REGISTRATIONS_CACHE_SECONDS)
        return response

    def registration_event_times(self):
        """(start, end) of what people register for, as aware datetimes."""
        raise NotImplementedError

    def registration_location(self):
        """Where it happens, on one line, for the mails and their calendar file."""
        return getattr(self, "location", "")

    def registration_privacy_url(self):
        """The privacy page in the visitor's language, if it is live and public; else ""."""
        privacy = public_localized(self.registration_privacy_page)
        if privacy is None or not privacy.live:
            return ""
        return privacy.get_url() or ""

    def registration_availability(self):
        """Seats and state as every visitor sees them now (one query); None without registration."""
        if not self.registration_on_site:
            return None
        registration_list = RegistrationList.objects.with_counts().filter(
            translation_key=self.translation_key
        )
        return Availability.of(registration_list.first(), fallback=self)


class RegistrationListQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            ),
            waiting_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
            ),
        )


class RegistrationList(models.Model):
    """The registrations of one event, in both languages; its rules as the source page has them."""

    translation_key = models.UUIDField(_("Translation key"), unique=True, editable=False)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Event page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("Event"), max_length=255)
    enabled = models.BooleanField(_("Registration on this site"), default=False)
    capacity = models.PositiveIntegerField(_("Seats"), null=True, blank=True)
    waiting_list = models.BooleanField(_("Waiting list when full"), default=True)
    deadline = models.DateField(_("Registration deadline"), null=True, blank=True)
    starts_at = models.DateTimeField(_("Starts"))
    ends_at = models.DateTimeField(_("Ends"))
    anonymised_at = models.DateTimeField(_("Personal data removed"), null=True, blank=True)

    objects = RegistrationListQuerySet.as_manager()

    class Meta:
        verbose_name = _("Registration list")
        verbose_name_plural = _("Registration lists")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    def closes_at(self):
        """When registration ends: the end of the deadline's day, and the event's start at most."""
        if self.deadline is None:
            return self.starts_at
        day_after = datetime.datetime.combine(
            self.deadline + datetime.timedelta(days=1), datetime.time.min
        )
        return min(timezone.make_aware(day_after), self.starts_at)


class Availability:
    """What the page and the form say: open or closed, seats left, the waiting list."""

    def __init__(self, *, enabled, capacity, waiting_list, closes_at, confirmed=0, waiting=0):
        self.enabled = enabled
        self.capacity = capacity
        self.waiting_list = waiting_list
        self.closes_at = closes_at
        self.confirmed = confirmed
        self.waiting = waiting

    @classmethod
    def of(cls, registration_list, fallback=None):
        """From a list with counts; a page nobody has registered on yet has no list, only rules."""
        if registration_list is None:
            if fallback is None:
                return cls(enabled=False, capacity=None, waiting_list=False, closes_at=None)
            start, end = fallback.registration_event_times()
            rules = RegistrationList(
                enabled=fallback.registration_on_site and fallback.live,
                capacity=fallback.capacity,
                waiting_list=fallback.waiting_list,
                deadline=fallback.registration_deadline,
                starts_at=start,
                ends_at=end,
            )
            return cls.of_rules(rules)
        return cls.of_rules(
            registration_list,
            confirmed=registration_list.confirmed_count,
            waiting=registration_list.waiting_count,
        )

    @classmethod
    def of_rules(cls, rules, confirmed=0, waiting=0):
        return cls(
            enabled=rules.enabled,
            capacity=rules.capacity,
            waiting_list=rules.waiting_list,
            closes_at=rules.closes_at(),
            confirmed=confirmed,
            waiting=waiting,
        )

    @property
    def seats_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed, 0)

    @property
    def full(self):
        return self.capacity is not None and self.confirmed >= self.capacity

    @property
    def past_deadline(self):
        return self.closes_at is not None and timezone.now() >= self.closes_at

    @property
    def is_open(self):
        """Whether the form takes a registration now, for a seat or the waiting list."""
        return self.enabled and not self.past_deadline and (not self.full or self.waiting_list)

    @property
    def cache_key(self):
        """Part of the article fragment's key: the box changes whenever this does."""
        return f"{self.is_open}-{self.confirmed}-{self.waiting}-{self.capacity}"


class Registration(SingleLineFieldsMixin, models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Has a seat")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class CancelledBy(models.TextChoices):
        REGISTRANT = "registrant", _("The registrant")
        ORGANISER = "organiser", _("An organiser")

    registration_list = models.ForeignKey(
        RegistrationList,
        verbose_name=_("Event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-mail address"), max_length=254)
    organisation = models.CharField(_("Organisation or association"), max_length=200, blank=True)
    town = models.CharField(_("Town"), max_length=120, blank=True)
    language = models.CharField(
        _("Language of the mails"), max_length=8, choices=settings.LANGUAGES
    )
    access_needs = models.TextField(
        _("Access needs"), blank=True, help_text=_("For example a wheelchair or interpreting.")
    )
    answers = models.JSONField(_("Answers"), default=dict, blank=True)
    consent_text = models.TextField(_("Consent text"))
    page_url = models.URLField(_("Registered on"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("Registered at"), default=timezone.now)
    moved_up_at = models.DateTimeField(_("Moved up at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("Cancelled at"), null=True, blank=True)
    cancelled_by = models.CharField(
        _("Cancelled by"), max_length=12, choices=CancelledBy.choices, blank=True
    )
    reminded_at = models.DateTimeField(_("Reminder sent at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("Personal data removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("Registration")
        verbose_name_plural = _("Registrations")
        # The order the database saw them in: the waiting list moves up in it.
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_list", "email"],
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="registration_one_seat_per_address",
            )
        ]

    def __str__(self):
        return self.name or str(_("(removed)"))

    @staticmethod
    def normalise(email):
        return email.strip().lower()

    def waiting_place(self):
        """1 for the first person waiting; None for anyone not on the waiting list."""
        if self.status != self.Status.WAITING:
            return None
        ahead = Registration.objects.filter(
            registration_list_id=self.registration_list_id,
            status=self.Status.WAITING,
            pk__lt=self.pk,
        )
        return ahead.count() + 1
