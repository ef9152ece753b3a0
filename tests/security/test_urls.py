"""Hostile URLs: each ends in a plain 4xx in the visitor's language, never a 500.

Unknown language prefixes, over-long and malformed paths, path traversal in
document links, image filter specs from the address bar and oEmbed requests for
anything but our own pages.
"""

import re
import shlex
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import NoReverseMatch, reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import Rendition
from wagtail.models import Collection

from partnership.models import DelegationReportPage

pytestmark = pytest.mark.django_db

NOT_FOUND = {"de": "Seite nicht gefunden", "fr": "Page introuvable"}


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


def assert_not_found(response, language):
    assert response.status_code == 404
    assert f'<html lang="{language}">' in response.text
    assert NOT_FOUND[language] in response.text


@pytest.mark.parametrize(
    ("path", "accept_language", "language"),
    [
        ("/xx/", "", "de"),
        ("/xx/kontakt/", "", "de"),
        ("/en/", "", "de"),
        ("/de-at/", "", "de"),
        ("/xx/", "fr-FR,fr;q=0.9", "fr"),
        ("/xx/nous-ecrire/", "fr", "fr"),
    ],
)
def test_an_unknown_language_prefix_is_a_404_in_the_visitors_language(
    visitor, demo, path, accept_language, language
):
    """LocaleMiddleware sends the path under /de/ or /fr/, where no such page exists."""
    response = visitor.get(path, follow=True, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert_not_found(response, language)


LONG_SEGMENT = "a" * 5000
MANY_SEGMENTS = "a/" * 2500


@pytest.mark.parametrize(
    "path",
    [
        f"/de/{LONG_SEGMENT}/",
        f"/de/{MANY_SEGMENTS}",
        f"/de/verein-eintragen/{LONG_SEGMENT}/",
        f"/de/{LONG_SEGMENT}.ics",
        f"/de/{MANY_SEGMENTS}event.ics",
        f"/de/{LONG_SEGMENT}",  # no trailing slash: CommonMiddleware would append one
        "/de/%00/",
        "/de/%C0%AE%C0%AE/%C0%AE%C0%AE/",  # overlong UTF-8 for "."
        "/de/%FF%FE/",
        "/de/..%2F..%2Fetc%2Fpasswd/",
        "/de/../../etc/passwd.txt",
    ],
    ids=[
        "5000-character-segment",
        "2500-segments",
        "long-route-under-a-page",
        "long-file-route",
        "many-segments-file-route",
        "long-without-slash",
        "null-byte",
        "overlong-utf8",
        "invalid-utf8",
        "encoded-traversal",
        "traversal-to-a-file-route",
    ],
)
def test_long_and_malformed_paths_are_a_404(visitor, demo, path):
    response = visitor.get(path, follow=True)
    assert_not_found(response, "de")


def test_a_long_query_string_is_harmless(visitor, demo):
    response = visitor.get("/de/", {"x": "a" * 20_000})
    assert response.status_code == 200


# -- documents ------------------------------------------------------------------


@pytest.fixture
def document(demo):
    Document = get_document_model()
    document = Document(title="Programm", collection=Collection.objects.get(name="Naumburg"))
    document.file.save("programm.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    return document


TRAVERSALS = [
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%252e%252e%252fetc%252fpasswd",
    "programm.pdf/../../../twinsite/settings/base.py",
    "..\\..\\twinsite\\settings\\base.py",
    "%2e%2e/%2e%2e/documents/programm.pdf",
    "/etc/passwd",
]


@pytest.mark.parametrize("tail", TRAVERSALS)
def test_path_traversal_in_document_links_is_a_404(visitor, document, tail):
    response = visitor.get(f"/documents/{document.pk}/{tail}", follow=True)
    assert_not_found(response, "de")
    assert b"root:" not in response.content
    assert b"SECRET_KEY" not in response.content


def test_the_real_document_link_still_works(visitor, document):
    response = visitor.get(document.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    response.close()


@pytest.mark.parametrize(
    "path",
    ["/documents/99999999/programm.pdf", "/documents/99999999999999999999999/x.pdf"],
    ids=["unknown-id", "id-beyond-any-integer-column"],
)
def test_unknown_documents_are_a_404(visitor, demo, path):
    assert_not_found(visitor.get(path, follow=True), "de")


def test_media_files_are_not_served_by_django(visitor, document):
    """Originals are the web server's (or object storage's) business, not a Django route."""
    response = visitor.get(f"{settings.MEDIA_URL}{document.file.name}", follow=True)
    assert_not_found(response, "de")


# -- image filter specs ---------------------------------------------------------


def test_the_dynamic_image_serve_view_is_not_exposed(visitor, demo):
    """No URL turns a filter spec from the address bar into a rendition."""
    image = get_image_model().objects.first()
    renditions = Rendition.objects.count()
    with pytest.raises(NoReverseMatch):
        reverse("wagtailimages_serve", args=["x", image.pk, "fill-99999x99999"])
    for path in [
        f"/images/abc/{image.pk}/fill-99999x99999/",
        f"/images/abc/{image.pk}/fill-99999x99999/{image.filename}",
        f"/de/images/abc/{image.pk}/fill-99999x99999/",
        f"/images/abc/{image.pk}/width-100000|format-png/",
    ]:
        assert_not_found(visitor.get(path, follow=True), "de")
    assert Rendition.objects.count() == renditions
    assert not Rendition.objects.filter(filter_spec__contains="99999").exists()


IMAGE_TAG = re.compile(r"\{%\s*(?:image|picture|srcset_image)\s+(.*?)%\}")
LITERAL_SPEC = re.compile(r"^(?:original|[a-z]+-[\w{},.|-]+)$")


def test_image_tags_take_only_fixed_filter_specs():
    """Templates name their renditions; nothing a visitor sends reaches a filter spec."""
    templates = [*Path(settings.BASE_DIR, "templates").rglob("*.html")]
    for app in ("home", "partnership", "exhibitions", "newsletter", "embeds", "translation"):
        templates.extend(Path(settings.BASE_DIR, app).rglob("templates/**/*.html"))
    found = 0
    for template in templates:
        for arguments in IMAGE_TAG.findall(template.read_text()):
            _image, *tokens = shlex.split(arguments)
            specs = [token for token in tokens if "=" not in token]
            specs = specs[: specs.index("as")] if "as" in specs else specs
            assert specs, template
            for spec in specs:
                assert LITERAL_SPEC.match(spec), f"{template}: {spec}"
                found += 1
    assert found


def test_oembed_bounds_cannot_ask_for_a_huge_rendition(visitor, demo):
    page = DelegationReportPage.objects.live().exclude(teaser_image=None).first()
    response = visitor.get(
        "/oembed/", {"url": page.full_url, "maxwidth": "99999", "maxheight": "99999"}
    )
    assert response.status_code == 200
    assert response.json()["thumbnail_width"] <= 480
    assert not Rendition.objects.filter(filter_spec__contains="99999").exists()


# -- oEmbed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example.org/de/",
        "http://evil.example.org/de/berichte/",
        "//evil.example.org/de/",
        "javascript:alert(1)",
        "JavaScript:alert(document.domain)//http://localhost/de/",
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "ftp://localhost/de/",
        "http://user:secret@localhost/de/",
        "http://localhost/de/../../etc/passwd",
        "http://localhost/xx/",
        "http://localhost:99999/de/",
        "http://[::1/de/",
        "http://localhost/de/" + "a" * 3000 + "/",
    ],
)
def test_oembed_answers_404_for_anything_but_our_pages(visitor, demo, url):
    response = visitor.get("/oembed/", {"url": url, "format": "json"})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
    assert "<script" not in response.text


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({}, 400),
        ({"url": "http://localhost/de/", "maxwidth": "-1"}, 400),
        ({"url": "http://localhost/de/", "maxwidth": "<script>"}, 400),
        ({"url": "http://localhost/de/", "format": "xml"}, 501),
    ],
    ids=["no-url", "negative-width", "script-as-width", "xml"],
)
def test_oembed_refuses_bad_parameters(visitor, demo, query, status):
    response = visitor.get("/oembed/", query)
    assert response.status_code == status
    assert "<script" not in response.text
