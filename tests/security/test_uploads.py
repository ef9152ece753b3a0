"""Hostile uploads through the admin: refused in the editor's language, nothing stored.

Every row runs as a town editor (German or French admin) through Wagtail's own
single and multiple upload views. A refusal must name the problem in the
editor's language, and leave no Image or Document row and no file in
MEDIA_ROOT behind.
"""

import functools
import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.security.helpers import media_files, visible
from tests.test_settings import run_manage

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()


# -- files ------------------------------------------------------------------


def encoded(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def jpeg(size=(400, 300)):
    """A photo-like JPEG: noise keeps the scan data long, so cutting it loses pixels."""
    return encoded(PILImage.effect_noise(size, 60).convert("RGB"), "JPEG", quality=90)


def png_chunk(tag, data):
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


@functools.cache
def blank_png(width, height):
    """A complete, valid black-and-white PNG of any size, a few kilobytes long.

    One bit per pixel and all zeros: the 30000 x 30000 one unpacks to 900
    megapixels (112 MB as bits, 2.7 GB as RGB) from about 100 KB.
    """
    row = b"\x00" + bytes((width + 7) // 8)  # filter byte, then the pixels
    compressor = zlib.compressobj(9)
    rows_per_block = 1000
    data = [
        compressor.compress(row * min(rows_per_block, height - start))
        for start in range(0, height, rows_per_block)
    ]
    data.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", b"".join(data))
        + png_chunk(b"IEND", b"")
    )


def truncated_jpeg():
    data = jpeg()
    return data[: len(data) * 2 // 3]


def gif_with_script():
    """A valid GIF whose comment block is an HTML page: a GIF/HTML polyglot."""
    return encoded(
        PILImage.new("P", (8, 8)),
        "GIF",
        comment=b"<html><body><script>alert(document.cookie)</script></body></html>",
    )


def jpeg_with_script_in_exif_comment():
    return encoded(
        PILImage.new("RGB", (8, 8), "white"),
        "JPEG",
        comment=b'"><img src=x onerror=alert(1)><script>alert(1)</script>',
    )


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_zip_polyglot():
    """A PDF that is also a ZIP archive: ZIP readers look for the directory at the end."""
    archive = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("payload.html", "<script>alert(1)</script>")
    return MINIMAL_PDF + archive.getvalue()


# -- messages -----------------------------------------------------------------

NOT_AN_IMAGE = {
    "de": "Lade ein gültiges Bild hoch. Die hochgeladene Datei ist entweder kein Bild",
    "fr": "Transférez une image valide. Le fichier que vous avez transféré n'est pas une image",
}
DAMAGED = {
    "de": "Dieses Bild ist unvollständig oder beschädigt und kann nicht gelesen werden.",
    "fr": "Cette image est incomplète ou endommagée et ne peut pas être lue.",
}
MARKUP = {
    "de": "Dieses Bild enthält HTML- oder Skriptcode und kann nicht hochgeladen werden.",
    "fr": "Cette image contient du code HTML ou un script et ne peut pas être téléversée.",
}
TOO_MANY_PIXELS_UNKNOWN = {
    "de": "Dieses Bild hat zu viele Pixel (unbekannte Anzahl). Das Maximum ist 40000000.",
    "fr": "Ce fichier a un trop grand nombre de pixels (nombre inconnu).",
}
TOO_MANY_PIXELS_100M = {
    "de": "Dieses Bild hat zu viele Pixel (100000000). Das Maximum ist 40000000.",
    "fr": "Ce fichier a un trop grand nombre de pixels (100000000).",
}
NOT_SUPPORTED = {
    "de": "Nicht unterstütztes Bildformat. Unterstützte Bildformate: AVIF, GIF, JPG, JPEG",
    "fr": "Format d'image non supporté. Formats supportés : AVIF, GIF, JPG, JPEG",
}
WRONG_EXTENSION = {
    "de": "Kein gültiges .png-Bild. Die Erweiterung stimmt nicht mit dem Dateiformat überein",
    "fr": "Image .png non valide. L'extension de fichier ne correspond pas au format",
}
HTML_AS_JPEG = {
    "de": "Kein gültiges .jpeg-Bild. Die Erweiterung stimmt nicht mit dem Dateiformat überein "
    "(svg)",
    "fr": "Image .jpeg non valide. L'extension de fichier ne correspond pas au format du "
    "fichier (svg)",
}
TOO_BIG = {
    "de": "Die Datei ist zu groß (",
    "fr": "Ce fichier est trop gros (",
}
EXTENSION_NOT_ALLOWED = {
    "de": "ist nicht erlaubt. Erlaubte Dateiendungen sind:",
    "fr": "n’est pas autorisée. Les extensions autorisées sont\u00a0:",
}
NOT_A_REAL_PDF = {
    "de": "Diese Datei ist keine echte .pdf-Datei: Ihr Inhalt passt nicht zu ihrem Namen.",
    "fr": "Ce fichier n'est pas un vrai fichier .pdf : son contenu ne correspond pas à son nom.",
}
NOT_A_REAL_DOCX = {
    "de": "Diese Datei ist keine echte .docx-Datei",
    "fr": "Ce fichier n'est pas un vrai fichier .docx",
}

# -- images -------------------------------------------------------------------

IMAGE_CASES = [
    pytest.param("urlaub.jpg", truncated_jpeg, DAMAGED, {}, id="truncated-jpeg"),
    pytest.param(
        "foto.jpg",
        lambda: b"MZ\x90\x00 not an image at all" * 40,
        NOT_AN_IMAGE,
        {},
        id="exe-as-jpg",
    ),
    pytest.param(
        "seite.jpg",
        lambda: b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        HTML_AS_JPEG,  # Willow reads well-formed markup as SVG
        {},
        id="html-as-jpg",
    ),
    pytest.param(
        "bombe.png",
        lambda: blank_png(30_000, 30_000),
        TOO_MANY_PIXELS_UNKNOWN,
        {},
        id="decompression-bomb-900mp",
    ),
    pytest.param(
        "riesig.png",
        lambda: blank_png(10_000, 10_000),
        TOO_MANY_PIXELS_100M,
        {},
        id="100-megapixels",
    ),
    pytest.param("plakat.gif", gif_with_script, MARKUP, {}, id="gif-html-polyglot"),
    pytest.param(
        "plakat.jpg", jpeg_with_script_in_exif_comment, MARKUP, {}, id="jpeg-with-script-comment"
    ),
    pytest.param("logo.svg", lambda: SVG, NOT_SUPPORTED, {}, id="svg"),
    pytest.param("falsch.png", jpeg, WRONG_EXTENSION, {}, id="jpeg-named-png"),
    pytest.param(
        "gross.jpg",
        jpeg,
        TOO_BIG,
        {"WAGTAILIMAGES_MAX_UPLOAD_SIZE": 10 * 1024},
        id="over-the-size-limit",
    ),
]


@pytest.mark.parametrize(("filename", "content", "message", "limits"), IMAGE_CASES)
def test_a_bad_image_is_refused_on_the_upload_form(editor, filename, content, message, limits):
    before = media_files()
    with override_settings(**limits):
        response = editor.client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Ein Bild",
                "collection": editor.collection.pk,
                "file": SimpleUploadedFile(filename, content()),
            },
        )
    assert response.status_code == 200  # the form again, with its error
    assert message[editor.language] in visible(response)
    assert not Image.objects.filter(title="Ein Bild").exists()
    assert media_files() == before


