import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import AgendaStreamBlock, DocumentStreamBlock
from core.calendar import (
    CalendarEventMixin,
    CalendarIndexMixin,
    Phase,
    base_event,
    event_location,
)
from core.dates import format_event_time
from core.models.links import AssociationLink
from core.models.pages import ContentPage, IndexPage, shown_when_used
from registrations.models import RegistrableEvent

LIST_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class WorkshopPage(CalendarEventMixin, RegistrableEvent, ContentPage):
    """A workshop: announced before, documented after.

    Whether it is upcoming or past follows from its dates; it is never stored.
    """

    teaser_fields = ("start", "end", "venue_town", "format")

    start = models.DateTimeField(_("Starts"))
    end = models.DateTimeField(_("Ends"))
    format = models.CharField(
        _("Format"), max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue_name = models.CharField(_("Venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("Street address"), max_length=200, blank=True)
    venue_town = models.CharField(_("Town"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("Latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("Longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    online_url = models.URLField(_("Online meeting link"), blank=True)
    moderators = models.CharField(_("Moderation"), max_length=250, blank=True)
    audience = models.CharField(_("Audience"), max_length=250, blank=True)
    registration_url = models.URLField(_("Registration link"), blank=True)
    registration_email = models.EmailField(_("Registration e-mail"), blank=True)
    agenda = StreamField(AgendaStreamBlock(), verbose_name=_("Agenda"), blank=True)
    topics = RichTextField(_("Topics"), blank=True, features=LIST_FEATURES)
    questions = RichTextField(_("Questions discussed"), blank=True, features=LIST_FEATURES)
    results = RichTextField(
        _("Results"),
        blank=True,
        features=LIST_FEATURES,
        help_text=_("Fill in after the workshop."),
    )
    documents = StreamField(DocumentStreamBlock(), verbose_name=_("Documents"), blank=True)
    follow_up = models.ForeignKey(
        "partnership.WorkshopPage",
        verbose_name=_("Follow-up workshop"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = ContentPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("format"),
                FieldPanel("venue_name"),
                FieldRowPanel([FieldPanel("venue_address"), FieldPanel("venue_town")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("online_url"),
            ],
            heading=_("When and where"),
        ),
        *ContentPage.teaser_panels,
        MultiFieldPanel(
            [FieldPanel("moderators"), FieldPanel("audience")],
            heading=_("People"),
        ),
        InlinePanel("organisers", heading=_("Organisers"), label=_("Organiser")),
        MultiFieldPanel(
            [
                *RegistrableEvent.registration_panels,
                FieldRowPanel([FieldPanel("registration_url"), FieldPanel("registration_email")]),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("agenda"),
        FieldPanel("topics"),
        FieldPanel("questions"),
        FieldPanel("results"),
        FieldPanel("body"),
        FieldPanel("documents"),
        FieldPanel("follow_up"),
        FieldPanel("contact_person"),
    ]

    search_fields = ContentPage.search_fields + [
        index.SearchField("venue_town"),
        index.SearchField("topics"),
        index.SearchField("questions"),
        index.SearchField("results"),
        index.FilterField("start"),
    ]

    bilingual_fields = ("summary", "agenda", "topics", "questions", "results", "body")
    link_relations = {"organisers": ["association__city"]}

    # Where it happens does not change with the language; how it is described does.
    override_translatable_fields = [
        SynchronizedField("venue_address"),
        SynchronizedField("venue_town"),
    ]

    parent_page_types = ["partnership.WorkshopIndexPage"]
    subpage_types = []
    template = "partnership/workshop_page.html"

    class Meta:
        verbose_name = _("Workshop")
        verbose_name_plural = _("Workshops")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The workshop cannot end before it starts.")})
        if self.format != EventFormat.ONLINE and not (self.venue_name or self.venue_town):
            raise ValidationError({"venue_town": _("Say where the workshop takes place.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["follow_up"] = shown_when_used(
            lambda: next(iter(self.pages_in_language([self.follow_up_id])), None)
        )
        return context

    @property
    def is_upcoming(self):
        return self.end >= timezone.now()

    def registration_event_times(self):
        return self.start, self.end

    @property
    def registration_open(self):
        """Whether to show the link or address to register elsewhere."""
        if not self.is_upcoming or not (self.registration_url or self.registration_email):
            return False
        deadline = self.registration_deadline
        return deadline is None or deadline >= timezone.localdate()

    structured_data_type = "Event"

    def structured_data(self, request):
        data = super().structured_data(request)
        modes = {
            EventFormat.IN_PERSON: "OfflineEventAttendanceMode",
            EventFormat.ONLINE: "OnlineEventAttendanceMode",
            EventFormat.HYBRID: "MixedEventAttendanceMode",
        }
        data.update(
            startDate=self.start.isoformat(),
            endDate=self.end.isoformat(),
            eventStatus="https://schema.org/EventScheduled",
            eventAttendanceMode=f"https://schema.org/{modes[self.format]}",
            location=event_location(self.venue_name, self.venue_address, self.venue_town),
            organizer=[
                {"@type": "Organization", "name": link.association.name}
                for link in self.links["organisers"]
            ],
        )
        if self.format != EventFormat.IN_PERSON and self.online_url:
            data["location"] = [
                data["location"],
                {"@type": "VirtualLocation", "url": self.online_url},
            ]
        return data

    @property
    def location(self):
        parts = [self.venue_name, self.venue_address, self.venue_town]
        return ", ".join(part for part in parts if part) or self.online_url

    def calendar_events(self, request):
        event = base_event(self, request)
        event.add("dtstart", self.start.astimezone(datetime.UTC))
        event.add("dtend", self.end.astimezone(datetime.UTC))
        if self.location:
            event.add("location", self.location)
        return [event]

    @property
    def teaser_meta(self):
        where = self.venue_town or self.get_format_display()
        return f"{format_event_time(self.start, self.end)} · {where}"


class WorkshopOrganiser(AssociationLink):
    page = ParentalKey(WorkshopPage, on_delete=models.CASCADE, related_name="organisers")

    class Meta(AssociationLink.Meta):
        verbose_name = _("Workshop organiser")
        verbose_name_plural = _("Workshop organisers")


class WorkshopIndexPage(CalendarIndexMixin, IndexPage):
    """Workshops: upcoming ones first, soonest first; then past ones, latest first."""

    child_model = WorkshopPage
    year_field = "start"
    town_fields = ("venue_town",)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["partnership.WorkshopPage"]
    max_count_per_parent = 1
    template = "partnership/workshop_index_page.html"

    class Meta:
        verbose_name = _("Workshop index")
        verbose_name_plural = _("Workshop indexes")

    def phases(self):
        now = timezone.now()
        return [
            Phase(Q(end__gte=now), "start"),
            Phase(Q(end__lt=now), "start", descending=True),
        ]
