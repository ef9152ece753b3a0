"""Machine translation from the translation editor, against a local DeepL/LibreTranslate.

Pages go through wagtail-localize's own submit, editor and machine-translate
routes; the provider is the fake server of ``conftest.py``.
"""

import html
import inspect
import json
import re
from io import StringIO

import environ
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import resolve, reverse
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from partnership.models import DelegationReportIndexPage, PartnerCity
from tests.factories import DelegationReportPageFactory, PartnerCityFactory
from translation import glossary
from translation.machine_config import machine_translator_config
from translation.views import machine

pytestmark = pytest.mark.django_db

DEEPL_MAX_BODY = 128 * 1024
SENTENCE = "Die Bürgerinnen und Bürger aus Naumburg und Les Ulis üben gemeinsam für das Fest. "


def user(username, language=None):
    account = get_user_model().objects.get(username=username)
    if language:
        profile = UserProfile.get_for_user(account)
        profile.preferred_language = language
        profile.save()
    return account


def paragraphs(count, repeat=1):
    return [f"Absatz {n}: " + SENTENCE * repeat for n in range(count)]


def twin_cities(demo):
    """Two German partner cities with French versions, so the page can be published."""
    french_keys = PartnerCity.objects.filter(locale=demo.fr).values("translation_key")
    return PartnerCity.objects.filter(locale=demo.de, translation_key__in=french_keys)[:2]


@pytest.fixture
def submit_report(admin_client, demo):
    """A German delegation report submitted for French, as its translation and French draft."""

    def submit(findings=(), **fields):
        from_city, to_city = twin_cities(demo)
        page = DelegationReportPageFactory(
            parent=DelegationReportIndexPage.objects.get(locale=demo.de),
            title="Besuch in Les Ulis",
            summary="Eine Delegation besucht die Partnerstadt.",
            aim="<p>Voneinander lernen.</p>",
            findings="".join(f"<p>{text}</p>" for text in findings),
            from_city=from_city,
            to_city=to_city,
            **fields,
        )
        response = admin_client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.id]),
            {"locales": [demo.fr.id]},
        )
        assert response.status_code == 302
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale=demo.fr
        )
        return page, translation, page.get_translation(demo.fr)

    return submit


def editor_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.id])


def machine_translate(client, translation, next_url, **kwargs):
    return client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.id]),
        {"next": f"http://testserver{next_url}"},
        **kwargs,
    )


def editor_props(response):
    return json.loads(html.unescape(re.search(r'data-props="([^"]*)"', response.text)[1]))


def page_text(response):
    return html.unescape(response.content.decode())


def machine_rows(translation):
    """The translations of every text but the slug, which follows the title (test_slugs.py)."""
    return StringTranslation.objects.filter(
        context__object_id=translation.source.object_id,
        locale=translation.target_locale,
    ).exclude(context__path="slug")


def segment_count(translation):
    """The texts a machine may translate: all but the slug."""
    return (
        StringSegment.objects.filter(source=translation.source)
        .exclude(context__path="slug")
        .count()
    )


# The button and the route


def test_no_button_and_no_route_without_a_provider(client, submit_report, machine_env):
    assert machine_env() is None
    _, translation, french = submit_report()
    client.force_login(user("lesulis"))
    editor = client.get(editor_url(french))
    assert editor.status_code == 200
    assert editor_props(editor)["machineTranslator"] is None
    response = machine_translate(client, translation, editor_url(french))
    assert response.status_code == 404
    assert not machine_rows(translation).exists()


def test_editor_offers_deepl(client, submit_report, deepl):
    _, translation, french = submit_report()
    client.force_login(user("lesulis"))
    props = editor_props(client.get(editor_url(french)))
    assert props["machineTranslator"] == {
        "name": "DeepL",
        "url": reverse("wagtail_localize:machine_translate", args=[translation.id]),
    }


