"""Object ids in admin addresses: a crafted one gets a 400 page, not a server error.

Every model the admin edits here has an integer primary key. Wagtail passes ids
from the address to the database as they come: ``?id=abc`` in a bulk action
(``get_list_or_404(pk__in=...)``), ``chosen/abc/`` in the image, document and
snippet choosers, ``abc`` as the object of wagtail-localize's "translate this
snippet" or of an editing-session ping all end in ``ValueError`` ("Field 'id'
expected a number"), a 500, and so does a page bulk action's "all pages below"
(``?id=all&childOf=``) for a page that does not exist (``Page.DoesNotExist``).
No upstream issue was found for these.

A URL converter cannot shield Wagtail's routes: when a converter refuses a
value Django simply tries the next pattern, which is Wagtail's own, and the
ids of bulk actions and choosers are in the query string anyway. So this
small middleware looks at the admin views' id parameters before they run.
Numbers too large for any column are refused too; ``safeguards.lookups`` makes
them harmless wherever else they reach a query.
"""

import functools
import re

from django.shortcuts import render
from django.urls import reverse
from wagtail.admin.auth import require_admin_access
from wagtail.models import Page

MAX_ID = 2**63 - 1  # the largest value of a BigAutoField
DIGITS = re.compile(r"[0-9]{1,19}")  # not str.isdigit(): "²" is a digit to Python, not to int()

# Path parameters that hold a primary key as text ("<str:pk>").
PATH_ID_PARAMETERS = ("pk", "object_id")
# Views that read lists of ids from the query string, and which parameters.
BULK_ACTION = "wagtail_bulk_action"
QUERY_ID_PARAMETERS = {
    BULK_ACTION: ("id", "childOf"),
    "chosen_multiple": ("id",),  # the image, document and snippet choosers
    "wagtailadmin_choose_page_chosen_multiple": ("id",),
}
SELECT_ALL = "all"  # a bulk action's ?id=all: "every item in the listing"


def is_object_id(value):
    return bool(DIGITS.fullmatch(value)) and int(value) <= MAX_ID


def crafted_ids(match, query):
    """The values of ``match`` (a ``ResolverMatch``) and ``query`` that cannot be ids."""
    found = [
        match.kwargs[name]
        for name in PATH_ID_PARAMETERS
        if isinstance(match.kwargs.get(name), str) and not is_object_id(match.kwargs[name])
    ]
    for name in QUERY_ID_PARAMETERS.get(match.url_name, ()):
        found += [
            value
            for value in query.getlist(name)
            if not is_object_id(value) and not is_select_all(match, name, value)
        ]
    if not found and is_page_bulk_action(match) and SELECT_ALL in query.getlist("id"):
        # "Every page below childOf": Wagtail fetches that page with .get(), unchecked.
        parents = query.getlist("childOf")[-1:]
        found += [pk for pk in parents if not Page.objects.filter(pk=pk).exists()]
    return found


def is_select_all(match, name, value):
    return match.url_name == BULK_ACTION and name == "id" and value == SELECT_ALL


def is_page_bulk_action(match):
    return match.url_name == BULK_ACTION and (
        match.kwargs.get("app_label"),
        match.kwargs.get("model_name"),
    ) == ("wagtailcore", "page")


@require_admin_access
def invalid_id(request, values):
    """In the editor's admin language, as every admin view (``require_admin_access``)."""
    return render(request, "safeguards/invalid_id.html", {"values": values}, status=400)


class ObjectIdsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(admin_prefix()):
            return None  # the Django admin, for one, has its own answer to a bad id
        values = crafted_ids(request.resolver_match, request.GET)
        return invalid_id(request, values) if values else None


@functools.cache
def admin_prefix():
    """Where the Wagtail admin lives; the same for the life of the process."""
    return reverse("wagtailadmin_home")
