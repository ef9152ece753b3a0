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
  removed, so pressing it twice (or going back to it) is a ``FileNotFoundError``.

No upstream issue was found for these. Each guard here checks what its view
relies on and hands every other request to Wagtail's view unchanged. The
external link's route is Wagtail's own core admin URL, which hooks cannot get
ahead of, so ``twinsite/urls.py`` lists it before the admin; the others are
registered with ``register_admin_urls`` ahead of Wagtail's.
"""

from django.http import Http404, HttpResponseBadRequest
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
        % {"fields": get_text_list([f"“{name}”" for name in missing], _("and"))}
    )


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


def snippet_chooser_create(request, app_label, model_name):
    """A snippet chooser's create view, for the snippet types whose chooser has a creation form."""
    model = snippet_model(app_label, model_name)
    create_view = model.snippet_viewset.chooser_viewset.create_view
    if request.method in ("POST", "PUT") and not offers_creation(create_view, request):
        return bad_request(
            _(
                "This chooser cannot create new “%(items)s”; create them under Snippets. "
                "Nothing was changed."
            )
            % {"items": model._meta.verbose_name_plural}
        )
    return create_view(request)


def offers_creation(create_view, request):
    """False only where Wagtail's view would fail: the user may create, but there is no form."""
    view = create_view.view_class(**create_view.view_initkwargs)
    view.setup(request)
    return not view.can_create() or view.get_creation_form_class() is not None


def snippet_model(app_label, model_name):
    for model in get_snippet_models():
        if (model._meta.app_label, model._meta.model_name) == (app_label, model_name):
            return model
    raise Http404


@redirects.permission_checker.require_any("add")  # as Wagtail's view: refuse first
def process_redirects_import(request):
    """The fields the management form unsigns unchecked, and the upload they name."""
    if request.method == "POST":
        # An empty value is missing too: the form then has no cleaned value to unsign.
        missing = [name for name in IMPORT_MANAGEMENT_FIELDS if not request.POST.get(name)]
        if missing:
            return incomplete(missing)
        management_form = ConfirmImportManagementForm(request.POST)
        # A tampered form is Wagtail's SuspiciousOperation, a 400 already.
        if management_form.is_valid() and not upload_readable(management_form.cleaned_data):
            return bad_request(
                _(
                    "This import was already carried out or has expired. Nothing was changed; "
                    "upload the file again."
                )
            )
    return redirects.process_import(request)


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
