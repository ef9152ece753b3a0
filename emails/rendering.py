"""E-mail HTML from MJML templates, for single pages and for composed issues.

The pipeline is the same for every e-mail this site produces: a Django
template written in MJML, rendered to table-based HTML by mrml (Rust, no
Node.js), with every ``href`` and ``src`` made absolute, because a mail
client has no page address to resolve relative links against. mrml inlines
the ``<mj-style inline="inline">`` rules itself; css-inline is used where
mrml does not reach: the rich text editors write (see ``emails.richtext``).

Other modules build on this contract: ``render_email`` for any MJML
template, ``assemble_email`` for a whole e-mail (HTML, text, subject and
preheader), ``page_email`` for one page, the item templates
``emails/items/{teaser,full}.mjml`` (rendered with the
``{% email_item %}`` tag of ``email_tags``) and ``html_to_text``.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urljoin

import mrml
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import Truncator
from wagtail.models import Site

from emails.text import html_to_text
from safetext.single_line import single_line

__all__ = [
    "EMAIL_SIZE_LIMIT",
    "FORMATS",
    "EmailParts",
    "absolute_url",
    "absolute_urls",
    "assemble_email",
    "email_base_url",
    "html_to_text",
    "page_email",
    "page_url",
    "render_email",
]

# Gmail clips a message whose HTML is larger than this, hiding the rest.
EMAIL_SIZE_LIMIT = 102 * 1024
# How a page is shown in an e-mail: a teaser card or the whole page.
FORMATS = ("teaser", "full")
PAGE_TEMPLATE = "emails/page.mjml"
ITEM_TEMPLATES = {fmt: f"emails/items/{fmt}.mjml" for fmt in FORMATS}
PREHEADER_LENGTH = 140

# No remote web fonts: mrml would otherwise link Google Fonts for the MJML defaults.
RENDER_OPTIONS = mrml.RenderOptions(fonts={})
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
URL_ATTRIBUTE = re.compile(
    r"""(?P<name>\s(?:href|src|background))=(?P<quote>["'])(?P<url>.*?)(?P=quote)""",
    re.IGNORECASE | re.DOTALL,
)
SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")
# What mrml would mangle: everything Unicode calls a space, a format, control
# or combining character, except the space, tab and line breaks of the source.
SPECIAL = re.compile(r"[^\x20-\x7e\t\r\n]")
MANGLED_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Me", "Co", "Cn"}
ATTRIBUTE_VALUE = re.compile(r'(\s[\w:.-]+=")([^"<>]*)(?=")')
# In attribute values mrml also escapes these, Rust-style ("\\t", "\\\\").
ATTRIBUTE_SPECIAL = re.compile(r"[\t\r\n\\]")


@dataclass(frozen=True)
class EmailParts:
    """One e-mail, ready to paste into a newsletter tool or to send.

    ``size`` is the HTML in bytes as UTF-8; ``too_large`` says whether Gmail
    would clip it. Both follow from ``html``, so they are never passed in.
    ``subject`` becomes a mail header, so it is kept on one line: Django
    refuses a header with a line break, and a title stored with one (before
    titles were refused with one) would end the download or the test send in
    a server error.
    """

    html: str
    text: str
    subject: str
    preheader: str
    lang: str
    size: int = field(init=False)
    too_large: bool = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "subject", single_line(self.subject))
        size = len(self.html.encode("utf-8"))
        object.__setattr__(self, "size", size)
        object.__setattr__(self, "too_large", size > EMAIL_SIZE_LIMIT)

    @property
    def size_kb(self):
        return round(self.size / 1024)


def email_base_url(page, request=None):
    """The root the e-mail's links start from, ending in "/".

    With a request, its scheme and host: what the reader or editor used.
    Without one (commands, tasks), the root URL of the page's Wagtail site.
    """
    if request is not None:
        return request.build_absolute_uri("/")
    site = page.get_site() if page is not None else None
    root = site.root_url if site is not None else "http://localhost"
    return root.rstrip("/") + "/"


def site_base_url():
    """The public root of the site (``https://host``), for links in mails sent without a request."""
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL


def absolute_url(url, base_url):
    """``url`` resolved against ``base_url``; "" for schemes a mail should never carry."""
    url = (url or "").strip()
    match = SCHEME.match(url)
    if match:
        return url if match.group(1).lower() in SAFE_SCHEMES else ""
    return urljoin(base_url, url)


