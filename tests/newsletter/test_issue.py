"""Newsletter issues: composed in the admin, rendered as e-mail (HTML, text) and as a web page."""

import re

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from demo.sections import demo_key
from demo.translate import translate
from exhibitions.models import ExhibitionPage
from newsletter.models import NewsletterIndexPage, NewsletterIssueItem, NewsletterIssuePage
from partnership.models import DelegationReportPage, WorkshopPage

pytestmark = pytest.mark.django_db


def demo_page(model, key, language):
    return model.objects.get(
        translation_key=demo_key(f"page:{key}"), locale__language_code=language
    )


@pytest.fixture
def pages(demo):
    """Demo pages, German and French: a report, a workshop, an exhibition, a German-only report."""

    class Pages:
        report = demo_page(DelegationReportPage, "report", "de")
        report_fr = demo_page(DelegationReportPage, "report", "fr")
        workshop = demo_page(WorkshopPage, "workshop", "de")
        workshop_fr = demo_page(WorkshopPage, "workshop", "fr")
        exhibition = demo_page(ExhibitionPage, "exhibition-0", "de")
        exhibition_fr = demo_page(ExhibitionPage, "exhibition-0", "fr")
        german_only = demo_page(DelegationReportPage, "german-only", "de")

    return Pages


@pytest.fixture
def index_de(demo):
    return NewsletterIndexPage.objects.get(locale=demo.de)


@pytest.fixture
def index_fr(demo):
    return NewsletterIndexPage.objects.get(locale=demo.fr)


def make_issue(parent, mode, items, *, title="Ausgabe", slug="ausgabe", intro="<p>Hallo!</p>"):
    issue = parent.add_child(
        instance=NewsletterIssuePage(
            title=title,
            slug=slug,
            intro=intro,
            language_mode=mode,
            items=[NewsletterIssueItem(page=page, format=fmt) for page, fmt in items],
        )
    )
    issue.save_revision().publish()
    return issue


def get(client, page, suffix=""):
    response = client.get(page.url + suffix)
    assert response.status_code == 200, (page.url + suffix, response.status_code)
    return response.content.decode()


def positions(text, *needles):
    found = [text.find(needle) for needle in needles]
    assert all(index >= 0 for index in found), [
        n for n, i in zip(needles, found, strict=True) if i < 0
    ]
    return found


def assert_email_safe(html):
    """Absolute links, 600 px, no script, iframe or form."""
    for url in re.findall(r'\s(?:href|src)="([^"]*)"', html):
        assert url.startswith(("http://testserver/", "mailto:", "tel:")), url
    assert "max-width:600px" in html
    for tag in ("<script", "<iframe", "<form"):
        assert tag not in html


def test_german_issue_composed_by_naumburg_in_the_admin(client, pages, index_de):
    """The Naumburg editor composes a German issue; the mail shows the items in order and format."""
    client.force_login(get_user_model().objects.get(username="naumburg"))
    data = nested_form_data(
        {
            "comments": inline_formset([]),
            "title": "Newsletter Dezember",
            "slug": "newsletter-dezember",
            "issue_date": "2025-12-01",
            "language_mode": "de",
            "intro": rich_text("<p>Liebe Leserinnen und Leser,</p>"),
            "items": inline_formset(
                [
                    {"page": pages.workshop.pk, "format": "teaser"},
                    {"page": pages.report.pk, "format": "full"},
                ],
                min=1,
            ),
            "action-publish": "action-publish",
        }
    )
    url = f"/admin/pages/add/newsletter/newsletterissuepage/{index_de.pk}/"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    issue = NewsletterIssuePage.objects.get(slug="newsletter-dezember")
    assert issue.live and issue.locale.language_code == "de"
    client.logout()

    html = get(client, issue, "email/")
    assert html.lower().startswith("<!doctype html>") and '<html lang="de"' in html
    assert "<title>Newsletter Dezember</title>" in html
    assert "Liebe Leserinnen und Leser," in html
    assert_email_safe(html)
    # The order of the items, each in German.
    workshop, report = positions(html, pages.workshop.title, pages.report.title)
    assert workshop < report
    assert pages.report_fr.title not in html
    # Teaser: the summary and a link; full: the whole page, its aim included.
    assert pages.workshop.summary.split()[0] in html
    assert f'href="http://testserver{pages.workshop.url}"' in html
    assert "Die Reise sollte zeigen" in html  # the report's aim
    assert "Ankommen und Begrüßung" not in html  # the workshop's agenda stays on the site

    text = get(client, issue, "email.txt")
    workshop, report = positions(text, pages.workshop.title, pages.report.title)
    assert workshop < report
    assert f"[http://testserver{pages.report.url}]" in text
    assert "<" not in text.replace("<br", "")  # no markup

    web = get(client, issue)
    workshop, report = positions(web, pages.workshop.title, pages.report.title)
    assert workshop < report
    assert '<html lang="de">' in web


