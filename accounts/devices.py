"""The editor's TOTP device: one per user, unconfirmed until a first code proves the app has it."""

from base64 import b32encode

import qrcode
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathFillImage


def confirmed_device(user):
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user):
    """The device being set up, kept across visits so the QR code already scanned stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)


def secret_for_typing(device):
    """The key in base32, in groups of four, for apps that cannot scan."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device):
    """The otpauth:// address as an inline SVG: no image request, no outside service.

    The fill variant has a white background, so phones read it in the dark theme too.
    """
    image = qrcode.make(device.config_url, image_factory=SvgPathFillImage, box_size=15, border=4)
    return mark_safe(image.to_string(encoding="unicode"))
