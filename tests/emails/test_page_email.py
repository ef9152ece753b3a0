"""Every content page in e-mail form: ``email/`` and ``email.txt``, in the page's language."""

import re
from html import unescape

import pytest
from django.core.files.base import ContentFile
from django.template.loader import get_template
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from core.blocks import (
    AgendaStreamBlock,
    BodyStreamBlock,
    DocumentStreamBlock,
    ProgrammeStreamBlock,
)
from emails.rendering import EMAIL_SIZE_LIMIT, page_email
from emails.text import html_to_text
from exhibitions.blocks import PhaseStreamBlock, WorksStreamBlock
from exhibitions.models import ArtistExchangePage, ExhibitionPage
from partnership.models import DelegationReportPage, WorkshopPage
from tests.emails.mail_html import (
    CONTENT_MODELS,
    SAFE_URL_PREFIXES,
    MailHTML,
    demo_page,
    is_email_image,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "fr"]
FORMATS = ["teaser", "full"]
VIEW_IN_BROWSER = {"de": "Im Browser ansehen", "fr": "Voir dans le navigateur"}
READ_MORE = {"de": "Weiterlesen", "fr": "Lire la suite"}
READ_ON_SITE = {"de": "Auf der Website weiterlesen", "fr": "Lire sur le site"}
BAD_FORMAT = {
    "de": "Unbekanntes Format. Erlaubt sind „teaser“ und „full“.",
    "fr": "Format inconnu. Utilisez «\u00a0teaser\u00a0» ou «\u00a0full\u00a0».",
}
VIDEO = {"de": "Video: Les Ulis 2025", "fr": "Vidéo\u00a0: Les Ulis 2025"}
WIDTH_IN_STYLE = re.compile(r"(?<![-\w])width\s*:\s*(\d+)px")


def locale(demo, language):
    return getattr(demo, language)


def absolute(page):
    return f"http://testserver{page.url}"


def get_email(client, page, fmt=None, suffix="email/"):
    query = f"?format={fmt}" if fmt else ""
    return client.get(f"{page.url}{suffix}{query}")


def assert_mail_safe(mail, html):
    """What many mail clients need, whatever the page."""
    assert mail.tags("table"), "the layout is made of tables"
    for attrs in mail.tags("table") + mail.tags("td") + mail.tags("img"):
        width = attrs.get("width", "").removesuffix("px")
        assert not width.isdigit() or int(width) <= 600, attrs
    for _tag, attrs in mail.elements:
        for width in WIDTH_IN_STYLE.findall(attrs.get("style", "")):
            assert int(width) <= 600, attrs
    for url in mail.urls():
        assert url.startswith(SAFE_URL_PREFIXES), url
    for image in mail.tags("img"):
        assert "alt" in image, image
        assert is_email_image(image["src"]), image["src"]
    for forbidden in ("script", "iframe", "form", "object", "embed", "video", "picture"):
        assert not mail.tags(forbidden), forbidden
    for link in mail.tags("link"):
        assert "stylesheet" not in link.get("rel", ""), link
    styles = " ".join(mail.styles)
    assert "@import" not in styles and "@font-face" not in styles
    assert "fonts.googleapis" not in html
    assert len(html.encode()) < EMAIL_SIZE_LIMIT


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_email_html_is_mail_safe_in_the_page_language(client, demo, model, language, fmt):
    page = demo_page(model, locale(demo, language))
    response = get_email(client, page, fmt)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    mail = MailHTML(html)

    assert mail.root["lang"] == language
    assert mail.title == page.title
    assert mail.preheader and page.summary.startswith(mail.preheader.rstrip("…").strip())
    assert mail.link_texts(absolute(page))[0] == VIEW_IN_BROWSER[language]
    assert page.title in html.replace("&#x27;", "'").replace("&#39;", "'")
    assert page.teaser_meta.replace("'", "&#x27;") in html
    assert_mail_safe(mail, html)
    if fmt == "teaser":
        assert READ_MORE[language] in mail.link_texts(absolute(page))
    else:
        assert READ_ON_SITE[language] in mail.link_texts(absolute(page))


def test_teaser_is_the_default_and_full_shows_the_whole_page(client, demo):
    for language, programme in [("de", "Programm"), ("fr", "Programme")]:
        page = DelegationReportPage.objects.live().get(
            locale=locale(demo, language), start_date__year=2025
        )
        default = get_email(client, page).content.decode()
        teaser = get_email(client, page, "teaser").content.decode()
        full = get_email(client, page, "full").content.decode()
        assert default == teaser
        heading = re.compile(rf"<h2[^>]*>{programme}</h2>")
        assert not heading.search(teaser)
        assert heading.search(full)
        assert len(full) > len(teaser)
        first_day = page.programme[0].value["title"]
        assert first_day in full and first_day not in teaser


