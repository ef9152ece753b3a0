from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import SiteIdentity


class SiteIdentityViewSet(SnippetViewSet):
    model = SiteIdentity
    icon = "site"
    menu_label = _("Site identity")
    add_to_settings_menu = True
    list_display = ["site_name", "organisation", "email"]
    search_fields = ["site_name", "organisation"]


register_snippet(SiteIdentityViewSet)
