"""Two editors of one team save the same page: the second save is held back, nothing is lost.

Both load the editor; A saves; B saves from the form loaded before A's save.
B gets the editor back with a message in B's admin language, B's text still in
the form and nothing saved. Saving again keeps B's version as a new revision
after A's, so both stay in the page history. The same holds for one editor with
the page open in two tabs, while a tab's own autosaves never count against it.
"""

import re
from pathlib import Path

import pytest
import wagtail.admin
from django.contrib.auth import get_user_model
from django.template.loader import get_template
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import HomePage, StandardPage
from tests.security.helpers import client_for, colleague, loaded_revision, visible

pytestmark = pytest.mark.django_db

TEAMS = {
    "de": {
        "editor": "naumburg",
        "display_name": "Anna Beispiel",
        "group": "Redaktion Naumburg",
        "message": "Anna Beispiel hat am {time} eine neuere Fassung dieser Seite gespeichert, "
        "nachdem Sie sie geöffnet hatten. Ihre Änderungen sind noch nicht gespeichert",
        "not_saved": "Aufgrund von Fehlern bei der Validierung konnte die Seite nicht gespeichert",
        "autosave": "Beim Speichern wird eine neuere Version überschrieben.",
    },
    "fr": {
        "editor": "lesulis",
        "display_name": "Claire Exemple",
        "group": "Rédaction Les Ulis",
        "message": "Claire Exemple a enregistré une version plus récente de cette page le {time}, "
        "après que vous l'avez ouverte. Vos modifications ne sont pas encore enregistrées",
        "not_saved": "La page ne peut être enregistrée du fait d'erreurs de validation.",
        "autosave": "Enregistrer écrira une nouvelle version.",
    },
}


@pytest.fixture(params=sorted(TEAMS))
def team(request, demo):
    """Editor A from the demo and a colleague B, created here, both in A's admin language."""
    language = request.param
    spec = TEAMS[language]
    user_a = get_user_model().objects.get(username=spec["editor"])
    user_b = colleague(language, spec["group"])

    home = HomePage.objects.get(locale__language_code=language)
    page = home.add_child(
        instance=StandardPage(title="Über uns", slug="ueber-uns-konflikt", intro="Anfang.")
    )
    page.save_revision(user=user_a).publish()

    return spec | {
        "language": language,
        "page": page,
        "a": client_for(user_a),
        "b": client_for(user_b),
    }