@pytest.mark.parametrize("suffix", ["email/", "email.txt"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_format_is_refused_in_the_page_language(client, demo, language, suffix):
    page = demo_page(WorkshopPage, locale(demo, language))
    response = get_email(client, page, "poster", suffix=suffix)
    assert response.status_code == 400
    assert response.content.decode() == BAD_FORMAT[language]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_plain_text_twin_in_the_page_language(client, demo, model, language):
    page = demo_page(model, locale(demo, language))
    response = get_email(client, page, "full", suffix="email.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    lines = text.splitlines()

    assert lines[0] == f"{VIEW_IN_BROWSER[language]} [{absolute(page)}]"
    assert f"{page.title} [{absolute(page)}]" in " ".join(text.split())
    assert page.teaser_meta in text
    assert " ".join(page.summary.split()) in " ".join(text.split())
    assert "<" not in text.replace("<br>", "")
    for url in re.findall(r"\[([^\]\s]+)\]", text):
        assert url.startswith(("http://", "https://")) or "@" in url, url
    assert "\n\n\n" not in text


def test_plain_text_headings_and_lists_are_readable(client, demo):
    for language, heading in [("de", "Ziel der Reise"), ("fr", "Objectif du voyage")]:
        page = DelegationReportPage.objects.live().get(
            locale=locale(demo, language), start_date__year=2025
        )
        text = get_email(client, page, "full", suffix="email.txt").content.decode()
        assert f"\n\n{heading}\n\n" in text
        assert "\n * " in text, "list items are bulleted"
        teaser = get_email(client, page, suffix="email.txt").content.decode()
        assert f"{READ_MORE[language]} [{absolute(page)}]" in teaser
        assert heading not in teaser


def test_html_to_text_writes_links_out():
    html = (
        "<html><body><h2>Termine</h2><p>Siehe <a href='https://example.org/a'>Programm</a>"
        " und <a href='mailto:info@example.org'>info@example.org</a>.</p>"
        "<ol><li>Eins</li><li>Zwei</li></ol><a href='https://example.org/i'><img alt=''></a>"
        "</body></html>"
    )
    assert html_to_text(html) == (
        "Termine\n\nSiehe Programm [https://example.org/a] und info@example.org.\n\n"
        " 1. Eins\n 2. Zwei\n"
    )


@pytest.fixture
def rich_pages(demo):
    """A German report and its French translation with every kind of link and media."""
    german = DelegationReportPage.objects.live().get(locale=demo.de, start_date__year=2025)
    french = german.get_translation(demo.fr)
    target_de = ExhibitionPage.objects.live().filter(locale=demo.de).order_by("pk").first()
    document = get_document_model().objects.create(
        title="Protokoll", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="protokoll.pdf")
    )
    image = get_image_model().objects.filter(file__endswith=".jpg").first() or (
        get_image_model().objects.first()
    )
    video = "https://www.youtube.com/watch?v=twinsite42"
    Embed.objects.create(
        hash=get_embed_hash(video),
        url=video,
        type="video",
        html='<iframe src="https://www.youtube.com/embed/twinsite42"></iframe>',
        title="Les Ulis 2025",
        provider_name="YouTube",
        thumbnail_url="https://i.ytimg.com/vi/twinsite42/hqdefault.jpg",
    )
    no_thumbnail = "https://vimeo.com/4242"
    Embed.objects.create(
        hash=get_embed_hash(no_thumbnail),
        url=no_thumbnail,
        type="video",
        html='<iframe src="https://player.vimeo.com/video/4242"></iframe>',
        title="",
        provider_name="Vimeo",
        thumbnail_url="https://i.vimeocdn.com/video/4242-abc_640",
    )

    def body(see, protocol):
        return [
            {
                "type": "paragraph",
                "value": (
                    f'<p>{see} <a linktype="page" id="{target_de.pk}">Ausstellung</a>, '
                    f'<a linktype="document" id="{document.pk}">{protocol}</a>, '
                    '<a href="https://example.org/extern">example.org</a>.</p>'
                    f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Saal"/>'
                ),
            },
            {"type": "document", "value": {"document": document.pk, "title": protocol}},
            {
                "type": "call_to_action",
                "value": {
                    "title": see,
                    "text": "",
                    "page": target_de.pk,
                    "url": "",
                    "button_label": see,
                },
            },
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "alt_text": "", "decorative": True},
                    "caption": "",
                    "credit": "",
                },
            },
            {"type": "embed", "value": video},
            {"type": "embed", "value": no_thumbnail},
        ]

    for page, see, protocol in [
        (german, "Siehe", "Protokoll"),
        (french, "Voir", "Compte rendu"),
    ]:
        page.body = body(see, protocol)
        page.save_revision().publish()
    return {
        "de": (german, target_de, document, video, no_thumbnail),
        "fr": (french, target_de.get_translation(demo.fr), document, video, no_thumbnail),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_rich_text_links_documents_images_and_videos_are_absolute(client, rich_pages, language):
    page, target, document, video, no_thumbnail = rich_pages[language]
    html = get_email(client, page, "full").content.decode()
    mail = MailHTML(html)
    assert_mail_safe(mail, html)

    # A page link inside rich text, and a call to action, lead to the page in the mail's language.
    assert len(mail.link_texts(absolute(target))) == 2
    document_url = f"http://testserver{document.url}"
    assert len(mail.link_texts(document_url)) == 2
    assert mail.link_texts("https://example.org/extern") == ["example.org"]
    # The rich-text image and the decorative image block.
    alts = [img["alt"] for img in mail.tags("img") if "/media/images/" in img["src"]]
    assert "Saal" in alts and "" in alts
    # Videos: a thumbnail that links to the video, else a plain link.
    [thumbnail] = [link for link in mail.links if link["images"]]
    assert thumbnail["href"] == video
    assert thumbnail["images"][0]["src"] == "https://i.ytimg.com/vi/twinsite42/hqdefault.jpg"
    assert thumbnail["images"][0]["alt"] == VIDEO[language]
    assert mail.link_texts(no_thumbnail), "a video without a usable thumbnail is a link"
    assert "vimeocdn" not in html

    text = get_email(client, page, "full", suffix="email.txt").content.decode()
    assert f"[{document_url}]" in text
    assert f"[{absolute(target)}]" in text
    assert f"[{video}]" in text


def test_every_block_has_an_email_form():
    streams = [
        BodyStreamBlock,
        ProgrammeStreamBlock,
        AgendaStreamBlock,
        DocumentStreamBlock,
        WorksStreamBlock,
        PhaseStreamBlock,
    ]
    for stream in streams:
        for name, block in stream.base_blocks.items():
            # A block of a content app names its own; the generic ones are in emails/.
            get_template(getattr(block.meta, "email_template", f"emails/blocks/{name}.mjml"))


def test_a_huge_page_is_flagged_too_large(demo):
    page = demo_page(WorkshopPage, demo.de)
    paragraph = "<p>" + "Ein sehr langer Bericht über die Partnerschaft. " * 40 + "</p>"
    page.body = [{"type": "paragraph", "value": paragraph} for _ in range(60)]
    full = page_email(page, fmt="full")
    assert full.too_large and full.size > EMAIL_SIZE_LIMIT
    teaser = page_email(page, fmt="teaser")
    assert not teaser.too_large


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_demo_pages_stay_under_the_gmail_limit(demo, model):
    for language in LANGUAGES:
        for page in model.objects.live().filter(locale=locale(demo, language)):
            email = page_email(page, fmt="full")
            assert not email.too_large, (page.url, email.size)
            assert email.lang == language


@pytest.mark.parametrize("suffix", ["email/", "email.txt"])
def test_unpublished_pages_have_no_email(client, demo, suffix):
    for language in LANGUAGES:
        page = demo_page(ExhibitionPage, locale(demo, language))
        url = page.url
        page.unpublish()
        assert client.get(f"{url}{suffix}").status_code == 404


@pytest.mark.parametrize("suffix", ["email/", "email.txt"])
def test_private_pages_ask_for_a_login(client, admin_client, demo, suffix):
    page = demo_page(WorkshopPage, demo.fr)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(f"{page.url}{suffix}")
    assert response.status_code == 302
    assert "/login" in response["Location"]
    assert page.summary[:40] not in response.content.decode()
    assert admin_client.get(f"{page.url}{suffix}").status_code == 200


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_a_french_mail_has_no_german_text_from_shared_images(client, demo, model):
    """Image titles are shared by both languages; the teaser image is decorative instead."""
    french = demo_page(model, demo.fr)
    german = french.get_translation(demo.de)
    for fmt in FORMATS:
        mail = MailHTML(get_email(client, french, fmt).content.decode())
        assert german.title not in " ".join(image["alt"] for image in mail.tags("img"))
        assert mail.tags("img")[0]["alt"] == ""


def mail_text(html):
    """The text a mail client shows of the HTML's body: tags and comments dropped."""
    body = re.sub(r"<!--.*?-->", "", html.split("<body", 1)[1], flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", body)).split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_town_named_with_parentheses_is_not_wrapped_in_more(client, demo, language):
    """In HTML and text: "Verein, Naumburg (Saale)", never "Verein (Naumburg (Saale))"."""
    report = DelegationReportPage.objects.live().get(
        locale=locale(demo, language), start_date__year=2025
    )
    exchange = demo_page(ArtistExchangePage, locale(demo, language))
    listed = {
        report: [
            (link.association.name, link.association.website, link.association.town_name)
            for link in report.participants.all()
        ],
        exchange: [
            (link.artist.name, "", link.artist.city.name) for link in exchange.artists.all()
        ],
    }
    assert "Naumburg (Saale)" in {town for rows in listed.values() for *_named, town in rows}
    for page, rows in listed.items():
        html = mail_text(get_email(client, page, "full").content.decode())
        text = " ".join(
            get_email(client, page, "full", suffix="email.txt").content.decode().split()
        )
        assert "(Naumburg (Saale))" not in html
        assert "(Naumburg (Saale))" not in text
        for name, website, town in rows:
            assert f"{name}, {town}" in html
            assert f"{name}{f' [{website}]' if website else ''}, {town}" in text
