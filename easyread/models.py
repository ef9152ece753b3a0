"""Easy-read pages: Leichte Sprache on the German site, FALC on the French one.

An easy-read text is written for its readers in its own language, to the
rules of that language's easy-read movement; it is not a translation of the
other town's. So the page type is written separately per language (see
``translated_separately`` below) and the German and French pages are tied
to each other through a field of their own, for the language switcher and
for search engines.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from easyread.blocks import EasyReadStreamBlock
from pagecache.routing import RememberedPrivacyMixin
from safetext.single_line import SingleLineFieldsMixin


class EasyReadPage(SingleLineFieldsMixin, RememberedPrivacyMixin, Page):
    """Content in Leichte Sprache or FALC, with an optional sign-language video."""

    #: Written once per language, never translated: the status board does not
    #: count it, wagtail-localize does not offer to translate it, and the
    #: switcher and hreflang use ``language_counterpart()``.
    translated_separately = True

    body = StreamField(EasyReadStreamBlock(), verbose_name=_("Content"), blank=True)
    counterpart = models.ForeignKey(
        "easyread.EasyReadPage",
        verbose_name=_("The same page in the other language"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The easy-read page of the partner town that says the same. The language switcher "
            "and search engines lead from one to the other. Setting it on one of the two "
            "pages is enough."
        ),
    )
    sign_language_video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Sign language video"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A video file (MP4 or WebM). Visitors can watch it and download it."),
    )
    sign_language_video_url = models.URLField(
        _("or a link to the video"),
        blank=True,
        help_text=_("Where the video is published elsewhere, if it is not uploaded here."),
    )
    sign_language_video_duration = models.DurationField(
        _("Length of the video"),
        null=True,
        blank=True,
        help_text=_("For example 0:03:20 for three minutes and twenty seconds."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("sign_language_video"),
                FieldPanel("sign_language_video_url"),
                FieldPanel("sign_language_video_duration"),
            ],
            heading=_("Sign language"),
        ),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("counterpart")]

    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.HomePage", "easyread.EasyReadPage"]
    subpage_types = ["easyread.EasyReadPage"]

    class Meta:
        verbose_name = _("Easy-read page")
        verbose_name_plural = _("Easy-read pages")

    def clean(self):
        super().clean()
        counterpart = self.counterpart
        if counterpart is not None and self.locale_id and counterpart.locale_id == self.locale_id:
            raise ValidationError(
                {"counterpart": _("Choose the page in the other language, not one in this one.")}
            )
        if self.sign_language_video_id and self.sign_language_video_url:
            raise ValidationError(
                {
                    "sign_language_video_url": _(
                        "Upload the video or link to it, not both: visitors should find one video."
                    )
                }
            )

    def language_counterpart(self):
        """The live page in the other language that says the same, or None.

        Either page may name the other; the one named here wins.
        """
        if "_language_counterpart" not in self.__dict__:
            counterpart = None
            if self.counterpart_id:
                counterpart = EasyReadPage.objects.live().filter(pk=self.counterpart_id).first()
            if counterpart is None and self.pk:
                counterpart = (
                    EasyReadPage.objects.live()
                    .filter(counterpart_id=self.pk)
                    .exclude(locale_id=self.locale_id)
                    .order_by("path")
                    .first()
                )
            self._language_counterpart = counterpart
        return self._language_counterpart

    def sign_language_video_details(self):
        """What the download link says about the file: its type, size and length."""
        document = self.sign_language_video
        return {
            "extension": document.file_extension.upper() if document else "",
            "size": document.get_file_size() if document else None,
            "duration": self.sign_language_video_duration,
        }