@pytest.mark.parametrize(("filename", "content", "message", "limits"), IMAGE_CASES)
def test_a_bad_image_is_refused_by_the_multiple_uploader(
    editor, filename, content, message, limits
):
    before = media_files()
    count = Image.objects.count()
    with override_settings(**limits):
        response = editor.client.post(
            reverse("wagtailimages:add_multiple"),
            {
                "collection": editor.collection.pk,
                "files[]": SimpleUploadedFile(filename, content()),
            },
        )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert message[editor.language] in answer["error_message"]
    assert Image.objects.count() == count
    assert media_files() == before


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("foto.jpg", jpeg),
        ("karte.png", lambda: blank_png(2000, 1500)),
        ("logo.gif", lambda: encoded(PILImage.new("P", (40, 40)), "GIF")),
        ("bild.webp", lambda: encoded(PILImage.new("RGB", (40, 40), "teal"), "WEBP")),
    ],
)
def test_real_images_still_go_through(editor, filename, content):
    """The checks refuse nothing that Wagtail accepted for a good reason."""
    response = editor.client.post(
        reverse("wagtailimages:add_multiple"),
        {"collection": editor.collection.pk, "files[]": SimpleUploadedFile(filename, content())},
    )
    assert response.json()["success"] is True
    image = Image.objects.get(pk=response.json()["image_id"])
    assert image.collection == editor.collection
    assert image.get_rendition("max-100x100").width <= 100


