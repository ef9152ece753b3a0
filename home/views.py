from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
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


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Render the 500 page in the visitor's language without touching the database."""
    template = loader.get_template("500.html")
    context = {"LANGUAGE_CODE": get_language() or "de", "STATIC_URL": settings.STATIC_URL}
    return HttpResponseServerError(template.render(context))
