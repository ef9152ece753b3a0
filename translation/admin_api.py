"""The admin API's page details for the translation editor: the other team's pages, read-only.

wagtail-localize's translation editor shows a synchronised page link (a
report's related pages, a page chooser block) by asking the admin API for the
page: ``/admin/api/main/pages/<id>/``, and reads its ``title``. The admin API
lists only the pages the user may explore, so a French editor translating a
German report, whose links point to German pages, got a 404, and the panel
stayed on "Fetching page information..." for good.

Here the same endpoint answers, for a page the user may not explore, what the
public site shows anyway: the id, title, language and public address of a
live page that is not behind a password, login or group restriction, marked
``"read_only": true``. Anything else is a 404 whose ``message`` (and
``title``, which is what the editor's panel shows) says the page is not one
the user may see. Pages the user may explore get Wagtail's full answer as
before; listings and the explorer's requests (with query parameters) are
Wagtail's unchanged.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.response import Response
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.models import Page


def public_page(pk):
    """The live page ``pk`` if anyone may read it on the public site, else None."""
    page = Page.objects.filter(pk=pk, live=True, depth__gt=1).select_related("locale").first()
    if page is None or page.get_view_restrictions().exists():
        return None
    return page


def read_only_details(page):
    model = page.specific_class or type(page)
    return {
        "id": page.pk,
        "title": page.title,
        "admin_display_title": page.get_admin_display_title(),
        "meta": {
            "type": f"{model._meta.app_label}.{model.__name__}",
            "locale": page.locale.language_code,
            "html_url": page.full_url,
            "live": True,
            "read_only": True,
        },
    }


class TeamPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    def detail_view(self, request, pk):
        try:
            return super().detail_view(request, pk)
        except Http404:
            page = None if request.GET else public_page(pk)
            if page is not None:
                return Response(read_only_details(page))
            message = _("This page does not exist, or it is not one you may see.")
            return Response({"message": message, "title": message}, status=404)


def replace_pages_endpoint(router):
    """``construct_admin_api``: our pages endpoint under Wagtail's name and address."""
    router.register_endpoint("pages", TeamPagesAdminAPIViewSet)