def test_french_only_issue_shows_french_versions(client, pages, index_fr):
    """Items chosen in German appear as their French translations in a French issue."""
    issue = make_issue(
        index_fr,
        "fr",
        [(pages.report, "teaser"), (pages.exhibition, "teaser")],
        title="Lettre de décembre",
        slug="lettre-de-decembre",
        intro="<p>Chers lecteurs,</p>",
    )
    html = get(client, issue, "email/")
    assert '<html lang="fr"' in html
    assert "<title>Lettre de décembre</title>" in html
    report, exhibition = positions(html, pages.report_fr.title, pages.exhibition_fr.title)
    assert report < exhibition
    assert pages.report.title not in html and pages.exhibition.title not in html
    assert f'href="http://testserver{pages.report_fr.url}"' in html
    assert_email_safe(html)
    text = get(client, issue, "email.txt")
    assert pages.report_fr.title in text and pages.report.title not in text


def test_bilingual_side_by_side_sets_both_languages_in_two_columns(client, pages, index_de):
    issue = make_issue(
        index_de, "bilingual_side", [(pages.workshop, "teaser"), (pages.exhibition, "teaser")]
    )
    html = get(client, issue, "email/")
    assert '<html lang="de"' in html
    # One two-column section per item, each column in its language.
    columns = re.findall(r'<div class="([^"]*mj-column-per-50[^"]*)"[^>]*lang="(\w+)"', html)
    assert [language for _classes, language in columns] == ["de", "fr", "de", "fr"]
    de, fr, de2, fr2 = positions(
        html,
        pages.workshop.title,
        pages.workshop_fr.title,
        pages.exhibition.title,
        pages.exhibition_fr.title,
    )
    assert de < fr < de2 < fr2
    assert_email_safe(html)


def test_bilingual_stacked_shows_one_language_after_the_other(client, pages, index_de):
    issue = make_issue(
        index_de, "bilingual_stacked", [(pages.workshop, "teaser"), (pages.exhibition, "teaser")]
    )
    html = get(client, issue, "email/")
    assert "mj-column-per-50" not in html.split("</head>", 1)[1]
    blocks = re.findall(r'<div class="email-lang-(\w+)"[^>]*lang="(\w+)"', html)
    # The intro (the issue has no French version yet), then each item in both languages.
    assert [language for language, _ in blocks] == ["de", "de", "fr", "de", "fr"]
    assert all(css == lang for css, lang in blocks)
    de, fr, de2, fr2 = positions(
        html,
        pages.workshop.title,
        pages.workshop_fr.title,
        pages.exhibition.title,
        pages.exhibition_fr.title,
    )
    assert de < fr < de2 < fr2


def test_the_french_version_of_a_bilingual_issue_leads_with_french(client, demo, pages):
    """The demo's bilingual issue, translated by wagtail-localize: same items, French first."""
    german = NewsletterIssuePage.objects.get(
        translation_key=demo_key("page:newsletter-bilingual"), locale=demo.de
    )
    french = german.get_translation(demo.fr)
    assert french.language_mode == german.language_mode == "bilingual_side"
    assert [(i.page_id, i.format) for i in french.items.all()] == [
        (i.page_id, i.format) for i in german.items.all()
    ]
    html = get(client, french, "email/")
    assert '<html lang="fr"' in html
    # Both intros, French first, and the subject in both languages.
    fr_intro, de_intro = positions(html, "Chères amies et chers amis", "Liebe Freundinnen")
    assert fr_intro < de_intro
    assert f"<title>{french.title} · {german.title}</title>" in html
    fr_title, de_title = positions(html, pages.report_fr.title, pages.report.title)
    assert fr_title < de_title


def test_full_and_teaser_formats(client, pages, index_de):
    issue = make_issue(index_de, "de", [(pages.report, "teaser")])
    teaser = get(client, issue, "email/")
    assert pages.report.summary[:40] in teaser
    assert "Die Reise sollte zeigen" not in teaser

    item = issue.items.get()
    item.format = "full"
    item.save()
    full = get(client, issue, "email/")
    assert "Die Reise sollte zeigen" in full
    assert len(full) > len(teaser)


