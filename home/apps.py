from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page, standard and form pages, the site identity and the site's chrome."""

    name = "home"
    verbose_name = _("Home and site chrome")

    def ready(self):
        from emails import rendering
        from embeds import routes
        from home.models import SiteIdentity
        from home.templatetags.navigation_tags import current_identity
        from pagecache.cache import shown_on_pages

        # The apps below home learn about the site identity from here.
        shown_on_pages(SiteIdentity)
        rendering.provide_site_identity(current_identity)
        routes.provide_site_identity(current_identity)
