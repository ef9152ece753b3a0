"""The translation routes ask what the editors of the page or record would ask.

wagtail-localize's routes (submit, sync, the translation editor and its API,
PO files, machine translation, stop and restart, conversion to an alias) and
our bulk actions write pages and records. Each town's team may write only its
own language there, but that alone is not enough: the record's type has
model permissions of its own (no team may change the site identity), and a
page can be locked by someone else (a lock, a workflow task, a scheduled
publication). Every route below is tried by each town's editor in their own
language, through the admin's HTTP interface: it is refused with a message in
the editor's admin language and changes nothing, while the same route still
works where the editor does have the rights.
"""

import datetime
import html
import json

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.locks import BasicLock, ScheduledForPublishLock, WorkflowLock
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowTask,
)
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    SegmentOverride,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from home.models import HomePage, SiteIdentity
from partnership.models import ContactPerson, PartnerCity, WorkshopIndexPage, WorkshopPage
from tests.factories import ImageFactory, PartnerCityFactory, WorkshopPageFactory
from tests.translation.test_team_permissions import workshop_form

pytestmark = pytest.mark.django_db

DUMMY_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
GROUPS = {"de": "Redaktion Naumburg", "fr": "Rédaction Les Ulis"}


def messages_of(response):
    return [html.unescape(strip_tags(str(m))).strip() for m in response.wsgi_request._messages]


def refused_with(response, text):
    """Turned away to the dashboard, told why."""
    assert response.status_code == 302, response.status_code
    assert response.url == reverse("wagtailadmin_home")
    assert text in messages_of(response), messages_of(response)
    return True


def api_refused_with(response, text):
    """The translation editor's scripts get a 403 that says why."""
    assert response.status_code == 403, response.status_code
    assert json.loads(response.content) == {"detail": text}
    return True


def put(client, url, value):
    return client.put(
        url, encode_multipart(BOUNDARY, {"value": value}), content_type=MULTIPART_CONTENT
    )


def grant(language, *codenames):
    """Give a team's group model permissions it does not have in the demo."""
    group = Group.objects.get(name=GROUPS[language])
    group.permissions.add(*Permission.objects.filter(codename__in=codenames))


def admin():
    return get_user_model().objects.get(username="admin")


def own_and_other(editor):
    own = Locale.objects.get(language_code=editor.language)
    other = Locale.objects.exclude(pk=own.pk).get()
    return own, other


# The record type's own permissions (no team may change the site identity)


TYPE_CHANGE = {
    "fr": "Vous n’avez pas le droit de modifier les fiches de «\u00a0Identité du site\u00a0».",
    "de": "Sie dürfen die Einträge unter „Website-Angaben“ nicht ändern.",
}
TYPE_ADD = {
    "fr": "Vous n’avez pas le droit d’ajouter des fiches à «\u00a0Identité du site\u00a0».",
    "de": "Sie dürfen unter „Website-Angaben“ keine Einträge anlegen.",
}
# Wagtail's own refusal, in the editor's admin language.
WAGTAIL_DENIED = {
    "de": "Sie haben leider keinen Zugang zu diesem Bereich.",
    "fr": "Désolé, vous n'avez pas les autorisations pour accéder à cette zone.",
}


@pytest.fixture
def identity(editor, demo):
    """A site identity in the other language, with a synced translation in the editor's.

    For Les Ulis it is the demo's own pair; for Naumburg a French original
    translated into German the same way. Then the original changes, so that
    there is something to sync.
    """
    own, other = own_and_other(editor)
    if other.language_code == "de":
        source = SiteIdentity.objects.get(locale=other)
    else:
        source = SiteIdentity.objects.create(
            locale=other, site_name="Jumelage Les Ulis – Naumburg", organisation="Mairie"
        )
    record, _ = TranslationSource.get_or_create_from_instance(source)
    translation, _ = Translation.objects.get_or_create(
        source=record, target_locale=own, defaults={"enabled": True}
    )
    if not source.has_translation(own):
        translation.save_target(user=admin())
    target = source.get_translation(own)
    source.site_name = "Geänderter Name"
    source.save()
    return source, translation, target


