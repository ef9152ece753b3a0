"""Every page type goes through wagtail-localize's submit and editor views."""

import html
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from exhibitions.models import ArtistExchangeIndexPage, ExhibitionIndexPage
from partnership.models import DelegationReportIndexPage, WorkshopIndexPage
from tests.factories import (
    ArtistExchangePageFactory,
    DelegationReportPageFactory,
    ExhibitionPageFactory,
    WorkshopPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("index_model", "factory"),
    [
        (DelegationReportIndexPage, DelegationReportPageFactory),
        (WorkshopIndexPage, WorkshopPageFactory),
        (ExhibitionIndexPage, ExhibitionPageFactory),
        (ArtistExchangeIndexPage, ArtistExchangePageFactory),
    ],
    ids=["report", "workshop", "exhibition", "exchange"],
)
def test_each_type_can_be_submitted_and_opened_in_the_translation_editor(
    admin_client, client, demo, index_model, factory
):
    index = index_model.objects.get(locale=demo.de)
    page = factory(parent=index, summary="Ein Satz, der übersetzt werden will.")
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.id]),
        {"locales": [demo.fr.id]},
    )
    assert response.status_code == 302
    french = page.get_translation(demo.fr)
    assert french.get_parent().specific == index.get_translation(demo.fr)
    assert not french.live

    client.force_login(get_user_model().objects.get(username="lesulis"))
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[french.id]))
    assert editor.status_code == 200
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', editor.text)[1]))
    strings = [s["source"] for s in props["segments"] if s["type"] == "string"]
    assert "Ein Satz, der übersetzt werden will." in strings
    assert page.title in strings
    if factory is DelegationReportPageFactory:
        # The towns are snippets: the editor, in French, is asked for their French versions.
        related = {
            s["location"]["field"] for s in props["segments"] if s["type"] == "related_object"
        }
        assert related == {"De", "Vers"}
