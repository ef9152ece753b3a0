"""Admin forms posted without their fields: a 400 in the admin language, never a 500.

Each row was a server error in Wagtail's own views: the page chooser's
external link without its URL field, a snippet chooser's ``create/`` (no
snippet chooser here has a creation form), the redirects import's
confirmation without its signed fields or after the import already ran. The
editors of both towns get the answer in their admin language, nothing is
stored, and the complete requests work as before.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.contrib.redirects.models import Redirect
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

from home.models import SiteIdentity
from partnership.models import PartnerCity
from tests.security.helpers import visible

pytestmark = pytest.mark.django_db

EXTERNAL_LINK = "/admin/choose-external-link/"
PROCESS_IMPORT = "/admin/redirects/import/process/"

INCOMPLETE = {
    "de": "Das Formular kam ohne {} an und wurde nicht verarbeitet. Nichts wurde geändert",
    "fr": "Le formulaire est arrivé sans {} et n’a pas été traité. Rien n’a été modifié",
}
NO_CREATION_FORM = {
    "de": "In dieser Auswahl lassen sich keine neuen „{}“ anlegen",
    "fr": "Ce sélecteur ne permet pas de créer de nouvelles entrées « {} »",
}
IMPORT_DONE = {
    "de": "Dieser Import wurde schon ausgeführt oder ist abgelaufen. Nichts wurde geändert",
    "fr": "Cette importation a déjà été effectuée ou a expiré. Rien n’a été modifié",
}
ALTERED = {
    "de": "Das Formular kam verändert an ({}) und wurde nicht verarbeitet. Nichts wurde geändert",
    "fr": "Le formulaire est arrivé modifié ({}) et n’a pas été traité. Rien n’a été modifié",
}
PARTNER_CITIES = {"de": "Partnerstädte", "fr": "Villes partenaires"}


def assert_refused(response, message):
    assert response.status_code == 400
    assert message in visible(response)


# -- the page chooser's external link ----------------------------------


@pytest.mark.parametrize(
    "data",
    [{}, {"external-link-chooser-link_text": "Beispiel"}],
    ids=["empty", "text-only"],
)
def test_an_external_link_without_its_url_is_refused(editor, data):
    response = editor.client.post(EXTERNAL_LINK, data)
    assert_refused(response, INCOMPLETE[editor.language].format("“external-link-chooser-url”"))


def test_an_external_link_is_still_chosen(editor):
    response = editor.client.post(
        EXTERNAL_LINK,
        {
            "external-link-chooser-url": "https://example.org/partner/",
            "external-link-chooser-link_text": "Beispiel",
        },
    )
    assert response.status_code == 200
    assert response.json()["step"] == "external_link_chosen"
    assert response.json()["result"]["url"] == "https://example.org/partner/"


def test_an_external_link_that_is_no_url_gets_the_form_again(editor):
    response = editor.client.post(EXTERNAL_LINK, {"external-link-chooser-url": ""})
    assert response.status_code == 200
    assert response.json()["step"] == "external_link"  # Wagtail's form, with its error


@pytest.mark.parametrize(
    "address",
    ["/admin/choose-email-link/", "/admin/choose-phone-link/", "/admin/choose-anchor-link/"],
)
def test_the_other_link_choosers_show_their_form_again(editor, address):
    """Siblings that were already sound: their forms check the missing field themselves."""
    response = editor.client.post(address, {})
    assert response.status_code == 200
    assert "step" in response.json()


def test_the_external_link_route_still_asks_for_a_login(client, demo):
    response = client.post(EXTERNAL_LINK, {})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# -- a snippet chooser's create/ ------------------------------------------


def chooser_create(model):
    return f"/admin/snippets/choose/{model._meta.app_label}/{model._meta.model_name}/create/"


def test_a_snippet_chooser_create_without_a_form_is_refused(editor):
    cities = PartnerCity.objects.count()
    response = editor.client.post(chooser_create(PartnerCity), {"name": "Irgendwo"})
    assert_refused(
        response, NO_CREATION_FORM[editor.language].format(PARTNER_CITIES[editor.language])
    )
    assert PartnerCity.objects.count() == cities


def test_no_snippet_chooser_create_answers_a_500(client, demo):
    """Every snippet type, as the superuser, who may create each of them."""
    client.force_login(get_user_model().objects.get(username="admin"))
    for model in get_snippet_models():
        counts = model.objects.count()
        response = client.post(chooser_create(model), {})
        assert response.status_code == 400, model
        assert model.objects.count() == counts


def test_a_snippet_chooser_create_without_the_right_is_still_refused_by_wagtail(editor):
    """The town teams may not create the site identity: Wagtail's own refusal, as before."""
    response = editor.client.post(chooser_create(SiteIdentity), {})
    assert response.status_code == 302  # Wagtail's "permission denied", back to the dashboard
    assert response["Location"] == "/admin/"


