"""Values chosen in the translation editor instead of the original's are checked first.

wagtail-localize stored any override value a PUT carried (201 for an image id
that does not exist), and every later publish of the translation answered 500
until the override was deleted. Now a value is checked as its field would
check it, a bad one is answered with 400 and a message in the editor's admin
language, and nothing is stored. An override stored before, or whose image was
deleted since, no longer breaks publishing, previewing or syncing: the first
publish says what is wrong and marks the value in the editor, the next one
uses the original's value.

Run for both teams: Les Ulis (French admin) translating a German workshop, and
Naumburg (German admin) translating a French one.
"""

import html
import json
import re
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import Collection
from wagtail_localize.models import OverridableSegment, SegmentOverride, Translation

from partnership.models import DelegationReportPage, WorkshopIndexPage
from tests.factories import ImageFactory, PartnerCityFactory, WorkshopPageFactory

pytestmark = pytest.mark.django_db

TEAMS = {
    "lesulis": SimpleNamespace(
        source="de",
        target="fr",
        collection="Les Ulis",
        other_collection="Naumburg",
        messages={
            "image": "Il n'y a pas d'image avec ce numéro que vous pouvez choisir.",
            "page": "Il n'y a pas de page d'un type adapté avec ce numéro.",
            "email": "Saisissez une adresse e-mail valide.",
            "url": "Saisissez une URL valide.",
            "href": (
                "Saisissez un lien qui commence par http://, https://, mailto: ou tel:, ou un "
                "chemin sur ce site."
            ),
            "embed": "Impossible de trouver une intégration pour cette URL.",
            "no_value": "Aucune valeur n'a été envoyée.",
            "bulk_broken": (
                "1 traduction reprend les valeurs de l'original là où des valeurs choisies dans "
                "celle-ci ne conviennent plus ; elles sont signalées dans l'éditeur de traduction."
            ),
            "broken": (
                "Certaines valeurs choisies dans la traduction « {title} » ne conviennent plus "
                "(Image d'accroche) : elles sont signalées dans l'éditeur de traduction, et la "
                "traduction y reprend les valeurs de l'original tant que vous n'en choisissez "
                "pas d'autres."
            ),
        },
        # The test translates no text: wagtail-localize says so when publishing.
        teaser_image="Image d'accroche",
        coat_of_arms="Blason ou logo",
        published="« {title} » est publié (langue : Français), mais des traductions manquent, "
        "voir ci-dessous.",
    ),
    "naumburg": SimpleNamespace(
        source="fr",
        target="de",
        collection="Naumburg",
        other_collection="Les Ulis",
        messages={
            "image": "Es gibt kein Bild mit dieser Nummer, das Sie auswählen dürfen.",
            "page": "Es gibt keine Seite passenden Typs mit dieser Nummer.",
            "email": "Gib eine gültige E-Mail Adresse an.",
            "url": "Gib eine gültige URL ein.",
            "href": (
                "Geben Sie einen Link ein, der mit http://, https://, mailto: oder tel: beginnt, "
                "oder einen Pfad auf dieser Website."
            ),
            "embed": "Für diese URL wurde kein Element gefunden.",
            "no_value": "Es wurde kein Wert gesendet.",
            "bulk_broken": (
                "1 Übersetzung übernimmt die Werte des Originals, wo in ihr gewählte Werte nicht "
                "mehr passen; sie sind im Übersetzungseditor markiert."
            ),
            "broken": (
                "Einige in der Übersetzung „{title}“ gewählte Werte passen nicht mehr "
                "(Vorschaubild): sie sind im Übersetzungseditor markiert, und die Übersetzung "
                "verwendet dort die Werte des Originals, bis Sie andere wählen."
            ),
        },
        teaser_image="Vorschaubild",
        coat_of_arms="Wappen oder Logo",
        published="„{title}“ ist veröffentlicht (Sprache: Deutsch), es fehlen aber Übersetzungen, "
        "siehe unten.",
    ),
}

