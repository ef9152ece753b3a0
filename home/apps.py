from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page, standard and form pages, the site identity and the site's chrome."""

    name = "home"
    verbose_name = _("Home and site chrome")

    def ready(self):
        from accessibility.models import AccessibilityStatementPage
        from emails import rendering
        from embeds import routes
        from home.models import SiteIdentity
        from home.templatetags.navigation_tags import current_identity
        from pagecache.cache import shown_in_chrome, shown_on_every_page

        # The apps below home learn about the site identity and the chrome from here:
        # every footer shows both (home/templatetags/navigation_tags.py); the menu and
        # the easy-read link show pages under the home page, which pagecache finds itself.
        shown_on_every_page(SiteIdentity)
        shown_in_chrome(AccessibilityStatementPage)
        rendering.provide_site_identity(current_identity)
        routes.provide_site_identity(current_identity)
