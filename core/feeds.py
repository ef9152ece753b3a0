"""RSS for a section or a whole language: what newsletter tools turn into e-mails.

Titles are written on one line (newsletter tools make mail subjects of them),
and texts lose the control characters XML 1.0 refuses, which Django's feed
writer would otherwise answer with a server error.
"""

import re

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.html import escape
from wagtail.contrib.routable_page.models import path
from wagtail.images import get_image_model

from safetext.single_line import single_line

ENCLOSURE_RENDITION = "fill-1200x630|format-jpeg"  # the same as the social image
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(text):
    return NOT_IN_XML.sub(" ", text or "")


class PageFeed(Feed):
    """The newest pages of a section (or of several), in the section's language.

    ``pages`` is a callable so that the listing query runs only when a
    reader asks for the feed.
    """

    feed_type = Rss201rev2Feed

    def __init__(self, source, pages, *, description=""):
        super().__init__()
        self.source = source
        self.pages = pages
        self.feed_description = description

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        # The feed generator writes the XML in hundreds of small pieces, and the
        # server would send each one on its own, also from the page cache.
        response.content = response.content
        return response

    def title(self):
        return single_line(self.source.seo_title or self.source.title)

    def link(self):
        return self.source.get_url(self.request)

    def description(self):
        return xml_text(
            self.feed_description or self.source.search_description or self.source.title
        )

    def items(self):
        items = list(self.pages())
        images = [item.teaser_image_id for item in items if item.teaser_image_id]
        self.renditions = {
            image.pk: image.get_rendition(ENCLOSURE_RENDITION)
            for image in get_image_model()
            .objects.filter(pk__in=images)
            .prefetch_renditions(ENCLOSURE_RENDITION)
        }
        return items

    def item_title(self, item):
        return single_line(item.title)

    def item_description(self, item):
        # Readers take a description as HTML; ours is plain text, so it is escaped.
        return escape(xml_text(f"{item.teaser_meta}\n\n{item.summary}"))

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return self.request.build_absolute_uri(item.get_url(self.request))

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_enclosures(self, item):
        rendition = self.renditions.get(item.teaser_image_id)
        if rendition is None:
            return []
        return [
            Enclosure(
                self.request.build_absolute_uri(rendition.url),
                str(rendition.file.size),
                "image/jpeg",
            )
        ]


class FeedRoutesMixin:
    """``feed/`` on a page that defines ``feed_items()``: its newest pages as RSS."""

    def feed_description(self):
        """What the feed says of itself; empty, it is the page's search description or title."""
        return ""

    def get_cached_paths(self):
        return [*super().get_cached_paths(), "feed/"]

    @path("feed/", name="feed")
    def feed(self, request):
        return PageFeed(self, self.feed_items, description=self.feed_description())(request)
