"""The one photo pipeline: every uploaded image goes through :func:`process_image`.

* Only real images are accepted, decided by content (Pillow decodes them), never by file name.
* Decompression bombs are refused (``BUURTPLEIN_MAX_IMAGE_PIXELS``) as are oversized files.
* The image is re-encoded from pixels: EXIF (GPS included), XMP, ICC comments and every other
  bit of metadata are gone. Orientation from EXIF is applied first, so photos stay upright.
* Sized variants are produced (JPEG, or PNG for images with transparency).
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO", "BMP"}

# Variant name → longest side in pixels.
PHOTO_SIZES = {"large": 1600, "medium": 800, "thumb": 320}

MAX_PHOTOS = 6
"""Photos per post or offer."""


@dataclass
class Variant:
    file: ContentFile
    width: int
    height: int


def _open(upload) -> Image.Image:
    size = getattr(upload, "size", None)
    if size is not None and size > settings.BUURTPLEIN_MAX_UPLOAD_BYTES:
        limit = settings.BUURTPLEIN_MAX_UPLOAD_BYTES // (1024 * 1024)
        raise ValidationError(
            _("This photo is too big. Choose one smaller than %(limit)s MB.") % {"limit": limit},
            code="too_big",
        )
    Image.MAX_IMAGE_PIXELS = settings.BUURTPLEIN_MAX_IMAGE_PIXELS
    try:
        upload.seek(0)
        image = Image.open(upload)
        if image.format not in ACCEPTED_FORMATS:
            raise ValidationError(
                _("This file is not a photo we can use. Choose a JPG, PNG or WebP photo."),
                code="format",
            )
        if image.width * image.height > settings.BUURTPLEIN_MAX_IMAGE_PIXELS:
            raise Image.DecompressionBombError("too many pixels")
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("This photo has too many pixels. Choose a smaller photo."), code="too_many_pixels"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("This file is not a photo we can use. Choose a JPG, PNG or WebP photo."),
            code="not_an_image",
        ) from None
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)
    image = ImageOps.exif_transpose(image)
    return image


def _clean_pixels(image: Image.Image) -> tuple[Image.Image, str]:
    """Pixels only, in a mode we can save: no metadata survives this."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    mode = "RGBA" if has_alpha else "RGB"
    pixels = image.convert(mode)
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)
    return clean, ("PNG" if has_alpha else "JPEG")


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def validate_image(upload) -> None:
    """Raise ``ValidationError`` with a clear message unless ``upload`` is a usable photo."""
    _open(upload)
    upload.seek(0)


def process_image(upload, sizes: dict[str, int] | None = None) -> dict[str, Variant]:
    """Decode, strip and re-encode ``upload`` into the requested variants."""
    image = _open(upload)
    clean, fmt = _clean_pixels(image)
    stem = uuid.uuid4().hex
    ext = "jpg" if fmt == "JPEG" else "png"
    variants = {}
    for name, longest in (sizes or PHOTO_SIZES).items():
        copy = clean.copy()
        copy.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        variants[name] = Variant(
            file=ContentFile(_encode(copy, fmt), name=f"{stem}-{name}.{ext}"),
            width=copy.width,
            height=copy.height,
        )
    return variants


def photo_fields(upload) -> dict:
    """The stored fields of a photo row (``large``, ``medium``, ``thumb``, ``width``,
    ``height``), from one upload through :func:`process_image`: every photo model of the
    platform has these."""
    variants = process_image(upload)
    return {
        "large": variants["large"].file,
        "medium": variants["medium"].file,
        "thumb": variants["thumb"].file,
        "width": variants["large"].width,
        "height": variants["large"].height,
    }
