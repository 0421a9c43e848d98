from pathlib import Path

from django.conf import settings

from buurtplein.core import icons


def test_the_icon_sprite_is_up_to_date():
    """After changing core/icons.py, run `manage.py write_icons`."""
    path = Path(settings.BASE_DIR) / "static" / icons.SPRITE
    assert path.read_text() == icons.sprite()


def test_icons_refer_to_the_sprite(client, db):
    page = client.get("/").content.decode()
    assert '<use href="/static/buurtplein/icons.svg#search"></use>' in page
    assert client.get("/static/buurtplein/icons.svg").status_code == 200
