from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from wagtail.models import Page

from translation.separately import is_translated_separately


class PageSitemap(Sitemap):
    """Every live page of every language, each with alternates to its translations.

    Wagtail's own sitemap lists only the active language's tree, and Django's
    i18n sitemaps assume the same URL in every language. Here each page keeps
    its own translated URL, and the alternates come from its translation group.
    """

    def items(self):
        pages = list(
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .select_related("locale")
            .defer_streamfields()
            .order_by("path")
        )
        self.groups = defaultdict(list)
        for page in pages:
            self.groups[page.translation_key].append(page)
        # Pages written separately in each language pair up with their counterpart.
        listed = {page.pk: page for page in pages}
        for page in pages:
            if is_translated_separately(page):
                counterpart = page.specific.language_counterpart()
                if counterpart is not None and counterpart.pk in listed:
                    self.groups[page.translation_key] = [page, listed[counterpart.pk]]
        return pages

    def location(self, page):
        return page.get_url_parts()[2]

    def lastmod(self, page):
        return page.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            item = url["item"]
            group = self.groups[item.translation_key]
            if len(group) < 2:
                continue
            base = url["location"].removesuffix(self.location(item))
            url["alternates"] = [
                {"lang_code": p.locale.language_code, "location": base + self.location(p)}
                for p in group
            ]
            default = next(
                (p for p in group if p.locale.language_code == settings.LANGUAGE_CODE), group[0]
            )
            url["alternates"].append(
                {"lang_code": "x-default", "location": base + self.location(default)}
            )
        return urls
