"""Demo images, drawn with Pillow when load_demo runs: nothing is downloaded."""

import io
import random
import unicodedata

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from demo.collections import SHARED
from demo.collections import collection as shared_collection


def _draw(label, colours, seed, size=(1600, 900)):
    width, height = size
    top, bottom, accent = colours
    canvas = PILImage.new("RGB", size, top)
    draw = ImageDraw.Draw(canvas)
    for y in range(height):
        ratio = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * ratio) for a, b in zip(top, bottom, strict=True)),
        )
    rng = random.Random(seed)
    # A skyline of simple houses and a church tower, different for every seed.
    x = 0
    base = int(height * 0.78)
    while x < width:
        w = rng.randint(90, 200)
        h = rng.randint(120, 300)
        shade = tuple(max(0, c - rng.randint(20, 60)) for c in bottom)
        draw.rectangle([x, base - h, x + w, height], fill=shade)
        draw.polygon(
            [(x, base - h), (x + w // 2, base - h - w // 2), (x + w, base - h)], fill=accent
        )
        for wy in range(base - h + 30, base - 20, 50):
            for wx in range(x + 18, x + w - 30, 44):
                draw.rectangle([wx, wy, wx + 18, wy + 24], fill=(250, 236, 180))
        x += w + rng.randint(10, 40)
    draw.ellipse([width - 330, 80, width - 190, 220], fill=(255, 226, 140))
    font, label = _font(label, size=int(height * 0.075))
    draw.rectangle([0, 40, width, 40 + int(height * 0.13)], fill=(20, 28, 45))
    draw.text((60, 52), label, fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=82)
    return buffer


def _font(label, size):
    """DejaVu where the system has it; else Pillow's own font, which lacks accents."""
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size), label
    except OSError:
        ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
        return ImageFont.load_default(size=size), ascii_label


def demo_image(title, *, label, colours, seed, collection=None):
    """Return the image called ``title``, drawing it on the first run."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = _draw(label, colours, seed)
    filename = f"{seed}.jpg"
    image = Image(
        title=title,
        file=ImageFile(buffer, name=filename),
        collection=collection or shared_collection(SHARED),
    )
    image.save()
    return image