def test_the_snippet_editor_refuses_the_site_identity(editor, identity):
    """The starting point: the record's own editor turns the team away."""
    _source, _translation, target = identity
    url = reverse("wagtailsnippets_home_siteidentity:edit", args=[target.pk])
    assert refused_with(editor.client.get(url), WAGTAIL_DENIED[editor.language])


@pytest.mark.parametrize("publish", [True, False], ids=["publish", "draft"])
def test_a_sync_does_not_write_the_site_identity(editor, identity, publish):
    source, translation, target = identity
    synced_at = translation.source.last_updated_at
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])

    opened = editor.client.get(url)
    response = editor.client.post(url, {"publish_translations": "on"} if publish else {})

    assert refused_with(opened, TYPE_CHANGE[editor.language])
    assert refused_with(response, TYPE_CHANGE[editor.language])
    assert SiteIdentity.objects.get(pk=target.pk).site_name == target.site_name
    assert TranslationSource.objects.get(pk=translation.source_id).last_updated_at == synced_at


def test_a_submit_does_not_create_a_site_identity(editor, identity):
    source, translation, target = identity
    own, _other = own_and_other(editor)
    target.delete()
    translation.delete()
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["home", "siteidentity", source.pk]
    )

    opened = editor.client.get(url)
    response = editor.client.post(url, {"locales": [own.pk]})

    assert refused_with(opened, TYPE_ADD[editor.language])
    assert refused_with(response, TYPE_ADD[editor.language])
    assert not SiteIdentity.objects.filter(translation_key=source.translation_key, locale=own)
    assert not Translation.objects.filter(source__object_id=source.translation_key)


@pytest.fixture
def may_only_add_identities(editor):
    """The team may create site identities, but not change them.

    wagtail-localize's editor views let in anyone with any of the add, change
    or delete permissions; changing a record takes the change permission.
    """
    grant(editor.language, "add_siteidentity")


def test_the_translation_editor_api_asks_for_the_change_permission(
    editor, identity, may_only_add_identities
):
    _source, translation, target = identity
    segment = translation.source.stringsegment_set.get(context__path="site_name")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id])
    before = list(StringTranslation.objects.filter(locale=target.locale).values_list("pk", "data"))

    response = put(editor.client, url, "Überschrieben")

    assert api_refused_with(response, TYPE_CHANGE[editor.language])
    assert not StringTranslation.objects.filter(data="Überschrieben").exists()
    assert (
        list(StringTranslation.objects.filter(locale=target.locale).values_list("pk", "data"))
        == before
    )


def test_po_upload_machine_translation_and_stop_ask_for_the_change_permission(
    editor, identity, may_only_add_identities, settings
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY_TRANSLATOR
    _source, translation, target = identity
    StringTranslation.objects.filter(
        locale=target.locale, context__object=translation.source.object
    ).delete()
    po = polib.pofile(translation.export_po().__unicode__())
    for entry in po:
        entry.msgstr = f"PO: {entry.msgid}"

    uploaded = editor.client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {"file": SimpleUploadedFile("t.po", str(po).encode(), "text/x-gettext-translation")},
    )
    machine = editor.client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.id])
    )
    stopped = editor.client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.id])
    )

    for response in (uploaded, machine, stopped):
        assert refused_with(response, TYPE_CHANGE[editor.language])
    assert not StringTranslation.objects.filter(
        locale=target.locale, context__object=translation.source.object
    ).exists()
    translation.refresh_from_db()
    assert translation.enabled


def test_a_team_with_the_rights_syncs_and_creates_site_identities(
    editor, identity, django_capture_on_commit_callbacks
):
    """The same routes work once the team's group is given the model permissions."""
    grant(editor.language, "add_siteidentity", "change_siteidentity")
    source, translation, target = identity
    own, _other = own_and_other(editor)
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])

    with django_capture_on_commit_callbacks(execute=True):
        synced = editor.client.post(url, {"publish_translations": "on"})

    assert synced.status_code == 302
    assert synced.url != reverse("wagtailadmin_home")
    assert SiteIdentity.objects.get(pk=target.pk).site_name == "Geänderter Name"

    target.delete()
    translation.delete()
    submitted = editor.client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["home", "siteidentity", source.pk],
        ),
        {"locales": [own.pk]},
    )
    assert submitted.status_code == 302
    assert SiteIdentity.objects.filter(translation_key=source.translation_key, locale=own)


