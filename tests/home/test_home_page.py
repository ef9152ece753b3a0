"""What a visitor sees on each language's home page and its site chrome."""

import re

import pytest
from wagtail.models import Page

from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_home_pages_render_in_their_language(client, demo):
    german = client.get("/de/")
    french = client.get("/fr/")
    assert german.status_code == french.status_code == 200
    assert '<html lang="de">' in german.text
    assert '<html lang="fr">' in french.text
    assert "<h1>Naumburg und Les Ulis</h1>" in german.text
    assert "<h1>Naumburg et Les Ulis</h1>" in french.text
    assert "Partnerstädte seit 2019" in german.text
    assert "villes jumelées depuis 2019" in french.text
    # Block content arrives translated too.
    assert "Le jumelage en chiffres" in french.text
    assert "Die Partnerschaft in Zahlen" in german.text


def test_switcher_points_at_the_other_language(client, demo):
    german = client.get("/de/").text
    french = client.get("/fr/").text
    assert '<a href="/fr/" hreflang="fr" lang="fr">Français</a>' in german
    assert '<span aria-current="true" lang="de">Deutsch</span>' in german
    assert '<a href="/de/" hreflang="de" lang="de">Deutsch</a>' in french
    assert '<span aria-current="true" lang="fr">Français</span>' in french


def test_head_lists_each_translation_and_x_default(client, demo):
    html = client.get("/fr/").text
    assert '<link rel="alternate" hreflang="de" href="http://testserver/de/">' in html
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/fr/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/de/">' in html


def test_header_has_site_name_and_search_form_per_language(client, demo):
    german = client.get("/de/").text
    french = client.get("/fr/").text
    assert "Städtepartnerschaft Naumburg – Les Ulis</a>" in german
    assert "Jumelage Naumburg – Les Ulis</a>" in french
    assert 'action="/de/suche/"' in german
    assert 'action="/fr/recherche/"' in french
    assert re.search(r'<input[^>]+type="search"[^>]+name="q"', german)


def test_menu_shows_the_tree_of_the_current_language(client, demo):
    child = demo.home_de.add_child(
        instance=HomePage(title="Über uns", slug="ueber-uns", show_in_menus=True)
    )
    child.save_revision().publish()
    hidden = demo.home_de.add_child(instance=HomePage(title="Intern", slug="intern"))
    hidden.save_revision().publish()

    german = client.get("/de/").text
    french = client.get("/fr/").text
    assert '<a href="/de/ueber-uns/">Über uns</a>' in german
    assert "Intern" not in german
    assert "Über uns" not in french


def test_footer_contact_comes_from_the_translated_identity(client, demo):
    german = client.get("/de/").text
    french = client.get("/fr/").text
    assert "BeLK e.V. – Freiwilligenagentur Naumburg" in german
    assert "BeLK e.V. – centre du bénévolat de Naumburg" in french
    assert "Allemagne" in french and "Deutschland" in german
    assert 'href="mailto:partnerschaft@example.org"' in french


def test_untranslated_page_switches_to_the_other_home_page(client, demo):
    page = demo.home_de.add_child(instance=HomePage(title="Nur deutsch", slug="nur-deutsch"))
    page.save_revision().publish()
    html = client.get("/de/nur-deutsch/").text
    assert '<link rel="alternate" hreflang="fr"' not in html
    assert f'href="/fr/pas-encore-traduit/{page.pk}/" hreflang="fr"' in html


def result_links(html):
    listing = html.split('<ol class="search-results">', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'<h2><a href="([^"]+)">', listing)


def test_search_finds_pages_of_the_visitors_language_only(client, demo):
    french = client.get("/fr/recherche/", {"q": "Naumburg"})
    german = client.get("/de/suche/", {"q": "Naumburg"})
    assert french.status_code == german.status_code == 200
    fr_links, de_links = result_links(french.text), result_links(german.text)
    assert "/fr/" in fr_links and "/de/" in de_links
    assert fr_links and all(link.startswith("/fr/") for link in fr_links)
    assert de_links and all(link.startswith("/de/") for link in de_links)
    assert "Ergebnisse für „Naumburg“" in german.text
    assert "résultats pour « Naumburg »" in french.text


@pytest.mark.parametrize(
    "query",
    [
        '"""',
        '"unterminated',
        "AND OR NOT",
        "NEAR(",
        "*",
        "<script>alert(1)</script>",
        "%",
        "' OR 1=1 --",
    ],
)
def test_hostile_search_queries_get_a_normal_page(client, demo, query):
    response = client.get("/fr/recherche/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/de/suche/", {"q": "x" * 5000}, "Bitte prüfen Sie Ihre Suche"),
        ("/fr/recherche/", {"q": "x" * 5000}, "Veuillez vérifier votre recherche"),
        (
            "/fr/recherche/",
            {"q": "exposition", "type": "<script>"},
            "Veuillez vérifier votre recherche",
        ),
    ],
)
def test_invalid_searches_get_a_400_in_the_visitors_language(client, demo, path, params, message):
    response = client.get(path, params)
    assert response.status_code == 400
    assert message in response.text
    assert "<script>" not in response.text.split('<main id="main"', 1)[1]


def test_search_understands_quoted_phrases(client, demo):
    response = client.get("/fr/recherche/", {"q": '"Naumburg et Les Ulis"'})
    assert '<a href="/fr/">Naumburg et Les Ulis</a>' in response.text


def test_search_page_switcher_translates_the_url(client, demo):
    html = client.get("/de/suche/", {"q": "Naumburg"}).text
    assert 'href="/fr/recherche/?q=Naumburg"' in html


def test_draft_translation_is_not_offered(client, demo):
    page = demo.home_de.add_child(instance=HomePage(title="Entwurf", slug="entwurf"))
    page.save_revision().publish()
    draft = page.copy_for_translation(demo.fr)
    assert not draft.live
    html = client.get("/de/entwurf/").text
    assert 'hreflang="fr" href' not in html
    assert Page.objects.filter(locale=demo.fr, slug=draft.slug).exists()


@pytest.mark.parametrize(
    ("path", "label"), [("/de/", "Größere Schrift"), ("/fr/", "Texte plus grand")]
)
def test_the_text_size_control_is_offered_in_each_language(client, demo, path, label):
    html = client.get(path).text
    assert '<script src="/static/js/text-size.js" defer></script>' in html
    assert label in html
    assert re.search(r'<div class="text-size" role="group" aria-label="[^"]+" hidden>', html)
