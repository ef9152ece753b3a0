"""Slugs of translations: never machine-translated, following the translated title until published.

The page goes through wagtail-localize's submit, editor, machine-translate and
publish routes over HTTP; the provider is the local fake of ``conftest.py``.
"""

import html

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from partnership.models import DelegationReportIndexPage, PartnerCity
from tests.factories import DelegationReportPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(admin_client, demo):
    """A German report submitted for French: (page, translation, French draft)."""
    french_keys = PartnerCity.objects.filter(locale=demo.fr).values("translation_key")
    from_city, to_city = PartnerCity.objects.filter(
        locale=demo.de, translation_key__in=french_keys
    )[:2]
    page = DelegationReportPageFactory(
        parent=DelegationReportIndexPage.objects.get(locale=demo.de),
        title="Delegationsreise nach Les Ulis",
        slug="delegationsreise-nach-les-ulis",
        summary="Eine Delegation besucht die Partnerstadt.",
        aim="<p>Voneinander lernen.</p>",
        from_city=from_city,
        to_city=to_city,
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


@pytest.fixture
def lesulis(client):
    client.force_login(get_user_model().objects.get(username="lesulis"))
    return client


def segment(translation, path):
    return StringSegment.objects.get(source=translation.source, context__path=path)


def translated(translation, path):
    return (
        StringTranslation.objects.filter(
            translation_of=segment(translation, path).string,
            context=segment(translation, path).context,
            locale=translation.target_locale,
        )
        .values_list("data", flat=True)
        .first()
    )


def type_in(client, translation, path, value):
    response = client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.id, segment(translation, path).id],
        ),
        encode_multipart(BOUNDARY, {"value": value}),
        content_type=MULTIPART_CONTENT,
    )
    assert response.status_code in (200, 201), response.content
    return response


def publish(client, page, capture):
    with capture(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.id]), {"action": "publish"}
        )
    assert response.status_code == 302
    return Page.objects.get(pk=page.pk).specific


def machine_translate(client, translation, french):
    edit = reverse("wagtailadmin_pages:edit", args=[french.id])
    return client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.id]),
        {"next": f"http://testserver{edit}"},
        follow=True,
    )


@pytest.mark.parametrize("provider", ["deepl", "libretranslate"])
def test_machine_translation_never_sends_the_slug(request, report, lesulis, provider):
    service = request.getfixturevalue(provider)
    page, translation, french = report

    response = machine_translate(lesulis, translation, french)

    assert response.status_code == 200
    sent = [text for recorded in service.translate_requests for text in recorded.texts]
    assert "Delegationsreise nach Les Ulis" in sent
    assert "delegationsreise-nach-les-ulis" not in sent
    # The fake writes "[FR] ..."; the slug is made from that title, not sent.
    assert translated(translation, "slug") == "fr-delegationsreise-nach-les-ulis"
    slug = StringTranslation.objects.get(
        context=segment(translation, "slug").context, locale=translation.target_locale
    )
    assert slug.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL
    # Pressing the button again: only the slug was left, and nothing is sent.
    again = machine_translate(lesulis, translation, french)
    assert len(service.translate_requests) == 1
    assert "Il n'y a plus rien à traduire." in html.unescape(again.content.decode())


def test_the_slug_follows_the_title_until_published_then_stays(
    report, lesulis, deepl, django_capture_on_commit_callbacks
):
    page, translation, french = report
    machine_translate(lesulis, translation, french)
    assert translated(translation, "slug") == "fr-delegationsreise-nach-les-ulis"

    # The French editor corrects the machine's title: the slug follows.
    type_in(lesulis, translation, "title", "Voyage de délégation aux Ulis")
    assert translated(translation, "slug") == "voyage-de-delegation-aux-ulis"

    published = publish(lesulis, french, django_capture_on_commit_callbacks)
    assert published.live
    assert published.slug == "voyage-de-delegation-aux-ulis"
    address = published.url
    assert address.endswith("/voyage-de-delegation-aux-ulis/")
    assert Client().get(address).status_code == 200

    # Once published, a new title leaves the address alone.
    type_in(lesulis, translation, "title", "Notre délégation aux Ulis")
    assert translated(translation, "slug") == "voyage-de-delegation-aux-ulis"
    republished = publish(lesulis, french, django_capture_on_commit_callbacks)
    assert republished.title == "Notre délégation aux Ulis"
    assert republished.url == address
    assert Client().get(address).status_code == 200


def test_a_slug_typed_by_the_editor_is_kept(report, lesulis, deepl):
    page, translation, french = report
    type_in(lesulis, translation, "slug", "delegation-2026")
    type_in(lesulis, translation, "title", "Voyage de délégation aux Ulis")
    assert translated(translation, "slug") == "delegation-2026"
    machine_translate(lesulis, translation, french)
    assert translated(translation, "slug") == "delegation-2026"
