"""Links between pages that every page type's templates make."""

from django import template
from django.urls import NoReverseMatch

from core.models.pages import breadcrumb_trail
from pagecache.privacy import public_localized

register = template.Library()


@register.simple_tag(takes_context=True)
def subpage_url(context, page, name):
    """The URL of one of a page's routes; file routes (event.ics) lose the slash."""
    try:
        path = page.reverse_subpage(name)
    except NoReverseMatch:
        return ""
    if "." in path:
        path = path.rstrip("/")
    return page.get_url(context["request"]) + path


# ``{% pageurl page|public_localized %}``: Wagtail's ``page.localized``, never a private one.
register.filter("public_localized", public_localized)

# ``{% for ancestor in page|breadcrumb_trail %}``: the ancestors below the root, mostly no query.
register.filter("breadcrumb_trail", breadcrumb_trail)