def test_partner_cities_stay_the_teams_to_translate(editor, demo):
    """Types the teams have rights on: submit and sync into the own language go on working."""
    own, other = own_and_other(editor)
    city = PartnerCityFactory(locale=other, name="Hildesheim", country="DE")
    submitted = editor.client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["partnership", "partnercity", city.pk],
        ),
        {"locales": [own.pk]},
    )
    assert submitted.status_code == 302
    translated = PartnerCity.objects.get(translation_key=city.translation_key, locale=own)

    city.name = "Hildesheim an der Innerste"
    city.save()
    source = TranslationSource.objects.get(object_id=city.translation_key)
    synced = editor.client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    assert synced.status_code == 302
    translated.refresh_from_db()
    assert translated.name == "Hildesheim an der Innerste"


# Page locks


def locked_by_colleague(language, title):
    return {
        "fr": f"«\u00a0{title}\u00a0» est verrouillé(e) par Camille Durand\u00a0: "
        "rien n’a été modifié.",
        "de": f"„{title}“ ist von Camille Durand gesperrt; es wurde nichts geändert.",
    }[language]


def locked_until_published(language, title):
    return {
        "fr": f"«\u00a0{title}\u00a0» est verrouillé(e) jusqu’à sa publication programmée\u00a0: "
        "rien n’a été modifié.",
        "de": f"„{title}“ ist bis zur geplanten Veröffentlichung gesperrt; "
        "es wurde nichts geändert.",
    }[language]


@pytest.fixture
def colleague(editor):
    """Someone else on the editor's own team, who holds the lock."""
    user = get_user_model().objects.create_user(
        "camille", "camille@example.org", "x", first_name="Camille", last_name="Durand"
    )
    user.groups.add(*editor.user.groups.all())
    return user


class Workshop:
    """A workshop in the other language and its published translation in the editor's."""

    def __init__(self, editor, django_capture_on_commit_callbacks):
        own, other = own_and_other(editor)
        self.source = WorkshopPageFactory(
            parent=WorkshopIndexPage.objects.get(locale=other),
            title="Werkstatt Ost" if other.language_code == "de" else "Atelier Ouest",
            summary="Eine Zusammenfassung.",
            teaser_image=ImageFactory(),
        )
        self.source.save_revision(user=admin()).publish()
        with django_capture_on_commit_callbacks(execute=True):
            translate_object(self.source, [own], user=admin())
        self.target = WorkshopPage.objects.get(
            translation_key=self.source.translation_key, locale=own
        )
        with django_capture_on_commit_callbacks(execute=True):
            self.target.save_revision(user=admin()).publish()
        self.translation = Translation.objects.get(
            source__object_id=self.source.translation_key, target_locale=own
        )
        # The original changes afterwards: there is something to sync and publish.
        self.source.summary = "Eine neue Zusammenfassung."
        self.source.save_revision(user=admin()).publish()
        self.refresh()
        self.title = self.target.title

    def refresh(self):
        self.target = WorkshopPage.objects.get(pk=self.target.pk)
        self.translation.refresh_from_db()
        return self

    def state(self):
        """Everything a write to the translation would change."""
        self.refresh()
        source = self.translation.source
        return {
            "revisions": self.target.revisions.count(),
            "live_revision": self.target.live_revision_id,
            "summary": self.target.summary,
            "alias_of": self.target.alias_of_id,
            "enabled": self.translation.enabled,
            "synced_at": TranslationSource.objects.get(pk=source.pk).last_updated_at,
            "strings": sorted(
                StringTranslation.objects.filter(
                    locale=self.target.locale, context__object=source.object
                ).values_list("pk", "data")
            ),
            "overrides": sorted(
                SegmentOverride.objects.filter(
                    locale=self.target.locale, context__object=source.object
                ).values_list("pk", "data_json")
            ),
        }

    def lock(self, user):
        self.target.locked = True
        self.target.locked_by = user
        self.target.locked_at = timezone.now()
        self.target.save(update_fields=["locked", "locked_by", "locked_at"])