def absolute_urls(html, base_url):
    """Every ``href``, ``src`` and ``background`` in ``html`` made absolute.

    A last pass over finished HTML: whatever a template or an editor left
    relative gets the site's root, and ``javascript:`` or ``data:`` URLs are
    emptied.
    """

    def replace(match):
        url = absolute_url(match.group("url"), base_url)
        return f"{match.group('name')}={match.group('quote')}{url}{match.group('quote')}"

    return URL_ATTRIBUTE.sub(replace, html)


def _character_reference(match):
    return f"&#x{ord(match.group()):x};"


def _invisible_reference(match):
    char = match.group()
    if unicodedata.category(char) in MANGLED_CATEGORIES:
        return _character_reference(match)
    return char


def protect_for_mrml(mjml):
    """Invisible and combining characters, and backslashes in attributes, as references.

    mrml 0.2.4 writes attribute values the way Rust debug-prints them, so a
    no-break space in an alt text (French "Vidéo : …") would reach the reader
    as "\\u{a0}". References pass through unchanged and mean the same in HTML.
    """
    mjml = SPECIAL.sub(_invisible_reference, mjml)
    return ATTRIBUTE_VALUE.sub(
        lambda match: match.group(1) + ATTRIBUTE_SPECIAL.sub(_character_reference, match.group(2)),
        mjml,
    )


def mjml_to_html(mjml):
    """MJML to e-mail HTML with mrml; mrml's own errors say where the template is wrong."""
    return mrml.to_html(protect_for_mrml(mjml), render_options=RENDER_OPTIONS).content


_identity_source = None


def provide_site_identity(source):
    """``source(request)`` gives the site's name, address and contact in the active language.

    The site identity is a model of ``home``, which sits above this app; home
    hands its lookup in from ``HomeConfig.ready``.
    """
    global _identity_source
    _identity_source = source


def site_identity(request=None):
    """The sender shown in a mail's header and footer, or None when no app provides one."""
    return _identity_source(request) if _identity_source is not None else None


def render_email(template_name, context, *, request=None, base_url):
    """Render an MJML template to e-mail HTML with absolute URLs, as a string.

    ``context`` gets ``base_url`` added; templates load ``email_tags`` for
    images, rich text and links, which need it. The caller chooses the
    language (``translation.override``); ``{% email_item %}`` switches it for
    each item, so a bilingual issue can mix languages.
    """
    context = {**context, "base_url": base_url}
    mjml = render_to_string(template_name, context, request=request)
    return absolute_urls(mjml_to_html(mjml), base_url)


def page_url(page, request=None, base_url=None):
    """The page's absolute public URL ("view in browser")."""
    base_url = base_url or email_base_url(page, request)
    return urljoin(base_url, page.get_url(request) or "")


def preheader_text(text):
    """The line mail clients show after the subject: ``text`` on one line, shortened."""
    return Truncator(" ".join((text or "").split())).chars(PREHEADER_LENGTH)


def assemble_email(
    template_name, context, *, page, lang, subject, preheader, request=None, finish_html=None
):
    """An e-mail from an MJML template, in ``lang``: its HTML, text, subject and preheader.

    Every e-mail of the site is put together here. The template gets
    ``context`` with ``page``, ``lang``, ``subject``, ``preheader`` (cut from
    the text given, see ``preheader_text``) and ``page_url``, the address of
    ``page`` on the site. ``finish_html``, if given, has the last word on the
    HTML, before the text is made from it.
    """
    base_url = email_base_url(page, request)
    with translation.override(lang):
        context = {
            **context,
            "page": page,
            "lang": lang,
            "subject": subject,
            "preheader": preheader_text(preheader),
            "page_url": page_url(page, request, base_url),
        }
        html = render_email(template_name, context, request=request, base_url=base_url)
        if finish_html is not None:
            html = finish_html(html)
        text = html_to_text(html)
    return EmailParts(
        html=html, text=text, subject=subject, preheader=context["preheader"], lang=lang
    )


def page_email(page, request=None, *, fmt="teaser"):
    """One content page as an e-mail, in the page's own language.

    ``fmt`` is "teaser" (image, title, date, summary, "read more") or "full"
    (the whole page). The page is used as given, so a preview shows unsaved
    edits.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown e-mail format {fmt!r}; expected one of {FORMATS}.")
    return assemble_email(
        PAGE_TEMPLATE,
        {"item": page, "fmt": fmt},
        page=page,
        lang=page.locale.language_code,
        subject=page.title,
        preheader=page.summary,
        request=request,
    )
