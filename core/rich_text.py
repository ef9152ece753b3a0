"""Page links in rich text, as Wagtail writes them, but never to a private translation.

Wagtail's handler links ``page.localized``: the live translation in the
reader's language, whatever its privacy settings. A link in a public page
would then give away the private version's address to every reader.
"""

from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from pagecache.privacy import public_localized


class PublicPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            f'<a href="{escape(public_localized(page).url)}">' if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]
