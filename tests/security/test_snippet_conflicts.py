"""Two editors, or two tabs, save the same snippet: the outdated save is held back, nothing is lost.

As on pages (test_edit_conflicts.py): both load the editor of a partner city;
A saves; B saves from the form loaded before. B gets the editor back with a
message in B's admin language, B's text still in the form and nothing saved;
saving again keeps both versions in the history. Every snippet with revisions
is checked; a tab's own autosaves never count against it; a snippet without
revisions is left as Wagtail has it.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale, RevisionMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation

from home.models import SiteIdentity
from partnership.models import PartnerCity
from tests.security.helpers import client_for, colleague, loaded_revision, visible

pytestmark = pytest.mark.django_db

TEAMS = {
    "de": {
        "editor": "naumburg",
        "display_name": "Anna Beispiel",
        "group": "Redaktion Naumburg",
        "message": "Anna Beispiel hat am {time} eine neuere Fassung dieses Eintrags gespeichert, "
        "nachdem Sie ihn geöffnet hatten. Ihre Änderungen sind noch nicht gespeichert",
        "not_saved": "Das „Partnerstadt“-Objekt konnte aufgrund von Fehlern nicht gespeichert",
        "autosave": "Beim Speichern wird eine neuere Version überschrieben.",
        "saved": "Partnerstadt 'Bad Kösen' geändert.",
    },
    "fr": {
        "editor": "lesulis",
        "display_name": "Claire Exemple",
        "group": "Rédaction Les Ulis",
        "message": "Claire Exemple a enregistré une version plus récente de cette fiche le {time}, "
        "après que vous l'avez ouverte. Vos modifications ne sont pas encore enregistrées",
        "not_saved": "Le(la) Ville partenaire n'a pas pu être enregistré(e) à cause d'erreurs.",
        "autosave": "Enregistrer écrira une nouvelle version.",
        "saved": "Ville partenaire «\xa0Bad Kösen\xa0» modifié(e).",
    },
}


@pytest.fixture(params=sorted(TEAMS))
def team(request, demo):
    """Editor A from the demo, a colleague B, and a partner city of their language."""
    language = request.param
    spec = TEAMS[language]
    user_a = get_user_model().objects.get(username=spec["editor"])
    user_b = colleague(language, spec["group"])
    city = PartnerCity.objects.create(
        locale=Locale.objects.get(language_code=language),
        name="Bad Kösen",
        country="DE",
        description="Anfang.",
    )
    city.save_revision(user=user_a)
    return spec | {
        "language": language,
        "city": city,
        "a": client_for(user_a),
        "b": client_for(user_b),
    }


def edit_url(instance):
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[instance.pk])


def load_editor(client, instance):
    """GET the editor (a new tab); return the hidden fields its form posts with."""
    response = client.get(edit_url(instance))
    assert response.status_code == 200
    return loaded_revision(response.content.decode())


def city_form(city, tab, **fields):
    return {
        "name": city.name,
        "country": city.country,
        "region": city.region,
        "partner_since": "",
        "website": city.website,
        "coat_of_arms": "",
        "description": city.description,
        **tab,
        **fields,
    }


def save(client, city, tab, **fields):
    return client.post(edit_url(city), city_form(city, tab, **fields))


def autosave(client, city, tab, **fields):
    """What Wagtail's autosave posts from a tab: the form, asking for JSON."""
    return client.post(
        edit_url(city), city_form(city, tab, **fields), HTTP_ACCEPT="application/json"
    ).json()


def descriptions(city):
    return [revision.content["description"] for revision in city.revisions.order_by("pk")]


def assert_held_back(team, response, kept):
    """The editor again, with the conflict in the editor's language and their text in the form."""
    assert response.status_code == 200
    text = visible(response)
    pattern = re.escape(team["message"]).replace(re.escape("{time}"), r"\S+ \d\d:\d\d")
    assert re.search(pattern, text)
    assert team["not_saved"] in text
    assert f'<html lang="{team["language"]}"' in text
    assert kept in text  # the editor's work is still in the form


def test_the_second_save_is_held_back_and_both_versions_stay(team):
    city = team["city"]
    seen_by_a = load_editor(team["a"], city)
    seen_by_b = load_editor(team["b"], city)
    assert seen_by_a["loaded_revision_id"] == seen_by_b["loaded_revision_id"]

    response = save(team["a"], city, seen_by_a, description="Fassung von A.")
    assert response.status_code == 302
    city.refresh_from_db()
    a_revision = city.latest_revision

    response = save(team["b"], city, seen_by_b, description="Fassung von B.")
    assert_held_back(team, response, "Fassung von B.")
    # Nothing was saved for B: the record and its history are A's.
    city.refresh_from_db()
    assert city.description == "Fassung von A."
    assert city.latest_revision == a_revision
    assert descriptions(city) == ["Anfang.", "Fassung von A."]

    # The form B got back is based on A's revision, so saving again is B's choice.
    again = loaded_revision(response.content.decode())
    assert again["loaded_revision_id"] == str(a_revision.pk)
    response = save(team["b"], city, again, description="Fassung von B.")
    assert response.status_code == 302
    assert team["saved"] in visible(team["b"].get(response.url))
    city.refresh_from_db()
    assert city.description == "Fassung von B."
    assert descriptions(city) == ["Anfang.", "Fassung von A.", "Fassung von B."]
    assert [revision.user.first_name for revision in city.revisions.order_by("pk")][1:] == [
        team["display_name"].split()[0],
        "Bernd",
    ]
    history = visible(
        team["b"].get(reverse(city.snippet_viewset.get_url_name("history"), args=[city.pk]))
    )
    assert team["display_name"] in history
    assert "Bernd Zweit" in history


