from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail_localize.models import StringTranslation, Translation

from home.models import SiteIdentity

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "users": get_user_model().objects.count(),
        "snippets": SiteIdentity.objects.count(),
        "images": get_image_model().objects.count(),
        "translations": Translation.objects.count(),
    }


def test_load_demo_again_changes_nothing(demo):
    # The session fixture has already run load_demo once.
    first = counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=out)
    assert counts() == first
    assert first["pages"] > 20
    assert "kept as it is" in out.getvalue()


def test_load_demo_builds_a_bilingual_site_through_localize(demo):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == demo.home_de
    assert demo.home_fr.translation_key == demo.home_de.translation_key
    assert demo.home_fr.live
    # The French page comes from wagtail-localize records, not a copy.
    translation = Translation.objects.get(
        source__object_id=demo.home_de.translation_key, target_locale=demo.fr
    )
    assert translation.get_progress() == (
        translation.source.stringsegment_set.count(),
        translation.source.stringsegment_set.count(),
    )
    assert StringTranslation.objects.filter(locale=demo.fr).exists()
    # The hero image is synchronised, the text translated.
    assert demo.home_fr.hero_image_id == demo.home_de.hero_image_id
    assert demo.home_fr.hero_text != demo.home_de.hero_text
    assert demo.home_fr.slug == "accueil"


def test_demo_users_can_log_in_to_the_admin_in_their_language(client, demo):
    for username, html_lang in [("admin", None), ("naumburg", "de"), ("lesulis", "fr")]:
        # Through the real sign-in page: django-axes needs the request to count attempts,
        # which client.login() does not pass.
        signed_in = client.post("/admin/login/", {"username": username, "password": "twinsite"})
        assert signed_in.status_code == 302, username
        response = client.get("/admin/")
        assert response.status_code == 200, username
        if html_lang:
            assert f'<html lang="{html_lang}"' in response.text
        client.logout()


def test_demo_editors_may_edit_their_own_tree_only(demo):
    User = get_user_model()
    naumburg = User.objects.get(username="naumburg")
    lesulis = User.objects.get(username="lesulis")
    assert demo.home_de.permissions_for_user(naumburg).can_edit()
    assert not demo.home_fr.permissions_for_user(naumburg).can_edit()
    assert demo.home_fr.permissions_for_user(lesulis).can_publish()
    assert not demo.home_de.permissions_for_user(lesulis).can_edit()


def test_demo_page_tree_is_consistent(demo):
    """Every translated parent knows its children, so /fr/... pages are reachable."""
    assert Page.find_problems() == ([], [], [], [], [])
    for home in (demo.home_de, demo.home_fr):
        assert home.get_children().live().count() == 8  # 5 sections, privacy, 2 forms


@pytest.mark.parametrize(
    ("username", "own", "other"),
    [("naumburg", "Naumburg", "Les Ulis"), ("lesulis", "Les Ulis", "Naumburg")],
)
def test_each_town_keeps_its_images_in_its_own_and_the_shared_collection(
    demo, username, own, other
):
    from wagtail.models import Collection
    from wagtail.permissions import policy_registry

    permission_policy = policy_registry.get_by_type(get_image_model())

    user = get_user_model().objects.get(username=username)
    allowed = {c.name for c in permission_policy.collections_user_has_permission_for(user, "add")}
    assert allowed == {own, "Gemeinsam · Commun"}
    assert other not in {
        c.name for c in permission_policy.collections_user_has_permission_for(user, "choose")
    }
    # The demo's own images are in the shared collection, so both towns can use them.
    shared = Collection.objects.get(name="Gemeinsam · Commun")
    assert (
        get_image_model().objects.filter(collection=shared).count()
        == get_image_model().objects.count()
    )
