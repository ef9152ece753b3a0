"""``{% pagefragment "name" %}…{% endpagefragment %}``: a part of a page, rendered once.

Wagtail's ``{% wagtailpagecache %}``, keyed on the page's state, the site, the
language and the URL path (a page's routes, such as ``bilingual/``, get their
own), kept in the page cache's store for as long as a cached page
(CACHE_MIDDLEWARE_ALIAS, CACHE_MIDDLEWARE_SECONDS). Its key also holds the
generations the page was rendered with (pagecache/generations.py: the page,
the pages above it, the chrome, the user bars), so a fragment is never staler
than a cached page; unlike a cached page it also serves signed-in editors,
whose pages carry their user bar and are rendered each time. Wagtail
skips the cache in previews, and nothing is kept while the page cache is off
(the tests, the dev server).

Only what is the same for every visitor of a page may go inside: no CSRF
token, no user, no query string. Views that are not Wagtail pages (search,
errors) render the inside each time.
"""

from django import template
from django.conf import settings
from django.template import Variable
from django.utils import translation
from wagtail.models import Page
from wagtail.templatetags.wagtail_cache import WagtailPageCacheNode

from pagecache import generations

register = template.Library()


class Setting:
    """A template "variable" that reads a Django setting when the node renders."""

    def __init__(self, name):
        self.name = name

    def resolve(self, context):
        return getattr(settings, self.name)


class Language:
    def resolve(self, context):
        return translation.get_language()


class RequestPath:
    def resolve(self, context):
        return context["request"].path


class Generations:
    """The tokens of what the page shows, as its render started (pagecache/wagtail_hooks.py)."""

    def resolve(self, context):
        request = context["request"]
        page = context["page"]
        tags = [generations.EVERY_PAGE, generations.USERBAR, *generations.page_tags(page)]
        return generations.digest({tag: generations.of(request, tag) for tag in tags})


class PageFragmentNode(WagtailPageCacheNode):
    def __init__(self, nodelist, fragment_name, vary_on):
        super().__init__(
            nodelist,
            Setting("CACHE_MIDDLEWARE_SECONDS"),
            fragment_name,
            [Language(), RequestPath(), Generations(), *vary_on],
            Setting("CACHE_MIDDLEWARE_ALIAS"),
        )

    def render(self, context):
        if (
            not settings.CACHE_MIDDLEWARE_SECONDS
            or "request" not in context
            or not isinstance(context.get("page"), Page)
        ):
            return self.nodelist.render(context)
        return super().render(context)


@register.tag
def pagefragment(parser, token):
    """``{% pagefragment "article" [vary_on …] %}``; ``vary_on`` as for ``{% cache %}``."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name.")
    nodelist = parser.parse(("endpagefragment",))
    parser.delete_first_token()
    return PageFragmentNode(nodelist, bits[1].strip("\"'"), [Variable(bit) for bit in bits[2:]])
