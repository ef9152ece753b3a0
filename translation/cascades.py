"""Unpublish, move and delete a page's translations along with it, where allowed.

Wagtail asks ``construct_translated_pages_to_cascade_actions`` which
translations should follow a page, shows their number on the confirmation
page and then acts on them *without* checking permissions. The hook is not
told who is acting, so ``ActingUserMiddleware`` records the signed-in user
for the length of each admin request; without one, nothing cascades.
"""

from contextvars import ContextVar

from wagtail.models import Page

acting_user = ContextVar("acting_user", default=None)

ALLOWED = {
    "unpublish": lambda perms: perms.can_unpublish(),
    "move": lambda perms: perms.can_move(),
    "delete": lambda perms: perms.can_delete(),
}


class ActingUserMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = acting_user.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            acting_user.reset(token)


def translations_to_cascade(pages, action):
    """The translations of ``pages`` the acting user may ``action`` too.

    Unpublishing leaves aliases alone, since they follow their source anyway;
    moving and deleting take aliases along, as Wagtail's simple_translation does.
    """
    user = acting_user.get()
    allowed = ALLOWED.get(action)
    if user is None or not user.is_authenticated or allowed is None:
        return {}
    cascade = {}
    for page in pages:
        translations = Page.objects.translation_of(page, inclusive=False)
        if action == "unpublish":
            translations = translations.filter(alias_of__isnull=True, live=True)
        cascade[page] = [
            translation
            for translation in translations.specific()
            if allowed(translation.permissions_for_user(user))
        ]
    return cascade