def test_a_snippet_chooser_create_form_is_still_wagtails(editor):
    response = editor.client.get(chooser_create(PartnerCity))
    assert response.status_code == 200
    assert response.json()["step"] == "reshow_creation_form"


def test_an_unknown_snippet_chooser_is_wagtails_not_found(editor):
    """Only the registered snippet types get the guard; anything else falls through as before."""
    response = editor.client.post("/admin/snippets/choose/home/nothing/create/", {}, follow=True)
    assert response.status_code == 404


# -- the redirects import ---------------------------------------------------


@pytest.fixture(params=["de", "fr"])
def redirect_admin(request, client, demo):
    """Only the superuser may import redirects; in each of the two admin languages."""
    user = get_user_model().objects.get(username="admin")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = request.param
    profile.save()
    client.force_login(user)
    client.language = request.param
    return client


def upload(client):
    """The first step: the CSV is stored, the confirmation form carries its signed name."""
    csv = SimpleUploadedFile(
        "redirects.csv", b"from,to\n/alt/,https://example.org/neu/\n", content_type="text/csv"
    )
    response = client.post("/admin/redirects/import/", {"import_file": csv})
    assert response.status_code == 200
    form = response.context["form"]
    return {
        "import_file_name": form.initial["import_file_name"],
        "input_format": form.initial["input_format"],
        "from_index": "0",
        "to_index": "1",
        "permanent": "on",
    }


@pytest.mark.parametrize(
    ("data", "missing"),
    [
        ({}, "“import_file_name” {} “input_format”"),
        ({"input_format": "x"}, "“import_file_name”"),
        ({"import_file_name": "", "input_format": ""}, "“import_file_name” {} “input_format”"),
    ],
    ids=["empty", "without-file-name", "empty-values"],
)
def test_a_redirects_import_without_its_fields_is_refused(redirect_admin, data, missing):
    language = redirect_admin.language
    missing = missing.format({"de": "und", "fr": "et"}[language])
    redirects = Redirect.objects.count()
    response = redirect_admin.post(PROCESS_IMPORT, data)
    assert_refused(response, INCOMPLETE[language].format(missing))
    assert Redirect.objects.count() == redirects


def test_a_redirects_import_still_imports_and_a_second_one_is_refused(redirect_admin):
    data = upload(redirect_admin)
    redirects = Redirect.objects.count()

    first = redirect_admin.post(PROCESS_IMPORT, data)
    again = redirect_admin.post(PROCESS_IMPORT, data)  # "Import" pressed twice, or back and again

    assert first.status_code == 302
    assert Redirect.objects.filter(old_path="/alt").count() == 1
    assert_refused(again, IMPORT_DONE[redirect_admin.language])
    assert Redirect.objects.count() == redirects + 1


def test_a_tampered_redirects_import_is_refused(redirect_admin):
    """Meant to be Wagtail's SuspiciousOperation, but its form fails on the bad signature."""
    data = upload(redirect_admin)
    data["import_file_name"] = "../../etc/passwd"
    redirects = Redirect.objects.count()

    response = redirect_admin.post(PROCESS_IMPORT, data)

    assert_refused(response, ALTERED[redirect_admin.language].format("“import_file_name”"))
    assert Redirect.objects.count() == redirects


def test_a_town_editor_still_may_not_import_redirects(editor):
    response = editor.client.post(PROCESS_IMPORT, {})
    assert response.status_code == 302  # Wagtail's "permission denied", not the 400
