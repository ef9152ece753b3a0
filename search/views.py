"""The site search: live, public pages of the visitor's language, one section at a time.

The form offers a section per content type, so this app sits above the content
apps and imports their page models.
"""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail.search.utils import parse_query_string

from exhibitions.models import ArtistExchangePage, ExhibitionPage
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
        response = render(request, "search/search_results.html", {"form": form, "search_query": ""})
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
        "search/search_results.html",
        {
            "form": form,
            "search_query": query,
            "chosen_section": chosen,
            "sections": sections,
            "results": page_obj,
            "paginator": paginator,
        },
    )


def search_path(language):
    with translation.override(language):
        return reverse("search")