def test_item_order_follows_the_editor(client, pages, index_de):
    issue = make_issue(
        index_de, "de", [(pages.report, "teaser"), (pages.workshop, "teaser")], slug="order"
    )
    html = get(client, issue, "email/")
    first, second = positions(html, pages.report.title, pages.workshop.title)
    assert first < second
    for item, order in zip(issue.items.all(), (1, 0), strict=True):
        item.sort_order = order
        item.save()
    html = get(client, issue, "email/")
    first, second = positions(html, pages.report.title, pages.workshop.title)
    assert second < first


def notices_in_english(issue):
    with translation.override("en"):
        return [str(notice) for notice in issue.compose().notices]


def test_unpublished_item_is_left_out_with_a_notice(client, pages, index_de):
    issue = make_issue(index_de, "de", [(pages.workshop, "teaser"), (pages.report, "teaser")])
    pages.workshop.unpublish()

    for suffix in ("email/", "email.txt", ""):
        content = get(client, issue, suffix)
        assert pages.workshop.title not in content
        assert pages.report.title in content
    assert notices_in_english(issue) == [
        f"Item 1, “{pages.workshop.title}” – Left out: not published in German."
    ]

    # The editor sees it on the edit view and on the send-test view, in German.
    client.force_login(get_user_model().objects.get(username="naumburg"))
    for url in (
        f"/admin/pages/{issue.pk}/edit/",
        f"/admin/newsletter/issues/{issue.pk}/send-test/",
    ):
        page = client.get(url).content.decode()
        warning = page[page.index("help-warning") :]
        assert pages.workshop.title in warning[:2000], url


def test_deleted_item_is_left_out_with_a_notice(client, pages, index_de):
    issue = make_issue(index_de, "de", [(pages.report, "teaser"), (pages.exhibition, "teaser")])
    pages.exhibition.get_translations().delete()
    pages.exhibition.delete()
    assert issue.items.filter(page__isnull=True).count() == 1

    html = get(client, issue, "email/")
    assert pages.report.title in html and pages.exhibition.title not in html
    assert get(client, issue)  # the web version still renders
    assert notices_in_english(issue) == ["Item 2 – Left out: its page has been deleted."]


def test_item_without_translation_appears_in_its_language_only(client, pages, index_de):
    issue = make_issue(
        index_de, "bilingual_side", [(pages.german_only, "teaser"), (pages.report, "teaser")]
    )
    html = get(client, issue, "email/")
    assert pages.german_only.title in html
    assert notices_in_english(issue) == [
        # The new issue has no French version yet either.
        "This issue – No published version in French: its title and intro appear in German only.",
        f"Item 1, “{pages.german_only.title}” – Shown in German only: no version in French.",
    ]
    # The item with one language spans the width; the other gets two columns.
    columns = re.findall(r'<div class="[^"]*mj-column-per-50[^"]*"[^>]*lang="(\w+)"', html)
    assert columns == ["de", "fr"]


def test_french_only_issue_leaves_out_a_page_without_french_version(client, pages, index_fr):
    issue = make_issue(index_fr, "fr", [(pages.german_only, "full"), (pages.report, "teaser")])
    html = get(client, issue, "email/")
    assert pages.german_only.title not in html and pages.report_fr.title in html
    assert notices_in_english(issue) == [
        f"Item 1, “{pages.german_only.title}” – Left out: no version in French."
    ]


def test_issue_without_translation_notes_the_missing_intro(pages, index_de):
    issue = make_issue(index_de, "bilingual_stacked", [(pages.report, "teaser")])
    assert notices_in_english(issue) == [
        "This issue – No published version in French: its title and intro appear in German only."
    ]


def test_translation_keeps_items_and_mode_in_step(
    client, demo, pages, index_de, django_capture_on_commit_callbacks
):
    """wagtail-localize copies the synchronised items and mode; title and intro are translated."""
    issue = make_issue(
        index_de, "bilingual_stacked", [(pages.report, "teaser")], title="Ausgabe Mai", slug="mai"
    )
    strings = {"Ausgabe Mai": "Numéro de mai", "mai": "mai", "Hallo!": "Bonjour !"}
    with django_capture_on_commit_callbacks(execute=True):
        french = translate(issue, demo.fr, strings)
    french = NewsletterIssuePage.objects.get(pk=french.pk)
    assert (french.title, french.intro) == ("Numéro de mai", "<p>Bonjour !</p>")
    assert [i.page_id for i in french.items.all()] == [pages.report.pk]

    issue.items.create(page=pages.workshop, format="full")
    issue.language_mode = "bilingual_side"
    issue.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translate(issue, demo.fr, strings)
    french = NewsletterIssuePage.objects.get(pk=french.pk)
    assert french.language_mode == "bilingual_side"
    assert [(i.page_id, i.format) for i in french.items.all()] == [
        (pages.report.pk, "teaser"),
        (pages.workshop.pk, "full"),
    ]
    html = get(client, french, "email/")
    assert "Bonjour !" in html and "Hallo!" in html


