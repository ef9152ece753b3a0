"""``{% picture %}``: Wagtail's tag, with less work per render and the same markup.

Wagtail's node builds new ``Filter`` objects from the tag's specs each time it
renders, and each new filter parses its spec into operations again (through
the ``register_image_operations`` hooks) to make the rendition cache keys: a
third of the time a picture took. A filter depends on its spec alone, and
Django's cached template loader keeps a template's nodes for the life of the
process, so the node keeps the filters it built the first time.

When every rendition a picture needs is in Wagtail's renditions cache, the
node takes them from there and writes nothing back (core/renditions.py).
"""

from django import template
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags.wagtailimages_tags import PictureNode, image

from core.renditions import cached_renditions

register = template.Library()


class ParsedOncePictureNode(PictureNode):
    def get_filters(self):
        filters = self.__dict__.get("_filters")
        if filters is None:
            filters = self._filters = super().get_filters()
        return filters

    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        filters = self.get_filters()
        renditions = cached_renditions(image, filters) or get_renditions_or_not_found(
            image, filters
        )
        if self.output_var_name:
            context[self.output_var_name] = Picture(renditions)
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return Picture(renditions, attrs).__html__()


@register.tag("picture")
def picture(parser, token):
    node = image(parser, token)
    return ParsedOncePictureNode(
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )
