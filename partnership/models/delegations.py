from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.blocks import ProgrammeStreamBlock
from core.dates import format_date_range
from core.models.links import AssociationLink, FundingLink, RelatedPageLink
from core.models.pages import ContentPage, IndexPage, shown_when_used


class DelegationReportPage(ContentPage):
    """A delegation's trip to the partner town and what it brought home."""

    teaser_fields = ("start_date", "end_date", "from_city", "to_city")

    start_date = models.DateField(_("Travel start"))
    end_date = models.DateField(_("Travel end"))
    from_city = models.ForeignKey(
        "partnership.PartnerCity",
        verbose_name=_("From"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_city = models.ForeignKey(
        "partnership.PartnerCity",
        verbose_name=_("To"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    participant_count = models.PositiveSmallIntegerField(
        _("Number of participants"), null=True, blank=True
    )
    aim = RichTextField(_("Aim of the trip"), features=["bold", "italic", "link", "ul"])
    programme = StreamField(
        ProgrammeStreamBlock(), verbose_name=_("Day-by-day programme"), blank=True
    )
    findings = RichTextField(
        _("Findings"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    outcomes = RichTextField(
        _("Outcomes"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )

    content_panels = ContentPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("from_city"), FieldPanel("to_city")]),
                FieldPanel("participant_count"),
            ],
            heading=_("The trip"),
        ),
        InlinePanel(
            "participants", heading=_("Participating organisations"), label=_("Organisation")
        ),
        *ContentPage.teaser_panels,
        FieldPanel("aim"),
        FieldPanel("programme"),
        FieldPanel("findings"),
        FieldPanel("outcomes"),
        FieldPanel("body", heading=_("Report, quotes and photos")),
        InlinePanel("funding", heading=_("Funding"), label=_("Funding programme")),
        FieldPanel("contact_person"),
        InlinePanel("related_pages", heading=_("Related pages"), label=_("Page")),
    ]

    search_fields = ContentPage.search_fields + [
        index.SearchField("aim"),
        index.SearchField("programme"),
        index.SearchField("findings"),
        index.SearchField("outcomes"),
        index.FilterField("start_date"),
    ]

    bilingual_fields = ("summary", "aim", "programme", "findings", "outcomes", "body")
    route_related = (*ContentPage.route_related, "from_city", "to_city")
    link_relations = {
        "participants": ["association__city"],
        "funding": ["programme"],
        # Only the pages' ids: ``pages_in_language`` reads what the links show.
        "related_pages": [],
    }

    parent_page_types = ["partnership.DelegationReportIndexPage"]
    subpage_types = []
    template = "partnership/delegation_report_page.html"

    class Meta:
        verbose_name = _("Delegation report")
        verbose_name_plural = _("Delegation reports")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The trip cannot end before it starts.")})
        if self.from_city_id and self.from_city_id == self.to_city_id:
            raise ValidationError({"to_city": _("Choose the town the delegation travelled to.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = shown_when_used(
            lambda: self.pages_in_language(link.page_id for link in self.links["related_pages"])
        )
        return context

    @property
    def teaser_meta(self):
        dates = format_date_range(self.start_date, self.end_date)
        return f"{dates} · {self.from_city} → {self.to_city}"


class DelegationParticipant(AssociationLink):
    page = ParentalKey(DelegationReportPage, on_delete=models.CASCADE, related_name="participants")

    class Meta(AssociationLink.Meta):
        verbose_name = _("Delegation participant")
        verbose_name_plural = _("Delegation participants")


class DelegationFundingLink(FundingLink):
    page = ParentalKey(DelegationReportPage, on_delete=models.CASCADE, related_name="funding")

    class Meta(FundingLink.Meta):
        verbose_name = _("Funding of the delegation")
        verbose_name_plural = _("Funding of the delegation")


class DelegationRelatedPage(RelatedPageLink):
    source_page = ParentalKey(
        DelegationReportPage, on_delete=models.CASCADE, related_name="related_pages"
    )

    class Meta(RelatedPageLink.Meta):
        verbose_name = _("Related page")
        verbose_name_plural = _("Related pages")


class DelegationReportIndexPage(IndexPage):
    """Delegation reports, newest trip first."""

    child_model = DelegationReportPage
    year_field = "start_date"
    town_fields = ("from_city", "to_city")
    related_fields = ("from_city", "to_city")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["partnership.DelegationReportPage"]
    max_count_per_parent = 1
    template = "partnership/delegation_report_index_page.html"

    class Meta:
        verbose_name = _("Delegation report index")
        verbose_name_plural = _("Delegation report indexes")

    def order(self, items):
        return items.order_by("-start_date", "-end_date")
