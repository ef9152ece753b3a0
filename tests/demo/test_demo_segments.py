"""The demo's French pages are translations an editor could have made, segment by segment.

The Les Ulis editor opens the French home page and the French 2025 delegation
report in the translation editor. Every key-figure label, gallery caption,
alt text and credit of the German page is offered there as a segment, with
the French text the visitor reads as its translation.
"""

import html
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from demo.sections import demo_key
from partnership.models import DelegationReportPage

pytestmark = pytest.mark.django_db


def translation_editor(client, page):
    """{source text: translation} of the strings the editor offers for ``page``."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))
    assert response.status_code == 200
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', response.text)[1]))
    translations = {t["segment_id"]: t["data"] for t in props["initialStringTranslations"]}
    return {
        html.unescape(segment["source"]): html.unescape(translations.get(segment["id"], ""))
        for segment in props["segments"]
        if segment["type"] == "string"
    }


def visible_texts(german, french):
    """(German, French) for each key-figure label and each figure text of a gallery."""
    french_blocks = {block.id: block for block in french.body}
    pairs = []
    for block in german.body:
        other = french_blocks[block.id]
        if block.block_type == "key_figures":
            pairs.append((block.value["title"], other.value["title"]))
            for figure, translated in zip(
                block.value["figures"], other.value["figures"], strict=True
            ):
                pairs.append((figure["label"], translated["label"]))
        if block.block_type == "gallery":
            for figure, translated in zip(
                block.value["images"], other.value["images"], strict=True
            ):
                pairs.append((figure["caption"], translated["caption"]))
                pairs.append((figure["credit"], translated["credit"]))
                pairs.append(
                    (figure["image"].contextual_alt_text, translated["image"].contextual_alt_text)
                )
    return pairs


@pytest.fixture
def les_ulis(client):
    client.force_login(get_user_model().objects.get(username="lesulis"))
    return client


def test_the_home_pages_key_figures_are_segments_translated_into_french(demo, les_ulis):
    editor = translation_editor(les_ulis, demo.home_fr)
    pairs = visible_texts(demo.home_de, demo.home_fr)
    assert ("Partnerstädte seit", "Villes jumelées depuis") in pairs
    assert ("Reisende in der Delegation 2025", "Membres de la délégation 2025") in pairs
    assert ("Vereine in Les Ulis", "Associations aux Ulis") in pairs
    for german, french in pairs:
        assert editor[german] == french

    page = les_ulis.get("/fr/")
    assert "Villes jumelées depuis" in page.text
    assert "Partnerstädte seit" not in page.text


def test_the_2025_reports_captions_and_figures_are_segments_translated_into_french(demo, les_ulis):
    german = DelegationReportPage.objects.get(
        translation_key=demo_key("page:report"), locale=demo.de
    )
    french = german.get_translation(demo.fr)
    editor = translation_editor(les_ulis, french)
    pairs = visible_texts(german, french)
    kinds = {block.block_type for block in german.body}
    assert {"key_figures", "gallery"} <= kinds
    assert ("Reisende aus Naumburg", "Voyageurs de Naumburg") in pairs
    for german_text, french_text in pairs:
        assert editor[german_text] == french_text
        assert french_text != german_text
    # The teaser image is described in each page's own language.
    assert editor[german.teaser_image_alt] == french.teaser_image_alt
    assert french.teaser_image_alt.startswith("Silhouette de ville dessinée")

    page = html.unescape(les_ulis.get(french.url).content.decode())
    for _german_text, french_text in pairs:
        assert french_text in page