@pytest.fixture
def workshop(editor, demo, django_capture_on_commit_callbacks):
    return Workshop(editor, django_capture_on_commit_callbacks)


@pytest.fixture
def locked(workshop, colleague):
    workshop.lock(colleague)
    assert isinstance(workshop.target.get_lock(), BasicLock)
    return workshop


def editor_url(workshop):
    return reverse("wagtailadmin_pages:edit", args=[workshop.target.id])


def publish_in_the_translation_editor(editor, workshop, callbacks):
    with callbacks(execute=True):
        return editor.client.post(editor_url(workshop), {"action": "publish"})


def test_the_page_editor_refuses_a_page_locked_by_someone_else(editor, locked):
    """The starting point: Wagtail's own editor will not save the locked page."""
    locked.translation.enabled = False
    locked.translation.save()
    before = locked.state()

    response = editor.client.post(
        editor_url(locked), workshop_form(locked.target, title="Überschrieben")
    )

    assert response.status_code == 200
    assert {
        "fr": "La page n'a pu être enregistrée car elle est verrouillée.",
        "de": "Diese Seite konnte nicht gespeichert werden, da sie gesperrt ist.",
    }[editor.language] in html.unescape(response.text)
    assert locked.state() == before


def test_the_translation_editor_does_not_publish_a_locked_page(
    editor, locked, django_capture_on_commit_callbacks
):
    before = locked.state()

    response = publish_in_the_translation_editor(editor, locked, django_capture_on_commit_callbacks)

    assert refused_with(response, locked_by_colleague(editor.language, locked.title))
    assert locked.state() == before


