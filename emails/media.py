"""Images and video embeds in a form mail clients can show.

Many mail clients show neither AVIF, WebP nor SVG, and none plays a video,
so images become JPEG (or PNG, for PNG and GIF sources, to keep their
transparency) renditions and videos become a picture that links to them.
"""

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.models import SourceImageIOError

from emails.rendering import absolute_url

# The widest image in a 600 px mail with 20 px margins.
CONTENT_WIDTH = 560
LOSSLESS_SOURCES = (".png", ".gif")
EMAIL_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png")


@dataclass(frozen=True)
class EmailImage:
    url: str
    width: int
    height: int
    alt: str


def image_format(image):
    """The format a rendition of ``image`` should have in a mail; None for SVG."""
    extension = os.path.splitext(image.file.name)[1].lower()
    if extension == ".svg":
        return None
    return "png" if extension in LOSSLESS_SOURCES else "jpeg"


def email_image(image, spec, base_url, alt=None):
    """An absolute JPEG or PNG rendition, with the alt text the image carries.

    ``alt`` overrides it ("" for an image that only repeats its caption or
    the link next to it). Images given through an ImageBlock keep their
    contextual alt text, or "" when marked decorative. None for SVG images,
    which no rendition can turn into pixels, and for images whose file is
    missing: a mail without a picture beats no mail.
    """
    if image is None:
        return None
    fmt = image_format(image)
    if fmt is None:
        return None
    try:
        rendition = image.get_rendition(f"{spec}|format-{fmt}")
    except SourceImageIOError:
        return None
    return EmailImage(
        url=absolute_url(rendition.url, base_url),
        width=rendition.width,
        height=rendition.height,
        alt=rendition.alt if alt is None else alt,
    )


@dataclass(frozen=True)
class EmailVideo:
    """A video as a mail shows it: its title, a thumbnail if usable, and its address."""

    url: str
    title: str
    provider: str
    thumbnail: str


def email_video(url):
    """What the mail shows for an embedded video or other media.

    The embed is looked up as the web page shows it (Wagtail's embed cache,
    then its finders). A thumbnail is used only when it is a JPEG or PNG
    over HTTP(S); otherwise, and when the provider cannot be reached, the
    mail shows a plain link.
    """
    try:
        embed = get_embed(url)
    except EmbedException:
        return EmailVideo(url=url, title="", provider="", thumbnail="")
    thumbnail = embed.thumbnail_url or ""
    parts = urlsplit(thumbnail)
    usable = parts.scheme in ("http", "https") and parts.path.lower().endswith(
        EMAIL_IMAGE_EXTENSIONS
    )
    return EmailVideo(
        url=url,
        title=embed.title or "",
        provider=embed.provider_name or "",
        thumbnail=thumbnail if usable else "",
    )