LINK = "https://partnerschaft.example.org/programm"
VIDEO = "https://www.youtube.com/watch?v=twinsite01"


def message_texts(response):
    return [html.unescape(str(message)).strip() for message in response.wsgi_request._messages]


class Team:
    def __init__(self, username, demo):
        self.spec = TEAMS[username]
        self.user = get_user_model().objects.get(username=username)
        self.client = Client()
        self.client.force_login(self.user)
        self.source = getattr(demo, self.spec.source)
        self.target = getattr(demo, self.spec.target)

    def image(self, collection=None):
        return ImageFactory(
            collection=Collection.objects.get(name=collection or self.spec.collection)
        )


@pytest.fixture(params=sorted(TEAMS))
def team(request, demo):
    return Team(request.param, demo)


@pytest.fixture
def workshop(team, django_capture_on_commit_callbacks):
    """A workshop with synchronised values of every kind, translated by the team."""
    follow_up = WorkshopPageFactory(
        parent=WorkshopIndexPage.objects.get(locale=team.source), title="Folgetreffen"
    )
    page = WorkshopPageFactory(
        parent=WorkshopIndexPage.objects.get(locale=team.source),
        title="Werkstatt Übersetzung",
        teaser_image=team.image(),
        registration_email="anmeldung@example.org",
        follow_up=follow_up,
        body=json.dumps(
            [
                {
                    "type": "paragraph",
                    "value": f'<p>Das <a href="{LINK}">Programm</a> steht fest.</p>',
                },
                {
                    "type": "call_to_action",
                    "value": {
                        "title": "Mitmachen",
                        "text": "",
                        "page": None,
                        "url": LINK,
                        "button_label": "Anmelden",
                    },
                },
                {"type": "embed", "value": VIDEO},
            ]
        ),
    )
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        response = team.client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [team.target.pk]},
        )
    assert response.status_code == 302
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=team.target
    )
    return SimpleNamespace(
        page=page, translation=translation, target=page.get_translation(team.target).specific
    )


def segment(workshop, kind):
    """The overridable segment of one kind: a model field's name or a body block's type."""
    segments = OverridableSegment.objects.filter(source=workshop.translation.source)
    by_field = {s.context.path: s for s in segments.select_related("context")}
    if kind in by_field:
        return by_field[kind]
    blocks = {block.block_type: block.id for block in workshop.page.body}
    paths = {
        "href": f"body.{blocks['paragraph']}.'{LINK}'",
        "cta_url": f"body.{blocks['call_to_action']}.url",
        "embed": f"body.{blocks['embed']}",
    }
    return by_field[paths[kind]]


def put_override(team, workshop, kind, value):
    url = reverse(
        "wagtail_localize:edit_override",
        args=[workshop.translation.pk, segment(workshop, kind).pk],
    )
    data = {} if value is None else {"value": value}
    return team.client.put(url, encode_multipart(BOUNDARY, data), content_type=MULTIPART_CONTENT)


def stored(team, workshop, kind):
    return SegmentOverride.objects.filter(
        locale=team.target, context=segment(workshop, kind).context
    )


def editor_props(response):
    """The data wagtail-localize's translation editor is drawn from."""
    assert response.status_code == 200
    return json.loads(html.unescape(re.search(r'data-props="([^"]*)"', response.text)[1]))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def publish(team, workshop, capture):
    """The translation editor's "Publish"."""
    with capture(execute=True):
        response = team.client.post(edit_url(workshop.target), {"action": "publish"})
    assert response.status_code == 302
    assert response["Location"] == edit_url(workshop.target)
    workshop.target.refresh_from_db()
    return response


def missing_image_id():
    return "99999999"


