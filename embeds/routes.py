"""The ``embed/`` route every content page has: a card that partner sites may frame.

The card carries no script, no web font and nothing from other origins, and
its own Content-Security-Policy says so. Only the origins listed in
``EMBED_FRAME_ANCESTORS`` may frame it; every other page of the site refuses
to be framed (see ``twinsite.csp``).
"""

from urllib.parse import urlsplit

from csp.decorators import csp
from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.clickjacking import xframe_options_exempt
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

# The card's natural size; it fills whatever frame it is given.
CARD_WIDTH = 560
CARD_IMAGE_RATIO = 9 / 16
CARD_TEXT_HEIGHT = 200
CARD_IMAGE = "fill-560x315|format-jpeg"
CARD_IMAGE_2X = "fill-1120x630|format-jpeg"


def frame_ancestors():
    origins = [origin.strip() for origin in settings.EMBED_FRAME_ANCESTORS if origin.strip()]
    return origins or ["'none'"]


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def card_policy(request, image_urls):
    """The card's whole policy: its images, its inline style sheet, and who may frame it.

    The card's own origin is written out beside 'self' because consumers may
    frame it sandboxed, where a browser can stop counting it as 'self'.
    """
    origins = dict.fromkeys(_origin(url) for url in [request.build_absolute_uri("/"), *image_urls])
    return {
        "default-src": ["'none'"],
        "img-src": ["'self'", *origins],
        "style-src": ["'unsafe-inline'"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
        "frame-ancestors": frame_ancestors(),
    }


_identity_source = None


def provide_site_identity(source):
    """``source(request)`` gives the site identity of the active language.

    It is a model of ``home``, which sits above this app; home hands its
    lookup in from ``HomeConfig.ready``.
    """
    global _identity_source
    _identity_source = source


def provider(page, request):
    """The partnership's name in the page's language, and that language's home page."""
    with translation.override(page.locale.language_code):
        identity = _identity_source(request) if _identity_source is not None else None
        home = page.get_site().root_page.localized
        home_url = request.build_absolute_uri(home.get_url(request))
    return (identity.site_name if identity else settings.WAGTAIL_SITE_NAME), home_url


class EmbedRoutesMixin(RoutablePageMixin):
    def get_cached_paths(self):
        return [*super().get_cached_paths(), "embed/"]

    @path("embed/", name="embed")
    def embed(self, request):
        """The card, in the page's language.

        X-Frame-Options cannot name origins, so it is left off here and CSP
        ``frame-ancestors`` alone decides who may frame the card.
        """
        image, image_urls = None, []
        if self.teaser_image is not None:
            image = self.teaser_image.get_rendition(CARD_IMAGE)
            image_2x = self.teaser_image.get_rendition(CARD_IMAGE_2X)
            image_urls = [request.build_absolute_uri(r.url) for r in (image, image_2x)]
        with translation.override(self.locale.language_code):
            site_name, home_url = provider(self, request)
            context = {
                "page": self,
                "page_url": request.build_absolute_uri(self.get_url(request)),
                "meta": getattr(self, "teaser_meta", ""),
                "image": image,
                "image_urls": image_urls,
                "site_name": site_name,
                "home_url": home_url,
            }

        @xframe_options_exempt
        @csp(card_policy(request, image_urls))
        def card(request):
            with translation.override(self.locale.language_code):
                response = TemplateResponse(request, "embeds/card.html", context).render()
            response["X-Robots-Tag"] = "noindex"
            return response

        return card(request)
