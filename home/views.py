from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail.search.utils import parse_query_string

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    """Search the live pages of the visitor's language only."""
    query = request.GET.get("q", "").strip()
    error = ""
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        error = _("Your search was shortened to %(count)d characters.") % {
            "count": MAX_QUERY_LENGTH
        }

    results = Page.objects.none()
    if query:
        # Wagtail's parser turns quotes into phrases and defuses operators
        # that would otherwise reach the database's full-text syntax.
        _filters, parsed = parse_query_string(query, operator="and")
        locale = Locale.get_active()
        results = Page.objects.live().public().filter(locale=locale).specific().search(parsed)

    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)

    return render(
        request,
        "home/search_results.html",
        {
            "search_query": query,
            "results": page_obj,
            "paginator": paginator,
            "error": error,
        },
    )


def not_translated(request, page_id):
    """Where the language switcher leads when a page has no live translation yet.

    It explains this in the visitor's language, offers the page in the language
    it was written in, and points at the nearest translated section. If the
    translation has been published since the link was made, it redirects there.
    """
    page = (
        Page.objects.live()
        .public()
        .filter(id=page_id, depth__gt=1)
        .select_related("locale")
        .first()
    )
    if page is None:
        raise Http404
    locale = Locale.get_active()
    translation = page.get_translation_or_none(locale)
    if translation is not None and translation.live:
        return redirect(translation.get_url(request))
    if page.locale_id == locale.id:
        return redirect(page.get_url(request))

    section = None
    for ancestor in reversed(page.get_ancestors()[1:]):
        candidate = ancestor.get_translation_or_none(locale)
        if candidate is not None and candidate.live:
            section = candidate
            break
    return render(
        request,
        "home/not_translated.html",
        {
            "original": page.specific,
            "original_language": page.locale.language_code,
            "section": section,
        },
    )


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        *(f"Disallow: /{code}/{reverse_search(code)}" for code, _name in settings.LANGUAGES),
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def reverse_search(language):
    with translation.override(language):
        return reverse("search").split("/", 2)[2]


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Render the 500 page in the visitor's language without touching the database."""
    template = loader.get_template("500.html")
    context = {"LANGUAGE_CODE": get_language() or "de", "STATIC_URL": settings.STATIC_URL}
    return HttpResponseServerError(template.render(context))
