"""What only a browser can measure: the reading views line up with the site's header and
footer, and an e-mail's buttons are as wide as their label, in German as in French."""

import pytest

from demo.sections import demo_key
from newsletter.models import NewsletterIssuePage
from partnership.models import DelegationReportPage

pytestmark = pytest.mark.django_db

# The inner edges of an element's box: where its text starts and ends.
CONTENT_EDGES = """(element) => {
    const box = element.getBoundingClientRect(), style = getComputedStyle(element);
    return [box.left + parseFloat(style.paddingLeft), box.right - parseFloat(style.paddingRight)];
}"""
BUTTON = """(link) => {
    const box = link.getBoundingClientRect();
    const column = link.closest("[class*=mj-column-per-]").getBoundingClientRect();
    return {label: link.textContent.trim(), width: box.width, height: box.height,
            column: column.width};
}"""


def demo_pages(demo, language):
    locale = getattr(demo, language)
    report = DelegationReportPage.objects.get(
        translation_key=demo_key("page:report"), locale=locale
    )
    issue = NewsletterIssuePage.objects.get(
        translation_key=demo_key("page:newsletter-bilingual"), locale=locale
    )
    return report, issue


@pytest.mark.parametrize("language", ["de", "fr"])
def test_wide_views_are_as_wide_as_header_and_footer(demo, open_page, screenshot, language):
    report, issue = demo_pages(demo, language)
    visitor = open_page(f"{language}-{language.upper()}")
    for path in (f"{report.url}bilingual/", issue.url):
        visitor.goto(path)
        header = visitor.locator(".site-header__inner").evaluate(CONTENT_EDGES)
        footer = visitor.locator(".site-footer__inner").evaluate(CONTENT_EDGES)
        body = visitor.locator("main .page-body").evaluate(CONTENT_EDGES)
        assert body == header == footer, path
    screenshot(visitor)


@pytest.mark.parametrize("language", ["de", "fr"])
def test_email_buttons_fit_their_label_in_both_languages(demo, open_page, screenshot, language):
    _report, issue = demo_pages(demo, language)
    reader = open_page(f"{language}-{language.upper()}")
    reader.goto(f"{issue.url}email/")
    buttons = reader.locator("td[bgcolor] > a").evaluate_all(f"(links) => links.map({BUTTON})")
    labels = {button["label"] for button in buttons}
    assert {"Auf der Website weiterlesen", "Lire sur le site"} <= labels
    # One line each, so all of the same height; none stretched to its column's width.
    assert len({round(button["height"]) for button in buttons}) == 1, buttons
    for button in buttons:
        assert button["width"] < button["column"] - 40, button
    screenshot(reader)
