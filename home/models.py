from django import forms
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index
from wagtail_honeypot.models import HoneypotFormMixin, HoneypotFormSubmissionMixin
from wagtail_localize.fields import SynchronizedField

from accounts.public_forms import too_many_posts
from core.blocks import BodyStreamBlock
from core.feeds import FeedRoutesMixin
from core.models.pages import (
    FEED_LENGTH,
    SOCIAL_RENDITION,
    TEASER_RENDITIONS,
    PassThroughRouteMixin,
    ViewRestrictionsInOneQueryMixin,
    attach_images,
    teaser_columns,
    teasers,
)
from exhibitions.models import ArtistExchangePage, ExhibitionPage
from pagecache.routing import RememberedPrivacyMixin, RememberedRoutesMixin
from partnership.models import DelegationReportPage, PartnerCity, WorkshopPage
from safetext.single_line import SingleLineFieldsMixin, single_line
from translation.models import MachineTranslationNoticeMixin

FORM_RATE = "5/h"  # per address; enough for people, too few for a spam run


COAT_OF_ARMS_RENDITIONS = [f"format-{f}|max-120x120" for f in ("avif", "webp", "png")]
# The hero's picture (home/home_page.html) and its link preview (SOCIAL_RENDITION): an
# image with prefetched renditions looks nowhere else, so each one it shows is named.
HERO_RENDITIONS = [
    f"format-{f}|fill-{size}" for f in ("avif", "webp", "jpeg") for size in ("800x400", "1600x600")
]


class HomePage(
    SingleLineFieldsMixin,
    MachineTranslationNoticeMixin,
    RememberedRoutesMixin,
    RememberedPrivacyMixin,
    ViewRestrictionsInOneQueryMixin,
    FeedRoutesMixin,
    RoutablePageMixin,
    PassThroughRouteMixin,
    Page,
):
    """The start page of one language's tree.

    The German home page is the site's root page; each other language has its
    own home page as a wagtail-localize translation beside it, so that Wagtail
    serves ``/fr/`` from the French tree.
    """

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_text = models.CharField(
        _("Hero text"),
        max_length=255,
        blank=True,
        help_text=_("One sentence under the title, shown over the hero image."),
    )
    intro = RichTextField(_("Introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyStreamBlock(), verbose_name=_("Body"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_text")],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.SectionPage",
        "home.FormPage",
        "partnership.DelegationReportIndexPage",
        "partnership.WorkshopIndexPage",
        "exhibitions.ExhibitionIndexPage",
        "exhibitions.ArtistExchangeIndexPage",
        "newsletter.NewsletterIndexPage",
        "subscribers.SubscribePage",
        "accessibility.AccessibilityStatementPage",
        "easyread.EasyReadPage",
    ]

    class Meta:
        verbose_name = _("Home page")
        verbose_name_plural = _("Home pages")

    def _teasers(self, model, *, order, limit=3, related=(), **filters):
        return list(
            teaser_columns(teasers(model.objects.descendant_of(self), images=False))
            .filter(**filters)
            .select_related(*related)
            .order_by(*order)[:limit]
        )

    def feed_items(self):
        """The newest pages of every section, for the language's site-wide feed."""
        pages = []
        private = Page.objects.private_q()
        for model in (DelegationReportPage, WorkshopPage, ExhibitionPage, ArtistExchangePage):
            pages.extend(
                teasers(model.objects.descendant_of(self), private).order_by("-first_published_at")[
                    :FEED_LENGTH
                ]
            )
        pages.sort(key=lambda page: page.first_published_at, reverse=True)
        return pages[:FEED_LENGTH]

    def feed_description(self):
        return self.hero_text

    def get_context(self, request, *args, **kwargs):
        """The latest of every section in this home page's language."""
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        lists = {
            "upcoming_workshops": self._teasers(WorkshopPage, order=["start"], end__gte=now),
            "upcoming_exhibitions": self._teasers(
                ExhibitionPage,
                order=["opening"],
                related=["city"],
                closing_date__gte=timezone.localdate(),
            ),
            "latest_reports": self._teasers(
                DelegationReportPage, order=["-start_date"], related=["from_city", "to_city"]
            ),
            "latest_exchanges": self._teasers(
                ArtistExchangePage, order=["-first_published_at"], related=["proposed_by"]
            ),
        }
        cities = list(
            PartnerCity.objects.filter(locale_id=self.locale_id).order_by("partner_since", "name")
        )
        # Every image the page shows, with the renditions of the cards and the coats of arms.
        attach_images(
            [
                (self, "hero_image"),
                *((item, "teaser_image") for items in lists.values() for item in items),
                *((city, "coat_of_arms") for city in cities),
            ],
            [*TEASER_RENDITIONS, *COAT_OF_ARMS_RENDITIONS, *HERO_RENDITIONS, SOCIAL_RENDITION],
        )
        context.update(lists, partner_cities=cities)
        return context


