"""Renditions read from Wagtail's renditions cache without writing them back.

Wagtail's ``get_rendition`` and ``get_renditions`` mark only prefetched
renditions as read from a cache, so they store every cached one again on each
call: a pickle and a round trip to Redis per rendition, up to nine for a
picture. Here a rendition found in the cache is used as it is; any miss, an
SVG, or prefetched renditions go through Wagtail's own methods, which find or
create them and cache them.
"""


def cached_renditions(image, filters):
    """The renditions by spec, if the renditions cache holds every one; else None."""
    if image.is_svg() or image._get_prefetched_renditions() is not None:
        return None
    Rendition = image.get_rendition_model()
    keys = {
        Rendition.construct_cache_key(image, spec.get_cache_key(image), spec.spec): spec
        for spec in filters
    }
    found = Rendition.cache_backend.get_many(list(keys))
    if len(found) != len(keys):
        return None
    renditions = {}
    for key, spec in keys.items():
        rendition = found[key]
        # As Wagtail does: the page's image, with its contextual alt text.
        rendition.image = image
        renditions[spec.spec] = rendition
    return renditions


def rendition(image, spec):
    """One rendition of ``image`` for the ``Filter`` ``spec``, from the cache when it is there."""
    found = cached_renditions(image, [spec])
    return found[spec.spec] if found else image.get_rendition(spec)
