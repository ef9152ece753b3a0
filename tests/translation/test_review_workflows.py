"""Each town reviews its own pages before they go live, and can switch review off."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Workflow, WorkflowState

from partnership.models import WorkshopIndexPage
from tests.factories import WorkshopPageFactory
from tests.translation.test_team_permissions import workshop_form

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def colleague():
    """A second Naumburg editor, to review the first one's work."""
    user = get_user_model().objects.create_user("kollegin", "kollegin@example.org", "x")
    user.groups.add(Group.objects.get(name="Redaktion Naumburg"))
    return user


@pytest.fixture
def draft(demo):
    index = WorkshopIndexPage.objects.get(locale=demo.de)
    page = WorkshopPageFactory(parent=index, title="Sommerwerkstatt", live=False)
    page.save_revision()
    return page


def test_each_town_has_its_own_review_on_its_own_tree(demo):
    assert demo.home_de.get_workflow().name == "Freigabe Naumburg"
    assert demo.home_fr.get_workflow().name == "Validation Les Ulis"
    german_task = demo.home_de.get_workflow().tasks.get().specific
    french_task = demo.home_fr.get_workflow().tasks.get().specific
    assert list(german_task.groups.values_list("name", flat=True)) == ["Redaktion Naumburg"]
    assert list(french_task.groups.values_list("name", flat=True)) == ["Rédaction Les Ulis"]


def test_a_colleague_approves_and_the_page_goes_live(draft, colleague):
    author = get_user_model().objects.get(username="naumburg")
    url = reverse("wagtailadmin_pages:edit", args=[draft.id])

    editor = client_for(author).get(url)
    assert "Freigabe Naumburg" in editor.text
    submitted = client_for(author).post(url, workshop_form(draft, **{"action-submit": "1"}))
    assert submitted.status_code == 302
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    draft.refresh_from_db()
    assert not draft.live

    approved = client_for(colleague).post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[draft.id, "approve", state.current_task_state.id],
        ),
        {"comment": "Passt."},
    )

    assert approved.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_the_other_town_cannot_approve(draft):
    author = get_user_model().objects.get(username="naumburg")
    client_for(author).post(
        reverse("wagtailadmin_pages:edit", args=[draft.id]),
        workshop_form(draft, **{"action-submit": "1"}),
    )
    state = WorkflowState.objects.get(object_id=str(draft.pk))

    response = client_for(get_user_model().objects.get(username="lesulis")).post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[draft.id, "approve", state.current_task_state.id],
        )
    )

    assert response.status_code in {302, 403}
    draft.refresh_from_db()
    assert not draft.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_review_can_be_switched_off_and_on_again(draft):
    admin = client_for(get_user_model().objects.get(username="admin"))
    workflow = Workflow.objects.get(name="Freigabe Naumburg")
    author = client_for(get_user_model().objects.get(username="naumburg"))
    url = reverse("wagtailadmin_pages:edit", args=[draft.id])

    admin.post(reverse("wagtailadmin_workflows:disable", args=[workflow.pk]))
    workflow.refresh_from_db()
    assert not workflow.active
    assert "Freigabe Naumburg" not in author.get(url).text

    published = author.post(url, workshop_form(draft, **{"action-publish": "1"}))
    assert published.status_code == 302
    draft.refresh_from_db()
    assert draft.live

    # Wagtail forgets a disabled workflow's pages: re-enabling it and running
    # load_demo again (or choosing the home page in the workflow's form) brings
    # the review back.
    admin.post(reverse("wagtailadmin_workflows:enable", args=[workflow.pk]))
    workflow.refresh_from_db()
    assert workflow.active
    call_command("load_demo", stdout=StringIO())
    assert "Freigabe Naumburg" in author.get(url).text
