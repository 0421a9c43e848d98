import io

import pytest
from PIL import Image

from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Ooij", slug="ooij", pc4="6576")


@pytest.fixture
def other_nb(db):
    return NeighbourhoodFactory(name="Liendert", slug="liendert", pc4="3825")


@pytest.fixture
def anna(nb):
    """Starts the walking club: its first board member."""
    return member(nb, first_name="Anna", last_name="de Vries", email="anna@example.nl")


@pytest.fixture
def bram(nb):
    return member(nb, first_name="Bram", last_name="Jansen", email="bram@example.nl")


@pytest.fixture
def carla(nb):
    return member(nb, first_name="Carla", last_name="Smit", email="carla@example.nl")


@pytest.fixture
def connector(nb):
    return member(nb, role=Role.CONNECTOR, first_name="Karim", last_name="Amrani")


def jpeg_bytes(size=(800, 600)) -> bytes:
    """A photo as a phone makes it: with the camera make and a GPS position in its EXIF."""
    image = Image.new("RGB", size, (40, 120, 80))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 50.0, 24.0), 3: "E", 4: (5.0, 52.0, 12.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()
