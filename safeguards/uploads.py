"""Upload forms for images and documents, a little stricter than Wagtail's own.

Wagtail already checks an image's extension, file size and pixel count, and a
document's extension and file size (the settings in ``twinsite/settings/base.py``).
These forms, set as ``WAGTAILIMAGES_IMAGE_FORM_BASE`` and
``WAGTAILDOCS_DOCUMENT_FORM_BASE``, close what is left open:

- Wagtail decodes the whole image to learn its size, so a 100-megapixel picture
  costs hundreds of megabytes before it is refused, and a truncated JPEG ends in
  a server error. Here the pixel count is read from the header first, and an
  image that does not decode completely is refused with a message.
- A file that is a real image and also carries HTML or script (a polyglot) is
  refused: renditions re-encode what visitors see, but the original stays in
  the media storage, and a server or browser that guesses content types could
  run it.
- A document must be what its extension says (a PDF starts with ``%PDF-``, an
  Office file is a ZIP archive), so an HTML page renamed ``.pdf`` is refused.

Every refusal is a form error in the editor's admin language, and nothing is
stored: Django writes the file only when a valid form is saved.
"""

import re
import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

CHUNK_SIZE = 1024 * 1024
# Markup a browser would act on if it took the file for HTML or SVG.
MARKUP = re.compile(
    rb"<\s*(?:script|html|body|iframe|object|embed|svg|!doctype\s+html)\b|javascript:",
    re.IGNORECASE,
)
MARKUP_OVERLAP = 64  # longest match a chunk boundary could cut in two

# What the first bytes of each allowed document type look like.
ZIP = (b"PK\x03\x04",)
DOCUMENT_SIGNATURES = {
    "pdf": None,  # checked below: "%PDF-" anywhere in the first kilobyte
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "odp": ZIP,
    "rtf": (b"{\\rtf",),
}
TEXT_EXTENSIONS = {"txt", "csv"}
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _contains_markup(upload):
    """Search the whole file in chunks; the overlap catches a match across two chunks."""
    upload.seek(0)
    tail = b""
    try:
        while chunk := upload.read(CHUNK_SIZE):
            if MARKUP.search(tail + chunk):
                return True
            tail = chunk[-MARKUP_OVERLAP:]
        return False
    finally:
        upload.seek(0)


def _header_size(upload):
    """Width and height from the image header alone, or None if Pillow cannot tell.

    Pillow reads no pixel data in ``open``; it raises DecompressionBombError
    only for more than twice its own limit, which is far above ours.
    """
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(upload) as image:
                return image.size
    except PILImage.DecompressionBombError:
        raise
    except Exception:  # noqa: BLE001 - not an image Pillow knows; Wagtail says so below
        return None
    finally:
        upload.seek(0)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, with cheap checks first and decoding errors as messages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["damaged_image"] = _(
            "This image is incomplete or damaged and cannot be read. Save it again in an "
            "image program and upload the new file."
        )
        self.error_messages["image_with_markup"] = _(
            "This image contains HTML or script code and cannot be uploaded. Save it again "
            "in an image program and upload the new file."
        )

    def to_python(self, data):
        if data and hasattr(data, "read"):
            self.check_header_pixels(data)
        try:
            upload = super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - Pillow raises many kinds for broken data
            raise ValidationError(
                self.error_messages["damaged_image"], code="damaged_image"
            ) from error
        # Only a real image gets this far, so the message says what is wrong with it.
        if upload is not None and hasattr(upload, "read") and _contains_markup(upload):
            raise ValidationError(
                self.error_messages["image_with_markup"], code="image_with_markup"
            )
        return upload

    def check_header_pixels(self, upload):
        """Refuse too many pixels before anything decodes them (Wagtail decodes first)."""
        if self.max_image_pixels is None:
            return
        try:
            size = _header_size(upload)
        except PILImage.DecompressionBombError:
            pixels = _("unknown number")
        else:
            if size is None or size[0] * size[1] <= self.max_image_pixels:
                return
            pixels = size[0] * size[1]
        raise ValidationError(
            self.error_messages["file_too_many_pixels"]
            % {"num_pixels": pixels, "max_pixels_count": self.max_image_pixels},
            code="file_too_many_pixels",
        )


class ImageForm(BaseImageForm):
    """Wagtail's image form (single and multiple upload) with the checked file field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, CheckedImageField):
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget
            )


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form; the file's content must match its extension."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "read") or "file" not in self.changed_data:
            return upload
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        upload.seek(0)
        head = upload.read(1024)
        upload.seek(0)
        if not _looks_like(extension, head):
            raise ValidationError(
                _(
                    "This file is not a real .%(extension)s file: its content does not match "
                    "its name."
                ),
                code="content_does_not_match_extension",
                params={"extension": extension},
            )
        return upload


def _looks_like(extension, head):
    """Whether the first kilobyte fits the extension; unknown extensions are left to Wagtail."""
    if extension == "pdf":
        return b"%PDF-" in head
    if extension in TEXT_EXTENSIONS:
        return head.startswith(UTF16_BOMS) or b"\x00" not in head
    signatures = DOCUMENT_SIGNATURES.get(extension)
    if signatures is None:
        return True
    return head.startswith(signatures)
