"""Who organises an event: whoever may edit either of its language versions.

There is no separate list of organisers to keep: Wagtail's page permissions
already say who may edit the German and who the French version, and either
team runs the one list both versions fill. The superuser edits every page and
so organises every event.

The listing asks the database once for the lists whose event has a version
the user may edit (``lists_for``); a single list asks each version's own
permission object (``may_organise``), as Wagtail's page editor does.
"""

from django.db.models import Count, Q
from wagtail.models import Page
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


def may_organise(user, registration_list):
    """Whether ``user`` may edit the source page or a translation of the list's event."""
    family = Page.objects.filter(translation_key=registration_list.translation_key)
    return any(page.permissions_for_user(user).can_edit() for page in family)
