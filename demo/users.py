"""Demo users: a superuser and one editor for each town, in their own admin language."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

from demo.collections import SHARED, collection

DEMO_PASSWORD = "twinsite"

EDITORS = [
    {
        "username": "naumburg",
        "first_name": "Anna",
        "last_name": "Beispiel",
        "email": "redaktion.naumburg@example.org",
        "group": "Redaktion Naumburg",
        "language": "de",
        "collection": "Naumburg",
        "workflow": "Freigabe Naumburg",
        "task": "Prüfung durch die Redaktion Naumburg",
    },
    {
        "username": "lesulis",
        "first_name": "Claire",
        "last_name": "Exemple",
        "email": "redaction.lesulis@example.org",
        "group": "Rédaction Les Ulis",
        "language": "fr",
        "collection": "Les Ulis",
        "workflow": "Validation Les Ulis",
        "task": "Relecture par la rédaction des Ulis",
    },
]

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
SNIPPET_PERMISSIONS = [
    ("partnership", model, action)
    for model in ("partnercity", "association", "contactperson", "fundingprogramme")
    for action in ("add", "change", "delete")
] + [("exhibitions", "artist", action) for action in ("add", "change", "delete")]
# Each team's own list of readers (subscribers/permissions.py narrows them to the team's language):
# view and export, import (add), a reader's language (change), erase (delete).
SNIPPET_PERMISSIONS += [
    ("subscribers", "subscriber", action) for action in ("view", "add", "change", "delete")
]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def editor_group(name, home_page, collections=()):
    """A town's editors edit and publish their own language's tree only.

    They keep their images and documents in their town's collection and the
    shared one, and cannot touch the other town's.
    """
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        _permission("wagtailadmin", "access_admin"),
        _permission("wagtail_localize", "submit_translation"),
    )
    for app_label, model, action in SNIPPET_PERMISSIONS:
        group.permissions.add(_permission(app_label, f"{action}_{model}"))
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=home_page, permission=_permission("wagtailcore", codename)
        )
    for town_collection in collections:
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=town_collection,
                permission=_permission(app_label, codename),
            )
    return group


def review_workflow(name, task_name, group, home_page):
    """A colleague from the same team reviews before a page goes live.

    The team keeps its publish permission, so review is the team's habit
    rather than a lock: "Submit to ..." sits next to "Publish". Wagtail lets
    only users who may publish approve, so to make review compulsory, give the
    reviewers a group of their own with "Publish", assign the task to it and
    take "Publish" from the editors. To switch review off, disable the workflow
    under Settings > Workflows; Wagtail then forgets its pages, and running
    load_demo again (or picking the home page in the workflow) brings it back.
    """
    workflow, created = Workflow.objects.get_or_create(name=name)
    task, _ = GroupApprovalTask.objects.get_or_create(name=task_name)
    task.groups.add(group)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=home_page, defaults={"workflow": workflow})
    return workflow, created


def load_users(log, *, homes):
    """``homes`` maps a language code to that language's home page."""
    User = get_user_model()
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User.objects.create_superuser(
            "admin", "admin@example.org", DEMO_PASSWORD, first_name="Admin"
        )
        log("  created the superuser 'admin'")
    for spec in EDITORS:
        group = editor_group(
            spec["group"],
            homes[spec["language"]],
            collections=[collection(spec["collection"]), collection(SHARED)],
        )
        _workflow, created = review_workflow(
            spec["workflow"], spec["task"], group, homes[spec["language"]]
        )
        if created:
            log(f"  created the review workflow '{spec['workflow']}'")
        user = User.objects.filter(username=spec["username"]).first()
        if user is None:
            user = User.objects.create_user(
                spec["username"],
                spec["email"],
                DEMO_PASSWORD,
                first_name=spec["first_name"],
                last_name=spec["last_name"],
            )
            log(f"  created the editor '{spec['username']}' ({spec['group']})")
        user.groups.add(group)
        profile = UserProfile.get_for_user(user)
        if profile.preferred_language != spec["language"]:
            profile.preferred_language = spec["language"]
            profile.save(update_fields=["preferred_language"])
    return admin
