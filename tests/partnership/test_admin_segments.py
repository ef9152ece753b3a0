"""A report an editor writes in the admin offers every visible text for translation.

The Naumburg editor creates a report with key figures, a gallery and a
described teaser image through the page editor's form; the Les Ulis editor
asks for the French version and finds each of those texts in the
translation editor, as the demo's pages have them.
"""

import html
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import streamfield

from partnership.models import DelegationReportIndexPage, DelegationReportPage, PartnerCity
from tests.factories import ImageFactory
from tests.partnership.test_admin_create import report_form

pytestmark = pytest.mark.django_db


def listblock(items):
    """A ListBlock's form data, as the page editor posts it."""
    data = {"count": str(len(items))}
    for index, item in enumerate(items):
        data[str(index)] = {"value": item, "deleted": "", "order": str(index), "id": ""}
    return data


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_an_editors_key_figures_captions_and_teaser_alt_are_segments(client, demo):
    index = DelegationReportIndexPage.objects.get(locale=demo.de)
    cities = list(PartnerCity.objects.filter(locale=demo.de)[:2])
    image = ImageFactory()
    login(client, "naumburg")
    created = client.post(
        reverse("wagtailadmin_pages:add", args=["partnership", "delegationreportpage", index.id]),
        report_form(
            title="Besuch im Herbst",
            slug="besuch-im-herbst",
            from_city=cities[0].pk,
            to_city=cities[1].pk,
            teaser_image=image.pk,
            teaser_image_alt="Der Bahnhof von Les Ulis am Abend",
            body=streamfield(
                [
                    (
                        "key_figures",
                        {
                            "title": "Die Reise in Zahlen",
                            "figures": listblock([{"figure": "24", "label": "Teilnehmende"}]),
                        },
                    ),
                    (
                        "gallery",
                        {
                            "title": "Bilder",
                            "images": listblock(
                                [
                                    {
                                        "image": {
                                            "image": image.pk,
                                            "alt_text": "Zwei Bürgermeister",
                                        },
                                        "caption": "Die Begrüßung vor dem Rathaus",
                                        "credit": "Foto: Anna Beispiel",
                                    }
                                ]
                            ),
                        },
                    ),
                ]
            ),
            **{"action-publish": "1"},
        ),
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    german = DelegationReportPage.objects.get(slug="besuch-im-herbst")
    assert german.live

    login(client, "lesulis")
    submitted = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[german.id]),
        {"locales": [demo.fr.id]},
    )
    assert submitted.status_code == 302
    french = german.get_translation(demo.fr)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[french.id]))
    assert editor.status_code == 200
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', editor.text)[1]))
    offered = {s["source"] for s in props["segments"] if s["type"] == "string"}
    assert {
        "Der Bahnhof von Les Ulis am Abend",
        "Die Reise in Zahlen",
        "Teilnehmende",
        "Bilder",
        "Zwei Bürgermeister",
        "Die Begrüßung vor dem Rathaus",
        "Foto: Anna Beispiel",
    } <= offered
