"""A visitor of the French site subscribes, Les Ulis' editor sends them an issue, they leave.

Everything a person does happens in Chromium: the visitor fills in the form
on the French subscription page and presses the button behind the mail's
link; the editor signs in as ``lesulis`` (the French list is Les Ulis') and
sends through *Envoyer aux lecteurs*. The mails go through the real ``mail``
worker, run in this process, to a local SMTP server. Leaving is what a mail
client does with RFC 8058's header: a POST without any browser.
"""

import email
import re
import time
import urllib.request
from email import policy
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from demo.sections import demo_key
from newsletter.models import NewsletterIndexPage, NewsletterIssueItem, NewsletterIssuePage
from partnership.models import DelegationReportPage
from subscribers.models import SubscribePage, Subscriber
from tests.smtp import local_smtp
from tests.subscribers.helpers import links, run_mail_worker

pytestmark = pytest.mark.django_db

ADDRESS = "camille.lectrice@example.org"
# The form refuses what is sent within HONEYPOT_TIME_INTERVAL seconds of loading it (3 s).
HUMAN_SECONDS = 4.5  # the honeypot counts whole seconds and wants more than 3
UNSUBSCRIBE_LINK = re.compile(r"https?://[^\s\]>]+/fr/subscription/unsubscribe/[^/\s\]>]+/")
ONE_CLICK_LINK = re.compile(r"<(https?://[^>]+/fr/subscription/one-click/[^/>]+/)>")


@pytest.fixture
def smtp():
    with local_smtp() as handler:
        yield handler


def mails_to(smtp, address):
    """Every message the local server accepted for ``address``, oldest first."""
    return [
        email.message_from_bytes(envelope.original_content, policy=policy.default)
        for envelope in smtp.envelopes
        if address in envelope.rcpt_tos
    ]


def text_of(message):
    return message.get_body(("plain",)).get_content()


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def send_to_readers(admin, index, issue, readers):
    """From the French newsletter section's listing: *More options*, *Send to readers*, confirm."""
    admin.goto(f"/admin/pages/{index.pk}/")
    admin.get_by_role(
        "button", name=re.compile(rf"^Plus d’options pour «\s*{re.escape(issue.title)}")
    ).click()
    admin.get_by_role("link", name="Envoyer aux lecteurs").click()
    expect(admin).to_have_url(re.compile(rf"/admin/newsletter/issues/{issue.pk}/send/$"))
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Envoyer aux lecteurs")
    noun = "lecteur" if readers == 1 else "lecteurs"
    admin.get_by_role("button", name=f"Confirmer : envoyer à {readers} {noun}").click()
    expect(admin.locator(".messages")).to_contain_text(f"part vers {readers} lecteurs")
    expect(admin.get_by_role("heading", name="Avancement")).to_be_visible()


def confirmed_readers(locale):
    return Subscriber.objects.filter(locale=locale, state=Subscriber.State.CONFIRMED).count()


