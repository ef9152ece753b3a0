"""A page's lists of links: in the editors' order, and in the visitor's language.

The lists are sorted in Python rather than by the database, and related pages
are read by id (core/models/links.py, ``ContentPage.pages_in_language``); these
tests hold what a visitor sees to what the editors set.
"""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from exhibitions.models import ExhibitionPage
from partnership.models import DelegationRelatedPage, DelegationReportPage, WorkshopPage

pytestmark = pytest.mark.django_db


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.text


def section(html, heading, language):
    """The fact list under ``heading`` (an English msgid), as the page shows it in ``language``."""
    with translation.override(language):
        title = gettext(heading)
    found = re.search(rf"<h2>{re.escape(title)}</h2>(.*?)</section>", html, re.S)
    assert found, title
    return found[1]


def in_order(html, names):
    positions = [html.index(name) for name in names]
    return positions == sorted(positions)


def test_participants_show_in_the_order_the_editors_gave_them(client, demo):
    report = DelegationReportPage.objects.live().get(locale=demo.de, start_date__year=2025)
    links = list(report.participants.select_related("association").order_by("pk"))
    assert len(links) >= 3
    # The last made first; the first one without a position, so last of all.
    for position, link in enumerate(reversed(links[1:])):
        link.sort_order = position
        link.save()
    links[0].sort_order = None
    links[0].save()
    expected = [link.association.name for link in [*reversed(links[1:]), links[0]]]
    listed = section(html_of(client, report), "Participating organisations", "de")
    assert in_order(listed, expected)


def test_related_pages_keep_their_order_and_show_in_the_readers_language(client, demo):
    """A French report linking German pages shows their French versions, in the editors' order."""
    report = DelegationReportPage.objects.live().get(locale=demo.fr, start_date__year=2025)
    workshop = WorkshopPage.objects.live().filter(locale=demo.de).first()
    exhibition = ExhibitionPage.objects.live().filter(locale=demo.de).first()
    unpublished = WorkshopPage.objects.live().filter(locale=demo.de).exclude(pk=workshop.pk).first()
    unpublished.get_translation(demo.fr).unpublish()
    unpublished.unpublish()
    report.related_pages.all().delete()
    DelegationRelatedPage.objects.bulk_create(
        DelegationRelatedPage(source_page=report, page=page, locale=report.locale, sort_order=at)
        # Made in the reverse of the order they are shown in.
        for at, page in reversed(list(enumerate([exhibition, unpublished, workshop])))
    )
    listed = section(html_of(client, report), "Related", "fr")
    french = [exhibition.get_translation(demo.fr), workshop.get_translation(demo.fr)]
    assert in_order(listed, [f'href="{page.url}">{page.title}</a>' for page in french])
    assert listed.count("<li>") == 2  # the unpublished page is left out, in both its languages