def load_editor(client, page):
    """GET the editor (a new tab); return the hidden fields its form posts with."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return loaded_revision(response.content.decode())


def edit_form(page, loaded, *, publish=False, **fields):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "body": streamfield([]),
            "comments": inline_formset([]),
            **fields,
        }
    )
    data.update(loaded)
    if publish:
        data["action-publish"] = "action-publish"
    return data


def save(client, page, loaded, **fields):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_form(page, loaded, **fields)
    )


def revision_texts(page):
    return [
        (revision.user.username, revision.content["intro"], revision.content["title"])
        for revision in Revision.page_revisions.filter(object_id=str(page.pk)).order_by(
            "created_at", "pk"
        )
    ]


def test_the_second_save_is_held_back_and_both_versions_stay(team):
    page = team["page"]
    seen_by_a = load_editor(team["a"], page)
    seen_by_b = load_editor(team["b"], page)
    assert seen_by_a["loaded_revision_id"] == seen_by_b["loaded_revision_id"]
    assert seen_by_a["edit_tab"] != seen_by_b["edit_tab"]

    response = save(team["a"], page, seen_by_a, intro="Fassung von A.")
    assert response.status_code == 302
    a_revision = StandardPage.objects.get(pk=page.pk).latest_revision

    response = save(team["b"], page, seen_by_b, intro="Fassung von B.")
    assert response.status_code == 200  # the editor again, not a redirect
    text = visible(response)
    time = re.search(r"(?:am|le) (\S+ \d\d:\d\d)", text.split(team["display_name"], 1)[1])[1]
    assert team["message"].format(time=time) in text
    assert team["not_saved"] in text
    assert "Fassung von B." in text  # B's work is still in the form
    assert f'<html lang="{team["language"]}"' in text
    # Nothing was saved for B; A's revision is the newest.
    page.refresh_from_db()
    assert page.latest_revision == a_revision
    assert [row[1] for row in revision_texts(page)] == ["Anfang.", "Fassung von A."]

    # The form B got back is based on A's revision, so saving again is B's choice.
    assert loaded_revision(response.content.decode())["loaded_revision_id"] == str(a_revision.pk)
    response = save(
        team["b"], page, loaded_revision(response.content.decode()), intro="Fassung von B."
    )
    assert response.status_code == 302
    assert revision_texts(page) == [
        (team["editor"], "Anfang.", "Über uns"),
        (team["editor"], "Fassung von A.", "Über uns"),
        (f"kollege-{team['language']}", "Fassung von B.", "Über uns"),
    ]
    history = visible(team["b"].get(reverse("wagtailadmin_pages:history", args=[page.pk])))
    assert team["display_name"] in history
    assert "Bernd Zweit" in history


def test_an_outdated_publish_leaves_the_live_page_alone(team):
    page = team["page"]
    seen_by_a = load_editor(team["a"], page)
    seen_by_b = load_editor(team["b"], page)
    assert (
        save(team["a"], page, seen_by_a, intro="Veröffentlicht von A.", publish=True).status_code
        == 302
    )

    response = save(team["b"], page, seen_by_b, intro="Von B überschrieben?", publish=True)
    assert response.status_code == 200
    assert team["not_saved"] in visible(response)
    page.refresh_from_db()
    assert page.intro == "Veröffentlicht von A."
    assert "Veröffentlicht von A." in team["b"].get(page.url).content.decode()
    assert not Revision.page_revisions.filter(
        object_id=str(page.pk), user__username=f"kollege-{team['language']}"
    ).exists()


def test_an_outdated_autosave_is_refused_by_wagtail_itself(team):
    """Wagtail's autosave (a JSON request) keeps its own check and message."""
    page = team["page"]
    seen_by_a = load_editor(team["a"], page)
    seen_by_b = load_editor(team["b"], page)
    assert save(team["a"], page, seen_by_a, intro="Fassung von A.").status_code == 302

    response = team["b"].post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_form(page, seen_by_b, intro="Automatisch gespeichert"),
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {
        "success": False,
        "error_code": "invalid_revision",
        "error_message": team["autosave"],
    }
    assert [row[1] for row in revision_texts(page)] == ["Anfang.", "Fassung von A."]


def test_saving_twice_in_a_row_is_no_conflict(team):
    page = team["page"]
    response = save(team["a"], page, load_editor(team["a"], page), intro="Erster Entwurf.")
    assert response.status_code == 302
    response = save(team["a"], page, load_editor(team["a"], page), intro="Zweiter Entwurf.")
    assert response.status_code == 302
    assert [row[1] for row in revision_texts(page)][-2:] == ["Erster Entwurf.", "Zweiter Entwurf."]


def autosave(client, page, tab, **fields):
    """What Wagtail's autosave posts from a tab: the form, asking for JSON."""
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_form(page, tab, **fields),
        HTTP_ACCEPT="application/json",
    ).json()


def assert_held_back(team, response, kept):
    """The editor again, with the conflict in the editor's language and their text in the form."""
    assert response.status_code == 200
    text = visible(response)
    pattern = re.escape(team["message"]).replace(re.escape("{time}"), r"\S+ \d\d:\d\d")
    assert re.search(pattern, text)
    assert team["not_saved"] in text
    assert kept in text


def intros(page):
    return [row[1] for row in revision_texts(page)]