BAD_VALUES = {
    "an image that does not exist": ("teaser_image", missing_image_id, "image"),
    "an image id that is no number": ("teaser_image", lambda: "12; DROP", "image"),
    "a page of another type": (
        "follow_up",
        lambda: str(DelegationReportPage.objects.values_list("pk", flat=True)[0]),
        "page",
    ),
    "a page that does not exist": ("follow_up", lambda: "99999999", "page"),
    "an e-mail address that is none": ("registration_email", lambda: "anmeldung(at)", "email"),
    "a javascript: web address": ("cta_url", lambda: "javascript:alert(1)", "url"),
    "a javascript: link in rich text": ("href", lambda: "javascript:alert(1)", "href"),
    "a video no provider knows": ("embed", lambda: "https://evil.example/video", "embed"),
    "no value at all": ("teaser_image", lambda: None, "no_value"),
}


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_a_bad_value_is_refused_and_nothing_is_stored(
    team, workshop, case, django_capture_on_commit_callbacks
):
    kind, value, message = BAD_VALUES[case]

    response = put_override(team, workshop, kind, value())

    assert response.status_code == 400
    assert response.json() == {"error": team.spec.messages[message]}
    assert not stored(team, workshop, kind).exists()
    # Publishing goes on working, with the original's values.
    response = publish(team, workshop, django_capture_on_commit_callbacks)
    assert team.spec.published.format(title=workshop.target.title) in message_texts(response)
    assert workshop.target.teaser_image_id == workshop.page.teaser_image_id
    assert workshop.target.live


def test_an_image_of_the_other_town_cannot_be_chosen(team, workshop):
    """As in Wagtail's image chooser: only images in collections the team may choose from."""
    response = put_override(
        team, workshop, "teaser_image", str(team.image(team.spec.other_collection).pk)
    )

    assert response.status_code == 400
    assert response.json() == {"error": team.spec.messages["image"]}
    assert not stored(team, workshop, "teaser_image").exists()


def test_good_values_are_stored_and_published(team, workshop, django_capture_on_commit_callbacks):
    own_image = team.image()
    follow_up = WorkshopPageFactory(
        parent=WorkshopIndexPage.objects.get(locale=team.target), title="Rencontre suivante"
    )
    for kind, value in [
        ("teaser_image", str(own_image.pk)),
        ("follow_up", str(follow_up.pk)),
        ("registration_email", "inscription@example.org"),
        ("cta_url", "https://jumelage.example.org/participer"),
        ("href", "/fr/programme/"),
    ]:
        response = put_override(team, workshop, kind, value)
        assert response.status_code == 201, (kind, response.content)

    publish(team, workshop, django_capture_on_commit_callbacks)

    target = workshop.target
    assert target.teaser_image_id == own_image.pk
    assert target.follow_up_id == follow_up.pk
    assert target.registration_email == "inscription@example.org"
    cta = next(block for block in target.body if block.block_type == "call_to_action")
    assert cta.value["url"] == "https://jumelage.example.org/participer"
    paragraph = next(block for block in target.body if block.block_type == "paragraph")
    assert 'href="/fr/programme/"' in paragraph.value.source


@pytest.fixture(params=["never existed", "deleted since"])
def broken_override(request, team, workshop):
    """An image override that points nowhere, stored as wagtail-localize stores them."""
    if request.param == "never existed":
        value = missing_image_id()
    else:
        image = team.image()
        value = str(image.pk)
    override = SegmentOverride.objects.create(
        locale=team.target,
        context=segment(workshop, "teaser_image").context,
        data_json=json.dumps(value),
        last_translated_by=team.user,
    )
    if request.param == "deleted since":
        image.delete()
    return override


def test_a_stored_override_pointing_nowhere_does_not_break_publishing(
    team, workshop, broken_override, django_capture_on_commit_callbacks
):
    response = publish(team, workshop, django_capture_on_commit_callbacks)

    broken = team.spec.messages["broken"].format(title=workshop.page.title)
    assert broken in message_texts(response)
    assert team.spec.published.format(title=workshop.target.title) in message_texts(response)
    assert workshop.target.live
    assert workshop.target.teaser_image_id == workshop.page.teaser_image_id
    broken_override.refresh_from_db()
    assert broken_override.has_error
    assert broken_override.field_error == team.spec.messages["image"]
    # The translation editor shows the error at the value.
    overrides = editor_props(team.client.get(edit_url(workshop.target)))["initialOverrides"]
    assert {
        "segment_id": segment(workshop, "teaser_image").pk,
        "data": broken_override.data,
        "error": team.spec.messages["image"],
    } in overrides

    # Choosing an image again clears the mark, and the next publish uses it.
    own_image = team.image()
    assert put_override(team, workshop, "teaser_image", str(own_image.pk)).status_code == 200
    publish(team, workshop, django_capture_on_commit_callbacks)
    assert workshop.target.teaser_image_id == own_image.pk


