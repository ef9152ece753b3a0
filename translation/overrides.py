"""Overrides in the translation editor: checked before they are stored, and at publishing.

A synchronised value (an image, a document, a page link, an e-mail or web
address, a video, a link in rich text) may be overridden in a translation.
wagtail-localize stores whatever a PUT to its override view carries, and reads
it back unchecked whenever the translation is saved: an image id that does not
exist was accepted with 201, and every later publish, sync or preview of that
translation answered 500 (``Image.DoesNotExist``) until the override was
deleted. A ``javascript:`` link in rich text would have been published as it
was, where the rich text editor drops it.

``validate_override`` checks a value as the editor's own field would, and
``validated`` puts it in front of the view: a bad value is answered with 400
and a message in the admin language, and nothing is stored. Overrides stored
before, or whose image was deleted since, are found by ``flag_broken_overrides``
and marked with wagtail-localize's own error flag before the translation is
published, synced or previewed: the translation editor then shows the error at
the field, saving the translation uses the original's value instead (as
wagtail-localize does with values that failed validation), and the editor is
told which fields. A value chosen again clears the mark.
"""

import json
import re
from functools import wraps
from io import BytesIO

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.db import models
from django.http import JsonResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.documents.models import AbstractDocument
from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page, TranslatableMixin
from wagtail.permissions import policy_registry
from wagtail.whitelist import check_url
from wagtail_localize.models import OverridableSegment, SegmentOverride, Translation

# A link inside rich text: the content path ends in the quoted href
# (wagtail_localize.segments.extract.quote_path_component).
HREF_IN_PATH = re.compile(r"(?:^|\.)'(?:[^'\\]|\\.)*'$")
DIGITS = re.compile(r"[0-9]{1,18}")


def _target(source_instance, segment):
    """The model field or block the override replaces: ("href" | "field" | "block", what)."""
    if HREF_IN_PATH.search(segment.context.path):
        return "href", None
    names = segment.context.get_field_path(source_instance).split(".")
    model = type(source_instance)
    field = model._meta.get_field(names[0])
    while (
        isinstance(field, models.ManyToOneRel)
        and isinstance(field.remote_field, ParentalKey)
        and issubclass(field.related_model, TranslatableMixin)
        and len(names) > 1
    ):
        names = names[1:]
        field = field.related_model._meta.get_field(names[0])
    if not isinstance(field, StreamField):
        return "field", field
    block = field.stream_block
    for name in names[1:]:
        if isinstance(block, blocks.ListBlock):
            block = block.child_block
        else:
            block = block.child_blocks[name]
    return "block", block


def _refuse_id(model):
    if issubclass(model, AbstractImage):
        message = _("There is no image with this number that you may choose.")
    elif issubclass(model, AbstractDocument):
        message = _("There is no document with this number that you may choose.")
    elif issubclass(model, Page):
        message = _("There is no page of a suitable type with this number.")
    else:
        message = _("There is no %(kind)s with this number.") % {"kind": model._meta.verbose_name}
    return ValidationError(message, code="invalid_choice")


def _check_chosen(value, model, queryset, user):
    """An id must name an object of ``model`` in ``queryset`` that ``user`` may choose."""
    if not isinstance(value, str | int) or not DIGITS.fullmatch(str(value)):
        raise _refuse_id(model)
    if user is not None and issubclass(model, AbstractImage | AbstractDocument):
        policy = policy_registry.get_by_type(model)
        queryset = queryset & policy.instances_user_has_any_permission_for(user, ["choose"])
    if not queryset.filter(pk=value).exists():
        raise _refuse_id(model)


def _check_field(field, value, user):
    if isinstance(field, models.ForeignKey):
        model = field.related_model
        queryset = model._default_manager.complex_filter(field.get_limit_choices_to())
        _check_chosen(value, model, queryset, user)
    elif isinstance(field, models.CharField | models.TextField):
        if not isinstance(value, str):
            raise ValidationError(_("Enter a text."), code="invalid")
        field.clean(value, None)
    else:
        raise _not_overridable()


def _check_block(block, value, user):
    if isinstance(block, EmbedBlock):
        if user is None:
            # A stored value: its video is fetched when shown, and a video gone
            # since leaves the page without it; asking the provider on every
            # publish would mark good values when it cannot be reached.
            block.field.clean(value)
        else:
            # Wagtail's own check, with its message: the finders must know the URL.
            block.clean(EmbedValue(value if isinstance(value, str) else ""))
    elif isinstance(block, blocks.PageChooserBlock):
        _check_chosen(value, Page, Page.objects.type(*block.target_models), user)
    elif isinstance(block, blocks.ChooserBlock):
        model = block.target_model
        _check_chosen(value, model, model._default_manager.all(), user)
    elif isinstance(block, blocks.FieldBlock) and not isinstance(
        block, blocks.ChoiceBlock | blocks.RichTextBlock
    ):
        if not isinstance(value, str):
            raise ValidationError(_("Enter a text."), code="invalid")
        block.clean(value)
    else:
        raise _not_overridable()


def _check_href(value):
    if not isinstance(value, str) or not value.strip() or check_url(value) is None:
        raise ValidationError(
            _(
                "Enter a link that starts with http://, https://, mailto: or tel:, or a path "
                "on this site."
            ),
            code="invalid",
        )


def _not_overridable():
    return ValidationError(
        _("This value cannot be changed in a translation."), code="not_overridable"
    )


