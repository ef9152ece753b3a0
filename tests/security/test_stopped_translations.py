"""A translation an editor stopped stays stopped, and its hand-made correction stays.

The team writing a language stops the synced translation of a contact person
("Stop synced translation") and corrects the record in the snippet editor.
Translating a page that links the contact (the page's "Translate", the bulk
"Submit for translation", the snippet's "Translate") used to re-enable that
translation and write the old text over the correction; so did translating a
page with its subpages over a subpage corrected by hand. Now each keeps the
corrected record, still stopped, links it from the new translation and says
so in the editor's admin language. "Sync translated pages" (single and bulk)
never touched stopped records; the tests here hold it to that.

Run for both teams: Les Ulis (French admin) translating from German, and
Naumburg (German admin) translating from French.
"""

import html
from types import SimpleNamespace
from urllib.parse import urlencode

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation

from home.models import HomePage, StandardPage
from partnership.models import Association, ContactPerson, WorkshopIndexPage, WorkshopPage
from tests.factories import WorkshopPageFactory

pytestmark = pytest.mark.django_db

TEAMS = {
    "lesulis": SimpleNamespace(
        source="de",
        target="fr",
        role="Leiterin des Schulaustauschs",
        corrected="Responsable des échanges scolaires",
        kept_before=(
            "Modifiés à la main en français : {records}. La traduction relie ces versions "
            "telles quelles et ne les modifie pas ; « Commencer la synchronisation des "
            "traductions » dans l'éditeur d'un enregistrement lui fait de nouveau suivre "
            "l'original."
        ),
        kept_after=(
            "Conservés tels que modifiés à la main en français, sans changement : {records}."
        ),
        contact_kind="Contact",
        association_kind="Association ou organisation",
        workshop_kind="Atelier",
    ),
    "naumburg": SimpleNamespace(
        source="fr",
        target="de",
        role="Responsable des échanges scolaires",
        corrected="Leiterin des Schulaustauschs",
        kept_before=(
            "Von Hand auf Deutsch bearbeitet: {records}. Die Übersetzung verknüpft diese "
            "Fassungen, wie sie sind, und ändert sie nicht; „Synchronisierte Übersetzung "
            "starten“ im Editor eines Eintrags lässt ihn wieder dem Original folgen."
        ),
        kept_after="Unverändert beibehalten, wie von Hand auf Deutsch bearbeitet: {records}.",
        contact_kind="Ansprechperson",
        association_kind="Verein oder Organisation",
        workshop_kind="Workshop",
    ),
}


def message_texts(response):
    return [html.unescape(str(message)).strip() for message in response.wsgi_request._messages]


def visible(response):
    return html.unescape(response.content.decode())


def edit_url(instance):
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    meta = instance._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[instance.pk])


def translation_into(instance, locale):
    return Translation.objects.get(source__object_id=instance.translation_key, target_locale=locale)


def form_values(response, form_id=None):
    document = lxml.html.fromstring(response.content)
    form = document.get_element_by_id(form_id) if form_id else document.forms[-1]
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, value)
    return data


class Team:
    """One town's editor, acting through the admin, and the languages involved."""

    def __init__(self, username, demo):
        self.spec = TEAMS[username]
        self.client = Client()
        self.user = get_user_model().objects.get(username=username)
        self.client.force_login(self.user)
        self.source = getattr(demo, self.spec.source)
        self.target = getattr(demo, self.spec.target)

    def submit(self, instance, **extra):
        if isinstance(instance, Page):
            url = reverse("wagtail_localize:submit_page_translation", args=[instance.pk])
        else:
            meta = instance._meta
            url = reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[meta.app_label, meta.model_name, instance.pk],
            )
        response = self.client.post(url, {"locales": [self.target.pk], **extra})
        assert response.status_code == 302, visible(response)
        return response

    def stop(self, instance):
        """ "Stop synced translation" in the translation editor of ``instance``."""
        translation = translation_into(instance, instance.locale)
        response = self.client.post(
            reverse("wagtail_localize:stop_translation", args=[translation.pk]),
            {"next": edit_url(instance)},
        )
        assert response.status_code == 302
        assert not translation_into(instance, instance.locale).enabled

    def correct_snippet(self, record, **changes):
        """Save ``changes`` in the snippet editor, which the stopped record opens in."""
        form = self.client.get(edit_url(record))
        assert form.status_code == 200
        data = form_values(form, "w-editor-form") | changes
        response = self.client.post(edit_url(record), data)
        assert response.status_code == 302, visible(response)
        record.refresh_from_db()
        for field, value in changes.items():
            assert getattr(record, field) == value


@pytest.fixture(params=sorted(TEAMS))
def team(request, demo):
    return Team(request.param, demo)


def new_contact(team, name="Erika Muster", organisation=None):
    """A contact person in the source language, translated by the team and then corrected."""
    contact = ContactPerson.objects.create(
        locale=team.source, name=name, role=team.spec.role, organisation=organisation
    )
    contact.save_revision()
    team.submit(contact)
    version = contact.get_translation(team.target)
    assert version.role == team.spec.role  # nothing translated yet: the original's text
    team.stop(version)
    team.correct_snippet(version, role=team.spec.corrected)
    return contact, version


def new_workshop(team, contact, title="Werkstatt Schulaustausch", parent=None):
    page = WorkshopPageFactory(
        parent=parent or WorkshopIndexPage.objects.get(locale=team.source),
        title=title,
        contact_person=contact,
    )
    page.save_revision().publish()
    return page


def assert_kept(team, version):
    """The correction is there, the translation still stopped."""
    version.refresh_from_db()
    assert version.role == team.spec.corrected
    assert not translation_into(version, team.target).enabled