def test_editor_offers_libretranslate(client, submit_report, libretranslate):
    _, _, french = submit_report()
    client.force_login(user("lesulis"))
    props = editor_props(client.get(editor_url(french)))
    assert props["machineTranslator"]["name"] == "LibreTranslate"


def test_wagtail_localize_url_name_reaches_our_view():
    url = reverse("wagtail_localize:machine_translate", args=[7])
    assert url == "/admin/localize/translate/7/machine_translate/"
    assert inspect.unwrap(resolve(url).func) is inspect.unwrap(machine.machine_translate)


# Translating a page


def test_deepl_translates_a_page_that_is_then_published_in_french(
    client, submit_report, deepl, django_capture_on_commit_callbacks
):
    page, translation, french = submit_report(findings=paragraphs(3))
    lesulis = user("lesulis")
    client.force_login(lesulis)

    response = machine_translate(client, translation, editor_url(french), follow=True)

    assert response.redirect_chain == [(f"http://testserver{editor_url(french)}", 302)]
    count = segment_count(translation)
    assert f"{count} textes traduits avec DeepL." in page_text(response)
    rows = machine_rows(translation)
    assert rows.count() == count
    assert set(rows.values_list("translation_type", "tool_name")) == {("machine", "DeepL")}
    assert set(rows.values_list("last_translated_by", flat=True)) == {lesulis.pk}

    (request,) = deepl.translate_requests
    assert request.headers["Authorization"] == "DeepL-Auth-Key test-key:fx"
    assert request.params["source_lang"] == "DE"
    assert request.params["target_lang"] == "FR"
    assert request.params["formality"] == "prefer_more"  # town halls write "vous"
    assert request.params["glossary_id"] == "glossary-de-fr"
    assert request.params["tag_handling"] == "xml"
    assert "Absatz 1: " + SENTENCE.strip() in request.texts

    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=lesulis, publish=True)
    published = Page.objects.get(pk=french.pk).specific
    assert published.live
    assert published.title == "[FR] Besuch in Les Ulis"
    visitor = client.get(published.url)
    assert visitor.status_code == 200
    assert "[FR] Absatz 2: Die Bürgerinnen" in page_text(visitor)
    assert "[FR] Eine Delegation besucht die Partnerstadt." in page_text(visitor)


def test_a_long_page_goes_to_deepl_in_chunks_below_128_kib(client, submit_report, deepl):
    texts = paragraphs(60, repeat=62)
    assert sum(len(text.encode()) for text in texts) > 300_000
    _, translation, french = submit_report(findings=texts)
    client.force_login(user("lesulis"))

    response = machine_translate(client, translation, editor_url(french))

    assert response.status_code == 302
    requests = deepl.translate_requests
    assert len(requests) >= 3
    assert all(request.size <= DEEPL_MAX_BODY for request in requests)
    # The limit is on the encoded body, where an umlaut costs 6 bytes (%C3%BC):
    # the requests are packed close to it, with fewer characters than bytes.
    largest = max(requests, key=lambda request: request.size)
    assert largest.size > 120 * 1024
    assert sum(len(text) for text in largest.texts) < largest.size
    sent = [text for request in requests for text in request.texts]
    assert len(sent) == len(set(sent)) == segment_count(translation)
    assert machine_rows(translation).count() == segment_count(translation)


def test_deepl_never_gets_more_than_50_texts_at_once(client, submit_report, deepl):
    _, translation, french = submit_report(findings=paragraphs(120))
    client.force_login(user("lesulis"))
    machine_translate(client, translation, editor_url(french))
    assert [len(r.texts) for r in deepl.translate_requests] == [
        50,
        50,
        segment_count(translation) - 100,
    ]


