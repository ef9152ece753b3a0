from wagtail import hooks

from core.rich_text import PublicPageLinkHandler


@hooks.register("register_rich_text_features", order=1)
def link_pages_only_where_readers_may_go(features):
    """After Wagtail's own features (order 0): replaces its page link handler."""
    features.register_link_type(PublicPageLinkHandler)
