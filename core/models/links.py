"""Orderable links from a page to shared records.

wagtail-localize ignores ParentalManyToManyField, so pages link to snippets
through these small orderable models. Each is translatable: in a French page
the link points at the French record, which wagtail-localize re-points when it
creates or syncs the translation.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Orderable, TranslatableMixin


class LinkBase(TranslatableMixin, Orderable):
    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True


class AssociationLink(LinkBase):
    association = models.ForeignKey(
        "partnership.Association",
        verbose_name=_("Association or organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("association")]

    class Meta(LinkBase.Meta):
        abstract = True


class FundingLink(LinkBase):
    programme = models.ForeignKey(
        "partnership.FundingProgramme",
        verbose_name=_("Funding programme"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("programme")]

    class Meta(LinkBase.Meta):
        abstract = True


class CityLink(LinkBase):
    city = models.ForeignKey(
        "partnership.PartnerCity",
        verbose_name=_("Town"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("city")]

    class Meta(LinkBase.Meta):
        abstract = True


class RelatedPageLink(LinkBase):
    """A link to another page; shown in the visitor's language when translated."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("page")]

    class Meta(LinkBase.Meta):
        abstract = True