def test_composition_costs_the_same_for_more_items(pages, index_de):
    few = make_issue(index_de, "bilingual_side", [(pages.report, "teaser")], slug="few")
    many = make_issue(
        index_de,
        "bilingual_side",
        [(pages.report, "teaser"), (pages.german_only, "teaser"), (pages.report, "full")],
        slug="many",
    )
    counts = []
    for issue in (few, many):
        with CaptureQueriesContext(connection) as queries:
            issue.compose()
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_index_lists_the_issues_of_its_language(client, demo, pages, index_de):
    make_issue(index_de, "de", [(pages.german_only, "full")], title="Rückblick", slug="rueckblick")
    german = get(client, index_de)
    french = get(client, NewsletterIndexPage.objects.get(locale=demo.fr))
    assert "Neues aus der Partnerschaft" in german and "Rückblick" in german
    assert "Des nouvelles du jumelage" in french and "Rückblick" not in french


def test_the_editor_previews_the_email_and_the_web_version(demo):
    issue = NewsletterIssuePage.objects.get(
        translation_key=demo_key("page:newsletter-bilingual"), locale=demo.de
    )
    email = issue.make_preview_request(preview_mode="email")
    assert email.status_code == 200
    assert email.content.decode().lower().startswith("<!doctype html>")
    assert 'lang="fr"' in email.content.decode()
    web = issue.make_preview_request(preview_mode="")
    assert web.status_code == 200 and b"newsletter-issue" in web.content


def test_an_item_must_be_a_content_page(pages, demo):
    item = NewsletterIssueItem(page=demo.home_de, format="teaser")
    with pytest.raises(ValidationError):
        item.clean()
    NewsletterIssueItem(page=pages.report, format="teaser").clean()


# DejaVu Sans Bold, the widest of the mail's fallback fonts, sets "Auf der
# Website weiterlesen" at 0.59 em a character: a safe estimate of a label's width.
EM_PER_CHARACTER = 0.6
MAIL_WIDTH = 600


def pixels(style, name):
    """The pixel values of a property of an inline style: ``[16.0]``, ``[10.0, 20.0]``."""
    found = re.search(rf"(?:^|;)\s*{name}\s*:([^;]+)", style)
    return [float(value.removesuffix("px")) for value in found[1].split()]


def left_and_right(values):
    """The horizontal sides of a padding shorthand of one to four values."""
    right = values[1] if len(values) > 1 else values[0]
    left = values[3] if len(values) == 4 else right
    return left, right


def email_buttons(html):
    """Each button of a mail: its label, its styles, and the width it has inside its column."""
    buttons = []
    for link in lxml.html.document_fromstring(html).xpath("//td[@bgcolor]/a"):
        table = link.xpath("ancestor::table[1]")[0]
        around = left_and_right(pixels(table.getparent().get("style"), "padding"))
        column = link.xpath("ancestor::div[contains(@class, 'mj-column-per-')][1]")[0]
        share = int(re.search(r"mj-column-per-(\d+)", column.get("class"))[1])
        buttons.append(
            {
                "label": " ".join(link.text_content().split()),
                "styles": (link.getparent().get("style"), link.get("style")),
                "table": table,
                "room": MAIL_WIDTH * share / 100 - sum(around),
            }
        )
    return buttons


@pytest.mark.parametrize("language", ["de", "fr"])
def test_buttons_are_as_wide_as_their_label_in_both_languages(client, demo, language):
    """A German button beside a French one: each fits its label, neither fills its column."""
    issue = NewsletterIssuePage.objects.get(
        translation_key=demo_key("page:newsletter-bilingual"), locale__language_code=language
    )
    buttons = email_buttons(get(client, issue, "email/"))
    labels = {button["label"] for button in buttons}
    assert {
        "Auf der Website weiterlesen",
        "Lire sur le site",
        "Weiterlesen",
        "Lire la suite",
    } <= labels
    # One look for every button, whatever its language.
    assert len({button["styles"] for button in buttons}) == 1
    for button in buttons:
        table = button["table"]
        assert "width" not in table.attrib and "width" not in table.get("style", "")
        _cell_style, link_style = button["styles"]
        padding = left_and_right(pixels(link_style, "padding"))
        label = len(button["label"]) * EM_PER_CHARACTER * pixels(link_style, "font-size")[0]
        assert label + sum(padding) <= button["room"], button["label"]
