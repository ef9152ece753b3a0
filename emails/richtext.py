"""Rich text as a mail needs it: absolute links, mail-safe images, inline styles.

Wagtail's own rewriter (``expand_db_html``) writes page and document links
relative to the site and images as renditions of the editor's choice. Here
the same link handlers run, then every URL gets the site's root; images and
media embeds get e-mail handlers (a JPEG or PNG rendition, a video
thumbnail with a link). Editors' HTML carries no styles, and mrml only
inlines the MJML it renders itself, so css-inline adds them here: the
fragment then looks the same in any mail it is put in.
"""

from functools import cache

import css_inline
from django.template.loader import render_to_string
from django.utils.html import format_html
from wagtail.images import get_image_model
from wagtail.rich_text import RichText, features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from emails.media import CONTENT_WIDTH, email_image, email_video
from emails.rendering import absolute_urls

RICH_TEXT_CSS = """
h2 { font-size: 20px; line-height: 1.3; margin: 24px 0 8px; }
h3 { font-size: 17px; line-height: 1.3; margin: 20px 0 6px; }
h4 { font-size: 16px; margin: 16px 0 4px; }
p { margin: 0 0 12px; }
ul, ol { margin: 0 0 12px; padding-left: 24px; }
li { margin: 0 0 4px; }
a { color: #0b5394; text-decoration: underline; }
img { display: block; max-width: 100%; height: auto; border: 0; }
"""
INLINER = css_inline.CSSInliner(load_remote_stylesheets=False)


def _images(attrs_list, base_url):
    ids = [attrs.get("id") for attrs in attrs_list]
    images = get_image_model().objects.in_bulk([pk for pk in ids if pk])
    tags = []
    for attrs, pk in zip(attrs_list, ids, strict=True):
        image = images.get(int(pk)) if pk and str(pk).isdigit() else None
        shown = email_image(image, f"max-{CONTENT_WIDTH}x{CONTENT_WIDTH}", base_url, alt="")
        if shown is None:
            tags.append("")
            continue
        tags.append(
            format_html(
                '<img src="{}" width="{}" height="{}" alt="{}">',
                shown.url,
                shown.width,
                shown.height,
                attrs.get("alt", ""),
            )
        )
    return tags


def _media(attrs_list):
    template = "emails/includes/video_link.html"
    return [render_to_string(template, {"video": email_video(a["url"])}) for a in attrs_list]


@cache
def _link_rules():
    return {
        linktype: handler.expand_db_attributes_many
        for linktype, handler in features.get_link_types().items()
    }


def expand_for_email(html, base_url):
    """Database rich text to mail HTML, every URL absolute."""
    rewriter = MultiRuleRewriter(
        [
            LinkRewriter(bulk_rules=_link_rules()),
            EmbedRewriter(
                bulk_rules={
                    "image": lambda attrs_list: _images(attrs_list, base_url),
                    "media": _media,
                }
            ),
        ]
    )
    return absolute_urls(rewriter(html), base_url)


def email_richtext(value, base_url):
    """A RichTextField or RichTextBlock value as styled mail HTML."""
    if value is None:
        return ""
    source = value.source if isinstance(value, RichText) else str(value)
    if not source.strip():
        return ""
    return INLINER.inline_fragment(expand_for_email(source, base_url), RICH_TEXT_CSS)
