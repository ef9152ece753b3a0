"""Newsletter issues: an intro and an ordered list of content pages, in one or two languages.

An issue is a page like any other, so wagtail-localize makes its French
version from the German one (or the other way round). Only the title and the
intro are text to translate: the language mode and the list of items are the
same in every version, so they are synchronised.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.models.pages import ContentPage
from emails.email_policy import email_html_response
from emails.routes import EmailRoutesMixin
from newsletter.issue_panels import IssueNoticesPanel
from pagecache.routing import RememberedPrivacyMixin
from safetext.single_line import SingleLineFieldsMixin
from translation.models import MachineTranslationNoticeMixin

CONTENT_PAGE_TYPES = [
    "partnership.DelegationReportPage",
    "partnership.WorkshopPage",
    "exhibitions.ExhibitionPage",
    "exhibitions.ArtistExchangePage",
]


class LanguageMode(models.TextChoices):
    GERMAN = "de", _("German only")
    FRENCH = "fr", _("French only")
    BILINGUAL_SIDE = "bilingual_side", _("Bilingual, side by side")
    BILINGUAL_STACKED = "bilingual_stacked", _("Bilingual, one language after the other")


class ItemFormat(models.TextChoices):
    TEASER = "teaser", _("Teaser: image, title, summary and a link")
    FULL = "full", _("Full page")


class NewsletterIndexPage(
    SingleLineFieldsMixin, MachineTranslationNoticeMixin, RememberedPrivacyMixin, Page
):
    """The newsletter section of one language: past issues, newest first."""

    intro = RichTextField(_("Introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count_per_parent = 1
    per_page = 24

    class Meta:
        verbose_name = _("Newsletter index")
        verbose_name_plural = _("Newsletter indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        issues = (
            NewsletterIssuePage.objects.child_of(self)
            .live()
            .public()
            .order_by("-issue_date", "-first_published_at")
        )
        context["issues"] = Paginator(issues, self.per_page).get_page(request.GET.get("page"))
        return context


class NewsletterIssuePage(
    SingleLineFieldsMixin,
    MachineTranslationNoticeMixin,
    RememberedPrivacyMixin,
    EmailRoutesMixin,
    Page,
):
    """One issue of the newsletter, as an e-mail (HTML and text) and as a web page."""

    issue_date = models.DateField(_("Issue date"), default=timezone.localdate)
    intro = RichTextField(
        _("Introduction"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("A few words of welcome above the items."),
    )
    language_mode = models.CharField(
        _("Languages"),
        max_length=20,
        choices=LanguageMode.choices,
        default=LanguageMode.GERMAN,
        help_text=_(
            "A bilingual issue shows every item in German and in French, for readers in both towns."
        ),
    )

    content_panels = Page.content_panels + [
        IssueNoticesPanel(heading=_("E-mail")),
        FieldRowPanel([FieldPanel("issue_date"), FieldPanel("language_mode")]),
        FieldPanel("intro"),
        InlinePanel(
            "items",
            heading=pgettext_lazy("newsletter", "Items"),
            label=pgettext_lazy("newsletter", "Item"),
            min_num=1,
        ),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    # The same mode and the same pages in every language; only the text is translated.
    override_translatable_fields = [
        SynchronizedField("language_mode", overridable=False),
        SynchronizedField("items", overridable=False),
        SynchronizedField("issue_date"),
    ]

    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []

    preview_modes = [("", _("Web version")), ("email", _("E-mail"))]

    class Meta:
        verbose_name = _("Newsletter issue")
        verbose_name_plural = _("Newsletter issues")

    @property
    def is_bilingual(self):
        # Not "bilingual": the language switcher offers a page's bilingual/ route by that name.
        return self.language_mode in (LanguageMode.BILINGUAL_SIDE, LanguageMode.BILINGUAL_STACKED)

    def compose(self):
        from newsletter.issue import compose

        return compose(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issue"] = self.compose()
        return context

    def render_email(self, request=None, fmt=None, unsubscribe_url=None):
        """The issue as its one e-mail, served by ``email/`` and ``email.txt`` too."""
        from newsletter.issue import issue_email

        return issue_email(self, request, unsubscribe_url=unsubscribe_url)

    def serve_preview(self, request, mode_name):
        if mode_name == "email":
            return email_html_response(self.render_email(request).html)
        return super().serve_preview(request, mode_name)

    def get_admin_display_title(self):
        title = super().get_admin_display_title()
        if self.issue_date:
            return f"{title} ({self.issue_date:%Y-%m-%d})"
        return title


class NewsletterIssueItem(Orderable):
    """One content page in an issue, with how much of it the e-mail shows.

    The link survives the page: when it is deleted the link is emptied, and
    the issue leaves the item out and tells the editor.
    """

    issue = ParentalKey(NewsletterIssuePage, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    format = models.CharField(
        _("Format"), max_length=10, choices=ItemFormat.choices, default=ItemFormat.TEASER
    )

    panels = [PageChooserPanel("page", page_type=CONTENT_PAGE_TYPES), FieldPanel("format")]

    class Meta(Orderable.Meta):
        verbose_name = _("Newsletter item")
        verbose_name_plural = _("Newsletter items")

    def clean(self):
        super().clean()
        if self.page_id and not issubclass(self.page.specific_class, ContentPage):
            raise ValidationError(
                {"page": _("Choose a delegation report, workshop, exhibition or artist exchange.")}
            )
