"""Orderable links from a page to shared records.

wagtail-localize ignores ParentalManyToManyField, so pages link to snippets
through these small orderable models. Each is translatable: in a French page
the link points at the French record, which wagtail-localize re-points when it
creates or syncs the translation.
"""

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Orderable, TranslatableMixin


def in_sort_order(rows):
    """A page's links as a list, in the order the editors gave them.

    Sorted here, not by the database: to compile an ORDER BY, Django hashes the
    expression of every selected column (``BaseExpression.identity`` binds a
    signature for each), about a third of what a list of links with its records
    cost. A page has a handful of links. Rows without a position (made
    outside the editor) come last, in the order they were made, on every database.
    A preview's links (modelcluster's ``FakeQuerySet``) are in the form's order.
    """
    if isinstance(rows, QuerySet):
        return sorted(rows.order_by(), key=_position)
    return list(rows)


def _position(row):
    return (row.sort_order is None, row.sort_order or 0, row.pk)


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