def test_a_stored_override_pointing_nowhere_does_not_break_the_preview(
    team, workshop, broken_override
):
    response = team.client.get(
        reverse("wagtail_localize:preview_translation", args=[workshop.translation.pk])
    )

    assert response.status_code == 200
    assert workshop.page.title in html.unescape(response.content.decode())


def test_syncing_with_a_broken_override_publishes_the_original_value(
    team, workshop, broken_override, django_capture_on_commit_callbacks
):
    source = workshop.translation.source
    with django_capture_on_commit_callbacks(execute=True):
        response = team.client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )

    assert response.status_code == 302
    broken = team.spec.messages["broken"].format(title=workshop.page.title)
    assert broken in message_texts(response)
    workshop.target.refresh_from_db()
    assert workshop.target.live
    assert workshop.target.teaser_image_id == workshop.page.teaser_image_id


def test_bulk_sync_with_a_broken_override_publishes_the_original_value(
    team, workshop, broken_override, django_capture_on_commit_callbacks
):
    query = urlencode([("id", workshop.page.pk), ("next", "/admin/pages/")])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "sync_translations"])
    with django_capture_on_commit_callbacks(execute=True):
        response = team.client.post(f"{url}?{query}", {"publish": "on"})

    assert response.status_code == 302
    assert team.spec.messages["bulk_broken"] in message_texts(response)
    workshop.target.refresh_from_db()
    assert workshop.target.live
    assert workshop.target.teaser_image_id == workshop.page.teaser_image_id


def test_a_snippet_translation_checks_its_overrides_too(team, django_capture_on_commit_callbacks):
    """A town's coat of arms: the same checks in the snippet's translation editor."""
    coat_of_arms = team.image()
    city = PartnerCityFactory(locale=team.source, name="Teststadt", coat_of_arms=coat_of_arms)
    city.save_revision()
    response = team.client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["partnership", "partnercity", city.pk],
        ),
        {"locales": [team.target.pk]},
    )
    assert response.status_code == 302
    translation = Translation.objects.get(
        source__object_id=city.translation_key, target_locale=team.target
    )
    version = city.get_translation(team.target)
    segment = OverridableSegment.objects.get(
        source=translation.source, context__path="coat_of_arms"
    )
    url = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])

    refused = team.client.put(
        url,
        encode_multipart(BOUNDARY, {"value": missing_image_id()}),
        content_type=MULTIPART_CONTENT,
    )

    assert refused.status_code == 400
    assert refused.json() == {"error": team.spec.messages["image"]}
    assert not SegmentOverride.objects.filter(locale=team.target, context=segment.context).exists()

    # One stored before the check, for an image deleted since: publishing still works.
    gone = team.image()
    SegmentOverride.objects.create(
        locale=team.target, context=segment.context, data_json=json.dumps(str(gone.pk))
    )
    gone.delete()
    snippet_edit_url = reverse("wagtailsnippets_partnership_partnercity:edit", args=[version.pk])
    with django_capture_on_commit_callbacks(execute=True):
        published = team.client.post(snippet_edit_url, {"action": "publish"})

    assert published.status_code == 302
    broken = team.spec.messages["broken"].format(title="Teststadt")
    broken = broken.replace(team.spec.teaser_image, team.spec.coat_of_arms)
    assert broken in message_texts(published)
    version.refresh_from_db()
    assert version.coat_of_arms_id == coat_of_arms.pk
