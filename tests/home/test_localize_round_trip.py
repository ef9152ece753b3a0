"""A real wagtail-localize round trip on Wagtail 8, through the admin views.

wagtail-localize calls its Wagtail 8 support provisional, so this drives the
same endpoints the translation editor's JavaScript calls.
"""

import html
import json
import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, Translation

from demo.users import editor_group
from home.models import HomePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_editor(german_site):
    user = UserFactory(username="claire")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    return user


def test_german_page_offers_translate_before_and_sync_after(admin_client, german_site):
    home = german_site.home
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[home.id])
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[home.id]))
    assert edit.status_code == 200
    assert submit_url in edit.text

    admin_client.post(submit_url, {"locales": [german_site.fr.id]})
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[home.id]))
    translation = Translation.objects.get(
        source__object_id=home.translation_key, target_locale=german_site.fr
    )
    sync_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    assert sync_url in edit.text
    assert submit_url not in edit.text  # every locale is now taken


def test_translate_edit_publish_round_trip(
    admin_client, client, german_site, french_editor, django_capture_on_commit_callbacks
):
    home = german_site.home
    home.hero_text = "Zwei Städte, ein Austausch."
    home.save_revision().publish()

    # 1. Submit the German home page for translation into French.
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[home.id]),
        {"locales": [german_site.fr.id]},
    )
    assert response.status_code == 302
    french = HomePage.objects.get(locale=german_site.fr)
    assert french.translation_key == home.translation_key
    assert not french.live, "a new translation of a live page starts as a draft"

    # 2. The Les Ulis editor opens the translation editor in their own admin.
    editor_group("Rédaction Les Ulis", french).user_set.add(french_editor)
    client.force_login(french_editor)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[french.id]))
    assert editor.status_code == 200
    assert 'class="js-translation-editor"' in editor.text
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', editor.text)[1]))
    sources = [segment.get("source") for segment in props["segments"]]
    assert "Zwei Städte, ein Austausch." in sources
    assert '<html lang="fr"' in editor.text

    # 3. They translate a string through wagtail-localize's API.
    translation = Translation.objects.get(
        source__object_id=home.translation_key, target_locale=german_site.fr
    )
    segment = StringSegment.objects.get(
        source=translation.source, string__data="Zwei Städte, ein Austausch."
    )
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id])
    saved = client.put(
        url,
        "value=Deux+villes%2C+un+%C3%A9change.",
        content_type="application/x-www-form-urlencoded",
    )
    assert saved.status_code == 201
    assert saved.json()["data"] == "Deux villes, un échange."

    # 4. They publish from the translation editor. wagtail-localize publishes
    # on commit, which the test transaction has to trigger by hand.
    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(
            reverse("wagtailadmin_pages:edit", args=[french.id]), {"action": "publish"}
        )
    assert published.status_code == 302
    french.refresh_from_db()
    assert french.live

    # 5. A visitor reads the French string on the French page.
    page = client.get("/fr/")
    assert page.status_code == 200
    assert "Deux villes, un échange." in page.text
    assert "Zwei Städte" not in page.text


def test_german_editor_cannot_open_the_french_translation(client, german_site, admin_client):
    admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[german_site.home.id]),
        {"locales": [german_site.fr.id]},
    )
    french = HomePage.objects.get(locale=german_site.fr)
    german_editor = UserFactory(username="anna")
    editor_group("Redaktion Naumburg", german_site.home).user_set.add(german_editor)
    client.force_login(german_editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[french.id]))
    assert response.status_code in (302, 403)
    assert not french.__class__.objects.get(pk=french.pk).live