def test_an_outdated_autosave_is_refused_by_wagtail_itself(team):
    city = team["city"]
    seen_by_a = load_editor(team["a"], city)
    seen_by_b = load_editor(team["b"], city)
    assert save(team["a"], city, seen_by_a, description="Fassung von A.").status_code == 302

    assert autosave(team["b"], city, seen_by_b, description="Automatisch gespeichert") == {
        "success": False,
        "error_code": "invalid_revision",
        "error_message": team["autosave"],
    }
    assert descriptions(city) == ["Anfang.", "Fassung von A."]


def test_the_same_editor_in_two_tabs_is_held_back(team):
    city = team["city"]
    first_tab = load_editor(team["a"], city)
    second_tab = load_editor(team["a"], city)
    assert first_tab["edit_tab"] != second_tab["edit_tab"]
    assert save(team["a"], city, first_tab, description="Im ersten Tab.").status_code == 302

    response = save(team["a"], city, second_tab, description="Im zweiten Tab.")
    assert_held_back(team, response, "Im zweiten Tab.")
    city.refresh_from_db()
    assert city.description == "Im ersten Tab."
    assert descriptions(city) == ["Anfang.", "Im ersten Tab."]

    again = loaded_revision(response.content.decode())
    assert save(team["a"], city, again, description="Im zweiten Tab.").status_code == 302
    assert descriptions(city) == ["Anfang.", "Im ersten Tab.", "Im zweiten Tab."]


def test_saving_after_ones_own_autosaves_is_no_conflict(team):
    """The tab that autosaved may still save; a tab opened on an older revision may not."""
    city = team["city"]
    older_tab = load_editor(team["a"], city)
    tab = load_editor(team["a"], city)
    first = autosave(team["a"], city, tab, description="Automatisch gespeichert.")
    assert first["success"] is True
    # Wagtail's next autosave overwrites the one before, which moves its time on.
    second = autosave(
        team["a"],
        city,
        tab | {"overwrite_revision_id": str(first["revision_id"])},
        description="Weiter geschrieben.",
    )
    assert second["success"] is True
    assert second["revision_id"] == first["revision_id"]
    assert second["revision_created_at"] != first["revision_created_at"]

    response = save(team["a"], city, older_tab, description="Aus dem alten Tab.")
    assert_held_back(team, response, "Aus dem alten Tab.")
    city.refresh_from_db()
    assert city.description == "Weiter geschrieben."

    response = save(team["a"], city, tab, description="Fertig.")
    assert response.status_code == 302
    city.refresh_from_db()
    assert city.description == "Fertig."
    assert descriptions(city) == ["Anfang.", "Weiter geschrieben.", "Fertig."]


def is_translation_target(instance):
    return Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale_id=instance.locale_id
    ).exists()


def revision_models():
    return [model for model in get_snippet_models() if issubclass(model, RevisionMixin)]


def test_the_project_has_snippets_with_and_without_revisions():
    names = {model.__name__ for model in revision_models()}
    assert names >= {"PartnerCity", "Association", "ContactPerson", "FundingProgramme", "Artist"}
    assert SiteIdentity in get_snippet_models()
    assert not issubclass(SiteIdentity, RevisionMixin)


def bound_values(form):
    values = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        values[field.html_name] = "on" if value is True else getattr(value, "pk", value)
    return values


def form_data(response):
    """The editor form's fields as the browser would post them unchanged."""
    form = response.context["form"]
    data = bound_values(form)
    for formset in form.formsets.values():
        data.update(bound_values(formset.management_form))
        for child in formset.forms:
            data.update(bound_values(child))
    html = response.content.decode()
    if 'name="loaded_revision_id"' in html:
        data.update(loaded_revision(html))
    return data


@pytest.mark.parametrize("model", revision_models(), ids=lambda model: model.__name__)
def test_every_snippet_with_revisions_holds_an_outdated_save_back(demo, model):
    user_a = get_user_model().objects.get(username="naumburg")
    a, b = client_for(user_a), client_for(colleague("de", "Redaktion Naumburg"))
    record = next(
        record
        for record in model.objects.filter(locale__language_code="de").order_by("pk")
        if not is_translation_target(record)
    )
    record.save_revision(user=user_a)
    seen_by_a = form_data(a.get(edit_url(record)))
    seen_by_b = form_data(b.get(edit_url(record)))
    assert a.post(edit_url(record), seen_by_a).status_code == 302
    saved = model.objects.get(pk=record.pk).latest_revision_id

    response = b.post(edit_url(record), seen_by_b)
    assert response.status_code == 200
    assert "eine neuere Fassung dieses Eintrags gespeichert" in visible(response)
    assert model.objects.get(pk=record.pk).latest_revision_id == saved


def test_a_snippet_without_revisions_is_left_as_wagtail_has_it(demo):
    """Site identity keeps no history: there is no revision to compare, so the last save wins."""
    admin = get_user_model().objects.get(username="admin")
    other = get_user_model().objects.create_superuser("admin2", password="x")
    a, b = client_for(admin), client_for(other)
    identity = SiteIdentity.objects.filter(locale__language_code="de").first()
    url = edit_url(identity)
    seen_by_a = form_data(a.get(url))
    seen_by_b = form_data(b.get(url))
    assert "edit_tab" not in seen_by_a  # no revision, so nothing to hold a save back against

    assert a.post(url, seen_by_a | {"organisation": "Von A"}).status_code == 302
    assert b.post(url, seen_by_b | {"organisation": "Von B"}).status_code == 302
    identity.refresh_from_db()
    assert identity.organisation == "Von B"