def records(*entries):
    return ", ".join(f"{name} ({kind})" for name, kind in entries)


def test_translating_a_page_keeps_a_stopped_contact(team):
    contact, version = new_contact(team)
    page = new_workshop(team, contact)

    response = team.submit(page)

    assert_kept(team, version)
    translated = page.get_translation(team.target).specific
    assert translated.contact_person_id == version.pk
    expected = records(("Erika Muster", team.spec.contact_kind))
    assert team.spec.kept_after.format(records=expected) in message_texts(response)


def test_the_submit_form_names_the_records_it_keeps(team):
    contact, version = new_contact(team)
    page = new_workshop(team, contact)

    form = team.client.get(reverse("wagtail_localize:submit_page_translation", args=[page.pk]))

    assert form.status_code == 200
    expected = records(("Erika Muster", team.spec.contact_kind))
    assert team.spec.kept_before.format(records=expected) in visible(form)


def test_bulk_submit_keeps_a_stopped_contact(team):
    contact, version = new_contact(team)
    page = new_workshop(team, contact)
    query = urlencode([("id", page.pk), ("next", "/admin/pages/")])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "submit_translation"])

    response = team.client.post(f"{url}?{query}", {"locales": [team.target.pk]})

    assert response.status_code == 302
    assert_kept(team, version)
    assert page.get_translation(team.target).specific.contact_person_id == version.pk
    expected = records(("Erika Muster", team.spec.contact_kind))
    assert team.spec.kept_after.format(records=expected) in message_texts(response)


def test_translating_a_snippet_keeps_its_stopped_organisation(team):
    """The snippet's own "Translate" submits the records it links to, as a page's does."""
    association = Association.objects.create(locale=team.source, name="Chor der Partnerschaft")
    association.save_revision()
    team.submit(association)
    association_version = association.get_translation(team.target)
    team.stop(association_version)
    team.correct_snippet(association_version, name="Chœur du jumelage")
    contact = ContactPerson.objects.create(
        locale=team.source, name="Jonas Beispiel", organisation=association
    )
    contact.save_revision()

    response = team.submit(contact)

    association_version.refresh_from_db()
    assert association_version.name == "Chœur du jumelage"
    assert not translation_into(association_version, team.target).enabled
    assert contact.get_translation(team.target).organisation_id == association_version.pk
    expected = records(("Chœur du jumelage", team.spec.association_kind))
    assert team.spec.kept_after.format(records=expected) in message_texts(response)


def test_translating_with_subpages_keeps_a_stopped_subpage(
    team, django_capture_on_commit_callbacks
):
    """A subpage already translated (under an alias of its parent) keeps its stopped version."""
    home = HomePage.objects.get(locale=team.source)
    parent = home.add_child(instance=StandardPage(title="Partnerschaft", slug="partnerschaft-x"))
    parent.save_revision().publish()
    child = parent.add_child(instance=StandardPage(title="Geschichte", slug="geschichte-x"))
    child.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        team.submit(child)  # the parent's translation is made as an alias
    assert page_version(parent, team.target).alias_of_id == parent.pk
    child_version = page_version(child, team.target)
    team.stop(child_version)
    corrected = child_version.get_latest_revision_as_object()
    corrected.title = "Histoire, corrigée à la main"
    corrected.save_revision(user=team.user).publish()

    with django_capture_on_commit_callbacks(execute=True):
        team.submit(parent, include_subtree="on")

    child_version = page_version(child, team.target)
    assert child_version.title == "Histoire, corrigée à la main"
    assert not translation_into(child_version, team.target).enabled
    assert page_version(parent, team.target).alias_of_id is None


def page_version(page, locale):
    return Page.objects.get(translation_key=page.translation_key, locale=locale).specific


@pytest.fixture
def translated_workshop(team, django_capture_on_commit_callbacks):
    """A workshop translated while its contact was synced; then the contact is corrected."""
    contact = ContactPerson.objects.create(
        locale=team.source, name="Erika Muster", role=team.spec.role
    )
    contact.save_revision()
    page = new_workshop(team, contact)
    with django_capture_on_commit_callbacks(execute=True):
        team.submit(page)
    version = contact.get_translation(team.target)
    assert page_version(page, team.target).contact_person_id == version.pk
    team.stop(version)
    team.correct_snippet(version, role=team.spec.corrected)
    page.summary = "Neu: der Ablauf des Tages."
    page.save_revision().publish()
    return page, version


def test_sync_keeps_a_stopped_contact(
    team, translated_workshop, django_capture_on_commit_callbacks
):
    page, version = translated_workshop
    source = translation_into(page, team.target).source

    with django_capture_on_commit_callbacks(execute=True):
        response = team.client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )

    assert response.status_code == 302
    assert_kept(team, version)
    translated = page_version(page, team.target)
    assert translated.summary == "Neu: der Ablauf des Tages."
    assert translated.contact_person_id == version.pk


def test_bulk_sync_keeps_a_stopped_contact(
    team, translated_workshop, django_capture_on_commit_callbacks
):
    page, version = translated_workshop
    query = urlencode([("id", page.pk), ("next", "/admin/pages/")])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "sync_translations"])

    with django_capture_on_commit_callbacks(execute=True):
        response = team.client.post(f"{url}?{query}", {"publish": "on"})

    assert response.status_code == 302
    assert_kept(team, version)
    translated = page_version(page, team.target)
    assert translated.summary == "Neu: der Ablauf des Tages."
    assert translated.contact_person_id == version.pk
    assert isinstance(translated, WorkshopPage)