def test_the_same_editor_in_two_tabs_is_held_back(team):
    page = team["page"]
    first_tab = load_editor(team["a"], page)
    second_tab = load_editor(team["a"], page)
    assert save(team["a"], page, first_tab, intro="Im ersten Tab.").status_code == 302
    first_revision = StandardPage.objects.get(pk=page.pk).latest_revision

    response = save(team["a"], page, second_tab, intro="Im zweiten Tab.")
    assert_held_back(team, response, "Im zweiten Tab.")
    page.refresh_from_db()
    assert page.latest_revision == first_revision
    assert intros(page) == ["Anfang.", "Im ersten Tab."]

    # Saving again from the form that came back keeps both versions.
    again = loaded_revision(response.content.decode())
    assert save(team["a"], page, again, intro="Im zweiten Tab.").status_code == 302
    assert intros(page) == ["Anfang.", "Im ersten Tab.", "Im zweiten Tab."]


def test_publishing_after_ones_own_autosaves_is_no_conflict(team):
    """Wagtail names its autosave revision in autosaves only, not in the form's own post."""
    page = team["page"]
    tab = load_editor(team["a"], page)
    first = autosave(team["a"], page, tab, intro="Automatisch gespeichert.")
    assert first["success"] is True
    # Wagtail's next autosave overwrites the one before, which moves its time on.
    second = autosave(
        team["a"],
        page,
        tab | {"overwrite_revision_id": str(first["revision_id"])},
        intro="Noch einmal automatisch gespeichert.",
    )
    assert second["success"] is True
    assert second["revision_id"] == first["revision_id"]
    assert second["revision_created_at"] != first["revision_created_at"]

    response = team["a"].post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_form(page, tab, publish=True, intro="Veröffentlicht."),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.intro == "Veröffentlicht."
    assert intros(page) == ["Anfang.", "Noch einmal automatisch gespeichert.", "Veröffentlicht."]


def test_another_tab_is_held_back_after_an_autosave(team):
    """The tab that autosaved may still save; a tab opened on an older revision may not."""
    page = team["page"]
    older_tab = load_editor(team["a"], page)
    tab = load_editor(team["a"], page)
    autosaved = autosave(team["a"], page, tab, intro="Automatisch gespeichert.")
    assert autosaved["success"] is True

    response = save(team["a"], page, older_tab, intro="Aus dem alten Tab.", publish=True)
    assert_held_back(team, response, "Aus dem alten Tab.")
    page.refresh_from_db()
    assert page.intro == "Anfang."  # the live page is untouched
    assert intros(page) == ["Anfang.", "Automatisch gespeichert."]

    # A tab opened after the autosave is held back too once the autosave moves on.
    newer_tab = load_editor(team["a"], page)
    saved = autosave(
        team["a"],
        page,
        tab | {"overwrite_revision_id": str(autosaved["revision_id"])},
        intro="Weiter geschrieben.",
    )
    assert saved["success"] is True
    response = save(team["a"], page, newer_tab, intro="Aus dem neueren Tab.")
    assert_held_back(team, response, "Aus dem neueren Tab.")
    assert intros(page) == ["Anfang.", "Weiter geschrieben."]

    response = save(team["a"], page, tab, intro="Fertig.", publish=True)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.intro == "Fertig."


def test_the_editor_forms_carry_what_wagtail_puts_there_and_the_tab():
    """The site renders Wagtail's loaded-revision inputs itself; an upgrade adding one must show."""
    name = "wagtailadmin/generic/includes/_loaded_revision_inputs.html"
    wagtails = (Path(wagtail.admin.__file__).parent / "templates" / name).read_text()
    ours = get_template(name).template.source
    inputs = re.compile(r'name="(\w+)"')
    assert inputs.findall(wagtails) == ["loaded_revision_id", "loaded_revision_created_at"]
    assert inputs.findall(ours) == inputs.findall(wagtails) + ["edit_tab"]
