"""Shared helpers for the newsletter tests: parsing mail HTML as a mail client would."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

from exhibitions.models import ArtistExchangePage, ExhibitionPage
from partnership.models import DelegationReportPage, WorkshopPage

CONTENT_MODELS = [DelegationReportPage, WorkshopPage, ExhibitionPage, ArtistExchangePage]
SAFE_URL_PREFIXES = ("http://", "https://", "mailto:", "tel:")
EMAIL_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png")
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


def demo_page(model, locale):
    """The demo's first live page of ``model`` in ``locale``."""
    return model.objects.live().filter(locale=locale).order_by("pk").first()


class MailHTML(HTMLParser):
    """What a mail client sees in an HTML mail: elements, links, title, preheader, styles.

    Conditional comments for Outlook are comments here, as in every other client.
    """

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = {}
        self.title = ""
        self.elements = []
        self.links = []
        self.styles = []
        self.preheader = None
        self._stack = []
        self._link = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.root = attrs
        self.elements.append((tag, attrs))
        style = attrs.get("style", "").replace(" ", "")
        if self.preheader is None and tag == "div" and "display:none" in style:
            self.preheader = ""
            self._stack.append("preheader")
        elif tag not in VOID_TAGS:
            self._stack.append(tag)
        if tag == "a":
            self._link = {"href": attrs.get("href", ""), "text": "", "images": []}
            self.links.append(self._link)
        if tag == "img" and self._link is not None:
            self._link["images"].append(attrs)

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if self._stack:
            self._stack.pop()
        if tag == "a":
            self._link = None

    def handle_data(self, data):
        current = self._stack[-1] if self._stack else None
        if current == "title":
            self.title += data
        elif current == "style":
            self.styles.append(data)
        if "preheader" in self._stack:
            self.preheader += data
        if self._link is not None:
            self._link["text"] += data

    def tags(self, name):
        return [attrs for tag, attrs in self.elements if tag == name]

    def urls(self):
        for _tag, attrs in self.elements:
            for name in ("href", "src", "background"):
                if name in attrs:
                    yield attrs[name]

    def link_texts(self, href):
        return [" ".join(link["text"].split()) for link in self.links if link["href"] == href]


def is_email_image(url):
    return urlsplit(url).path.lower().endswith(EMAIL_IMAGE_EXTENSIONS)
