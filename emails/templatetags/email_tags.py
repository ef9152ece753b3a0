"""Template tags for MJML e-mail templates.

Every URL they give is absolute, built from the ``base_url`` that
``render_email`` puts in the context.
"""

from django import template
from django.template.loader import get_template, select_template
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.coreutils import camelcase_to_underscore
from wagtail.models import Site

from emails.media import email_image as make_email_image
from emails.media import email_video
from emails.rendering import ITEM_TEMPLATES, absolute_url, site_identity
from emails.rendering import page_url as make_page_url
from emails.richtext import email_richtext as make_email_richtext

register = template.Library()

PAGE_CONTEXT_KEYS = ("page", "self", "request")


def _flatten(context):
    return context.flatten() if hasattr(context, "flatten") else dict(context)


def item_template(page, fmt):
    """The full format may have a template per page type, extending the generic one.

    It lives in the page type's own app, as Wagtail's page templates do:
    ``partnership/email/workshop_page.mjml`` for ``partnership.WorkshopPage``.
    """
    if fmt != "full":
        return get_template(ITEM_TEMPLATES[fmt])
    name = camelcase_to_underscore(type(page).__name__)
    return select_template([f"{page._meta.app_label}/email/{name}.mjml", ITEM_TEMPLATES[fmt]])


@register.simple_tag(takes_context=True)
def email_item(context, item, fmt="teaser"):
    """One page as MJML sections, in that page's language, for a page mail or an issue.

    ``fmt`` is "teaser" or "full". The language switches for the item only,
    so the items of a bilingual issue each speak their own.
    """
    page = item.specific
    values = _flatten(context)
    with translation.override(page.locale.language_code):
        # What the web page shows beside its fields (links, related pages …),
        # without the keys that name the page being mailed.
        page_context = page.get_context(context.get("request"))
        values.update(
            {key: value for key, value in page_context.items() if key not in PAGE_CONTEXT_KEYS}
        )
        values.update(item=page, fmt=fmt, lang=page.locale.language_code)
        values["item_url"] = make_page_url(page, context.get("request"), context["base_url"])
        return mark_safe(item_template(page, fmt).render(values))


@register.simple_tag(takes_context=True)
def email_image(context, image, spec, alt=None):
    """``{% email_image image "fill-560x315" as img %}``: img.url, .width, .height, .alt.

    A JPEG or PNG rendition at an absolute URL; None for SVG or no image.
    """
    return make_email_image(image, spec, context["base_url"], alt=alt)


@register.simple_tag
def email_embed(url):
    """``{% email_embed value.url as video %}``: video.url, .title, .provider, .thumbnail."""
    return email_video(url)


def localized(page):
    """``page.localized``, unless that translation is private: then the page as linked.

    Wagtail's ``localized`` swaps in the live translation in the active language
    without asking about its privacy settings (or those of a page above it); a
    mail goes to readers who may not open it.
    """
    translated = page.localized
    if translated.pk != page.pk and translated.get_view_restrictions().exists():
        return page
    return translated


@register.simple_tag(takes_context=True)
def email_pageurl(context, page):
    """The absolute URL of ``page`` in the language being rendered, if it is live and public."""
    if page is None:
        return ""
    return make_page_url(localized(page.specific), context.get("request"), context["base_url"])


@register.simple_tag(takes_context=True)
def email_block(context, block):
    """One StreamField block as MJML column content (mj-text, mj-image, mj-button …)."""
    values = _flatten(context)
    values.update(block=block, value=block.value)
    # A block defined in a content app names its own template (Meta.email_template).
    own = getattr(block.block.meta, "email_template", None)
    chosen = select_template(
        [
            *([own] if own else []),
            f"emails/blocks/{block.block_type}.mjml",
            "emails/blocks/default.mjml",
        ]
    )
    return mark_safe(chosen.render(values))


@register.filter
def email_richtext(value, base_url):
    """``{{ value|email_richtext:base_url }}``: rich text with absolute URLs and inline styles."""
    return mark_safe(make_email_richtext(value, base_url))


@register.filter
def absolute(url, base_url):
    """``{{ document.url|absolute:base_url }}``."""
    return absolute_url(url, base_url)


@register.simple_tag(takes_context=True)
def email_home_url(context):
    """The absolute URL of the home page in the mail's language."""
    page = context.get("page")
    site = page.get_site() if page is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return context["base_url"]
    home = site.root_page.specific.localized
    return make_page_url(home, context.get("request"), context["base_url"])


@register.filter
def email_label(label):
    """``{{ _("When")|email_label }}``: "When:", "Quand :", as each language writes it."""
    return gettext("%(label)s:") % {"label": label}


@register.simple_tag(takes_context=True)
def email_site_identity(context):
    """The sender's name, address and contact, in the language active where it is used."""
    return site_identity(context.get("request"))