def test_subscribe_receive_the_french_issue_and_leave_with_one_click(
    demo, open_page, editor, live_site, smtp, monkeypatch, screenshot
):
    subscribe_page = SubscribePage.objects.get(locale=demo.fr)
    index = NewsletterIndexPage.objects.get(locale=demo.fr)
    issue = NewsletterIssuePage.objects.get(
        translation_key=demo_key("page:newsletter-bilingual"), locale=demo.fr
    )

    # The visitor subscribes on the French site, in French, and agrees.
    visitor = open_page("fr-FR")
    visitor.goto(subscribe_page.url)
    loaded = time.monotonic()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "S'abonner à la lettre d'information"
    )
    form = visitor.locator("form.subscribe-form")
    form.get_by_role("textbox", name="Adresse e-mail").fill(ADDRESS)
    form.get_by_role("radio", name="Français", exact=True).check()
    form.get_by_role("checkbox", name=re.compile("^J’accepte que mon adresse e-mail")).check()
    visitor.wait_for_timeout(max(0, HUMAN_SECONDS - (time.monotonic() - loaded)) * 1000)
    form.get_by_role("button", name="S’abonner").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Veuillez consulter votre boîte de réception"
    )
    expect(visitor.get_by_text(f"Nous envoyons un e-mail à {ADDRESS}.")).to_be_visible()
    reader = Subscriber.objects.get(locale=demo.fr, email=ADDRESS)
    assert (reader.state, reader.language) == (Subscriber.State.PENDING, "fr")
    assert smtp.envelopes == [], "the mail waits for the worker"

    # The confirmation mail, in French, and its button's page.
    run_mail_worker(monkeypatch)
    [confirmation] = mails_to(smtp, ADDRESS)
    assert confirmation["Subject"].strip() == "Merci de confirmer votre abonnement"
    assert "Confirmer mon abonnement" in text_of(confirmation)
    [confirm_path] = [path for path in links(text_of(confirmation)) if "/confirm/" in path]
    assert f"{live_site}{confirm_path}" in text_of(confirmation), "a link to this site"
    visitor.goto(confirm_path)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Confirmer votre abonnement")
    reader.refresh_from_db()
    assert reader.state == Subscriber.State.PENDING, "opening the link confirms nothing"
    visitor.get_by_role("button", name="Confirmer mon abonnement").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Vous êtes abonné(e)")
    expect(
        visitor.get_by_text(f"Merci ! La lettre d’information sera envoyée à {ADDRESS}.")
    ).to_be_visible()
    reader.refresh_from_db()
    assert reader.state == Subscriber.State.CONFIRMED

    # Les Ulis' editor sends the published French issue to the French list.
    admin = editor("lesulis")
    send_to_readers(admin, index, issue, confirmed_readers(demo.fr))
    assert len(mails_to(smtp, ADDRESS)) == 1, "nothing is sent in the request"
    run_mail_worker(monkeypatch)
    admin.reload()
    expect(admin.locator("#send-progress")).to_contain_text("Version française")

    # Exactly one mail, the French version.
    _confirmation, newsletter = mails_to(smtp, ADDRESS)
    assert newsletter["Subject"].strip() == issue.title == "Des nouvelles du jumelage"
    assert newsletter["Content-Language"] == "fr"
    text = text_of(newsletter)
    html = newsletter.get_body(("html",)).get_content()
    assert "Chères amies et chers amis du jumelage" in text
    assert "Liebe Freundinnen und Freunde" not in text + html
    assert "Se désabonner" in html

    # The visible link leads to a page with a button, in French; opening it changes nothing.
    [unsubscribe_url] = set(UNSUBSCRIBE_LINK.findall(text))
    assert unsubscribe_url in html
    visitor.goto(path_of(unsubscribe_url))
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Se désabonner")
    expect(
        visitor.get_by_text(f"Plus de lettre d’information à l’adresse {ADDRESS} ?")
    ).to_be_visible()
    expect(visitor.get_by_role("button", name="Se désabonner")).to_be_visible()
    reader.refresh_from_db()
    assert reader.state == Subscriber.State.CONFIRMED

    # The mail client's one click: RFC 8058's POST to the List-Unsubscribe URL.
    assert newsletter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [one_click_url] = ONE_CLICK_LINK.findall(newsletter["List-Unsubscribe"])
    assert one_click_url.startswith(live_site)
    request = urllib.request.Request(
        one_click_url,
        data=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=15) as answer:
        assert answer.status == 200
        assert answer.read().decode() == "Vous vous êtes désabonné(e)."
    reader.refresh_from_db()
    assert reader.state == Subscriber.State.UNSUBSCRIBED
    visitor.goto(path_of(unsubscribe_url))
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Vous vous êtes désabonné(e)")

    # The team's next issue reaches the list, but not them.
    report = DelegationReportPage.objects.get(
        translation_key=demo_key("page:report"), locale=demo.fr
    )
    november = index.add_child(
        instance=NewsletterIssuePage(
            title="La lettre de novembre",
            slug="la-lettre-de-novembre",
            locale=demo.fr,
            language_mode="fr",
            items=[NewsletterIssueItem(page=report, format="teaser")],
        )
    )
    november.save_revision().publish()
    french_readers = Subscriber.objects.filter(
        locale=demo.fr, state=Subscriber.State.CONFIRMED, language="fr"
    )
    assert french_readers.exists(), "the demo's French readers"
    send_to_readers(admin, index, november, french_readers.count())
    run_mail_worker(monkeypatch)
    assert len(mails_to(smtp, ADDRESS)) == 2, "the confirmation and the first issue only"
    for other in french_readers:
        assert [m["Subject"].strip() for m in mails_to(smtp, other.email)] == [
            "Des nouvelles du jumelage",
            "La lettre de novembre",
        ]
    screenshot(visitor)
