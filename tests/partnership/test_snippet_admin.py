"""The shared records are managed as snippets, with search and filters."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import escape

from exhibitions.models import Artist
from partnership.models import Association, ContactPerson, FundingProgramme, PartnerCity

pytestmark = pytest.mark.django_db

MODELS = [PartnerCity, Association, ContactPerson, FundingProgramme, Artist]


def listing_url(model):
    return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:list")


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_snippet_listing_searches_in_each_locale(admin_client, demo, model):
    record = model.objects.filter(locale=demo.fr).first()
    assert record is not None, "the demo has a French record of every kind"
    response = admin_client.get(listing_url(model), {"locale": "fr", "q": str(record)[:12]})
    assert response.status_code == 200
    assert escape(str(record)) in response.text


def test_association_filters_by_kind(admin_client, demo):
    response = admin_client.get(listing_url(Association), {"locale": "de", "kind": "town_hall"})
    assert response.status_code == 200
    town_halls = Association.objects.filter(locale=demo.de, kind="town_hall")
    others = Association.objects.filter(locale=demo.de).exclude(kind="town_hall")
    assert all(a.name in response.text for a in town_halls)
    assert not any(f">{a.name}<" in response.text for a in others)


@pytest.mark.parametrize(
    ("username", "lang", "label"),
    [("naumburg", "de", "Partnerstädte"), ("lesulis", "fr", "Villes partenaires")],
)
def test_town_editors_manage_snippets_in_their_admin_language(client, demo, username, lang, label):
    client.force_login(get_user_model().objects.get(username=username))
    response = client.get(listing_url(PartnerCity))
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in response.text
    assert label in response.text
    # A new record starts in the editor's own language.
    add = client.get(reverse("wagtailsnippets_partnership_association:add"), follow=True)
    assert add.status_code == 200
    assert add.context["locale"].language_code == lang


def test_snippet_keeps_revisions(admin_client, demo):
    city = PartnerCity.objects.filter(locale=demo.de).first()
    url = reverse("wagtailsnippets_partnership_partnercity:edit", args=[city.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert city.revisions.exists()