def test_the_translation_editor_publishes_an_unlocked_page(
    editor, workshop, django_capture_on_commit_callbacks
):
    before = workshop.state()

    response = publish_in_the_translation_editor(
        editor, workshop, django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    assert workshop.state()["live_revision"] != before["live_revision"]


def test_the_lock_holder_still_publishes(editor, workshop, django_capture_on_commit_callbacks):
    workshop.lock(editor.user)
    before = workshop.state()

    response = publish_in_the_translation_editor(
        editor, workshop, django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    assert workshop.state()["live_revision"] != before["live_revision"]


def test_a_scheduled_publication_locks_the_page(
    editor, workshop, django_capture_on_commit_callbacks
):
    workshop.target.go_live_at = timezone.now() + datetime.timedelta(days=3)
    workshop.target.save_revision(user=admin()).publish(user=admin())
    workshop.refresh()
    assert isinstance(workshop.target.get_lock(), ScheduledForPublishLock)
    before = workshop.state()

    response = publish_in_the_translation_editor(
        editor, workshop, django_capture_on_commit_callbacks
    )

    assert refused_with(response, locked_until_published(editor.language, workshop.title))
    assert workshop.state() == before


def test_a_review_by_others_locks_the_page(editor, workshop, django_capture_on_commit_callbacks):
    """A page in a workflow whose task the editor does not review is locked for them."""
    reviewers = Group.objects.create(name="Prüfstelle")
    task = GroupApprovalTask.objects.create(name="Prüfung durch die Prüfstelle")
    task.groups.add(reviewers)
    workflow = Workflow.objects.create(name="Strenge Prüfung")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    workflow.start(workshop.target, admin())
    workshop.refresh()
    assert isinstance(workshop.target.get_lock(), WorkflowLock)
    before = workshop.state()

    response = publish_in_the_translation_editor(
        editor, workshop, django_capture_on_commit_callbacks
    )

    assert refused_with(
        response,
        {
            "fr": f"«\u00a0{workshop.title}\u00a0» est en attente de validation et seuls ses "
            "relecteurs peuvent y apporter des modifications\u00a0: rien n’a été modifié.",
            "de": f"„{workshop.title}“ wartet auf Freigabe, und nur die Prüfenden dürfen sie "
            "ändern; es wurde nichts geändert.",
        }[editor.language],
    )
    assert workshop.state() == before


@pytest.mark.parametrize("publish", [True, False], ids=["publish", "draft"])
def test_a_sync_does_not_write_a_locked_page(
    editor, locked, publish, django_capture_on_commit_callbacks
):
    before = locked.state()
    url = reverse("wagtail_localize:update_translations", args=[locked.translation.source_id])

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.client.post(url, {"publish_translations": "on"} if publish else {})

    assert refused_with(response, locked_by_colleague(editor.language, locked.title))
    assert locked.state() == before


def test_a_sync_with_machine_translation_does_not_write_a_locked_page(
    editor, locked, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY_TRANSLATOR
    before = locked.state()
    url = reverse("wagtail_localize:update_translations", args=[locked.translation.source_id])

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.client.post(url, {"use_machine_translation": "on"})

    assert refused_with(response, locked_by_colleague(editor.language, locked.title))
    assert locked.state() == before


def test_a_sync_publishes_an_unlocked_page(editor, workshop, django_capture_on_commit_callbacks):
    url = reverse("wagtail_localize:update_translations", args=[workshop.translation.source_id])

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.client.post(url, {"publish_translations": "on"})

    assert response.status_code == 302
    assert response.url != reverse("wagtailadmin_home")
    assert workshop.state()["summary"] == "Eine neue Zusammenfassung."


def bulk_sync_url(page):
    return (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "sync_translations"])
        + f"?id={page.pk}&next=/admin/pages/"
    )


BULK_LOCKED = {
    "fr": "1 traduction n’a pas été modifiée, car sa page est verrouillée.",
    "de": "1 Übersetzung blieb unverändert, weil ihre Seite gesperrt ist.",
}


@pytest.mark.parametrize("publish", [True, False], ids=["publish", "draft"])
def test_the_bulk_sync_leaves_a_locked_page_alone(
    editor, locked, publish, django_capture_on_commit_callbacks
):
    before = locked.state()
    confirm = editor.client.get(bulk_sync_url(locked.target))
    assert {"fr": "Sa traduction est verrouillée.", "de": "Ihre Übersetzung ist gesperrt."}[
        editor.language
    ] in html.unescape(confirm.text)

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.client.post(
            bulk_sync_url(locked.target), {"publish": "on"} if publish else {}
        )

    assert response.status_code == 302
    assert BULK_LOCKED[editor.language] in messages_of(response)
    assert locked.state() == before


def test_the_bulk_sync_publishes_an_unlocked_page(
    editor, workshop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.client.post(bulk_sync_url(workshop.target), {"publish": "on"})

    assert response.status_code == 302
    assert workshop.state()["summary"] == "Eine neue Zusammenfassung."


def test_strings_and_overrides_of_a_locked_page_stay_as_they_are(editor, locked):
    source = locked.translation.source
    segment = source.stringsegment_set.get(context__path="summary")
    overridable = source.overridablesegment_set.get(context__path="teaser_image")
    other_image = ImageFactory()
    before = locked.state()
    message = locked_by_colleague(editor.language, locked.title)

    string = put(
        editor.client,
        reverse(
            "wagtail_localize:edit_string_translation", args=[locked.translation.id, segment.id]
        ),
        "Überschrieben",
    )
    override = put(
        editor.client,
        reverse("wagtail_localize:edit_override", args=[locked.translation.id, overridable.id]),
        other_image.pk,
    )
    deleted = editor.client.delete(
        reverse(
            "wagtail_localize:edit_string_translation", args=[locked.translation.id, segment.id]
        )
    )

    for response in (string, override, deleted):
        assert api_refused_with(response, message)
    assert locked.state() == before


def test_strings_of_an_unlocked_page_are_saved(editor, workshop):
    segment = workshop.translation.source.stringsegment_set.get(context__path="summary")

    response = put(
        editor.client,
        reverse(
            "wagtail_localize:edit_string_translation", args=[workshop.translation.id, segment.id]
        ),
        "Übersetzt",
    )

    assert response.status_code in {200, 201}
    assert "Übersetzt" in [data for _pk, data in workshop.state()["strings"]]


def test_po_files_and_machine_translation_do_not_fill_in_a_locked_page(editor, locked, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY_TRANSLATOR
    po = polib.pofile(locked.translation.export_po().__unicode__())
    for entry in po:
        entry.msgstr = f"PO: {entry.msgid}"
    before = locked.state()
    message = locked_by_colleague(editor.language, locked.title)

    uploaded = editor.client.post(
        reverse("wagtail_localize:upload_pofile", args=[locked.translation.id]),
        {"file": SimpleUploadedFile("t.po", str(po).encode(), "text/x-gettext-translation")},
    )
    machine = editor.client.post(
        reverse("wagtail_localize:machine_translate", args=[locked.translation.id])
    )

    assert refused_with(uploaded, message)
    assert refused_with(machine, message)
    assert locked.state() == before


def test_a_locked_page_keeps_its_translation_mode(editor, locked):
    """Stop, restart and convert to an alias all change how the page is written."""
    message = locked_by_colleague(editor.language, locked.title)
    before = locked.state()

    stopped = editor.client.post(
        reverse("wagtail_localize:stop_translation", args=[locked.translation.id])
    )
    assert refused_with(stopped, message)
    assert locked.state() == before

    locked.translation.enabled = False
    locked.translation.save()
    before = locked.state()
    restarted = editor.client.post(editor_url(locked), {"localize-restart-translation": "1"})
    converted = editor.client.post(
        reverse("wagtail_localize:convert_to_alias", args=[locked.target.id])
    )

    assert refused_with(restarted, message)
    assert refused_with(converted, message)
    assert locked.state() == before


def test_reading_a_locked_page_in_the_translation_editor_still_works(editor, locked):
    assert editor.client.get(editor_url(locked)).status_code == 200
    download = editor.client.get(
        reverse("wagtail_localize:download_pofile", args=[locked.translation.id])
    )
    assert download.status_code == 200
    preview = editor.client.get(
        reverse("wagtail_localize:preview_translation", args=[locked.translation.id])
    )
    assert preview.status_code == 200


@pytest.fixture
def locked_alias(editor, demo, colleague):
    """A page of the other language, shown in the editor's tree as a locked alias."""
    own, other = own_and_other(editor)
    source = WorkshopPageFactory(
        parent=WorkshopIndexPage.objects.get(locale=other), title="Werkstatt Alias"
    )
    source.save_revision(user=admin()).publish()
    alias = source.copy_for_translation(own, alias=True)
    Page.objects.filter(pk=alias.pk).update(
        locked=True, locked_by=colleague, locked_at=timezone.now()
    )
    return source, Page.objects.get(pk=alias.pk)


def test_translating_does_not_overwrite_a_locked_alias(editor, locked_alias):
    source, alias = locked_alias
    own, _other = own_and_other(editor)
    message = locked_by_colleague(editor.language, alias.title)
    url = reverse("wagtail_localize:submit_page_translation", args=[source.id])

    single = editor.client.post(url, {"locales": [own.pk]})
    bulk = editor.client.post(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "submit_translation"])
        + f"?id={source.pk}&next=/admin/pages/",
        {"locales": [own.pk]},
    )

    assert refused_with(single, message)
    assert bulk.status_code == 302
    assert {
        "fr": "1 traduction n’a pas été créée, car sa page dans cette langue est verrouillée.",
        "de": "1 Übersetzung wurde nicht angelegt, weil ihre Seite in dieser Sprache gesperrt ist.",
    }[editor.language] in messages_of(bulk)
    alias.refresh_from_db()
    assert alias.alias_of_id == source.pk
    assert not Translation.objects.filter(source__object_id=source.translation_key).exists()


@pytest.fixture
def proofreader(editor, demo):
    """A team member who may change pages in the team's tree, but neither add nor publish them."""
    own, _other = own_and_other(editor)
    group = Group.objects.create(name="Korrektur")
    group.permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "submit_translation"])
    )
    GroupPagePermission.objects.create(
        group=group,
        page=HomePage.objects.get(locale=own),
        permission=Permission.objects.get(codename="change_page"),
    )
    user = get_user_model().objects.create_user("korrektur", "korrektur@example.org", "x")
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = editor.language
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def test_translation_routes_ask_the_pages_own_permissions(
    editor, workshop, proofreader, django_capture_on_commit_callbacks
):
    """Adding a page and publishing one take their own page permissions, as in the page editor."""
    own, other = own_and_other(editor)
    new = WorkshopPageFactory(parent=WorkshopIndexPage.objects.get(locale=other), title="Neu")
    index = WorkshopIndexPage.objects.get(locale=own)
    submitted = proofreader.post(
        reverse("wagtail_localize:submit_page_translation", args=[new.id]), {"locales": [own.pk]}
    )
    assert refused_with(
        submitted,
        {
            "fr": f"Vous n’avez pas le droit de créer des pages sous «\u00a0{index.title}\u00a0».",
            "de": f"Sie dürfen unter „{index.title}“ keine Seiten anlegen.",
        }[editor.language],
    )
    assert not Page.objects.filter(translation_key=new.translation_key, locale=own).exists()

    url = reverse("wagtail_localize:update_translations", args=[workshop.translation.source_id])
    before = workshop.state()
    with django_capture_on_commit_callbacks(execute=True):
        published = proofreader.post(url, {"publish_translations": "on"})
    assert refused_with(
        published,
        {
            "fr": f"Vous n’avez pas le droit de publier la page «\u00a0{workshop.title}\u00a0».",
            "de": f"Sie dürfen die Seite „{workshop.title}“ nicht veröffentlichen.",
        }[editor.language],
    )
    assert workshop.state() == before

    # Without publishing, the sync is theirs to do.
    with django_capture_on_commit_callbacks(execute=True):
        synced = proofreader.post(url, {})
    assert synced.status_code == 302
    assert synced.url != reverse("wagtailadmin_home")
    assert workshop.state()["live_revision"] == before["live_revision"]


