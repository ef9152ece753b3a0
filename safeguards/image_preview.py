"""Wagtail's image preview (the URL generator's), refusing sizes of zero pixels.

``/admin/images/<id>/preview/fill-0x0/`` divides by zero in Wagtail's
``FillOperation`` (a 500), and the URL generator's own form offers 0 as a
width and height. No upstream issue was found. This view answers such a spec
as Wagtail answers any other invalid one, with a 400, and hands every other
request to Wagtail's view.
"""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.image_operations import FillOperation, MinMaxOperation, WidthHeightOperation
from wagtail.images.models import Filter
from wagtail.images.views import images


def zero_sizes(filter_spec):
    try:
        operations = Filter(spec=filter_spec).operations
    except InvalidFilterSpecError:
        return False  # Wagtail's view refuses it itself
    for operation in operations:
        if isinstance(operation, (FillOperation, MinMaxOperation)):
            if 0 in (operation.width, operation.height):
                return True
        elif isinstance(operation, WidthHeightOperation) and operation.size == 0:
            return True
    return False


def preview(request, image_id, filter_spec):
    if zero_sizes(filter_spec):
        return HttpResponseBadRequest(
            _("Invalid filter spec: %(spec)s. Width and height must be at least 1 pixel.")
            % {"spec": filter_spec},
            content_type="text/plain; charset=utf-8",
        )
    return images.preview(request, image_id, filter_spec)
