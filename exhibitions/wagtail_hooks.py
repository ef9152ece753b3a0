from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from exhibitions.models import Artist


class ArtistViewSet(SnippetViewSet):
    model = Artist
    icon = "image"
    menu_label = _("Artists")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "discipline", "city"]
    list_filter = ["city"]


register_snippet(ArtistViewSet)
