import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
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

from core.calendar import (
    CalendarEventMixin,
    CalendarIndexMixin,
    Phase,
    base_event,
    event_location,
)
from core.dates import format_date_range
from core.models.links import AssociationLink, CityLink, FundingLink, LinkBase
from core.models.pages import ContentPage, IndexPage, shown_when_used, teaser_columns, teasers
from core.models.records import SharedRecord
from exhibitions.blocks import PhaseStreamBlock, WorksStreamBlock
from registrations.models import RegistrableEvent


class Artist(SharedRecord):
    name = models.CharField(_("Name"), max_length=160)
    city = models.ForeignKey(
        "partnership.PartnerCity",
        verbose_name=_("Town"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="artists",
    )
    discipline = models.CharField(_("Discipline"), max_length=120, blank=True)
    biography = models.TextField(_("Short biography"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    override_translatable_fields = [SynchronizedField("name")]

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("discipline")]),
        FieldPanel("biography"),
        FieldPanel("website"),
        FieldPanel("portrait"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("discipline"),
        index.SearchField("biography"),
        index.FilterField("city"),
        index.FilterField("locale"),
    ]

    class Meta(SharedRecord.Meta):
        verbose_name = _("Artist")
        verbose_name_plural = _("Artists")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ArtistLink(LinkBase):
    artist = models.ForeignKey(
        Artist, verbose_name=_("Artist"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("artist")]

    class Meta(LinkBase.Meta):
        abstract = True


class ExchangeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


class ArtistExchangePage(ContentPage):
    """Artists of both towns working and exhibiting together."""

    teaser_fields = ("status", "start_date", "end_date", "proposed_by")

    status = models.CharField(
        _("Status"), max_length=20, choices=ExchangeStatus.choices, default=ExchangeStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        "partnership.Association",
        verbose_name=_("Proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start_date = models.DateField(_("Starts"), null=True, blank=True)
    end_date = models.DateField(_("Ends"), null=True, blank=True)
    phases = StreamField(PhaseStreamBlock(), verbose_name=_("Phases"), blank=True)
    call_deadline = models.DateField(_("Application deadline"), null=True, blank=True)
    call_how_to_apply = RichTextField(
        _("How to apply"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )

    content_panels = ContentPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("proposed_by"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("The exchange"),
        ),
        InlinePanel("towns", heading=_("Towns"), label=_("Town")),
        InlinePanel("artists", heading=_("Participating artists"), label=_("Artist")),
        *ContentPage.teaser_panels,
        FieldPanel("body"),
        FieldPanel("phases"),
        MultiFieldPanel(
            [FieldPanel("call_deadline"), FieldPanel("call_how_to_apply")],
            heading=_("Call for artists"),
        ),
        InlinePanel("funding", heading=_("Funding"), label=_("Funding programme")),
        FieldPanel("contact_person"),
    ]

    search_fields = ContentPage.search_fields + [
        index.SearchField("call_how_to_apply"),
        index.FilterField("status"),
    ]

    bilingual_fields = ("summary", "body", "phases", "call_how_to_apply")
    route_related = (*ContentPage.route_related, "proposed_by")
    link_relations = {
        "towns": ["city"],
        "artists": ["artist__city"],
        "funding": ["programme"],
    }

    parent_page_types = ["exhibitions.ArtistExchangeIndexPage"]
    subpage_types = []
    template = "exhibitions/artist_exchange_page.html"

    class Meta:
        verbose_name = _("Artist exchange")
        verbose_name_plural = _("Artist exchanges")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The exchange cannot end before it starts.")})

    @property
    def call_open(self):
        if not self.call_how_to_apply or self.status == ExchangeStatus.COMPLETED:
            return False
        return self.call_deadline is None or self.call_deadline >= timezone.localdate()

    @property
    def teaser_meta(self):
        parts = [self.get_status_display()]
        if self.start_date:
            parts.append(format_date_range(self.start_date, self.end_date))
        if self.proposed_by_id:
            parts.append(self.proposed_by.name)
        return " · ".join(parts)

    def resulting_exhibitions(self):
        """Exhibitions that name this exchange, in this page's language.

        The link is stored once, on the exhibition. Page links are synchronised
        between languages, so it may point at this exchange in either language.
        """
        return teaser_columns(
            teasers(ExhibitionPage.objects.all())
            .filter(
                locale_id=self.locale_id,
                related_exchange__translation_key=self.translation_key,
            )
            .select_related("city")
            .order_by("opening")
        )


class ExchangeTown(CityLink):
    page = ParentalKey(ArtistExchangePage, on_delete=models.CASCADE, related_name="towns")

    class Meta(CityLink.Meta):
        verbose_name = _("Artist exchange town")
        verbose_name_plural = _("Artist exchange towns")


class ExchangeArtist(ArtistLink):
    page = ParentalKey(ArtistExchangePage, on_delete=models.CASCADE, related_name="artists")

    class Meta(ArtistLink.Meta):
        verbose_name = _("Artist in the exchange")
        verbose_name_plural = _("Artists in the exchange")


class ExchangeFundingLink(FundingLink):
    page = ParentalKey(ArtistExchangePage, on_delete=models.CASCADE, related_name="funding")

    class Meta(FundingLink.Meta):
        verbose_name = _("Funding of the artist exchange")
        verbose_name_plural = _("Funding of the artist exchange")


class ExhibitionPage(CalendarEventMixin, RegistrableEvent, ContentPage):
    """An exhibition, with its opening, its works and where it came from."""

    teaser_fields = ("opening", "closing_date", "city")

    opening = models.DateTimeField(_("Opening (vernissage)"))
    closing_date = models.DateField(_("Last day"))
    venue_name = models.CharField(_("Venue"), max_length=200)
    venue_address = models.CharField(_("Street address"), max_length=200, blank=True)
    city = models.ForeignKey(
        "partnership.PartnerCity",
        verbose_name=_("Town"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    latitude = models.DecimalField(
        _("Latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("Longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    opening_hours = models.TextField(_("Opening hours"), blank=True)
    admission = models.CharField(_("Admission"), max_length=200, blank=True)
    works = StreamField(WorksStreamBlock(), verbose_name=_("Works"), blank=True)
    related_exchange = models.ForeignKey(
        ArtistExchangePage,
        verbose_name=_("Artist exchange"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    related_report = models.ForeignKey(
        "partnership.DelegationReportPage",
        verbose_name=_("Delegation report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = ContentPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opening"), FieldPanel("closing_date")]),
                FieldPanel("venue_name"),
                FieldRowPanel([FieldPanel("venue_address"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("opening_hours"),
                FieldPanel("admission"),
            ],
            heading=_("When and where"),
        ),
        *ContentPage.teaser_panels,
        InlinePanel("organisers", heading=_("Organisers"), label=_("Organiser")),
        InlinePanel("artists", heading=_("Artists"), label=_("Artist")),
        MultiFieldPanel(
            RegistrableEvent.registration_panels, heading=_("Registration for the opening")
        ),
        FieldPanel("body"),
        FieldPanel("works"),
        FieldPanel("related_exchange"),
        FieldPanel("related_report"),
        FieldPanel("contact_person"),
    ]

    search_fields = ContentPage.search_fields + [
        index.SearchField("venue_name"),
        index.SearchField("works"),
        index.FilterField("opening"),
    ]

    bilingual_fields = ("summary", "opening_hours", "admission", "body", "works")
    # Not the related exchange and report: their links need only what ``pages_in_language`` reads.
    route_related = (*ContentPage.route_related, "city")
    link_relations = {"organisers": ["association__city"], "artists": ["artist__city"]}
    override_translatable_fields = [SynchronizedField("venue_address")]

    parent_page_types = ["exhibitions.ExhibitionIndexPage"]
    subpage_types = []
    template = "exhibitions/exhibition_page.html"

    class Meta:
        verbose_name = _("Exhibition")
        verbose_name_plural = _("Exhibitions")

    def clean(self):
        super().clean()
        if (
            self.opening
            and self.closing_date
            and self.closing_date < timezone.localdate(self.opening)
        ):
            raise ValidationError(
                {"closing_date": _("The exhibition cannot close before it opens.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["background"] = shown_when_used(
            lambda: self.pages_in_language([self.related_exchange_id, self.related_report_id])
        )
        return context

    structured_data_type = "ExhibitionEvent"

    def structured_data(self, request):
        data = super().structured_data(request)
        data.update(
            startDate=self.opening.isoformat(),
            endDate=self.closing_date.isoformat(),
            eventStatus="https://schema.org/EventScheduled",
            eventAttendanceMode="https://schema.org/OfflineEventAttendanceMode",
            location=event_location(self.venue_name, self.venue_address, self.city.name),
            organizer=[
                {"@type": "Organization", "name": link.association.name}
                for link in self.links["organisers"]
            ],
        )
        artists = [link.artist.name for link in self.links["artists"]]
        if artists:
            data["performer"] = [{"@type": "Person", "name": name} for name in artists]
        return data

    def calendar_events(self, request):
        """The whole run as a day event, and the opening evening with its time."""
        where = ", ".join(
            part for part in [self.venue_name, self.venue_address, self.city.name] if part
        )
        run = base_event(self, request)
        run.add("dtstart", timezone.localdate(self.opening))
        run.add("dtend", self.closing_date + datetime.timedelta(days=1))
        run.add("location", where)
        opening = base_event(self, request, uid_suffix="opening")
        opening.pop("summary")
        opening.add("summary", _("Opening: %(title)s") % {"title": self.title})
        opening.add("dtstart", self.opening.astimezone(datetime.UTC))
        opening.add("dtend", (self.opening + datetime.timedelta(hours=2)).astimezone(datetime.UTC))
        opening.add("location", where)
        return [run, opening]

    def registration_event_times(self):
        """People register for the opening evening, two hours as in the calendar file."""
        return self.opening, self.opening + datetime.timedelta(hours=2)

    def registration_location(self):
        return ", ".join(
            part for part in [self.venue_name, self.venue_address, self.city.name] if part
        )

    @property
    def phase(self):
        today = timezone.localdate()
        if self.closing_date < today:
            return "past"
        if timezone.localdate(self.opening) > today:
            return "upcoming"
        return "current"

    @property
    def teaser_meta(self):
        return f"{format_date_range(self.opening, self.closing_date)} · {self.city}"


class ExhibitionOrganiser(AssociationLink):
    page = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="organisers")

    class Meta(AssociationLink.Meta):
        verbose_name = _("Exhibition organiser")
        verbose_name_plural = _("Exhibition organisers")


class ExhibitionArtist(ArtistLink):
    page = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="artists")

    class Meta(ArtistLink.Meta):
        verbose_name = _("Exhibiting artist")
        verbose_name_plural = _("Exhibiting artists")


class ExhibitionIndexPage(CalendarIndexMixin, IndexPage):
    """Exhibitions: on now, then coming up, then past."""

    child_model = ExhibitionPage
    year_field = "opening"
    town_fields = ("city",)
    related_fields = ("city",)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["exhibitions.ExhibitionPage"]
    max_count_per_parent = 1
    template = "exhibitions/exhibition_index_page.html"

    class Meta:
        verbose_name = _("Exhibition index")
        verbose_name_plural = _("Exhibition indexes")

    def phases(self):
        # The same rule as ExhibitionPage.phase: whole local days.
        today = timezone.localdate()
        return [
            # On now, closing soonest first; coming up, opening soonest first; past, latest first.
            Phase(Q(closing_date__gte=today, opening__date__lte=today), "closing_date"),
            Phase(Q(closing_date__gte=today, opening__date__gt=today), "opening"),
            Phase(Q(closing_date__lt=today), "opening", descending=True),
        ]


class ArtistExchangeIndexPage(IndexPage):
    """Artist exchanges grouped by status: running, planned, proposed, completed."""

    child_model = ArtistExchangePage
    year_field = "start_date"
    town_fields = ("towns__city",)
    related_fields = ("proposed_by",)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["exhibitions.ArtistExchangePage"]
    max_count_per_parent = 1
    template = "exhibitions/artist_exchange_index_page.html"

    STATUS_ORDER = [
        ExchangeStatus.RUNNING,
        ExchangeStatus.PLANNED,
        ExchangeStatus.PROPOSED,
        ExchangeStatus.COMPLETED,
    ]

    class Meta:
        verbose_name = _("Artist exchange index")
        verbose_name_plural = _("Artist exchange indexes")

    def order(self, items):
        rank = Case(
            *[When(status=status, then=Value(i)) for i, status in enumerate(self.STATUS_ORDER)],
            output_field=IntegerField(),
        )
        return items.annotate(status_rank=rank).order_by(
            "status_rank", F("start_date").desc(nulls_last=True), "title"
        )
