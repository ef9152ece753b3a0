from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail.search.utils import parse_query_string

from exhibitions.models import ArtistExchangePage, ExhibitionPage
from home.privacy import may_view
from partnership.models import DelegationReportPage, WorkshopPage

RESULTS_PER_PAGE = 10


def search_sections():
    """The page types a visitor can narrow a search to, in the order of the menu."""
    return [
        ("report", DelegationReportPage, _("Delegation reports")),
        ("workshop", WorkshopPage, _("Workshops")),
        ("exhibition", ExhibitionPage, _("Exhibitions")),
        ("exchange", ArtistExchangePage, _("Artist exchanges")),
    ]


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, strip=True)
    type = forms.ChoiceField(required=False)

    def __init__(self, data):
        super().__init__(data)
        self.fields["q"].label = _("Search")
        self.fields["type"].label = _("Section")
        self.fields["type"].choices = [("", _("Everything"))] + [
            (key, label) for key, _model, label in search_sections()
        ]


def search(request):
    """Search the live pages of the visitor's language, optionally one section only."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        response = render(request, "home/search_results.html", {"form": form, "search_query": ""})
        response.status_code = 400
        return response

    query = form.cleaned_data["q"]
    chosen = form.cleaned_data["type"]
    locale = Locale.get_active()
    results = Page.objects.none()
    sections = []
    if query:
        # Wagtail's parser turns quotes into phrases and defuses operators
        # that would otherwise reach the database's full-text syntax.
        _filters, parsed = parse_query_string(query, operator="and")
        for key, model, label in search_sections():
            found = model.objects.live().public().filter(locale=locale).search(parsed)
            sections.append({"key": key, "label": label, "count": found.count()})
            if key == chosen:
                results = found
        if not chosen:
            results = Page.objects.live().public().filter(locale=locale).specific().search(parsed)

    paginator = Paginator(results, RESULTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "home/search_results.html",
        {
            "form": form,
            "search_query": query,
            "chosen_section": chosen,
            "sections": sections,
            "results": page_obj,
            "paginator": paginator,
        },
    )


def not_translated(request, page_id):
    """Where the language switcher leads when a page has no live translation yet.

    It explains this in the visitor's language, offers the page in the language
    it was written in, and points at the nearest translated section. If the
    translation has been published since the link was made, it redirects there.

    The switcher leads here for a private translation too (home/privacy.py): a
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


def search_path(language):
    with translation.override(language):
        return reverse("search")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Render the 500 page in the visitor's language without touching the database."""
    template = loader.get_template("500.html")
    context = {
        "LANGUAGE_CODE": get_language() or settings.LANGUAGE_CODE,
        "STATIC_URL": settings.STATIC_URL,
    }
    return HttpResponseServerError(template.render(context))
