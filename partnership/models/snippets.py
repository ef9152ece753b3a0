"""The partnership's shared records: towns, associations, people and funders.

Each is translatable: the French record is a wagtail-localize translation of
the German one (or the other way round), so a translated page points at the
record in its own language. Names of people, web addresses, e-mail addresses,
phone numbers and images are synchronised, because they do not change with
the language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.models.records import SharedRecord


class Country(models.TextChoices):
    GERMANY = "DE", _("Germany")
    FRANCE = "FR", _("France")


class PartnerCity(SharedRecord):
    name = models.CharField(_("Name"), max_length=120)
    country = models.CharField(_("Country"), max_length=2, choices=Country.choices)
    region = models.CharField(_("Region"), max_length=120, blank=True)
    partner_since = models.PositiveSmallIntegerField(
        _("Partner since (year)"), null=True, blank=True
    )
    website = models.URLField(_("Website"), blank=True)
    coat_of_arms = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Coat of arms or logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("Short description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
        FieldRowPanel([FieldPanel("partner_since"), FieldPanel("website")]),
        FieldPanel("coat_of_arms"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("region"),
        index.FilterField("country"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Partner city")
        verbose_name_plural = _("Partner cities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Association(SharedRecord):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        TOWN_HALL = "town_hall", _("Town hall")
        AGENCY = "agency", _("Agency or office")
        SCHOOL = "school", _("School or university")
        INITIATIVE = "initiative", _("Citizens' initiative")
        FOUNDATION = "foundation", _("Foundation")
        OTHER = "other", _("Other")

    name = models.CharField(_("Name"), max_length=200)
    city = models.ForeignKey(
        PartnerCity,
        verbose_name=_("Town"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="associations",
        help_text=_("Leave empty for organisations outside the partner towns."),
    )
    town = models.CharField(
        _("Town (outside the partnership)"),
        max_length=120,
        blank=True,
        help_text=_("Only needed when the town above is empty."),
    )
    kind = models.CharField(
        _("Kind"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION
    )
    website = models.URLField(_("Website"), blank=True)
    email = models.EmailField(_("E-mail"), blank=True)
    phone = models.CharField(_("Phone"), max_length=40, blank=True)
    description = models.TextField(_("Description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    override_translatable_fields = [SynchronizedField("phone")]

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("city")]),
        FieldPanel("town"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")],
            heading=_("Contact"),
        ),
        FieldPanel("description"),
        FieldPanel("logo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("city"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Association or organisation")
        verbose_name_plural = _("Associations and organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def town_name(self):
        return self.city.name if self.city_id else self.town


class ContactPerson(SharedRecord):
    name = models.CharField(_("Name"), max_length=120)
    role = models.CharField(_("Role"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Association,
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_people",
    )
    email = models.EmailField(_("E-mail"), blank=True)
    phone = models.CharField(_("Phone"), max_length=40, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # A person's name and numbers are the same in every language.
    override_translatable_fields = [SynchronizedField("name"), SynchronizedField("phone")]

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.FilterField("organisation"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Contact person")
        verbose_name_plural = _("Contact people")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FundingProgramme(SharedRecord):
    name = models.CharField(_("Name"), max_length=200)
    funder = models.CharField(_("Funder"), max_length=200, blank=True)
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(_("Description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("funder"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("funder"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Funding programme")
        verbose_name_plural = _("Funding programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name