def validate_override(segment, source_instance, value, user=None):
    """Raise ``ValidationError`` unless ``value`` may replace ``segment`` in a translation.

    With ``user``, a value that user is choosing: images and documents must be
    ones the user may choose, as in Wagtail's choosers, and a video's URL must
    be known to the embed finders, as in the page editor. Without, a value
    stored earlier: what it names must exist and its form must be right.
    """
    try:
        kind, target = _target(source_instance, segment)
    except (FieldDoesNotExist, KeyError, ObjectDoesNotExist):
        raise _not_overridable() from None
    if kind == "href":
        _check_href(value)
    elif kind == "field":
        _check_field(target, value, user)
    else:
        _check_block(target, value, user)


def _first_message(error):
    return error.messages[0] if error.messages else str(error)


def _posted_value(request):
    """The ``value`` of a PUT, sent as a form (the editor sends multipart form data)."""
    if request.content_type == "multipart/form-data":
        data, _files = request.parse_file_upload(request.META, BytesIO(request.body))
    elif request.content_type == "application/x-www-form-urlencoded":
        data = QueryDict(request.body, encoding=request.encoding)
    else:
        return None
    return data.get("value")


def validated(view):
    """Put ``validate_override`` in front of wagtail-localize's ``edit_override`` view.

    Goes inside ``for_target_writers``: only the team writing the translation gets here.
    """

    @wraps(view)
    def checked(request, translation_id, overridable_segment_id, *args, **kwargs):
        if request.method == "PUT":
            translation = get_object_or_404(Translation, id=translation_id)
            segment = get_object_or_404(
                OverridableSegment.objects.select_related("context"), id=overridable_segment_id
            )
            value = _posted_value(request)
            if value is None:
                return JsonResponse({"error": _("No value was sent.")}, status=400)
            if segment.context.object_id == translation.source.object_id:
                try:
                    validate_override(
                        segment, translation.source.as_instance(), value, request.user
                    )
                except ValidationError as error:
                    return JsonResponse({"error": _first_message(error)}, status=400)
            response = view(request, translation_id, overridable_segment_id, *args, **kwargs)
            if response.status_code in (200, 201):
                # Upstream keeps an earlier error mark on the override it updates,
                # which would leave the new, checked value out of every publish.
                SegmentOverride.objects.filter(
                    locale_id=translation.target_locale_id, context_id=segment.context_id
                ).update(has_error=False, field_error="")
            return response
        return view(request, translation_id, overridable_segment_id, *args, **kwargs)

    return checked


def flag_broken_overrides(translation):
    """Mark the translation's stored overrides that no longer fit; return all that are marked.

    wagtail-localize leaves overrides marked ``has_error`` out whenever it saves
    a translation (so the original's value is used), and its editor shows their
    ``field_error``. Returns ``(segment, message)`` pairs.
    """
    source = translation.source
    segments = {
        segment.context_id: segment
        for segment in source.overridablesegment_set.select_related("context")
    }
    overrides = SegmentOverride.objects.filter(
        locale_id=translation.target_locale_id, context_id__in=segments
    )
    broken = []
    source_instance = None
    for override in overrides:
        segment = segments[override.context_id]
        if override.has_error:
            broken.append((segment, override.field_error))
            continue
        if source_instance is None:
            source_instance = source.as_instance()
        try:
            validate_override(segment, source_instance, json.loads(override.data_json))
        except ValueError:
            message = _("This value cannot be read.")
        except ValidationError as error:
            message = _first_message(error)
        else:
            continue
        override.has_error = True
        override.field_error = message
        override.save(update_fields=["has_error", "field_error"])
        broken.append((segment, message))
    return broken


def field_label(source_instance, segment):
    """The field's name as the editor knows it ("Teaser image"), for messages."""
    name = segment.context.get_field_path(source_instance).split(".")[0]
    try:
        return capfirst(type(source_instance)._meta.get_field(name).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return name


def broken_message(translation, broken):
    source_instance = translation.source.as_instance()
    fields = ", ".join(
        sorted({str(field_label(source_instance, segment)) for segment, _m in broken})
    )
    return _(
        "Some values chosen in the translation “%(object)s” no longer fit (%(fields)s): "
        "they are marked in the translation editor, and the translation uses the "
        "original's values there until you choose others."
    ) % {"object": str(translation.source.object_repr), "fields": fields}


def leave_out_broken_overrides(request, instance):
    """``before_edit_page`` / ``before_edit_snippet``: check overrides before the editor publishes.

    Those that no longer fit are marked, so the publish that follows uses the
    original's values there, and the editor is told which fields.
    """
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if not isinstance(instance, TranslatableMixin):
        return None
    translation = Translation.objects.filter(
        source__object_id=instance.translation_key,
        target_locale_id=instance.locale_id,
        enabled=True,
    ).first()
    if translation is not None:
        broken = flag_broken_overrides(translation)
        if broken:
            messages.warning(request, broken_message(translation, broken))
    return None


def flagging_broken_overrides(view):
    """For views that save or preview a translation given by ``translation_id``."""

    @wraps(view)
    def flagged(request, translation_id, *args, **kwargs):
        translation = Translation.objects.filter(id=translation_id).first()
        if translation is not None:
            flag_broken_overrides(translation)
        return view(request, translation_id, *args, **kwargs)

    return flagged
