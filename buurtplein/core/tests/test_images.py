"""The photo pipeline keeps its memory bounded (``core.images``; the figures are in
bench/RESULTS.md, measured with bench/upload_memory.py): a picture that would decode to
hundreds of megabytes is refused with a clear message, a big camera JPEG is decoded at a
reduced size and still works."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope
from PIL import Image, ImageDraw

from buurtplein.core.images import PHOTO_SIZES, process_image, validate_image
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.square.models import Post


def drawing(fmt: str, size: tuple[int, int], **save) -> bytes:
    """A flat drawing: many pixels, few bytes (a 7200 × 5500 PNG is some 130 KB)."""
    image = Image.new("RGB", size, (220, 230, 240))
    ImageDraw.Draw(image).rectangle((10, 10, size[0] // 3, size[1] // 3), fill=(30, 90, 160))
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=f"image/{name.rsplit('.', 1)[1]}")


def test_a_huge_png_gets_a_clear_message_and_the_post_keeps_its_text(client, db):
    nb = NeighbourhoodFactory(slug="oost")
    resident = member(nb)
    client.force_login(resident)
    png = drawing("PNG", (7200, 5500), optimize=True)
    assert len(png) < 1_000_000  # small to send, 120 MB once decoded
    response = client.post(
        "/b/oost/posts/new/",
        {
            "category": "tip",
            "text": "Plattegrond van de buurtmarkt",
            "visibility": "members",
            "photos": [upload(png, "kaart.png")],
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "te veel pixels voor een PNG-, GIF- of WebP-bestand" in page
    assert "Sla de afbeelding op als JPG-foto" in page
    assert "Plattegrond van de buurtmarkt" in page
    with scope(neighbourhood=nb):
        assert not Post.objects.exists()


def test_the_same_pixels_as_a_jpeg_are_accepted_and_reduced():
    """A camera-sized JPEG (7200 × 5500, under BUURTPLEIN_MAX_IMAGE_PIXELS) works: decoded at
    a reduced size, stored no larger than the variants."""
    photo = upload(drawing("JPEG", (7200, 5500), quality=80), "camera.jpg")
    validate_image(photo)
    variants = process_image(photo)
    assert (variants["large"].width, variants["large"].height) == (1600, 1222)
    for name, longest in PHOTO_SIZES.items():
        stored = Image.open(io.BytesIO(variants[name].file.read()))
        assert max(stored.size) == longest and stored.format == "JPEG"


def test_the_lower_limit_is_for_formats_decoded_at_full_size(settings):
    settings.BUURTPLEIN_MAX_LOSSLESS_PIXELS = 1_000_000
    size = (1500, 1000)  # 1.5 megapixels
    for fmt, name in (("PNG", "a.png"), ("GIF", "a.gif"), ("WEBP", "a.webp")):
        with pytest.raises(ValidationError) as refused:
            validate_image(upload(drawing(fmt, size), name))
        assert refused.value.code == "too_many_pixels", fmt
    variants = process_image(upload(drawing("JPEG", size), "a.jpg"))
    assert variants["large"].width == 1500


def test_a_big_jpeg_above_the_limit_is_refused(settings):
    settings.BUURTPLEIN_MAX_IMAGE_PIXELS = 1_000_000
    with pytest.raises(ValidationError) as refused:
        validate_image(upload(drawing("JPEG", (1500, 1000)), "a.jpg"))
    assert refused.value.code == "too_many_pixels"


def test_a_photo_taken_sideways_is_stored_upright_from_the_reduced_decode():
    image = Image.new("RGB", (4000, 3000), (10, 20, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: show rotated by 90°
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    variants = process_image(upload(out.getvalue(), "zij.jpg"))
    assert (variants["large"].width, variants["large"].height) == (1200, 1600)
    stored = Image.open(io.BytesIO(variants["large"].file.read()))
    assert not stored.getexif()


def test_a_truncated_jpeg_is_refused_on_the_form():
    data = drawing("JPEG", (2000, 1500))
    with pytest.raises(ValidationError) as refused:
        validate_image(upload(data[: len(data) // 2], "half.jpg"))
    assert refused.value.code == "not_an_image"


def test_a_truncated_jpeg_is_refused_also_after_the_pdf_library_was_loaded():
    """WeasyPrint (a report's PDF) lets Pillow accept cut-off files in the whole process."""
    import weasyprint  # noqa: F401

    data = drawing("JPEG", (2000, 1500))
    with pytest.raises(ValidationError) as refused:
        validate_image(upload(data[: len(data) // 2], "half.jpg"))
    assert refused.value.code == "not_an_image"


def test_the_upload_can_be_read_again_after_checking_and_processing():
    photo = upload(drawing("PNG", (900, 600)), "a.png")
    validate_image(photo)
    process_image(photo)
    assert photo.read(8) == b"\x89PNG\r\n\x1a\n"
