from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from wagtail.models import Locale, Page

from pagecache.privacy import may_view
from search.views import search_path


def not_translated(request, page_id):
    """Where the language switcher leads when a page has no live translation yet.

    It explains this in the visitor's language, offers the page in the language
    it was written in, and points at the nearest translated section. If the
    translation has been published since the link was made, it redirects there.

    The switcher leads here for a private translation too (pagecache/privacy.py): a
    visitor who may open it is sent on, anyone else learns that this version
    is not public. Only pages the visitor may open are explained or offered.
    """
    page = Page.objects.live().filter(id=page_id, depth__gt=1).select_related("locale").first()
    if page is None or not may_view(page, request):
        raise Http404
    locale = Locale.get_active()
    translation = page.get_translation_or_none(locale)
    withheld = False
    if translation is not None and translation.live:
        if may_view(translation, request):
            return redirect(translation.get_url(request))
        withheld = True
    if page.locale_id == locale.id:
        return redirect(page.get_url(request))

    section = None
    for ancestor in reversed(page.get_ancestors()[1:]):
        candidate = ancestor.get_translation_or_none(locale)
        if candidate is not None and candidate.live and may_view(candidate, request):
            section = candidate
            break
    return render(
        request,
        "home/not_translated.html",
        {
            "original": page.specific,
            "original_language": page.locale.language_code,
            "section": section,
            "withheld": withheld,
        },
    )


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        *(f"Disallow: {search_path(code)}" for code, _name in settings.LANGUAGES),
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)
