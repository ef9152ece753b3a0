"""Admin forms posted without their fields: a 400 in the admin language, not a server error.

Three Wagtail views read form data they never checked was sent:

- the page chooser's "external link" (``wagtail.admin.views.chooser.ExternalLinkView``):
  ``URLOrAbsolutePathField.to_python`` calls ``value.startswith`` before the
  "required" check, so a POST without the URL field is an ``AttributeError``;
- a snippet chooser's ``create/`` (``wagtail.admin.views.generic.chooser.CreateViewMixin.post``):
  no snippet chooser here has a creation form, and the view calls
  ``is_valid()`` on the ``None`` it gets instead;
- the redirects import's confirmation (``wagtail.contrib.redirects.views.process_import``):
  ``ConfirmImportManagementForm.clean`` unsigns ``cleaned_data["import_file_name"]``
  and ``["input_format"]`` even when they are missing or empty (``KeyError``),
  and the view reads the uploaded file unchecked, which the first "Import"
  removed, so pressing it twice (or going back to it) is a ``FileNotFoundError``;
  a value with a wrong signature, meant to be a ``SuspiciousOperation``, is an
  ``AttributeError`` too (``BadSignature`` has no ``message``).

No upstream issue was found for these. Each guard here checks what its view
relies on and hands every other request to Wagtail's view unchanged. The
external link's route is Wagtail's own core admin URL, which hooks cannot get
ahead of, so ``twinsite/urls.py`` lists it before the admin; the others are
registered with ``register_admin_urls`` ahead of Wagtail's.
"""

from django.core.signing import BadSignature, Signer
from django.http import HttpResponseBadRequest
from django.urls import path
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import ExternalLinkView
from wagtail.contrib.redirects import views as redirects
from wagtail.contrib.redirects.forms import ConfirmImportManagementForm
from wagtail.contrib.redirects.utils import get_file_storage, get_import_formats
from wagtail.snippets.models import get_snippet_models

wagtail_external_link = ExternalLinkView.as_view()

# What the redirects import's confirmation step carries from the upload step.
IMPORT_MANAGEMENT_FIELDS = ("import_file_name", "input_format")


def bad_request(message):
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def incomplete(missing):
    return bad_request(
        _(
            "The form arrived without %(fields)s and was not processed. Nothing was changed; "
            "reload the page and try again."
        )
        % {"fields": quoted_list(missing)}
    )


def quoted_list(names):
    return get_text_list([f"“{name}”" for name in names], _("and"))


def missing_fields(request, names):
    return [name for name in names if name not in request.POST]


@never_cache
@require_admin_access
def external_link(request):
    """The URL field that ``URLOrAbsolutePathField`` reads unchecked."""
    if request.method == "POST":
        missing = missing_fields(request, [f"{ExternalLinkView.form_prefix}-url"])
        if missing:
            return incomplete(missing)
    return wagtail_external_link(request)


def snippet_chooser_create(model):
    """A snippet chooser's create view, refusing only what it would fail on."""
    create_view = model.snippet_viewset.chooser_viewset.create_view

    def create(request):
        if request.method in ("POST", "PUT") and not offers_creation(create_view, request):
            return bad_request(
                _(
                    "This chooser cannot create new “%(items)s”; create them under Snippets. "
                    "Nothing was changed."
                )
                % {"items": model._meta.verbose_name_plural}
            )
        return create_view(request)

    return create


def snippet_chooser_create_urls():
    return [
        path(
            f"snippets/choose/{model._meta.app_label}/{model._meta.model_name}/create/",
            snippet_chooser_create(model),
        )
        for model in get_snippet_models()
    ]


def offers_creation(create_view, request):
    """False only where Wagtail's view would fail: the user may create, but there is no form."""
    view = create_view.view_class(**create_view.view_initkwargs)
    view.setup(request)
    return not view.can_create() or view.get_creation_form_class() is not None


@redirects.permission_checker.require_any("add")  # as Wagtail's view: refuse first
def process_redirects_import(request):
    """The fields the management form unsigns unchecked, and the upload they name."""
    if request.method == "POST":
        # An empty value is missing too: the form then has no cleaned value to unsign.
        missing = [name for name in IMPORT_MANAGEMENT_FIELDS if not request.POST.get(name)]
        if missing:
            return incomplete(missing)
        altered = [name for name in IMPORT_MANAGEMENT_FIELDS if not signed(request.POST[name])]
        if altered:
            return bad_request(
                _(
                    "The form arrived with %(fields)s altered and was not processed. Nothing was "
                    "changed; reload the page and try again."
                )
                % {"fields": quoted_list(altered)}
            )
        management_form = ConfirmImportManagementForm(request.POST)
        if management_form.is_valid() and not upload_readable(management_form.cleaned_data):
            return bad_request(
                _(
                    "This import was already carried out or has expired. Nothing was changed; "
                    "upload the file again."
                )
            )
    return redirects.process_import(request)


def signed(value):
    """What the management form checks, with the same ``Signer``; its clean() fails on a bad one."""
    try:
        Signer().unsign(value)
    except BadSignature:
        return False
    return True


def upload_readable(data):
    """Whether the uploaded file is still stored: a second "Import" after the first removed it."""
    input_format = get_import_formats()[int(data["input_format"])]()
    try:
        return (
            get_file_storage()(name=data["import_file_name"]).read(input_format.get_read_mode())
            is not None
        )
    except OSError:
        return False
