"""The one photo pipeline: every uploaded image goes through :func:`process_image`.

* Only real images are accepted, decided by content (Pillow decodes them), never by file name.
* Decompression bombs are refused, as are oversized files, with a clear message (a
  ``ValidationError``, shown on the form with everything typed).
* The image is re-encoded from pixels: EXIF (GPS included), XMP, ICC comments and every other
  bit of metadata are gone. Orientation from EXIF is applied first, so photos stay upright.
* Sized variants are produced (JPEG, or PNG for images with transparency).

Memory is bounded per photo and per process (docs/operations.md, bench/upload_memory.py):

* A JPEG is decoded at a reduced size (Pillow's ``draft``: 1/2, 1/4 or 1/8 while decoding,
  never below the largest variant), so a 40-megapixel photo costs about what 2 megapixels do.
  Its limit is ``BUURTPLEIN_MAX_IMAGE_PIXELS``.
* PNG, GIF, WebP and BMP can only be decoded at full size: their limit is the lower
  ``BUURTPLEIN_MAX_LOSSLESS_PIXELS`` (a flat drawing of 7200 × 5500 pixels is a 130 KB PNG that
  decodes to 120 MB).
* The decoded image is shrunk to the largest variant in place at once; everything after works
  on that. Photos are processed one at a time and closed before the next, and a process decodes
  at most ``BUURTPLEIN_IMAGE_DECODES_AT_ONCE`` photos at the same time (its threads wait).
"""

from __future__ import annotations

import io
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO", "BMP"}
DRAFT_FORMATS = {"JPEG", "MPO"}
"""Formats Pillow can decode at a reduced size (``Image.draft``)."""

# Variant name → longest side in pixels.
PHOTO_SIZES = {"large": 1600, "medium": 800, "thumb": 320}

MAX_PHOTOS = 6
"""Photos per post or offer."""

VALIDATE_SIZE = 256
"""Longest side a JPEG is decoded at to check it (the whole file is read, at 1/8)."""


@dataclass
class Variant:
    file: ContentFile
    width: int
    height: int


_decoding: threading.BoundedSemaphore | None = None
_decoding_lock = threading.Lock()


@contextmanager
def _decode_slot():
    """At most ``BUURTPLEIN_IMAGE_DECODES_AT_ONCE`` photos are decoded at once per process."""
    global _decoding
    with _decoding_lock:
        if _decoding is None:
            _decoding = threading.BoundedSemaphore(settings.BUURTPLEIN_IMAGE_DECODES_AT_ONCE)
    with _decoding:
        yield


def _free(image: Image.Image) -> None:
    """Let go of the pixels now. ``Image.Image.close``, not the file image's own ``close``,
    which would also close the upload's file (Django owns it and may read it again)."""
    Image.Image.close(image)


def _too_many_pixels(lossless: bool) -> ValidationError:
    if lossless:
        return ValidationError(
            _(
                "This picture has too many pixels for a PNG, GIF or WebP file. Save it as a JPG "
                "photo, or choose a smaller picture."
            ),
            code="too_many_pixels",
        )
    return ValidationError(
        _("This photo has too many pixels. Choose a smaller photo."), code="too_many_pixels"
    )


def _not_an_image() -> ValidationError:
    return ValidationError(
        _("This file is not a photo we can use. Choose a JPG, PNG or WebP photo."),
        code="not_an_image",
    )


def _open(upload, longest: int) -> Image.Image:
    """The upload decoded, its longest side at most ``longest`` (and no smaller than needed for
    that), upright. Raises ``ValidationError`` with a clear message for anything unusable. The
    caller frees the image (:func:`_free`)."""
    size = getattr(upload, "size", None)
    if size is not None and size > settings.BUURTPLEIN_MAX_UPLOAD_BYTES:
        limit = settings.BUURTPLEIN_MAX_UPLOAD_BYTES // (1024 * 1024)
        raise ValidationError(
            _("This photo is too big. Choose one smaller than %(limit)s MB.") % {"limit": limit},
            code="too_big",
        )
    # Pillow's own guard (a warning above, an error at twice this), for what the checks
    # below do not see.
    Image.MAX_IMAGE_PIXELS = settings.BUURTPLEIN_MAX_IMAGE_PIXELS
    # A broken (cut-off) file is refused: WeasyPrint, once imported for a report's PDF, turns
    # Pillow's LOAD_TRUNCATED_IMAGES on for the whole process.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    image = None
    try:
        upload.seek(0)
        image = Image.open(upload)
        if image.format not in ACCEPTED_FORMATS:
            raise ValidationError(
                _("This file is not a photo we can use. Choose a JPG, PNG or WebP photo."),
                code="format",
            )
        lossless = image.format not in DRAFT_FORMATS
        limit = settings.BUURTPLEIN_MAX_IMAGE_PIXELS
        if lossless:
            limit = min(limit, settings.BUURTPLEIN_MAX_LOSSLESS_PIXELS)
        if image.width * image.height > limit:
            raise _too_many_pixels(lossless)
        if getattr(image, "n_frames", 1) > 1:
            image.seek(0)
        if not lossless:
            # Decode at 1/2, 1/4 or 1/8 while the longest side stays >= ``longest``.
            scale = max(image.width, image.height) / longest
            if scale > 1:
                image.draft(None, (int(image.width / scale), int(image.height / scale)))
        image.load()
        if image.mode in ("1", "P") and max(image.size) > longest:
            # Palette pixels only shrink by picking (no smoothing): to colours first.
            has_alpha = image.mode == "P" and "transparency" in image.info
            converted = image.convert("RGBA" if has_alpha else "RGB")
            _free(image)
            image = converted
        # Shrink at once (in place; the full-size pixels are freed), then turn upright.
        image.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        ImageOps.exif_transpose(image, in_place=True)
    except ValidationError:
        if image is not None:
            _free(image)
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        if image is not None:
            _free(image)
        raise _too_many_pixels(lossless=False) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        if image is not None:
            _free(image)
        raise _not_an_image() from None
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
    """Raise ``ValidationError`` with a clear message unless ``upload`` is a usable photo.

    The whole file is decoded (a broken file is refused here, on the form), a JPEG at a small
    size; the pixels are let go at once."""
    with _decode_slot():
        _free(_open(upload, VALIDATE_SIZE))
    upload.seek(0)


def process_image(upload, sizes: dict[str, int] | None = None) -> dict[str, Variant]:
    """Decode, strip and re-encode ``upload`` into the requested variants."""
    sizes = sizes or PHOTO_SIZES
    with _decode_slot():
        image = _open(upload, max(sizes.values()))
        try:
            clean, fmt = _clean_pixels(image)
        finally:
            _free(image)
        del image
    stem = uuid.uuid4().hex
    ext = "jpg" if fmt == "JPEG" else "png"
    variants = {}
    for name, longest in sorted(sizes.items(), key=lambda item: -item[1]):
        clean.thumbnail((longest, longest), Image.Resampling.LANCZOS)  # each from the last
        variants[name] = Variant(
            file=ContentFile(_encode(clean, fmt), name=f"{stem}-{name}.{ext}"),
            width=clean.width,
            height=clean.height,
        )
    _free(clean)
    upload.seek(0)
    return {name: variants[name] for name in sizes}


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
