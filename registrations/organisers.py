"""Who organises an event: whoever may edit either of its language versions.

There is no separate list of organisers to keep: Wagtail's page permissions
already say who may edit the German and who the French version, and either
team runs the one list both versions fill. The superuser edits every page and
so organises every event.

One query (``lists_for``) finds the lists whose event has a version the user
may edit, through Wagtail's page permission policy ("change", or "add" on
pages they own, as the page editor allows); the listing and every view of a
single list use it, so the two can never disagree.
"""

from django.db.models import Count, Q
from wagtail.permission_policies.pages import PagePermissionPolicy

from registrations.models import Registration, RegistrationList


def is_page_editor(user):
    """Whether ``user`` may edit any page at all: only then is there a menu item to show."""
    return PagePermissionPolicy().user_has_permission(user, "change")


def lists_for(user):
    """The lists ``user`` organises, each with its counts, in one query."""
    lists = RegistrationList.objects.with_counts().annotate(
        cancelled_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.CANCELLED)
        )
    )
    if user.is_active and user.is_superuser:
        return lists
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return lists.filter(translation_key__in=editable.values("translation_key"))
