"""``/oembed/``: the oEmbed 1.0 endpoint (https://oembed.com), JSON only."""

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from embeds.oembed import NotOurPage, PrivatePage, find_page, oembed_data, parse_bounds


def _error(status, message):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _not_found(request, message):
    """A plain 404, as the spec asks, not a redirect to an HTML page.

    LocaleMiddleware answers a 404 outside the language prefixes with a
    redirect to the same path under /de/ or /fr/, where Wagtail then renders
    its 404 page. It does so only when the request's URLconf has language
    prefixes; for this answer, the endpoint's own URLconf stands in.
    """
    request.urlconf = "embeds.urls"
    return _error(404, message)


@require_safe
def oembed(request):
    """Answer for one of our live public content pages; the URL is never fetched.

    Errors follow the spec's status codes: 404 for anything that is not such a
    page, 401 for a private one, 501 for a format other than JSON.
    """
    url = request.GET.get("url")
    if not url:
        return _error(400, "The url parameter is required.")
    if (request.GET.get("format") or "json") != "json":
        return _error(501, "Only format=json is available.")
    try:
        maxwidth, maxheight = parse_bounds(request.GET)
    except ValueError as error:
        return _error(400, f"{error} must be a positive whole number.")
    try:
        page = find_page(url, request)
    except NotOurPage:
        return _not_found(request, "No embeddable page at this URL.")
    except PrivatePage:
        return _error(401, "This page is private.")
    response = JsonResponse(oembed_data(page, request, maxwidth, maxheight))
    # The answer is public; consumers may ask from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response
