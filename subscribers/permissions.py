"""Who sees which readers: each town's team its own list only.

A reader's list is the locale of the site they subscribed on, and a team's
language is the language of the page tree it writes (``translation.permissions``),
so the Naumburg team (German tree) sees the German site's readers and Les Ulis'
team (French tree) the French site's. The superuser writes every tree and sees
both lists. The model permissions say what a team may do with its list: view
(listing, details, export), add (import), change (a reader's language),
delete (erase).
"""

from wagtail.permission_policies import ModelPermissionPolicy

from translation.permissions import writable_locale_ids


def own_list_ids(user):
    """The ids of the lists (locales) ``user`` may see and change."""
    return writable_locale_ids(user)


class OwnListPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the lists of the user's team."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and instance.locale_id in own_list_ids(user)

    def instances_user_has_permission_for(self, user, action):
        instances = super().instances_user_has_permission_for(user, action)
        return instances.filter(locale_id__in=own_list_ids(user))