def test_libretranslate_gets_chunks_below_its_character_limit(
    client, submit_report, libretranslate
):
    _, translation, french = submit_report(findings=paragraphs(40, repeat=4))
    client.force_login(user("lesulis"))

    response = machine_translate(client, translation, editor_url(french), follow=True)

    requests = libretranslate.translate_requests
    assert len(requests) > 1
    assert all(sum(len(text) for text in request.texts) <= 2000 for request in requests)
    assert {(r.path, r.params["source"], r.params["target"]) for r in requests} == {
        ("/translate", "de", "fr")
    }
    assert {(r.params["format"], r.params["api_key"]) for r in requests} == {("html", "libre-key")}
    count = segment_count(translation)
    assert f"{count} textes traduits avec LibreTranslate." in page_text(response)
    assert set(machine_rows(translation).values_list("tool_name", flat=True)) == {"LibreTranslate"}


def test_a_text_longer_than_the_limit_is_left_for_a_person(client, submit_report, libretranslate):
    _, translation, french = submit_report(findings=["Kurz.", "Lang. " * 400])
    client.force_login(user("lesulis"))

    response = machine_translate(client, translation, editor_url(french), follow=True)

    text = page_text(response)
    count = segment_count(translation)
    assert f"{count - 1} textes traduits avec LibreTranslate." in text
    assert "1 texte est trop long pour LibreTranslate ; merci de le traduire à la main." in text
    assert machine_rows(translation).count() == count - 1
    assert not machine_rows(translation).filter(translation_of__data__startswith="Lang.").exists()


# Failures


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (429, "le service reçoit trop de demandes en ce moment"),
        (456, "le quota mensuel est épuisé"),
        (500, "le service rencontre lui-même un problème"),
        (503, "le service rencontre lui-même un problème"),
        (403, "le service a refusé la clé d'accès"),
        ("malformed", "le service a envoyé une réponse illisible"),
        ("slow", "le service n'a pas répondu à temps"),
    ],
)
def test_a_provider_error_reaches_the_editor_in_french(
    client, submit_report, deepl, machine_env, failure, reason
):
    if failure == "slow":
        machine_env(MACHINE_TRANSLATION_TIMEOUT=0.5)
    _, translation, french = submit_report()
    deepl.fail(failure)
    client.force_login(user("lesulis"))

    response = machine_translate(client, translation, editor_url(french), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[0][1] == 302
    text = page_text(response)
    assert f"DeepL n'a pas pu traduire : {reason}. Rien n'a été modifié ;" in text
    assert not machine_rows(translation).exists()


def test_connection_refused_reaches_the_editor(client, submit_report, machine_env, closed_port_url):
    machine_env(DEEPL_AUTH_KEY="key", DEEPL_API_URL=closed_port_url)
    _, translation, french = submit_report()
    client.force_login(user("lesulis"))
    response = machine_translate(client, translation, editor_url(french), follow=True)
    assert response.status_code == 200
    assert (
        "DeepL n'a pas pu traduire : le service est injoignable. Rien n'a été modifié ; "
        "réessayez plus tard." in page_text(response)
    )


def test_a_spent_quota_keeps_earlier_chunks_and_manual_translations(client, submit_report, deepl):
    _, translation, french = submit_report(findings=paragraphs(120))
    summary = StringSegment.objects.get(
        source=translation.source, string__data="Eine Delegation besucht die Partnerstadt."
    )
    lesulis = user("lesulis")
    client.force_login(lesulis)
    saved = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.id, summary.id]),
        "value=Une+d%C3%A9l%C3%A9gation+rend+visite+%C3%A0+la+ville+jumel%C3%A9e.",
        content_type="application/x-www-form-urlencoded",
    )
    assert saved.status_code == 201
    total = segment_count(translation) - 1
    deepl.fail(456, from_request=2)

    response = machine_translate(client, translation, editor_url(french), follow=True)

    assert (
        f"DeepL s'est arrêté après 50 textes sur {total} : le quota mensuel est épuisé. "
        "Les 50 traductions reçues sont conservées ; réessayez quand le quota sera renouvelé, "
        "ou traduisez à la main." in page_text(response)
    )
    rows = machine_rows(translation)
    assert rows.filter(translation_type="machine").count() == 50
    manual = rows.get(translation_type="manual")
    assert manual.data == "Une délégation rend visite à la ville jumelée."
    assert [len(r.texts) for r in deepl.translate_requests] == [50, 50]
    first_chunk = deepl.translate_requests[0].texts
    assert set(rows.filter(translation_type="machine").values_list("data", flat=True)) == {
        f"[FR] {text}" for text in first_chunk
    }

    # Once the quota renews, the same button sends only what is still missing.
    deepl.fail(None)
    response = machine_translate(client, translation, editor_url(french), follow=True)
    assert f"{total - 50} textes traduits avec DeepL." in page_text(response)
    later = [text for request in deepl.translate_requests[2:] for text in request.texts]
    assert len(later) == total - 50
    assert set(first_chunk).isdisjoint(later)
    assert rows.count() == total + 1
    assert rows.get(translation_type="manual").data == manual.data
    assert "Eine Delegation besucht die Partnerstadt." not in [
        text for request in deepl.translate_requests for text in request.texts
    ]

    response = machine_translate(client, translation, editor_url(french), follow=True)
    assert "Il n'y a plus rien à traduire." in page_text(response)