# -- documents ----------------------------------------------------------------

DOCUMENT_CASES = [
    pytest.param(
        "bericht.pdf",
        lambda: MINIMAL_PDF + b"0" * 4096,
        TOO_BIG,
        {"WAGTAILDOCS_MAX_UPLOAD_SIZE": 1024},
        id="over-the-size-limit",
    ),
    pytest.param("setup.exe", lambda: b"MZ\x90\x00" * 64, EXTENSION_NOT_ALLOWED, {}, id="exe"),
    pytest.param(
        "einladung.html",
        lambda: b"<html><script>alert(1)</script></html>",
        EXTENSION_NOT_ALLOWED,
        {},
        id="html",
    ),
    pytest.param("logo.svg", lambda: SVG, EXTENSION_NOT_ALLOWED, {}, id="svg"),
    pytest.param(
        "programm.pdf",
        lambda: b"<html><body><script>alert(1)</script></body></html>",
        NOT_A_REAL_PDF,
        {},
        id="html-named-pdf",
    ),
    pytest.param(
        "protokoll.docx", lambda: b"MZ\x90\x00" * 64, NOT_A_REAL_DOCX, {}, id="exe-named-docx"
    ),
]


@pytest.mark.parametrize(("filename", "content", "message", "limits"), DOCUMENT_CASES)
def test_a_bad_document_is_refused_on_the_upload_form(editor, filename, content, message, limits):
    before = media_files()
    with override_settings(**limits):
        response = editor.client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Ein Dokument",
                "collection": editor.collection.pk,
                "file": SimpleUploadedFile(filename, content()),
            },
        )
    assert response.status_code == 200
    assert message[editor.language] in visible(response)
    assert not Document.objects.filter(title="Ein Dokument").exists()
    assert media_files() == before


@pytest.mark.parametrize(("filename", "content", "message", "limits"), DOCUMENT_CASES)
def test_a_bad_document_is_refused_by_the_multiple_uploader(
    editor, filename, content, message, limits
):
    before = media_files()
    count = Document.objects.count()
    with override_settings(**limits):
        response = editor.client.post(
            reverse("wagtaildocs:add_multiple"),
            {
                "collection": editor.collection.pk,
                "files[]": SimpleUploadedFile(filename, content()),
            },
        )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert message[editor.language] in answer["error_message"]
    assert Document.objects.count() == count
    assert media_files() == before


def test_the_size_limits_come_from_the_environment():
    """DOCUMENT_MAX_UPLOAD_MB and IMAGE_MAX_UPLOAD_MB (default 20 and 15) set Wagtail's limits."""
    from django.conf import settings

    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 15 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert "svg" not in settings.WAGTAILDOCS_EXTENSIONS
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.WAGTAILDOCS_MAX_UPLOAD_SIZE, s.WAGTAILIMAGES_MAX_UPLOAD_SIZE)",
        settings="twinsite.settings.test",
        extra_env={"DOCUMENT_MAX_UPLOAD_MB": "5", "IMAGE_MAX_UPLOAD_MB": "8"},
    )
    assert result.returncode == 0, result.stderr
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line.split() == [str(5 * 1024 * 1024), str(8 * 1024 * 1024)]


@pytest.mark.parametrize(
    ("filename", "content", "content_type"),
    [
        ("programm.pdf", pdf_zip_polyglot, "application/pdf"),
        ("teilnehmer.csv", lambda: b"name;ort\nAnna;Naumburg\n", "text/csv"),
        ("notiz.txt", lambda: b"<script>alert(1)</script>\n", "text/plain"),
    ],
    ids=["pdf-zip-polyglot", "csv", "txt-with-markup"],
)
def test_a_stored_document_is_served_as_its_type_and_never_run(
    editor, filename, content, content_type
):
    """What the allow-list lets in is served as its declared type, never as a page.

    A PDF that is also a ZIP archive is a real PDF, so it is kept; a text file may
    quote markup. Wagtail serves both with ``nosniff`` and a Content-Security-Policy
    that forbids scripts, and anything but PDF and plain text as an attachment.
    """
    response = editor.client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Gespeichert",
            "collection": editor.collection.pk,
            "file": SimpleUploadedFile(filename, content()),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(title="Gespeichert")
    served = editor.client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Type"].startswith(content_type)
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'"
    if content_type == "text/csv":
        assert served["Content-Disposition"].startswith("attachment")
    served.close()