# Translating a page also creates the missing versions of the records it links to.

CONTACT_ADD = {
    "fr": "Vous n’avez pas le droit d’ajouter des fiches à «\u00a0Contacts\u00a0».",
    "de": "Sie dürfen unter „Ansprechpersonen“ keine Einträge anlegen.",
}
BULK_RECORDS_REFUSED = {
    "fr": "Non autorisé : 1 traduction n’a pas été créée, car elle ajouterait des fiches "
    "d’un type que vous ne pouvez pas ajouter, comme les contacts liés à la page.",
    "de": "Nicht erlaubt: 1 Übersetzung wurde nicht angelegt, weil sie Einträge einer Art "
    "anlegen würde, die Sie nicht anlegen dürfen, etwa die verknüpften Ansprechpersonen.",
}


@pytest.fixture
def page_with_new_contact(editor, demo):
    """A published page in the other language linking a contact with no version in the editor's."""
    own, other = own_and_other(editor)
    contact = ContactPerson.objects.create(
        locale=other, name="Erika Probe", role="Koordination", email="erika@example.org"
    )
    page = WorkshopPageFactory(
        parent=WorkshopIndexPage.objects.get(locale=other),
        title="Werkstatt Kontakt" if other.language_code == "de" else "Atelier Contact",
        contact_person=contact,
    )
    page.save_revision(user=admin()).publish()
    return page, contact, own