def test_a_rate_limit_is_explained_in_german(client, submit_report, deepl):
    _, translation, french = submit_report(findings=paragraphs(60))
    total = segment_count(translation)
    deepl.fail(429, from_request=2)
    client.force_login(user("admin", language="de"))

    response = machine_translate(client, translation, editor_url(french), follow=True)

    assert (
        f"DeepL hat nach 50 von {total} Texten aufgehört: Der Dienst erhält gerade zu viele "
        "Anfragen. Die 50 erhaltenen Übersetzungen bleiben gespeichert; versuchen Sie es in ein "
        "paar Minuten erneut." in page_text(response)
    )
    assert machine_rows(translation).count() == 50


def test_a_libretranslate_server_error_is_explained_in_german(
    client, submit_report, libretranslate
):
    _, translation, french = submit_report(findings=paragraphs(40, repeat=4))
    libretranslate.fail(500, from_request=2)
    client.force_login(user("admin", language="de"))

    response = machine_translate(client, translation, editor_url(french), follow=True)

    done = len(libretranslate.translate_requests[0].texts)
    total = segment_count(translation)
    assert (
        f"LibreTranslate hat nach {done} von {total} Texten aufgehört: Der Dienst hat gerade "
        f"selbst eine Störung. Die {done} erhaltenen Übersetzungen bleiben gespeichert; "
        "versuchen Sie den Rest später." in page_text(response)
    )
    assert machine_rows(translation).count() == done


# Who may machine-translate


def assert_refused(client, translation):
    """403 for the editor's scripts; a form post gets Wagtail's usual redirect and message."""
    url = reverse("wagtail_localize:machine_translate", args=[translation.id])
    assert client.post(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code == 403
    response = machine_translate(client, translation, "/admin/", follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "Sie haben leider keinen Zugang zu diesem Bereich." in page_text(response)
    assert not machine_rows(translation).exists()


def test_naumburg_editor_cannot_machine_translate_a_french_page(client, submit_report, deepl):
    _, translation, _ = submit_report()
    client.force_login(user("naumburg"))
    assert_refused(client, translation)
    assert not deepl.translate_requests


def test_only_the_french_team_may_machine_translate_a_french_snippet(
    client, admin_client, demo, deepl
):
    city = PartnerCityFactory(locale=demo.de, name="Hildesheim", description="Eine Stadt.")
    response = admin_client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["partnership", "partnercity", city.pk],
        ),
        {"locales": [demo.fr.id]},
    )
    assert response.status_code == 302
    translation = Translation.objects.get(
        source__object_id=city.translation_key, target_locale=demo.fr
    )
    # wagtail-localize would let anyone who may change partner cities in.
    client.force_login(user("naumburg"))
    assert_refused(client, translation)
    assert not deepl.translate_requests

    client.force_login(user("lesulis"))
    assert machine_translate(client, translation, "/admin/").status_code == 302
    assert machine_rows(translation).filter(data="[FR] Hildesheim").exists()


