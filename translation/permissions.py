"""Who may write which language.

Each town's team writes in its own language only. For pages Wagtail already
says so through page permissions on each language's tree. wagtail-localize's
sync and submit views, and translatable snippets, know nothing of languages,
so they ask here. Rather than keep a second list of who edits what, a team's
languages are the languages of the page trees it may edit: a group with page
permissions on the French home page writes French, one with permissions on
the root page writes every language.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import get_language_info, pgettext_lazy
from wagtail.models import DraftStateMixin, GroupPagePermission, Locale, Page, TranslatableMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

WRITE_PAGE_PERMISSIONS = ("add_page", "change_page")
_CACHE_ATTRIBUTE = "_twinsite_writable_locale_ids"


def writable_locale_ids(user):
    """The ids of the locales ``user`` may write, cached on the user object."""
    if not user.is_active or user.is_anonymous:
        return frozenset()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if user.is_superuser:
        ids = frozenset(Locale.objects.values_list("pk", flat=True))
    else:
        codenames = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=WRITE_PAGE_PERMISSIONS
        )
        pages = (
            GroupPagePermission.objects.filter(group__user=user, permission__in=codenames)
            .values_list("page__depth", "page__locale_id")
            .distinct()
        )
        ids = set()
        for depth, locale_id in pages:
            if depth == 1:  # the root page holds every language's tree
                ids = set(Locale.objects.values_list("pk", flat=True))
                break
            ids.add(locale_id)
        ids = frozenset(ids)
    setattr(user, _CACHE_ATTRIBUTE, ids)
    return ids


def user_can_write_locale(user, locale):
    locale_id = locale if isinstance(locale, int) else locale.pk
    return locale_id in writable_locale_ids(user)


def user_can_write(user, instance):
    """May ``user`` change this page or snippet, given the language it is in?

    Pages keep Wagtail's own page permissions, which already follow the
    language trees. Snippets ask their permission policy, as the snippet views
    do: for our translatable types that is the model's change permission and
    the team's languages. (wagtail-localize lets in anyone with any of the
    add, change or delete permissions on the type.)
    """
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return policy_registry.get_by_type(type(instance)).user_has_permission_for_instance(
        user, "change", instance
    )


def user_can_publish(user, instance):
    """May ``user`` publish this page or snippet, as its own editor would let them?"""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if not isinstance(instance, DraftStateMixin):
        return user_can_write(user, instance)  # saving a record without drafts publishes it
    return policy_registry.get_by_type(type(instance)).user_has_permission_for_instance(
        user, "publish", instance
    )


def user_can_create(user, model, locale):
    """May ``user`` create a record of this snippet type in ``locale``?"""
    if not policy_registry.get_by_type(model).user_has_permission(user, "add"):
        return False
    return not issubclass(model, TranslatableMixin) or user_can_write_locale(user, locale)


class TranslatableSnippetPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the languages the user writes.

    Anyone allowed to see a snippet type sees every language's records; only
    the team writing a language may change or delete its records.
    """

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return action == "view" or user_can_write_locale(user, instance.locale_id)

    def instances_user_has_permission_for(self, user, action):
        instances = super().instances_user_has_permission_for(user, action)
        if action == "view":
            return instances
        return instances.filter(locale_id__in=writable_locale_ids(user))


def register_snippet_policies():
    """Give every translatable, non-page model of our apps the language-aware policy."""
    from django.apps import apps

    for model in apps.get_models():
        if (
            issubclass(model, TranslatableMixin)
            and not issubclass(model, Page)
            and model._meta.app_label in TEAM_APPS
        ):
            register_permission_policy(model, TranslatableSnippetPermissionPolicy(model))


TEAM_APPS = {"home", "partnership", "exhibitions"}


def refuse(request, message):
    """Turn a request away the way Wagtail's admin does, but say why.

    Wagtail answers a forbidden admin request with a redirect to the dashboard
    and a generic error; ours names the team that may do it instead.
    """
    messages.error(request, message)
    return redirect("wagtailadmin_home")


# Language names as they read inside a sentence: French writes them in lower
# case ("une version en français"), where Django's names stand alone ("Français").
IN_A_SENTENCE = {
    "de": pgettext_lazy("language name inside a sentence", "German"),
    "fr": pgettext_lazy("language name inside a sentence", "French"),
}


def language_name(locale):
    """The language's name in the editor's admin language, as it reads inside a sentence."""
    if locale.language_code in IN_A_SENTENCE:
        return str(IN_A_SENTENCE[locale.language_code])
    try:
        return str(get_language_info(locale.language_code)["name_translated"])
    except KeyError:
        return locale.get_display_name()


def team_members(locale):
    """The active editors who write ``locale``: whose groups may add or change its pages.

    The same rule as ``writable_locale_ids``, read the other way round: page
    permissions on the language's tree, or on the root page (every language).
    Superusers belong to no team and are not included.
    """
    codenames = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=WRITE_PAGE_PERMISSIONS
    )
    writers = GroupPagePermission.objects.filter(permission__in=codenames).filter(
        models.Q(page__depth=1) | models.Q(page__locale=locale)
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__in=writers.values("group"))
        .distinct()
        .order_by("pk")
    )


def other_team_locales(user):
    """The locales ``user`` does not write, cached on the user object like their own."""
    cached = getattr(user, "_twinsite_other_locales", None)
    if cached is None:
        writable = writable_locale_ids(user)
        cached = [locale for locale in Locale.objects.all() if locale.pk not in writable]
        user._twinsite_other_locales = cached
    return cached