def withdraw(language, codename):
    group = Group.objects.get(name=GROUPS[language])
    group.permissions.remove(*Permission.objects.filter(codename=codename))


def test_translating_a_page_does_not_create_records_the_team_may_not_add(
    editor, page_with_new_contact
):
    page, contact, own = page_with_new_contact
    withdraw(editor.language, "add_contactperson")
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])

    opened = editor.client.get(url)
    single = editor.client.post(url, {"locales": [own.pk]})
    bulk = editor.client.post(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "submit_translation"])
        + f"?id={page.pk}&next=/admin/pages/",
        {"locales": [own.pk]},
    )

    assert refused_with(opened, CONTACT_ADD[editor.language])
    assert refused_with(single, CONTACT_ADD[editor.language])
    assert bulk.status_code == 302
    assert BULK_RECORDS_REFUSED[editor.language] in messages_of(bulk)
    assert not ContactPerson.objects.filter(translation_key=contact.translation_key, locale=own)
    assert not Page.objects.filter(translation_key=page.translation_key, locale=own)


def test_translating_a_page_creates_the_records_the_team_may_add(editor, page_with_new_contact):
    page, contact, own = page_with_new_contact
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])

    response = editor.client.post(url, {"locales": [own.pk]})

    assert response.status_code == 302
    translated = WorkshopPage.objects.get(translation_key=page.translation_key, locale=own)
    assert translated.contact_person.locale == own
    assert translated.contact_person.translation_key == contact.translation_key