# Configuration from the environment


def test_configuration_from_the_environment(machine_env):
    assert machine_env() is None
    assert machine_env(LIBRETRANSLATE_URL="http://mt.internal:5000") == {
        "CLASS": "translation.machine.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": "http://mt.internal:5000",
            "API_KEY": "",
            "CHAR_LIMIT": 5000,
            "TIMEOUT": 30.0,
        },
    }
    # DeepL wins when both are set.
    config = machine_env(DEEPL_AUTH_KEY="abc:fx", DEEPL_GLOSSARY_ID_FR_DE="g-fr-de")
    assert config == {
        "CLASS": "translation.machine.DeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": "abc:fx",
            "FORMALITY": "prefer_more",
            "TIMEOUT": 30.0,
            "GLOSSARY_IDS": {("FR", "DE"): "g-fr-de"},
        },
    }
    assert machine_translator_config(environ.Env())["OPTIONS"]["AUTH_KEY"] == "abc:fx"


def test_deepl_endpoint_follows_the_key_unless_set():
    from translation.machine import DeepLTranslator

    assert DeepLTranslator({"AUTH_KEY": "k:fx"}).get_api_endpoint() == (
        "https://api-free.deepl.com/v2/translate"
    )
    assert DeepLTranslator({"AUTH_KEY": "k"}).get_api_endpoint() == (
        "https://api.deepl.com/v2/translate"
    )
    assert DeepLTranslator({"AUTH_KEY": "k", "API_URL": "http://proxy/"}).get_api_endpoint() == (
        "http://proxy/v2/translate"
    )


# The glossary


def test_glossary_command_creates_both_directions(deepl):
    out = StringIO()
    call_command("deepl_glossary", stdout=out)

    assert out.getvalue().splitlines()[-2:] == [
        "DEEPL_GLOSSARY_ID_DE_FR=glossary-de-fr",
        "DEEPL_GLOSSARY_ID_FR_DE=glossary-fr-de",
    ]
    requests = [r for r in deepl.requests if r.path == "/v2/glossaries"]
    assert [(r.params["source_lang"], r.params["target_lang"]) for r in requests] == [
        ("de", "fr"),
        ("fr", "de"),
    ]
    assert {r.headers["Authorization"] for r in requests} == {"DeepL-Auth-Key test-key:fx"}
    de_fr = dict(line.split("\t") for line in requests[0].params["entries"].splitlines())
    fr_de = dict(line.split("\t") for line in requests[1].params["entries"].splitlines())
    assert de_fr["Städtepartnerschaft"] == "jumelage"
    assert de_fr["Partnerstadt"] == "ville jumelée"
    assert de_fr["Freiwilligenagentur"] == "centre du bénévolat"
    assert fr_de["ville partenaire"] == fr_de["ville jumelée"] == "Partnerstadt"
    assert fr_de["atelier"] == "Workshop"
    assert fr_de["Fonds citoyen franco-allemand"] == "Bürgerfonds"
    assert requests[0].params["entries_format"] == "tsv"


def test_glossary_entries_are_unique_per_direction():
    for source, target in (("de", "fr"), ("fr", "de")):
        entries = glossary.entries(source, target)
        assert len({term for term, _ in entries}) == len(entries)
        assert all("\t" not in term + translated for term, translated in entries)


def test_glossary_command_needs_deepl(machine_env):
    machine_env(LIBRETRANSLATE_URL="http://mt.internal:5000")
    with pytest.raises(CommandError, match="DEEPL_AUTH_KEY"):
        call_command("deepl_glossary", stdout=StringIO())


def test_glossary_command_reports_deepl_errors(deepl):
    deepl.fail(403)
    with pytest.raises(CommandError, match="de-fr glossary: .*HTTP 403"):
        call_command("deepl_glossary", stdout=StringIO())
