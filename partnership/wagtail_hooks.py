from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from partnership.models import Association, ContactPerson, FundingProgramme, PartnerCity


class PartnerCityViewSet(SnippetViewSet):
    model = PartnerCity
    icon = "site"
    menu_label = _("Partner cities")
    list_display = ["name", "country", "region", "partner_since"]
    list_filter = ["country"]


class AssociationViewSet(SnippetViewSet):
    model = Association
    icon = "group"
    menu_label = _("Associations")
    list_display = ["name", "kind", "city", "website"]
    list_filter = ["kind", "city"]


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = _("Contact people")
    list_display = ["name", "role", "organisation", "email"]
    list_filter = ["organisation"]


class FundingProgrammeViewSet(SnippetViewSet):
    model = FundingProgramme
    icon = "tag"
    menu_label = _("Funding programmes")
    list_display = ["name", "funder"]


class PartnershipGroup(SnippetViewSetGroup):
    menu_label = _("Partnership")
    menu_icon = "globe"
    menu_order = 200
    items = [PartnerCityViewSet, AssociationViewSet, ContactPersonViewSet, FundingProgrammeViewSet]


register_snippet(PartnershipGroup)