class SiteIdentity(SingleLineFieldsMixin, TranslatableMixin, models.Model):
    """The partnership's name and contact details, one record per language.

    Wagtail's settings are not translatable, so the header title and the
    footer's contact box live in a translatable snippet instead. Nothing about
    a particular pair of towns is written into code or templates.
    """

    site_name = models.CharField(_("Site name"), max_length=120)
    tagline = models.CharField(_("Tagline"), max_length=200, blank=True)
    contact_heading = models.CharField(_("Contact heading"), max_length=120, blank=True, default="")
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    address = models.TextField(_("Postal address"), blank=True)
    email = models.EmailField(_("E-mail"), blank=True)
    phone = models.CharField(_("Phone"), max_length=40, blank=True)
    footer_note = models.TextField(
        _("Footer note"),
        blank=True,
        help_text=_("For example who funds the site or when the office is open."),
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("tagline"),
        MultiFieldPanel(
            [
                FieldPanel("contact_heading"),
                FieldPanel("organisation"),
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("footer_note"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Site identity")
        verbose_name_plural = _("Site identity")

    def __str__(self):
        return self.site_name

    @classmethod
    def for_active_locale(cls, active=None):
        """The record in the visitor's language, else the default language's.

        ``active`` is the active Locale where the caller has it already.
        """
        active = active or Locale.get_active()
        records = {record.locale_id: record for record in cls.objects.all()}
        if active.pk in records:
            return records[active.pk]
        default = Locale.get_default()
        return records.get(default.pk) or next(iter(records.values()), None)


class StandardPage(
    SingleLineFieldsMixin, MachineTranslationNoticeMixin, RememberedPrivacyMixin, Page
):
    """A plain page: about the partnership, legal notice, privacy policy."""

    intro = models.TextField(_("Introduction"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("Body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage", "home.SectionPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("Standard page")
        verbose_name_plural = _("Standard pages")


class SectionPage(SingleLineFieldsMixin, RememberedPrivacyMixin, Page):
    """A generic section: standard pages and further sections, listed under an introduction.

    The section indexes (reports, workshops, ...) hold only their own page type
    and sit only under the home page; a section page holds plain pages at any
    depth, for example a folder of a site moved from Plone.
    """

    intro = RichTextField(_("Introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyStreamBlock(), verbose_name=_("Body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.SectionPage"]
    subpage_types = ["home.StandardPage", "home.SectionPage"]
    template = "home/section_page.html"

    class Meta:
        verbose_name = _("Section page")
        verbose_name_plural = _("Section pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = list(self.get_children().live().public())
        return context


class FormField(SingleLineFieldsMixin, TranslatableMixin, AbstractFormField):
    """A field of a public form; its label, help text and choices are translated."""

    page = ParentalKey("home.FormPage", on_delete=models.CASCADE, related_name="form_fields")

    # Answers are stored under clean_name: the same key in every language.
    override_translatable_fields = [SynchronizedField("clean_name", overridable=False)]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("Form field")
        verbose_name_plural = _("Form fields")


# What a form field of a given kind asks, as an autocomplete token.
AUTOCOMPLETE = {forms.EmailField: "email", forms.URLField: "url"}


class FormPage(
    SingleLineFieldsMixin,
    MachineTranslationNoticeMixin,
    HoneypotFormMixin,
    HoneypotFormSubmissionMixin,
):
    """A contact or registration form built in the admin, one page per language.

    Every submission is stored and mailed to ``to_address``, which each
    language's page sets for its own town. A consent box is always added, a
    honeypot catches simple bots, and each address may send a few forms an hour.
    """

    intro = RichTextField(_("Introduction"), blank=True, features=["bold", "italic", "link"])
    thank_you_text = RichTextField(
        _("Thank-you text"), blank=True, features=["bold", "italic", "link"]
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the consent box under the form."),
    )

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        FieldPanel("privacy_page"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
                FieldPanel("honeypot"),
            ],
            heading=_("E-mail"),
        ),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Form page")
        verbose_name_plural = _("Form pages")

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        # Browsers and password managers may fill in what they know (WCAG 1.3.5, 3.3.7).
        for field in form.fields.values():
            for kind, token in AUTOCOMPLETE.items():
                if isinstance(field, kind):
                    field.widget.attrs.setdefault("autocomplete", token)
        form.fields["consent"] = forms.BooleanField(
            label=_("I agree that my details are stored and used to answer me."),
            error_messages={"required": _("Please agree, so that we may answer you.")},
        )
        return form

    def get_submissions_list_view_class(self):
        """The submissions listing whose CSV keeps visitors' answers as text.

        Wagtail's admin views load only once the models have, so this is
        imported when the listing is asked for, not with this module.
        """
        from home.form_submissions import SubmissionsListView

        return SubmissionsListView

    def send_mail(self, form):
        """Wagtail's notice to the town, with the subject on one line.

        A subject stored with a line break would make Django refuse the
        header, and the visitor would get a server error for the editor's
        subject (the page editor refuses it now; this keeps older pages safe).
        """
        addresses = [address.strip() for address in self.to_address.split(",")]
        send_mail(single_line(self.subject), self.render_email(form), addresses, self.from_address)

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and too_many_posts(request, "public-forms", FORM_RATE):
            response = TemplateResponse(
                request, "home/form_page_limited.html", self.get_context(request)
            )
            response.status_code = 429
            return response
        return super().serve(request, *args, **kwargs)
