"""``{% picture %}``: Wagtail's tag, with its filters parsed once per template, not per render.

Wagtail's node builds new ``Filter`` objects from the tag's specs each time it
renders, and each new filter parses its spec into operations again (through
the ``register_image_operations`` hooks) to make the rendition cache keys: a
third of the time a picture took. A filter depends on its spec alone, and
Django's cached template loader keeps a template's nodes for the life of the
process, so the node keeps the filters it built the first time. The markup
is Wagtail's own.
"""

from django import template
from wagtail.images.templatetags.wagtailimages_tags import PictureNode, image

register = template.Library()


class ParsedOncePictureNode(PictureNode):
    def get_filters(self):
        filters = self.__dict__.get("_filters")
        if filters is None:
            filters = self._filters = super().get_filters()
        return filters


@register.tag("picture")
def picture(parser, token):
    node = image(parser, token)
    return ParsedOncePictureNode(
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )
