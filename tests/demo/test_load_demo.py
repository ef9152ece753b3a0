import html
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site
from wagtail_localize.models import StringTranslation, Translation

from home.models import SiteIdentity
from registrations.models import Registration, RegistrationList
from subscribers.models import Consent, SubscribePage, Subscriber

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "users": get_user_model().objects.count(),
        "snippets": SiteIdentity.objects.count(),
        "images": get_image_model().objects.count(),
        "translations": Translation.objects.count(),
        "subscribers": Subscriber.objects.count(),
        "consents": Consent.objects.count(),
        "registration lists": RegistrationList.objects.count(),
        "registrations": Registration.objects.count(),
        "tasks": DBTaskResult.objects.count(),
        "revisions": Revision.objects.count(),
    }


def test_load_demo_again_changes_nothing(demo):
    # The session fixture has already run load_demo once.
    first = counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=out)
    assert counts() == first
    assert first["pages"] > 20
    assert first["registrations"] == 14
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
        # 5 sections, privacy, 2 forms, the subscription page, the accessibility statement,
        # the easy-read page
        assert home.get_children().live().count() == 11


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


@pytest.mark.parametrize(
    ("language", "title", "intro", "privacy"),
    [
        (
            "de",
            "Newsletter abonnieren",
            "Einmal im Monat bringt unser Newsletter",
            "/de/datenschutz/",
        ),
        (
            "fr",
            "S'abonner à la lettre d'information",
            "Une fois par mois, notre lettre d'information",
            "/fr/protection-des-donnees/",
        ),
    ],
)
def test_the_subscription_page_in_both_languages(client, demo, language, title, intro, privacy):
    page = SubscribePage.objects.get(locale__language_code=language)
    assert page.live and page.show_in_menus
    assert page.translation_key == SubscribePage.objects.get(locale=demo.de).translation_key
    answer = client.get(page.url)
    assert answer.status_code == 200
    text = html.unescape(answer.content.decode())
    assert f"<h1>{title}</h1>" in text
    assert intro in text
    assert f'action="/{language}/subscription/"' in text
    assert f'href="{privacy}"' in text, "the consent box links to the privacy page"
    # In the main menu of every page of that language.
    home = client.get(f"/{language}/").content.decode()
    assert f'href="{page.url}"' in home


def test_the_french_page_is_a_wagtail_localize_translation(demo):
    german = SubscribePage.objects.get(locale=demo.de)
    translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale=demo.fr
    )
    done, total = translation.get_progress()
    assert done == total > 0


def test_each_list_has_demo_readers_in_every_state(demo):
    for locale in (demo.de, demo.fr):
        readers = Subscriber.objects.filter(locale=locale)
        assert {r.state for r in readers} == {"confirmed", "pending", "unsubscribed"}
        assert {r.language for r in readers} == {"de", "fr", "both"}
        assert all(r.email.endswith("@example.org") for r in readers)
        for reader in readers:
            [consent] = reader.consents.all()
            assert consent.source == "demo"
            assert consent.language == locale.language_code
            assert consent.page_url.endswith(SubscribePage.objects.get(locale=locale).url), (
                "the list's own subscription page"
            )
    french_consent = Consent.objects.filter(subscriber__locale=demo.fr).first()
    assert french_consent.text.startswith("J’accepte que mon adresse e-mail")
