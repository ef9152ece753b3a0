"""The easy-read pages as visitors read them: Leichte Sprache and FALC layout, both languages."""

import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from wagtail.documents import get_document_model

pytestmark = pytest.mark.django_db

SENTENCE = re.compile(r'<p class="easy-read__sentence">([^<]+)</p>')


def test_the_german_page_has_one_sentence_per_line(client, easy):
    response = client.get("/de/leichte-sprache/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="de">' in html
    assert 'class="easy-read-page"' in html
    sentences = SENTENCE.findall(html)
    assert "Hier finden Sie Informationen in Leichter Sprache." in sentences
    assert "Naumburg liegt in Deutschland." in sentences
    # Every sentence stands alone: no line holds two of them.
    assert all(sentence.count(". ") == 0 for sentence in sentences)
    # A hard word is explained where it is used.
    assert "<dfn>Partner-Stadt</dfn>" in html
    assert "Schweres Wort:" in html
    # The paragraph with a picture shows it beside the sentences, with alt text.
    assert "easy-read__paragraph--picture" in html
    assert 'alt="Zwei Städte mit bunten Häusern"' in html
    # The four explanations of BITV 2.0 § 4.
    for heading in (
        "Was steht auf dieser Internet-Seite?",
        "Wie finden Sie sich auf der Internet-Seite zurecht?",
        "Ist die Internet-Seite barriere-frei?",
        "Wo gibt es mehr in Leichter Sprache?",
    ):
        assert f'<h2 class="easy-read__heading">{heading}</h2>' in html
    # Links stand on a line of their own and lead to the German contact form.
    assert re.search(
        r'<p class="easy-read__link">\s*<a href="/de/kontakt/">Schreiben Sie uns</a>', html
    )


def test_the_french_page_is_written_in_falc(client, easy):
    response = client.get("/fr/facile-a-lire/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="fr">' in html
    sentences = SENTENCE.findall(html)
    assert "Les Ulis est en France." in sentences
    assert "<dfn>ville jumelée</dfn>" in html
    assert "Mot difficile :" in html
    assert "Défenseur des droits" in html
    assert re.search(r'<a href="/fr/nous-ecrire/">Nous écrire</a>', html)
    # No sign-language section without a video.
    assert "sign-language-heading" not in html


def test_the_layout_does_not_hyphenate(client, easy):
    """The stylesheet sets the rules of both: no hyphenation at line ends, larger type."""
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/twinsite.css")).read_text(encoding="utf-8")
    block = css[css.index(".easy-read {") :]
    block = block[: block.index("}")]
    assert "hyphens: manual" in block
    assert "font-size" in block
    assert "text-align: left" in block


@pytest.mark.parametrize(
    ("language", "length", "watch"),
    [
        ("de", "3 Minuten und 20 Sekunden", "Video herunterladen"),
        ("fr", "3 minutes et 20 secondes", "Télécharger la vidéo"),
    ],
)
def test_a_sign_language_video_with_download_size_and_length(client, easy, language, length, watch):
    page = getattr(easy, language)
    video = get_document_model().objects.create(
        title="Gebärdensprache", file=ContentFile(b"\0" * 2048, name="dgs.mp4")
    )
    page.sign_language_video = video
    page.sign_language_video_duration = timedelta(minutes=3, seconds=20)
    page.save_revision().publish()

    html = client.get(page.url).text
    assert f'<video class="easy-read__video" controls preload="metadata" src="{video.url}">' in html
    assert f'<a href="{video.url}" download>{watch}</a>' in html
    with translation.override(language):
        size = filesizeformat(2048)  # 2,0 KB, 2,0 Ko
    assert f"MP4, {size}" in html
    assert f'<time datetime="PT3M20S">{length}</time>' in html


def test_a_video_published_elsewhere_is_linked_with_its_length(client, easy):
    easy.de.sign_language_video_url = "https://video.example.org/dgs-start"
    easy.de.sign_language_video_duration = timedelta(minutes=1)
    easy.de.save_revision().publish()
    html = client.get(easy.de.url).text
    assert "Diese Seite in Gebärdensprache" in html
    assert '<a href="https://video.example.org/dgs-start">Video ansehen</a>' in html
    assert '<time datetime="PT1M">1 Minute</time>' in html
